// The SQL of payment lists and their lines (repository.h, "payments").
#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "benefits/repository.h"
#include "store/sql.h"

namespace socius::benefits {

using core::Result;
using core::Status;
using store::Row;
using store::Value;

namespace {

constexpr char kSep = '\x1f';
// Lines per INSERT: 11 parameters each, far below both backends' limits.
constexpr size_t kBatch = 400;

ProgrammeRef ProgrammeAt(const Row& row, size_t i) {
  return {row.Text(i), row.Text(i + 1),
          ParseProgrammeKind(row.Text(i + 2)).value_or(ProgrammeKind::kOther),
          ParseCurrency(row.Text(i + 3)).value_or(Currency::kEur)};
}

core::Month MonthAt(const Row& row, size_t i) {
  return core::ParseMonth(row.Text(i)).value_or(core::Month{1970, 1});
}

constexpr std::string_view kLineColumns =
    "SELECT l.id, l.list_id, pl.number, l.programme_id, pr.name, pr.kind, pr.currency, "
    "l.period, l.household_id, c.code, c.name, c.path, l.decision_id, l.payee_id, "
    "p.family_name || ' ' || p.given_name, "
    "(SELECT MIN(i.scheme || ' ' || i.value) FROM person_identifiers i "
    "WHERE i.person_id = l.payee_id), "
    "l.reference, l.amount_minor, l.state, l.settled_on, l.bank_note "
    "FROM payment_lines l JOIN payment_lists pl ON pl.id = l.list_id "
    "JOIN programmes pr ON pr.id = l.programme_id JOIN territories c ON c.id = l.community_id "
    "JOIN persons p ON p.id = l.payee_id ";

PaymentLine LineFromRow(const Row& row) {
  PaymentLine l;
  l.id = row.Text(0);
  l.list_id = row.Text(1);
  l.list_number = row.Text(2);
  l.programme = ProgrammeAt(row, 3);
  l.period = MonthAt(row, 7);
  l.household_id = row.Text(8);
  l.community_code = row.Text(9);
  l.community_name = row.Text(10);
  l.community_path = row.Text(11);
  l.decision_id = row.Text(12);
  l.payee_id = row.Text(13);
  l.payee_name = row.Text(14);
  l.payee_identifier = row.OptText(15);
  l.reference = row.Text(16);
  l.amount_minor = row.Int(17);
  l.state = ParsePaymentState(row.Text(18)).value_or(PaymentState::kPending);
  if (!row.IsNull(19)) l.settled_on = core::ParseDate(row.Text(19));
  l.bank_note = row.OptText(20);
  return l;
}

constexpr std::string_view kListColumns =
    "SELECT pl.id, pl.version, pl.programme_id, pr.name, pr.kind, pr.currency, t.id, t.code, "
    "t.name, t.path, pl.period, pl.number, pl.created_by, u.display_name, pl.confirmed_at, "
    "pl.created_at, pl.updated_at "
    "FROM payment_lists pl JOIN programmes pr ON pr.id = pl.programme_id "
    "JOIN territories t ON t.id = pl.territory_id JOIN users u ON u.id = pl.created_by ";

PaymentList ListFromRow(const Row& row) {
  PaymentList l;
  l.id = row.Text(0);
  l.version = row.Int(1);
  l.programme = ProgrammeAt(row, 2);
  l.territory = Place{row.Text(6), row.Text(7), row.Text(8), row.Text(9)};
  l.period = MonthAt(row, 10);
  l.number = row.Text(11);
  l.created_by = {row.Text(12), row.Text(13)};
  l.confirmed_at = row.OptText(14);
  l.created_at = row.Text(15);
  l.updated_at = row.Text(16);
  return l;
}

void Add(PaymentTotals& t, PaymentState state, int64_t lines, int64_t minor) {
  t.lines += lines;
  t.total_minor += minor;
  if (state == PaymentState::kPaid) {
    t.paid_lines += lines;
    t.paid_minor += minor;
  } else if (state == PaymentState::kReturned) {
    t.returned_lines += lines;
    t.returned_minor += minor;
  }
}

// The totals of a list's lines in `scope`: the whole and per community.
Status AddTotals(store::Session& tx, PaymentList& list, const std::vector<std::string>& scope) {
  std::vector<Value> params = {list.id};
  const std::string sql =
      "SELECT c.code, c.name, l.state, COUNT(*), SUM(l.amount_minor) FROM payment_lines l "
      "JOIN territories c ON c.id = l.community_id WHERE l.list_id = ? AND " +
      store::ScopeFilter("c.path", scope, params) +
      " GROUP BY c.code, c.name, l.state ORDER BY c.name, c.code";
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    if (list.by_community.empty() || list.by_community.back().community_code != row.Text(0)) {
      list.by_community.push_back(PaymentTotals{row.Text(0), row.Text(1)});
    }
    const PaymentState state = ParsePaymentState(row.Text(2)).value_or(PaymentState::kPending);
    Add(list.by_community.back(), state, row.Int(3), row.Int(4));
    Add(list.totals, state, row.Int(3), row.Int(4));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<PaymentLine>> Payable(store::Session& tx, const std::string& programme_id,
                                         core::Month period, const std::string& territory_path) {
  const std::string m = period.ToString();
  std::vector<Value> params = {programme_id, m, m};
  std::string sql =
      "SELECT d.id, d.household_id, d.community_id, a.applicant_id, d.amount_minor "
      "FROM benefit_decisions d JOIN benefit_applications a ON a.id = d.application_id "
      "JOIN territories c ON c.id = d.community_id "
      "WHERE d.programme_id = ? AND d.outcome = 'approved' AND d.state IN ('active', 'ended') "
      "AND d.period_from <= ? AND d.period_to >= ? AND " +
      store::StartsWith("c.path", territory_path, params) +
      " AND NOT EXISTS (SELECT 1 FROM payment_lines l WHERE l.programme_id = d.programme_id "
      "AND l.household_id = d.household_id AND l.period = ?) ORDER BY c.path, d.household_id";
  params.emplace_back(m);
  std::vector<PaymentLine> lines;
  SOCIUS_RETURN_IF_ERROR(tx.ForEach(sql, params, [&](const Row& row) {
    PaymentLine l;
    l.decision_id = row.Text(0);
    l.household_id = row.Text(1);
    l.community_path = row.Text(2);  // the community's id, until inserted
    l.payee_id = row.Text(3);
    l.amount_minor = row.Int(4);
    l.period = period;
    lines.push_back(std::move(l));
    return true;
  }));
  return lines;
}

Status InsertPaymentList(store::Session& tx, const PaymentList& list,
                         const std::vector<PaymentLine>& lines) {
  SOCIUS_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO payment_lists (id, programme_id, territory_id, period, number, lines, "
              "total_minor, created_by, version, created_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              {list.id, list.programme.id, list.territory.id, list.period.ToString(), list.number,
               list.totals.lines, list.totals.total_minor, list.created_by.id, list.version,
               list.created_at, list.updated_at})
          .status());
  for (size_t start = 0; start < lines.size(); start += kBatch) {
    const size_t end = std::min(lines.size(), start + kBatch);
    std::string sql =
        "INSERT INTO payment_lines (id, list_id, programme_id, period, household_id, "
        "community_id, decision_id, payee_id, reference, amount_minor, state) VALUES ";
    std::vector<Value> params;
    params.reserve((end - start) * 11);
    for (size_t i = start; i < end; ++i) {
      const PaymentLine& l = lines[i];
      sql += i == start ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')"
                        : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')";
      params.insert(params.end(),
                    {l.id, list.id, list.programme.id, list.period.ToString(), l.household_id,
                     l.community_path, l.decision_id, l.payee_id, l.reference, l.amount_minor});
    }
    SOCIUS_RETURN_IF_ERROR(tx.Exec(sql, params).status());
  }
  return Status::Ok();
}

Result<PaymentList> FindPaymentList(store::Session& tx, const std::string& id,
                                    const std::vector<std::string>& scope) {
  Result<store::Rows> rows = tx.Query(std::string(kListColumns) + "WHERE pl.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("payment_list.not_found");
  PaymentList list = ListFromRow((*rows)[0]);
  SOCIUS_RETURN_IF_ERROR(AddTotals(tx, list, scope));
  return list;
}

Result<PaymentListPage> ListPaymentLists(store::Session& tx, const std::vector<std::string>& scope,
                                         const std::optional<std::string>& programme_id,
                                         const std::string& after, int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kListColumns) + "WHERE " + store::ScopeFilter("t.path", scope, params);
  if (programme_id) {
    sql += " AND pl.programme_id = ?";
    params.emplace_back(*programme_id);
  }
  if (!after.empty()) {
    const size_t sep = after.find(kSep);
    if (sep == std::string::npos) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    sql += " AND (pl.created_at < ? OR (pl.created_at = ? AND pl.id < ?))";
    params.insert(params.end(),
                  {after.substr(0, sep), after.substr(0, sep), after.substr(sep + 1)});
  }
  sql += " ORDER BY pl.created_at DESC, pl.id DESC LIMIT " + std::to_string(limit + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  PaymentListPage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next = page.items.back().created_at + kSep + page.items.back().id;
      break;
    }
    page.items.push_back(ListFromRow(row));
  }
  for (PaymentList& list : page.items) SOCIUS_RETURN_IF_ERROR(AddTotals(tx, list, scope));
  return page;
}

Result<PaymentLinePage> ListPaymentLines(store::Session& tx, const std::vector<std::string>& scope,
                                         const PaymentLineFilter& filter, const std::string& after,
                                         int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kLineColumns) + "WHERE " + store::ScopeFilter("c.path", scope, params);
  if (filter.list_id) {
    sql += " AND l.list_id = ?";
    params.emplace_back(*filter.list_id);
  }
  if (filter.household_id) {
    sql += " AND l.household_id = ?";
    params.emplace_back(*filter.household_id);
  }
  if (!after.empty()) {
    const size_t sep = after.find(kSep);
    if (sep == std::string::npos) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    sql += " AND (l.period < ? OR (l.period = ? AND l.reference > ?))";
    params.insert(params.end(),
                  {after.substr(0, sep), after.substr(0, sep), after.substr(sep + 1)});
  }
  // Newest month first (a household's payments), then the list's order of references.
  sql += " ORDER BY l.period DESC, l.reference";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit + 1);
  PaymentLinePage page;
  SOCIUS_RETURN_IF_ERROR(tx.ForEach(sql, params, [&](const Row& row) {
    if (limit > 0 && static_cast<int>(page.items.size()) == limit) {
      page.next = page.items.back().period.ToString() + kSep + page.items.back().reference;
      return false;
    }
    page.items.push_back(LineFromRow(row));
    return true;
  }));
  return page;
}

Status SettleLines(store::Session& tx, const std::string& list_id,
                   const std::vector<BankLine>& file, const std::string& now) {
  // Lines the bank settled alike (the same state, date and note: most of a file) change in
  // one UPDATE per kBatch references; references are unique, so the order does not matter.
  using Settlement = std::tuple<std::string, std::string, std::optional<std::string>>;
  std::map<Settlement, std::vector<const std::string*>> alike;
  for (const BankLine& b : file) {
    Settlement key{std::string(Name(b.state)), b.date ? b.date->ToString() : now.substr(0, 10),
                   b.note};
    alike[std::move(key)].push_back(&b.reference);
  }
  for (const auto& [settlement, references] : alike) {
    for (size_t start = 0; start < references.size(); start += kBatch) {
      const size_t end = std::min(references.size(), start + kBatch);
      std::vector<Value> params = {std::get<0>(settlement), std::get<1>(settlement),
                                   store::OptValue(std::get<2>(settlement)), list_id};
      params.reserve(4 + end - start);
      for (size_t i = start; i < end; ++i) params.emplace_back(*references[i]);
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("UPDATE payment_lines SET state = ?, settled_on = ?, bank_note = ? "
                  "WHERE list_id = ? AND reference IN (" +
                      store::Placeholders(end - start) + ")",
                  params)
              .status());
    }
  }
  return tx
      .Exec(
          "UPDATE payment_lists SET confirmed_at = ?, updated_at = ?, version = version + 1 "
          "WHERE id = ?",
          {now, now, list_id})
      .status();
}

}  // namespace socius::benefits
