#include "benefits/rules.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "cases/model.h"
#include "core/csv.h"

namespace socius::benefits {

using core::Status;

namespace {

constexpr size_t kMaxDocumentName = 200;
constexpr int64_t kMaxYears = 150;
constexpr int64_t kMaxMembers = 100;

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

bool ValidAmount(int64_t minor) { return minor >= 0 && minor <= kMaxAmountMinor; }

Status BadRule(size_t index) {
  return Status::InvalidArgument("programme.invalid_rule", "rules[" + std::to_string(index) + "]");
}

// min and max, when given, lie in [0, limit] and in order; one of them at least.
bool ValidBounds(const Rule& rule, int64_t limit) {
  if (!rule.min && !rule.max) return false;
  if (rule.min && (*rule.min < 0 || *rule.min > limit)) return false;
  if (rule.max && (*rule.max < 0 || *rule.max > limit)) return false;
  return !(rule.min && rule.max && *rule.min > *rule.max);
}

bool InBounds(const Rule& rule, int64_t value) {
  return (!rule.min || value >= *rule.min) && (!rule.max || value <= *rule.max);
}

// Only the parameters of the rule's own kind may be set.
bool OnlyParameters(const Rule& rule, bool bounds, bool under, bool max_minor, bool degree,
                    bool categories) {
  return (bounds || (!rule.min && !rule.max)) && (under || !rule.under) &&
         (max_minor || !rule.max_minor) && (degree || !rule.min_degree) &&
         (categories || rule.categories.empty());
}

int64_t ChildrenUnder(const HouseholdFacts& facts, int64_t under, core::Date on) {
  int64_t n = 0;
  for (const std::optional<core::Date>& birth : facts.birth_dates) {
    if (birth && *birth <= on && AgeOn(*birth, on) < under) ++n;
  }
  return n;
}

RuleOutcome Apply(const Rule& rule, size_t index, const HouseholdFacts& facts, const Eligibility& e,
                  core::Date on) {
  RuleOutcome out;
  out.kind = rule.kind;
  out.index = index;
  switch (rule.kind) {
    case RuleKind::kAge:
      out.value = e.applicant_age;
      out.passed = e.applicant_age && InBounds(rule, *e.applicant_age);
      break;
    case RuleKind::kHouseholdSize:
      out.value = e.members;
      out.passed = InBounds(rule, e.members);
      break;
    case RuleKind::kChildren: {
      const int64_t n = ChildrenUnder(facts, rule.under.value_or(18), on);
      out.value = n;
      out.passed = InBounds(rule, n);
      break;
    }
    case RuleKind::kIncomePerMember:
      out.value = e.income_per_member_minor;
      out.passed = e.income_per_member_minor && rule.max_minor &&
                   *e.income_per_member_minor <= *rule.max_minor;
      break;
    case RuleKind::kDisability:
      if (e.max_disability) out.text_value = std::string(registry::Name(*e.max_disability));
      out.passed = e.max_disability && rule.min_degree && *e.max_disability >= *rule.min_degree;
      break;
    case RuleKind::kCaseCategory:
      for (const std::string& category : e.open_case_categories) {
        if (std::find(rule.categories.begin(), rule.categories.end(), category) !=
            rule.categories.end()) {
          out.values.push_back(category);
        }
      }
      out.passed = !out.values.empty();
      break;
    case RuleKind::kResidenceMonths:
      out.value = e.resident_months;
      out.passed = e.resident_months && rule.min && *e.resident_months >= *rule.min;
      break;
    case RuleKind::kNotPaidThisPeriod:
      out.passed = !e.paid_this_period;
      break;
  }
  return out;
}

}  // namespace

Status CheckRule(const Rule& rule, size_t index) {
  bool ok = false;
  switch (rule.kind) {
    case RuleKind::kAge:
      ok = ValidBounds(rule, kMaxYears) && OnlyParameters(rule, true, false, false, false, false);
      break;
    case RuleKind::kHouseholdSize:
      ok = ValidBounds(rule, kMaxMembers) && OnlyParameters(rule, true, false, false, false, false);
      break;
    case RuleKind::kChildren:
      ok = ValidBounds(rule, kMaxMembers) &&
           (!rule.under || (*rule.under > 0 && *rule.under <= 30)) &&
           OnlyParameters(rule, true, true, false, false, false);
      break;
    case RuleKind::kIncomePerMember:
      ok = rule.max_minor && ValidAmount(*rule.max_minor) &&
           OnlyParameters(rule, false, false, true, false, false);
      break;
    case RuleKind::kDisability:
      ok = rule.min_degree.has_value() && OnlyParameters(rule, false, false, false, true, false);
      break;
    case RuleKind::kCaseCategory: {
      ok = !rule.categories.empty() && OnlyParameters(rule, false, false, false, false, true);
      std::set<std::string> seen;
      for (const std::string& c : rule.categories) {
        ok = ok && cases::ParseCategory(c).has_value() && seen.insert(c).second;
      }
      break;
    }
    case RuleKind::kResidenceMonths:
      ok = rule.min && !rule.max && *rule.min >= 0 && *rule.min <= kMaxYears * 12 &&
           OnlyParameters(rule, true, false, false, false, false);
      break;
    case RuleKind::kNotPaidThisPeriod:
      ok = OnlyParameters(rule, false, false, false, false, false);
      break;
  }
  return ok ? Status::Ok() : BadRule(index);
}

Status CheckProgramme(const Programme& p) {
  if (Blank(p.name)) return Status::InvalidArgument("programme.name_required", "name");
  if (!ValidAmount(p.amount_minor)) {
    return Status::InvalidArgument("benefit.invalid_amount", "amount_minor");
  }
  if (!ValidAmount(p.budget_minor)) {
    return Status::InvalidArgument("benefit.invalid_amount", "budget_minor");
  }
  if (p.four_eyes_above_minor && !ValidAmount(*p.four_eyes_above_minor)) {
    return Status::InvalidArgument("benefit.invalid_amount", "four_eyes_above_minor");
  }
  if (p.rules.size() > kMaxRules) return BadRule(kMaxRules);
  for (size_t i = 0; i < p.rules.size(); ++i) SOCIUS_RETURN_IF_ERROR(CheckRule(p.rules[i], i));
  if (p.documents.size() > kMaxDocuments) {
    return Status::InvalidArgument("programme.invalid_document", "documents");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < p.documents.size(); ++i) {
    const std::string& d = p.documents[i];
    if (Blank(d) || d.size() > kMaxDocumentName || !seen.insert(d).second) {
      return Status::InvalidArgument("programme.invalid_document",
                                     "documents[" + std::to_string(i) + "]");
    }
  }
  return Status::Ok();
}

int64_t AgeOn(core::Date birth, core::Date on) {
  int64_t years = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --years;
  return std::max<int64_t>(years, 0);
}

int64_t MonthsSince(core::Date since, core::Date on) {
  int64_t months = (on.year - since.year) * 12 + (on.month - since.month);
  if (on.day < since.day) --months;
  return std::max<int64_t>(months, 0);
}

int64_t MonthsBetween(core::Month from, core::Month to) {
  return (to.year - from.year) * 12 + (to.month - from.month) + 1;
}

core::Month AddMonths(core::Month month, int64_t months) {
  const int64_t index = month.year * 12 + (month.month - 1) + months;
  return core::Month{static_cast<int>(index / 12), static_cast<int>(index % 12) + 1};
}

int64_t AmountDue(const Programme& p, int64_t members, std::optional<int64_t> income) {
  switch (p.amount_rule) {
    case AmountRule::kFixed:
      return p.amount_minor;
    case AmountRule::kPerMember:
      return p.amount_minor * members;
    case AmountRule::kTopUp:
      return std::max<int64_t>(0, p.amount_minor * members - income.value_or(0));
  }
  return 0;
}

Eligibility Evaluate(const Programme& p, const HouseholdFacts& facts, core::Month month) {
  const core::Date on = core::FirstDay(month);
  Eligibility e;
  e.programme_id = p.id;
  e.household_id = facts.household_id;
  e.month = month;
  e.members = static_cast<int64_t>(facts.birth_dates.size());
  e.children = ChildrenUnder(facts, 18, on);
  if (facts.applicant_birth_date) e.applicant_age = AgeOn(*facts.applicant_birth_date, on);
  e.monthly_income_minor = facts.monthly_income_minor;
  if (facts.monthly_income_minor && e.members > 0) {
    e.income_per_member_minor = *facts.monthly_income_minor / e.members;
  }
  e.max_disability = facts.max_disability;
  e.resident_since = facts.resident_since;
  if (facts.resident_since) e.resident_months = MonthsSince(*facts.resident_since, on);
  e.open_case_categories = facts.open_case_categories;
  e.paid_this_period = facts.paid_this_period;
  e.rules = p.rules;
  e.eligible = true;
  for (size_t i = 0; i < p.rules.size(); ++i) {
    e.outcomes.push_back(Apply(p.rules[i], i, facts, e, on));
    e.eligible = e.eligible && e.outcomes.back().passed;
  }
  e.amount_minor = AmountDue(p, e.members, facts.monthly_income_minor);
  return e;
}

std::optional<size_t> FirstFailing(const Eligibility& e) {
  for (const RuleOutcome& o : e.outcomes) {
    if (!o.passed) return o.index;
  }
  return std::nullopt;
}

Status CheckPeriod(const Programme& p, core::Month from, core::Month to, const char* field) {
  const int64_t months = MonthsBetween(from, to);
  const bool once =
      p.kind == ProgrammeKind::kOneOffGrant || p.kind == ProgrammeKind::kLargeFamilyCard;
  if (months < 1 || months > kMaxMonths || (once && months != 1)) {
    return Status::InvalidArgument("application.invalid_period", field)
        .With("max", std::to_string(once ? 1 : kMaxMonths));
  }
  return Status::Ok();
}

std::string BudgetPeriodOf(BudgetPeriod period, core::Month month) {
  return period == BudgetPeriod::kYear ? std::to_string(month.year) : month.ToString();
}

Status CheckBudgetPeriod(BudgetPeriod kind, const std::string& period) {
  bool ok = false;
  if (kind == BudgetPeriod::kMonth) {
    ok = core::ParseMonth(period).has_value();
  } else {
    ok = period.size() == 4 && std::all_of(period.begin(), period.end(), ::isdigit) &&
         core::ParseMonth(period + "-01").has_value();
  }
  return ok ? Status::Ok() : Status::InvalidArgument("budget.invalid_period", "period");
}

std::vector<Charge> ChargesOf(BudgetPeriod kind, int64_t amount_minor, core::Month from,
                              core::Month to) {
  std::vector<Charge> charges;
  for (core::Month m = from; m <= to; m = AddMonths(m, 1)) {
    std::string period = BudgetPeriodOf(kind, m);
    if (charges.empty() || charges.back().period != period) charges.push_back({period, 0});
    charges.back().amount_minor += amount_minor;
  }
  return charges;
}

bool NeedsSecondApproval(const Programme& p, int64_t total_minor) {
  return p.four_eyes_above_minor && total_minor > *p.four_eyes_above_minor;
}

std::vector<DecisionState> AllowedTransitions(DecisionState from) {
  using S = DecisionState;
  switch (from) {
    case S::kAwaitingApproval:
      return {S::kActive, S::kRejected};
    case S::kActive:
      return {S::kSuspended, S::kEnded};
    case S::kSuspended:
      return {S::kActive, S::kEnded};
    case S::kEnded:
    case S::kRejected:
      return {};
  }
  return {};
}

Status CheckTransition(DecisionState from, const DecisionTransition& move) {
  const std::vector<DecisionState> allowed = AllowedTransitions(from);
  if (std::find(allowed.begin(), allowed.end(), move.to) == allowed.end()) {
    return Status::Conflict("decision.invalid_transition", "to")
        .With("from", std::string(Name(from)))
        .With("to", std::string(Name(move.to)));
  }
  const bool needs_reason = move.to == DecisionState::kRejected ||
                            move.to == DecisionState::kSuspended ||
                            move.to == DecisionState::kEnded;
  if (needs_reason && (!move.reason || Blank(*move.reason))) {
    return Status::InvalidArgument("decision.reason_required", "reason");
  }
  return Status::Ok();
}

// --- payments ---

namespace {

Status LineProblem(const char* code, int64_t line, const std::string& reference = "") {
  Status s = Status::InvalidArgument(code, "lines[" + std::to_string(line) + "]")
                 .With("line", std::to_string(line));
  if (!reference.empty()) s.With("reference", reference);
  return s;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::optional<int64_t> ParseMajorAmount(std::string_view text) {
  const size_t sep = text.find_first_of(".,");
  const std::string_view whole = text.substr(0, sep);
  const std::string_view part = sep == std::string_view::npos ? "" : text.substr(sep + 1);
  auto digits = [](std::string_view d) {
    return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 15 || !digits(whole) || part.size() > 2 || !digits(part) ||
      (sep != std::string_view::npos && part.empty())) {
    return std::nullopt;
  }
  int64_t minor = 0;
  for (char c : whole) minor = minor * 10 + (c - '0');
  minor *= 100;
  if (!part.empty()) minor += (part[0] - '0') * 10 + (part.size() == 2 ? part[1] - '0' : 0);
  if (minor > kMaxAmountMinor) return std::nullopt;
  return minor;
}

core::Result<std::vector<BankLine>> ParseBankFile(std::string_view csv) {
  const size_t first_line = csv.find_first_of("\r\n");
  const std::string_view header = csv.substr(0, first_line);
  const char delimiter =
      std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',')
          ? ';'
          : ',';
  std::istringstream in{std::string(csv)};
  core::CsvReader reader(in, delimiter);
  core::CsvRecord record;
  if (!reader.Next(&record) || !record.malformed.empty()) {
    return LineProblem("payment.malformed_file", 1);
  }
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < record.fields.size(); ++i) column[Lower(Trim(record.fields[i]))] = i;
  for (const char* needed : {"reference", "amount", "status"}) {
    if (!column.count(needed)) return LineProblem("payment.malformed_file", record.line);
  }
  const size_t width = record.fields.size();
  std::vector<BankLine> lines;
  std::unordered_map<std::string, int64_t> seen;
  while (reader.Next(&record)) {
    if (!record.malformed.empty() || record.fields.size() != width) {
      return LineProblem("payment.malformed_file", record.line);
    }
    BankLine line;
    line.line = record.line;
    line.reference = Trim(record.fields[column["reference"]]);
    if (line.reference.empty() || line.reference.size() > 64) {
      return LineProblem("payment.malformed_file", record.line);
    }
    std::optional<int64_t> amount = ParseMajorAmount(Trim(record.fields[column["amount"]]));
    if (!amount) return LineProblem("payment.invalid_amount", record.line, line.reference);
    line.amount_minor = *amount;
    std::optional<PaymentState> state =
        ParsePaymentState(Lower(Trim(record.fields[column["status"]])));
    if (!state || *state == PaymentState::kPending) {
      return LineProblem("payment.invalid_status", record.line, line.reference);
    }
    line.state = *state;
    if (column.count("date")) {
      const std::string date = Trim(record.fields[column["date"]]);
      if (!date.empty()) {
        line.date = core::ParseDate(date);
        if (!line.date) return LineProblem("payment.invalid_date", record.line, line.reference);
      }
    }
    if (column.count("note")) {
      std::string note = Trim(record.fields[column["note"]]);
      if (note.size() > 400) return LineProblem("payment.malformed_file", record.line);
      if (!note.empty()) line.note = std::move(note);
    }
    if (!seen.emplace(line.reference, record.line).second) {
      return LineProblem("payment.duplicate_line", record.line, line.reference);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

Status CheckConfirmation(const std::vector<BankLine>& file, const std::vector<PaymentLine>& lines) {
  std::unordered_map<std::string, const PaymentLine*> by_reference;
  for (const PaymentLine& l : lines) by_reference[l.reference] = &l;
  Status first = Status::Ok();
  int64_t problems = 0;
  for (const BankLine& b : file) {
    auto it = by_reference.find(b.reference);
    Status s = Status::Ok();
    if (it == by_reference.end()) {
      s = LineProblem("payment.unknown_reference", b.line, b.reference);
    } else if (it->second->amount_minor != b.amount_minor) {
      s = LineProblem("payment.amount_mismatch", b.line, b.reference);
    } else if (it->second->state != PaymentState::kPending && it->second->state != b.state) {
      s = LineProblem("payment.already_settled", b.line, b.reference);
    }
    if (!s.ok()) {
      ++problems;
      if (first.ok()) first = s;
    }
  }
  if (!first.ok()) first.With("problems", std::to_string(problems));
  return first;
}

}  // namespace socius::benefits
