#include "benefits/payments.h"

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "benefits/rules.h"
#include "benefits/transact.h"
#include "core/ids.h"
#include "export/csv_writer.h"
#include "export/xlsx_writer.h"

namespace socius::benefits {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

// Six upper-case letters and digits, from a new id: what tells apart two lists of a month on
// paper.
std::string ShortCode() {
  std::string code;
  for (char c : core::NewId()) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) code += c;
    if (c >= 'a' && c <= 'z') code += static_cast<char>(c - 'a' + 'A');
    if (code.size() == 6) break;
  }
  while (code.size() < 6) code += '0';
  return code;
}

std::string Sequence(size_t n) {
  std::string digits = std::to_string(n);
  return std::string(digits.size() < 6 ? 6 - digits.size() : 0, '0') + digits;
}

Result<PaymentList> VisibleList(store::Session& tx, const auth::Principal& who,
                                const std::string& id) {
  if (!core::LooksLikeId(id)) return Status::NotFound("payment_list.not_found");
  const std::vector<std::string> scope = auth::ScopePaths(who, Permission::kBenefitRead);
  Result<PaymentList> list = FindPaymentList(tx, id, scope);
  if (!list.ok()) return list.status();
  if (!auth::Allows(who, Permission::kBenefitRead, list->territory.path)) {
    return Status::NotFound("payment_list.not_found");
  }
  return list;
}

// The column headings of an exported list, in the reader's language.
struct Headings {
  const char* language;
  std::array<const char*, 8> names;
};
constexpr std::array<Headings, 6> kHeadings = {{
    {"en",
     {"Reference", "Payee", "Identifier", "Community", "Amount", "Currency", "Month", "Status"}},
    {"ro",
     {"Referință", "Beneficiar", "Cod de identificare", "Comunitate", "Suma", "Moneda", "Luna",
      "Stare"}},
    {"uk",
     {"Референс", "Отримувач", "Ідентифікатор", "Громада", "Сума", "Валюта", "Місяць", "Стан"}},
    {"ru",
     {"Референс", "Получатель", "Идентификатор", "Община", "Сумма", "Валюта", "Месяц",
      "Состояние"}},
    {"mk",
     {"Референца", "Примач", "Идентификатор", "Заедница", "Износ", "Валута", "Месец", "Статус"}},
    {"lt",
     {"Nuoroda", "Gavėjas", "Identifikatorius", "Bendruomenė", "Suma", "Valiuta", "Mėnuo",
      "Būsena"}},
}};

const std::array<const char*, 8>& HeadingsIn(const std::string& language) {
  for (const Headings& h : kHeadings) {
    if (language == h.language) return h.names;
  }
  return kHeadings[0].names;
}

std::string CsvOf(const PaymentList& list, const std::vector<PaymentLine>& lines,
                  const std::string& language) {
  exporting::CsvWriter csv;
  for (const char* h : HeadingsIn(language)) csv.Text(h);
  csv.EndRow();
  for (const PaymentLine& l : lines) {
    csv.Text(l.reference);
    csv.Text(l.payee_name);
    csv.Text(l.payee_identifier.value_or(""));
    csv.Text(l.community_name);
    csv.Money(l.amount_minor, 2);
    csv.Text(std::string(Name(list.programme.currency)));
    csv.Text(l.period.ToString());
    csv.Text(std::string(Name(l.state)));
    csv.EndRow();
  }
  return std::move(csv).Take();
}

Result<std::string> XlsxOf(const PaymentList& list, const std::vector<PaymentLine>& lines,
                           const std::string& language) {
  const std::array<const char*, 8>& h = HeadingsIn(language);
  exporting::XlsxWorkbook book;
  exporting::XlsxSheet& sheet = book.AddSheet(list.number, {{h[0], 26},
                                                            {h[1], 32},
                                                            {h[2], 24},
                                                            {h[3], 24},
                                                            {h[4], 14},
                                                            {h[5], 10},
                                                            {h[6], 10},
                                                            {h[7], 12}});
  for (const PaymentLine& l : lines) {
    sheet.AddRow({l.reference, l.payee_name, l.payee_identifier.value_or(""), l.community_name,
                  exporting::XlsxMoney{l.amount_minor, 2},
                  std::string(Name(list.programme.currency)), l.period.ToString(),
                  std::string(Name(l.state))});
  }
  return book.Build();
}

}  // namespace

Result<PaymentList> Payments::Generate(const auth::Principal& who, const std::string& programme_id,
                                       core::Month period,
                                       const std::optional<std::string>& territory_code) {
  PaymentList list;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    if (!core::LooksLikeId(programme_id)) return Status::NotFound("programme.not_found");
    Result<Programme> p = FindProgramme(tx, programme_id);
    const std::vector<std::string> read = auth::ScopePaths(who, Permission::kBenefitRead);
    if (!p.ok() || !Visible(VisibilityOf(read), p->territory.path)) {
      return Status::NotFound("programme.not_found");
    }
    Place place = p->territory;
    // Without a territory named: the programme's when the caller pays all of it, else the
    // first territory of theirs within it (a community's officer pays their community).
    if (!territory_code && !auth::Allows(who, Permission::kBenefitWork, place.path)) {
      for (const std::string& root : auth::ScopePaths(who, Permission::kBenefitWork)) {
        if (!auth::PathCovers(p->territory.path, root)) continue;
        const size_t start = root.rfind('/', root.size() - 2) + 1;
        Result<Place> own = FindPlace(tx, root.substr(start, root.size() - 1 - start));
        if (own.ok()) place = *own;
        break;
      }
    }
    if (territory_code) {
      Result<Place> asked = FindPlace(tx, *territory_code);
      if (!asked.ok() || !auth::PathCovers(p->territory.path, asked->path) ||
          !Visible(VisibilityOf(read), asked->path)) {
        return Status::NotFound("territory.not_found").With("code", *territory_code);
      }
      place = *asked;
    }
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, place.path));
    // A list is paid this month or prepared for the next, never further ahead: a decision
    // ended or suspended before then must not already be listed.
    if (period > AddMonths(core::MonthOf(core::Today()), 1)) {
      return Status::InvalidArgument("payment.future_month", "period");
    }
    Result<std::vector<PaymentLine>> lines = Payable(tx, p->id, period, place.path);
    if (!lines.ok()) return lines.status();
    if (lines->empty()) return Status::Conflict("payment.nothing_to_pay");
    list = PaymentList{};
    list.id = core::NewId();
    list.programme = {p->id, p->name, p->kind, p->currency};
    list.territory = place;
    list.period = period;
    list.number = "PL" + std::to_string(period.year * 100 + period.month) + "-" + ShortCode();
    list.created_by = {who.user_id, who.display_name};
    list.created_at = list.updated_at = core::NowUtc();
    for (size_t i = 0; i < lines->size(); ++i) {
      PaymentLine& l = (*lines)[i];
      l.id = core::NewId();
      l.reference = list.number + "-" + Sequence(i + 1);
      ++list.totals.lines;
      list.totals.total_minor += l.amount_minor;
    }
    Status inserted = InsertPaymentList(tx, list, *lines);
    // Another list of the same month took a household meanwhile: nothing is half written.
    if (inserted.code() == "store.unique_violation") {
      return Status::Conflict("payment.already_listed");
    }
    SOCIUS_RETURN_IF_ERROR(inserted);
    SOCIUS_RETURN_IF_ERROR(
        auth::AppendAudit(tx, &who,
                          {"payment_list.create", "payment_list", list.id, place.id,
                           Json{{"programme_id", p->id},
                                {"period", period.ToString()},
                                {"lines", list.totals.lines},
                                {"total_minor", list.totals.total_minor}}
                               .dump()}));
    Result<PaymentList> stored = FindPaymentList(tx, list.id, read);
    if (!stored.ok()) return stored.status();
    list = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return list;
}

Result<PaymentList> Payments::Get(const auth::Principal& who, const std::string& id) {
  return ReadValue<PaymentList>(db_, [&](store::Session& tx) { return VisibleList(tx, who, id); });
}

Result<PaymentListPage> Payments::List(const auth::Principal& who,
                                       const std::optional<std::string>& programme_id,
                                       const std::string& after, int limit) {
  return ReadValue<PaymentListPage>(db_, [&](store::Session& tx) {
    return ListPaymentLists(tx, auth::ScopePaths(who, Permission::kBenefitRead), programme_id,
                            after, limit);
  });
}

Result<PaymentLinePage> Payments::Lines(const auth::Principal& who, const PaymentLineFilter& filter,
                                        const std::string& after, int limit) {
  PaymentLinePage page;
  const std::vector<std::string> scope = auth::ScopePaths(who, Permission::kBenefitRead);
  auto read = [&](store::Session& tx, std::vector<auth::AuditEvent>& entries) -> Status {
    std::string territory_id;
    if (filter.list_id) {
      Result<PaymentList> list = VisibleList(tx, who, *filter.list_id);
      if (!list.ok()) return list.status();
      territory_id = list->territory.id;
    }
    Result<PaymentLinePage> found = ListPaymentLines(tx, scope, filter, after, limit);
    if (!found.ok()) return found.status();
    page = std::move(*found);
    // A list's lines are an audited read of who is paid; a household's own are not.
    if (!filter.list_id || page.items.empty()) return Status::Ok();
    entries.push_back(
        {"payment_list.read", "payment_list", *filter.list_id, territory_id,
         Json{{"lines", page.items.size()}, {"after", after.empty() ? "" : "cursor"}}.dump()});
    return Status::Ok();
  };
  Status status = auth::AuditedRead(db_, who, read);
  if (!status.ok()) return status;
  return page;
}

Result<ExportFile> Payments::Export(const auth::Principal& who, const std::string& id,
                                    ExportFormat format, const std::string& language) {
  PaymentList list;
  std::vector<PaymentLine> lines;
  // Read, then build the file, then audit: the file leaves only once its export is recorded,
  // and the writer is never held while a large workbook is built.
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<PaymentList> found = VisibleList(tx, who, id);
    if (!found.ok()) return found.status();
    list = std::move(*found);
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, list.territory.path));
    PaymentLineFilter filter;
    filter.list_id = list.id;
    Result<PaymentLinePage> all =
        ListPaymentLines(tx, auth::ScopePaths(who, Permission::kBenefitRead), filter, "", 0);
    if (!all.ok()) return all.status();
    lines = std::move(all->items);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  ExportFile file;
  if (format == ExportFormat::kCsv) {
    file = {list.number + ".csv", "text/csv; charset=utf-8", CsvOf(list, lines, language)};
  } else {
    Result<std::string> bytes = XlsxOf(list, lines, language);
    if (!bytes.ok()) return bytes.status();
    file = {list.number + ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*bytes)};
  }
  status = db_.Write([&](store::Session& tx) -> Status {
    return auth::AppendAudit(
        tx, &who,
        {"payment_list.export", "payment_list", list.id, list.territory.id,
         Json{{"format", format == ExportFormat::kCsv ? "csv" : "xlsx"}, {"lines", lines.size()}}
             .dump()});
  });
  if (!status.ok()) return status;
  return file;
}

Result<Confirmation> Payments::Confirm(const auth::Principal& who, const std::string& id,
                                       std::string_view csv) {
  Result<std::vector<BankLine>> file = ParseBankFile(csv);
  if (!file.ok()) return file.status();
  Confirmation done;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    done = Confirmation{};
    Result<PaymentList> list = VisibleList(tx, who, id);
    if (!list.ok()) return list.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, list->territory.path));
    PaymentLineFilter filter;
    filter.list_id = list->id;
    // Every line of the list, whoever may see it: the bank answers for the whole list.
    Result<PaymentLinePage> lines = ListPaymentLines(tx, {"/"}, filter, "", 0);
    if (!lines.ok()) return lines.status();
    SOCIUS_RETURN_IF_ERROR(CheckConfirmation(*file, lines->items));
    // References are unique in a list: one look-up per line of the file.
    std::unordered_map<std::string_view, PaymentState> state_of;
    state_of.reserve(lines->items.size());
    for (const PaymentLine& l : lines->items) state_of.emplace(l.reference, l.state);
    std::vector<BankLine> changes;
    for (const BankLine& b : *file) {
      auto it = state_of.find(b.reference);
      if (it == state_of.end()) continue;
      if (it->second == b.state) {
        ++done.unchanged;
      } else {
        changes.push_back(b);
        ++(b.state == PaymentState::kPaid ? done.paid : done.returned);
      }
    }
    SOCIUS_RETURN_IF_ERROR(SettleLines(tx, list->id, changes, core::NowUtc()));
    return auth::AppendAudit(
        tx, &who,
        {"payment_list.confirm", "payment_list", list->id, list->territory.id,
         Json{{"paid", done.paid}, {"returned", done.returned}, {"unchanged", done.unchanged}}
             .dump()});
  });
  if (!status.ok()) return status;
  return done;
}

}  // namespace socius::benefits
