#include "benefits/repository.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "benefits/rules.h"
#include "benefits/stored.h"
#include "store/sql.h"
#include "text/collation.h"
#include "text/match_key.h"

namespace socius::benefits {

using core::Result;
using core::Status;
using store::Row;
using store::Value;

namespace {

constexpr char kSep = '\x1f';

std::vector<std::string> CursorParts(const std::string& after) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t end = after.find(kSep, start);
    out.push_back(after.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

Status BadCursor() {
  return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
}

std::optional<core::Date> DateAt(const Row& row, size_t i) {
  return row.IsNull(i) ? std::nullopt : core::ParseDate(row.Text(i));
}

core::Month MonthAt(const Row& row, size_t i) {
  return core::ParseMonth(row.Text(i)).value_or(core::Month{1970, 1});
}

Value OptInt(const std::optional<int64_t>& v) { return v ? Value(*v) : store::Null(); }

// A stored JSON column read back: what it holds, or empty when it cannot be read.
template <typename T>
T StoredOr(Result<T> (*read)(const Json&), const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return T{};
  Result<T> value = read(j);
  return value.ok() ? std::move(*value) : T{};
}

Json ParsedOr(const std::string& text, Json fallback) {
  Json j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

// "t.path IN (ancestors)" when there are any.
std::string OrAncestor(std::string_view column, const std::vector<std::string>& ancestors,
                       std::vector<Value>& params) {
  if (ancestors.empty()) return "";
  for (const std::string& a : ancestors) params.emplace_back(a);
  return " OR " + std::string(column) + " IN (" + store::Placeholders(ancestors.size()) + ")";
}

// Keyset pagination, newest first: created_at, then id.
Status NewestFirst(const std::string& after, std::string_view alias, std::string& sql,
                   std::vector<Value>& params, int limit) {
  const std::string a(alias);
  if (!after.empty()) {
    std::vector<std::string> parts = CursorParts(after);
    if (parts.size() != 2) return BadCursor();
    sql += " AND (" + a + ".created_at < ? OR (" + a + ".created_at = ? AND " + a + ".id < ?))";
    params.insert(params.end(), {parts[0], parts[0], parts[1]});
  }
  sql +=
      " ORDER BY " + a + ".created_at DESC, " + a + ".id DESC LIMIT " + std::to_string(limit + 1);
  return Status::Ok();
}

// --- programmes ---

constexpr std::string_view kProgrammeColumns =
    "SELECT p.id, p.version, t.id, t.code, t.name, t.path, p.name, p.kind, p.currency, p.status, "
    "p.amount_rule, p.amount_minor, p.budget_period, p.budget_minor, p.four_eyes_above_minor, "
    "p.rules, p.documents, p.description, p.created_at, p.updated_at, p.name_key "
    "FROM programmes p JOIN territories t ON t.id = p.territory_id ";

Programme ProgrammeFromRow(const Row& row) {
  Programme p;
  p.id = row.Text(0);
  p.version = row.Int(1);
  p.territory = Place{row.Text(2), row.Text(3), row.Text(4), row.Text(5)};
  p.name = row.Text(6);
  p.kind = ParseProgrammeKind(row.Text(7)).value_or(ProgrammeKind::kOther);
  p.currency = ParseCurrency(row.Text(8)).value_or(Currency::kEur);
  p.status = ParseProgrammeStatus(row.Text(9)).value_or(ProgrammeStatus::kDraft);
  p.amount_rule = ParseAmountRule(row.Text(10)).value_or(AmountRule::kFixed);
  p.amount_minor = row.Int(11);
  p.budget_period = ParseBudgetPeriod(row.Text(12)).value_or(BudgetPeriod::kMonth);
  p.budget_minor = row.Int(13);
  if (!row.IsNull(14)) p.four_eyes_above_minor = row.Int(14);
  p.rules = StoredOr(&RulesFrom, row.Text(15));
  for (const Json& d : ParsedOr(row.Text(16), Json::array())) {
    if (d.is_string()) p.documents.push_back(d.get<std::string>());
  }
  p.description = row.OptText(17);
  p.created_at = row.Text(18);
  p.updated_at = row.Text(19);
  return p;
}

std::vector<Value> ProgrammeValues(const Programme& p) {
  return {p.name,
          text::CollationKey(p.name),
          text::NameMatchKey(p.name),
          std::string(Name(p.kind)),
          std::string(Name(p.currency)),
          std::string(Name(p.status)),
          std::string(Name(p.amount_rule)),
          p.amount_minor,
          std::string(Name(p.budget_period)),
          p.budget_minor,
          OptInt(p.four_eyes_above_minor),
          RulesJson(p.rules).dump(),
          Json(p.documents).dump(),
          store::OptValue(p.description),
          p.updated_at};
}

// --- applications ---

constexpr std::string_view kApplicationColumns =
    "SELECT a.id, a.version, a.programme_id, pr.name, pr.kind, pr.currency, a.household_id, "
    "COALESCE(hp.family_name || ' ' || hp.given_name, ap.family_name || ' ' || ap.given_name), "
    "a.community_id, c.code, c.name, c.path, a.applicant_id, "
    "ap.family_name || ' ' || ap.given_name, a.submitted_on, a.period_from, a.period_to, "
    "a.resident_since, a.incomes, a.documents, a.eligibility, a.eligible, a.state, "
    "a.decision_id, a.note, a.withdraw_reason, a.recorded_by, u.display_name, a.created_at, "
    "a.updated_at "
    "FROM benefit_applications a JOIN programmes pr ON pr.id = a.programme_id "
    "JOIN households h ON h.id = a.household_id "
    "LEFT JOIN persons hp ON hp.id = h.head_person_id "
    "JOIN persons ap ON ap.id = a.applicant_id "
    "JOIN territories c ON c.id = a.community_id JOIN users u ON u.id = a.recorded_by ";

Application ApplicationFromRow(const Row& row) {
  Application a;
  a.id = row.Text(0);
  a.version = row.Int(1);
  a.programme = {row.Text(2), row.Text(3),
                 ParseProgrammeKind(row.Text(4)).value_or(ProgrammeKind::kOther),
                 ParseCurrency(row.Text(5)).value_or(Currency::kEur)};
  a.household_id = row.Text(6);
  a.household_name = row.Text(7);
  a.community_id = row.Text(8);
  a.community_code = row.Text(9);
  a.community_name = row.Text(10);
  a.community_path = row.Text(11);
  a.applicant_id = row.Text(12);
  a.applicant_name = row.Text(13);
  a.submitted_on = core::ParseDate(row.Text(14)).value_or(core::Date{1970, 1, 1});
  a.period_from = MonthAt(row, 15);
  a.period_to = MonthAt(row, 16);
  a.resident_since = DateAt(row, 17);
  a.incomes = StoredOr(&IncomesFrom, row.Text(18));
  // The names were the registry's when recorded; IncomesFrom does not read them back.
  Json stored = ParsedOr(row.Text(18), Json::array());
  for (size_t i = 0; i < a.incomes.size() && i < stored.size(); ++i) {
    if (stored[i].contains("person_name") && stored[i]["person_name"].is_string()) {
      a.incomes[i].person_name = stored[i]["person_name"].get<std::string>();
    }
  }
  a.documents = StoredOr(&DocumentsFrom, row.Text(19));
  a.eligibility_json = row.Text(20);
  a.eligible = row.Int(21) != 0;
  a.state = ParseApplicationState(row.Text(22)).value_or(ApplicationState::kSubmitted);
  a.decision_id = row.OptText(23);
  a.note = row.OptText(24);
  a.withdraw_reason = row.OptText(25);
  a.recorded_by = {row.Text(26), row.Text(27)};
  a.created_at = row.Text(28);
  a.updated_at = row.Text(29);
  return a;
}

// --- decisions ---

constexpr std::string_view kDecisionColumns =
    "SELECT d.id, d.version, d.application_id, d.programme_id, pr.name, pr.kind, pr.currency, "
    "d.household_id, COALESCE(hp.family_name || ' ' || hp.given_name, ap.family_name || ' ' || "
    "ap.given_name), d.community_id, c.code, c.path, d.outcome, d.state, d.amount_minor, "
    "d.period_from, d.period_to, d.reason, d.decided_by, u.display_name, d.decided_at, "
    "d.second_approver, u2.display_name, d.second_approved_at, d.ended_on_month, d.created_at, "
    "d.updated_at "
    "FROM benefit_decisions d JOIN programmes pr ON pr.id = d.programme_id "
    "JOIN benefit_applications a ON a.id = d.application_id "
    "JOIN households h ON h.id = d.household_id "
    "LEFT JOIN persons hp ON hp.id = h.head_person_id "
    "JOIN persons ap ON ap.id = a.applicant_id "
    "JOIN territories c ON c.id = d.community_id JOIN users u ON u.id = d.decided_by "
    "LEFT JOIN users u2 ON u2.id = d.second_approver ";

Decision DecisionFromRow(const Row& row) {
  Decision d;
  d.id = row.Text(0);
  d.version = row.Int(1);
  d.application_id = row.Text(2);
  d.programme = {row.Text(3), row.Text(4),
                 ParseProgrammeKind(row.Text(5)).value_or(ProgrammeKind::kOther),
                 ParseCurrency(row.Text(6)).value_or(Currency::kEur)};
  d.household_id = row.Text(7);
  d.household_name = row.Text(8);
  d.community_id = row.Text(9);
  d.community_code = row.Text(10);
  d.community_path = row.Text(11);
  d.outcome = ParseOutcome(row.Text(12)).value_or(Outcome::kRejected);
  d.state = ParseDecisionState(row.Text(13)).value_or(DecisionState::kRejected);
  d.amount_minor = row.Int(14);
  d.period_from = MonthAt(row, 15);
  d.period_to = MonthAt(row, 16);
  d.reason = row.OptText(17);
  d.decided_by = {row.Text(18), row.Text(19)};
  d.decided_at = row.Text(20);
  if (!row.IsNull(21)) d.second_approver = UserRef{row.Text(21), row.Text(22)};
  d.second_approved_at = row.OptText(23);
  if (!row.IsNull(24)) d.ended_on_month = core::ParseMonth(row.Text(24));
  d.created_at = row.Text(25);
  d.updated_at = row.Text(26);
  return d;
}

// The states of an approval that pays, or will once approved a second time.
constexpr std::string_view kPayingStates = "('awaiting_approval', 'active', 'suspended', 'ended')";

}  // namespace

Result<Place> FindPlace(store::Session& tx, const std::string& code) {
  Result<store::Rows> rows =
      tx.Query("SELECT id, code, name, path FROM territories WHERE code = ?", {code});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("territory.not_found").With("code", code);
  const Row& r = (*rows)[0];
  return Place{r.Text(0), r.Text(1), r.Text(2), r.Text(3)};
}

Visibility VisibilityOf(const std::vector<std::string>& roots) {
  Visibility v;
  v.roots = roots;
  for (const std::string& root : roots) {
    // '/RO/RO:10/RO:1017/' has the ancestors '/', '/RO/' and '/RO/RO:10/'.
    for (size_t i = 0; i + 1 < root.size(); ++i) {
      if (root[i] != '/') continue;
      std::string ancestor = root.substr(0, i + 1);
      if (std::find(v.ancestors.begin(), v.ancestors.end(), ancestor) == v.ancestors.end()) {
        v.ancestors.push_back(std::move(ancestor));
      }
    }
  }
  return v;
}

bool Visible(const Visibility& v, const std::string& path) {
  for (const std::string& root : v.roots) {
    if (!root.empty() && root.back() == '/' && path.compare(0, root.size(), root) == 0) return true;
  }
  return std::find(v.ancestors.begin(), v.ancestors.end(), path) != v.ancestors.end();
}

Status InsertProgramme(store::Session& tx, const Programme& p) {
  std::vector<Value> params = {p.id, p.territory.id};
  for (Value& v : ProgrammeValues(p)) params.push_back(std::move(v));
  params.push_back(p.version);
  params.push_back(p.created_at);
  return tx
      .Exec(
          "INSERT INTO programmes (id, territory_id, name, name_key, search_key, kind, currency, "
          "status, amount_rule, amount_minor, budget_period, budget_minor, "
          "four_eyes_above_minor, rules, documents, description, updated_at, version, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          params)
      .status();
}

Status UpdateProgramme(store::Session& tx, const Programme& p, int64_t expected_version) {
  std::vector<Value> params = ProgrammeValues(p);
  params.insert(params.end(), {p.id, expected_version});
  return store::StaleUnlessOne(tx.Exec(
      "UPDATE programmes SET name = ?, name_key = ?, search_key = ?, kind = ?, currency = ?, "
      "status = ?, amount_rule = ?, amount_minor = ?, budget_period = ?, budget_minor = ?, "
      "four_eyes_above_minor = ?, rules = ?, documents = ?, description = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?",
      params));
}

Result<Programme> FindProgramme(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kProgrammeColumns) + "WHERE p.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("programme.not_found");
  return ProgrammeFromRow((*rows)[0]);
}

Result<ProgrammePage> ListProgrammes(store::Session& tx, const Visibility& visible,
                                     const ProgrammeFilter& filter, const std::string& after,
                                     int limit) {
  std::vector<Value> params;
  // One call per statement: the parameters are appended in the order the SQL names them.
  std::string sql = std::string(kProgrammeColumns) + "WHERE (";
  sql += store::ScopeFilter("t.path", visible.roots, params);
  sql += OrAncestor("t.path", visible.ancestors, params);
  sql += ")";
  if (filter.territory_path) {
    sql += " AND " + store::StartsWith("t.path", *filter.territory_path, params);
  }
  if (filter.status) {
    sql += " AND p.status = ?";
    params.emplace_back(std::string(Name(*filter.status)));
  }
  if (filter.q) {
    const std::string key = text::NameMatchKey(*filter.q);
    if (!key.empty()) {
      sql += " AND p.search_key LIKE ? ESCAPE '!'";
      params.emplace_back(store::LikeContaining(key));
    }
  }
  if (!after.empty()) {
    std::vector<std::string> parts = CursorParts(after);
    if (parts.size() != 2) return BadCursor();
    sql += " AND (p.name_key > ? OR (p.name_key = ? AND p.id > ?))";
    params.insert(params.end(), {parts[0], parts[0], parts[1]});
  }
  sql += " ORDER BY p.name_key, p.id LIMIT " + std::to_string(limit + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  ProgrammePage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const Row& last = (*rows)[limit - 1];
      page.next = last.Text(20) + kSep + last.Text(0);
      break;
    }
    page.items.push_back(ProgrammeFromRow(row));
  }
  return page;
}

// --- budgets ---

Result<std::vector<Budget>> BudgetsOf(store::Session& tx, const Programme& p,
                                      const std::vector<std::string>& periods) {
  std::vector<Budget> budgets;
  if (periods.empty()) return budgets;
  std::vector<Value> params = {p.id};
  for (const std::string& period : periods) params.emplace_back(period);
  Result<store::Rows> rows = tx.Query(
      "SELECT period, amount_minor, committed_minor, own FROM programme_budgets "
      "WHERE programme_id = ? AND period IN (" +
          store::Placeholders(periods.size()) + ")",
      params);
  if (!rows.ok()) return rows.status();
  for (const std::string& period : periods) {
    Budget b{period, p.budget_minor, 0, false};
    for (const Row& row : *rows) {
      if (row.Text(0) == period) b = {period, row.Int(1), row.Int(2), row.Int(3) != 0};
    }
    budgets.push_back(b);
  }
  return budgets;
}

Result<Budget> SetBudget(store::Session& tx, const Programme& p, const std::string& period,
                         int64_t amount_minor) {
  Result<int64_t> changed = tx.Exec(
      "INSERT INTO programme_budgets (programme_id, period, amount_minor, committed_minor, own) "
      "VALUES (?, ?, ?, 0, 1) ON CONFLICT (programme_id, period) DO UPDATE "
      "SET amount_minor = excluded.amount_minor, own = 1 "
      "WHERE programme_budgets.committed_minor <= excluded.amount_minor",
      {p.id, period, amount_minor});
  if (!changed.ok()) return changed.status();
  if (*changed == 0) return Status::Conflict("budget.below_committed", "amount_minor");
  Result<std::vector<Budget>> rows = BudgetsOf(tx, p, {period});
  if (!rows.ok()) return rows.status();
  return rows->front();
}

Status Commit(store::Session& tx, const Programme& p, const std::string& period,
              int64_t amount_minor) {
  Result<int64_t> made = tx.Exec(
      "INSERT INTO programme_budgets (programme_id, period, amount_minor, committed_minor, own) "
      "VALUES (?, ?, ?, 0, 0) ON CONFLICT (programme_id, period) DO NOTHING",
      {p.id, period, p.budget_minor});
  if (!made.ok()) return made.status();
  Result<int64_t> changed = tx.Exec(
      "UPDATE programme_budgets SET committed_minor = committed_minor + ? "
      "WHERE programme_id = ? AND period = ? AND committed_minor + ? <= amount_minor",
      {amount_minor, p.id, period, amount_minor});
  if (!changed.ok()) return changed.status();
  if (*changed == 0) {
    return Status::Conflict("decision.budget_exceeded", "amount_minor").With("period", period);
  }
  return Status::Ok();
}

Status Release(store::Session& tx, const std::string& programme_id, const std::string& period,
               int64_t amount_minor) {
  return tx
      .Exec(
          "UPDATE programme_budgets SET committed_minor = committed_minor - ? "
          "WHERE programme_id = ? AND period = ? AND committed_minor >= ?",
          {amount_minor, programme_id, period, amount_minor})
      .status();
}

// --- facts ---

namespace {

struct HouseholdRow {
  std::string created_at;
  std::optional<std::string> head_id;
};

void AddMember(HouseholdFacts& f, const std::string& person_id,
               const std::optional<std::string>& applicant_id, const Row& row, size_t birth,
               size_t degree) {
  std::optional<core::Date> born = DateAt(row, birth);
  f.birth_dates.push_back(born);
  if (applicant_id && *applicant_id == person_id) f.applicant_birth_date = born;
  if (!row.IsNull(degree)) {
    std::optional<registry::DisabilityDegree> d = registry::ParseDisabilityDegree(row.Text(degree));
    if (d && (!f.max_disability || *d > *f.max_disability)) f.max_disability = d;
  }
}

void SetResidence(HouseholdFacts& f, const std::optional<std::string>& declared,
                  const std::string& registered_at) {
  if (declared) f.resident_since = core::ParseDate(*declared);
  if (!f.resident_since) f.resident_since = core::ParseDate(registered_at.substr(0, 10));
}

}  // namespace

Result<HouseholdFacts> FactsOf(store::Session& tx, const std::string& household_id,
                               const std::optional<std::string>& applicant_id,
                               const std::string& programme_id, core::Month month) {
  Result<store::Rows> household = tx.Query(
      "SELECT h.created_at, h.head_person_id, i.monthly_income_minor, i.resident_since "
      "FROM households h LEFT JOIN household_incomes i ON i.household_id = h.id WHERE h.id = ?",
      {household_id});
  if (!household.ok()) return household.status();
  if (household->empty()) return Status::NotFound("household.not_found");
  const Row& h = (*household)[0];
  HouseholdFacts f;
  f.household_id = household_id;
  const std::optional<std::string> applicant = applicant_id ? applicant_id : h.OptText(1);
  if (!h.IsNull(2)) f.monthly_income_minor = h.Int(2);
  SetResidence(f, h.OptText(3), h.Text(0));
  Result<store::Rows> members = tx.Query(
      "SELECT p.id, p.birth_date, p.disability_degree FROM household_members m "
      "JOIN persons p ON p.id = m.person_id WHERE m.household_id = ? ORDER BY p.id",
      {household_id});
  if (!members.ok()) return members.status();
  for (const Row& row : *members) AddMember(f, row.Text(0), applicant, row, 1, 2);
  Result<store::Rows> cases = tx.Query(
      "SELECT DISTINCT category FROM cases WHERE state <> 'closed' AND (household_id = ? OR "
      "person_id IN (SELECT person_id FROM household_members WHERE household_id = ?)) "
      "ORDER BY category",
      {household_id, household_id});
  if (!cases.ok()) return cases.status();
  for (const Row& row : *cases) f.open_case_categories.push_back(row.Text(0));
  const std::string m = month.ToString();
  Result<store::Rows> paid = tx.Query(
      "SELECT 1 FROM benefit_decisions WHERE programme_id = ? AND household_id = ? AND "
      "outcome = 'approved' AND state IN " +
          std::string(kPayingStates) + " AND period_from <= ? AND period_to >= ?",
      {programme_id, household_id, m, m});
  if (!paid.ok()) return paid.status();
  f.paid_this_period = !paid->empty();
  return f;
}

Status ForEachHousehold(store::Session& tx, const std::string& territory_path,
                        const std::vector<std::string>& scope, const std::string& programme_id,
                        core::Month month,
                        const std::function<void(const HouseholdFacts&)>& on_household) {
  // What is kept per household is read first, into maps; then the members stream by
  // household, and each household is handed on as soon as its last member is read.
  std::unordered_map<std::string, std::pair<int64_t, std::optional<std::string>>> incomes;
  std::unordered_map<std::string, std::vector<std::string>> open_cases;
  std::unordered_map<std::string, bool> paid;
  auto where = [&](std::vector<Value>& params) {
    std::string sql = store::ScopeFilter("c.path", scope, params);
    sql += " AND ";
    sql += store::StartsWith("c.path", territory_path, params);
    return sql;
  };
  std::vector<Value> params;
  std::string sql =
      "SELECT i.household_id, i.monthly_income_minor, i.resident_since FROM household_incomes i "
      "JOIN territories c ON c.id = i.community_id WHERE " +
      where(params);
  SOCIUS_RETURN_IF_ERROR(tx.ForEach(sql, params, [&](const Row& row) {
    incomes[row.Text(0)] = {row.Int(1), row.OptText(2)};
    return true;
  }));
  params.clear();
  sql =
      "SELECT COALESCE(k.household_id, m.household_id), k.category FROM cases k "
      "JOIN territories c ON c.id = k.community_id "
      "LEFT JOIN household_members m ON m.person_id = k.person_id "
      "WHERE k.state <> 'closed' AND " +
      where(params);
  SOCIUS_RETURN_IF_ERROR(tx.ForEach(sql, params, [&](const Row& row) {
    if (row.IsNull(0)) return true;
    std::vector<std::string>& categories = open_cases[row.Text(0)];
    const std::string category = row.Text(1);
    if (std::find(categories.begin(), categories.end(), category) == categories.end()) {
      categories.push_back(category);
    }
    return true;
  }));
  params.clear();
  const std::string m = month.ToString();
  sql =
      "SELECT d.household_id FROM benefit_decisions d JOIN territories c ON c.id = "
      "d.community_id WHERE d.programme_id = ? AND d.outcome = 'approved' AND d.state IN " +
      std::string(kPayingStates) + " AND d.period_from <= ? AND d.period_to >= ? AND ";
  params = {programme_id, m, m};
  sql += where(params);
  SOCIUS_RETURN_IF_ERROR(tx.ForEach(sql, params, [&](const Row& row) {
    paid[row.Text(0)] = true;
    return true;
  }));

  params.clear();
  sql =
      "SELECT h.id, h.created_at, h.head_person_id, p.id, p.birth_date, p.disability_degree "
      "FROM households h JOIN territories c ON c.id = h.community_id "
      "JOIN household_members m ON m.household_id = h.id JOIN persons p ON p.id = m.person_id "
      "WHERE " +
      where(params) + " ORDER BY h.id";
  HouseholdFacts current;
  std::optional<std::string> head;
  auto flush = [&]() {
    if (current.household_id.empty()) return;
    std::sort(current.open_case_categories.begin(), current.open_case_categories.end());
    on_household(current);
  };
  SOCIUS_RETURN_IF_ERROR(tx.ForEach(sql, params, [&](const Row& row) {
    const std::string id = row.Text(0);
    if (id != current.household_id) {
      flush();
      current = HouseholdFacts{};
      current.household_id = id;
      head = row.OptText(2);
      auto income = incomes.find(id);
      std::optional<std::string> declared;
      if (income != incomes.end()) {
        current.monthly_income_minor = income->second.first;
        declared = income->second.second;
      }
      SetResidence(current, declared, row.Text(1));
      auto cases = open_cases.find(id);
      if (cases != open_cases.end()) current.open_case_categories = cases->second;
      current.paid_this_period = paid.count(id) > 0;
    }
    AddMember(current, row.Text(3), head, row, 4, 5);
    return true;
  }));
  flush();
  return Status::Ok();
}

Result<std::vector<OpenCase>> OpenCasesOf(store::Session& tx, const std::string& household_id,
                                          const std::vector<std::string>& scope) {
  std::vector<Value> params = {household_id, household_id};
  const std::string sql =
      "SELECT k.id, k.child_case FROM cases k JOIN territories c ON c.id = k.community_id "
      "WHERE k.state <> 'closed' AND (k.household_id = ? OR k.person_id IN "
      "(SELECT person_id FROM household_members WHERE household_id = ?)) AND " +
      store::ScopeFilter("c.path", scope, params) + " ORDER BY k.id";
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<OpenCase> cases;
  for (const Row& row : *rows) cases.push_back({row.Text(0), row.Int(1) != 0});
  return cases;
}

Result<std::vector<Member>> MembersOf(store::Session& tx, const std::string& household_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT p.id, p.family_name || ' ' || p.given_name FROM household_members m "
      "JOIN persons p ON p.id = m.person_id WHERE m.household_id = ? ORDER BY p.id",
      {household_id});
  if (!rows.ok()) return rows.status();
  std::vector<Member> members;
  for (const Row& row : *rows) members.push_back({row.Text(0), row.Text(1)});
  return members;
}

// --- applications ---

namespace {

std::vector<Value> ApplicationValues(const Application& a, int64_t monthly_income_minor) {
  return {a.period_from.ToString(),
          a.period_to.ToString(),
          a.resident_since ? Value(a.resident_since->ToString()) : store::Null(),
          IncomesJson(a.incomes).dump(),
          monthly_income_minor,
          DocumentsJson(a.documents).dump(),
          a.eligibility_json,
          int64_t{a.eligible ? 1 : 0},
          std::string(Name(a.state)),
          store::OptValue(a.decision_id),
          store::OptValue(a.note),
          store::OptValue(a.withdraw_reason),
          a.updated_at};
}

}  // namespace

Status InsertApplication(store::Session& tx, const Application& a, int64_t monthly_income_minor) {
  std::vector<Value> params = {a.id,           a.programme.id, a.household_id,
                               a.community_id, a.applicant_id, a.submitted_on.ToString()};
  for (Value& v : ApplicationValues(a, monthly_income_minor)) params.push_back(std::move(v));
  params.insert(params.end(), {a.recorded_by.id, a.version, a.created_at});
  return tx
      .Exec(
          "INSERT INTO benefit_applications (id, programme_id, household_id, community_id, "
          "applicant_id, submitted_on, period_from, period_to, resident_since, incomes, "
          "monthly_income_minor, documents, eligibility, eligible, state, decision_id, note, "
          "withdraw_reason, updated_at, recorded_by, version, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          params)
      .status();
}

Status UpdateApplication(store::Session& tx, const Application& a, int64_t monthly_income_minor,
                         int64_t expected_version) {
  std::vector<Value> params = ApplicationValues(a, monthly_income_minor);
  params.insert(params.end(), {a.id, expected_version});
  return store::StaleUnlessOne(tx.Exec(
      "UPDATE benefit_applications SET period_from = ?, period_to = ?, resident_since = ?, "
      "incomes = ?, monthly_income_minor = ?, documents = ?, eligibility = ?, eligible = ?, "
      "state = ?, decision_id = ?, note = ?, withdraw_reason = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?",
      params));
}

Status RememberIncome(store::Session& tx, const Application& a, int64_t monthly_income_minor) {
  return tx
      .Exec(
          "INSERT INTO household_incomes (household_id, community_id, monthly_income_minor, "
          "resident_since, declared_on, application_id) VALUES (?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (household_id) DO UPDATE SET community_id = excluded.community_id, "
          "monthly_income_minor = excluded.monthly_income_minor, "
          "resident_since = excluded.resident_since, declared_on = excluded.declared_on, "
          "application_id = excluded.application_id",
          {a.household_id, a.community_id, monthly_income_minor,
           a.resident_since ? Value(a.resident_since->ToString()) : store::Null(),
           a.submitted_on.ToString(), a.id})
      .status();
}

Result<Application> FindApplication(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kApplicationColumns) + "WHERE a.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("application.not_found");
  return ApplicationFromRow((*rows)[0]);
}

Result<ApplicationPage> ListApplications(store::Session& tx, const std::vector<std::string>& scope,
                                         const ApplicationFilter& filter, const std::string& after,
                                         int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kApplicationColumns) + "WHERE " + store::ScopeFilter("c.path", scope, params);
  if (filter.programme_id) {
    sql += " AND a.programme_id = ?";
    params.emplace_back(*filter.programme_id);
  }
  if (filter.household_id) {
    sql += " AND a.household_id = ?";
    params.emplace_back(*filter.household_id);
  }
  if (filter.state) {
    sql += " AND a.state = ?";
    params.emplace_back(std::string(Name(*filter.state)));
  }
  SOCIUS_RETURN_IF_ERROR(NewestFirst(after, "a", sql, params, limit));
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  ApplicationPage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const Application& last = page.items.back();
      page.next = last.created_at + kSep + last.id;
      break;
    }
    page.items.push_back(ApplicationFromRow(row));
  }
  return page;
}

// --- decisions ---

Status LockHolder(store::Session& tx, const std::string& programme_id,
                  const std::string& household_id) {
  return tx
      .Exec(
          "INSERT INTO benefit_holders (programme_id, household_id, decisions) VALUES (?, ?, 1) "
          "ON CONFLICT (programme_id, household_id) DO UPDATE "
          "SET decisions = benefit_holders.decisions + 1",
          {programme_id, household_id})
      .status();
}

Result<bool> Overlaps(store::Session& tx, const std::string& programme_id,
                      const std::string& household_id, core::Month from, core::Month to,
                      const std::string& except_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT 1 FROM benefit_decisions WHERE programme_id = ? AND household_id = ? AND "
      "outcome = 'approved' AND state IN " +
          std::string(kPayingStates) + " AND period_from <= ? AND period_to >= ? AND id <> ?",
      {programme_id, household_id, to.ToString(), from.ToString(), except_id});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Result<int64_t> ApprovedTotal(store::Session& tx, const std::string& programme_id,
                              const std::string& household_id, core::Month from, core::Month to) {
  Result<store::Rows> rows = tx.Query(
      "SELECT amount_minor, period_from, period_to FROM benefit_decisions WHERE programme_id = ? "
      "AND household_id = ? AND outcome = 'approved' AND state IN " +
          std::string(kPayingStates) + " AND period_to >= ? AND period_from <= ?",
      {programme_id, household_id, from.ToString(), to.ToString()});
  if (!rows.ok()) return rows.status();
  int64_t total = 0;
  for (const Row& row : *rows) {
    total += row.Int(0) * MonthsBetween(MonthAt(row, 1), MonthAt(row, 2));
  }
  return total;
}

Result<std::optional<core::Month>> LastListedMonth(store::Session& tx, const Decision& d) {
  // Through the household's lines of the programme (the index that pays once per month), not
  // a scan of every line ever listed.
  Result<store::Rows> rows = tx.Query(
      "SELECT MAX(period) FROM payment_lines WHERE programme_id = ? AND household_id = ? AND "
      "decision_id = ?",
      {d.programme.id, d.household_id, d.id});
  if (!rows.ok()) return rows.status();
  if (rows->empty() || (*rows)[0].IsNull(0)) return std::optional<core::Month>();
  return core::ParseMonth((*rows)[0].Text(0));
}

Status InsertDecision(store::Session& tx, const Decision& d) {
  return tx
      .Exec(
          "INSERT INTO benefit_decisions (id, application_id, programme_id, household_id, "
          "community_id, outcome, state, amount_minor, period_from, period_to, reason, "
          "decided_by, decided_at, second_approver, second_approved_at, ended_on_month, "
          "version, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {d.id, d.application_id, d.programme.id, d.household_id, d.community_id,
           std::string(Name(d.outcome)), std::string(Name(d.state)), d.amount_minor,
           d.period_from.ToString(), d.period_to.ToString(), store::OptValue(d.reason),
           d.decided_by.id, d.decided_at,
           d.second_approver ? Value(d.second_approver->id) : store::Null(),
           store::OptValue(d.second_approved_at),
           d.ended_on_month ? Value(d.ended_on_month->ToString()) : store::Null(), d.version,
           d.created_at, d.updated_at})
      .status();
}

Status UpdateDecision(store::Session& tx, const Decision& d, int64_t expected_version) {
  return store::StaleUnlessOne(tx.Exec(
      "UPDATE benefit_decisions SET state = ?, period_to = ?, reason = ?, second_approver = ?, "
      "second_approved_at = ?, ended_on_month = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?",
      {std::string(Name(d.state)), d.period_to.ToString(), store::OptValue(d.reason),
       d.second_approver ? Value(d.second_approver->id) : store::Null(),
       store::OptValue(d.second_approved_at),
       d.ended_on_month ? Value(d.ended_on_month->ToString()) : store::Null(), d.updated_at, d.id,
       expected_version}));
}

Result<Decision> FindDecision(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kDecisionColumns) + "WHERE d.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("decision.not_found");
  return DecisionFromRow((*rows)[0]);
}

Result<DecisionPage> ListDecisions(store::Session& tx, const std::vector<std::string>& scope,
                                   const DecisionFilter& filter, const std::string& after,
                                   int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kDecisionColumns) + "WHERE " + store::ScopeFilter("c.path", scope, params);
  if (filter.programme_id) {
    sql += " AND d.programme_id = ?";
    params.emplace_back(*filter.programme_id);
  }
  if (filter.household_id) {
    sql += " AND d.household_id = ?";
    params.emplace_back(*filter.household_id);
  }
  if (filter.state) {
    sql += " AND d.state = ?";
    params.emplace_back(std::string(Name(*filter.state)));
  }
  SOCIUS_RETURN_IF_ERROR(NewestFirst(after, "d", sql, params, limit));
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  DecisionPage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const Decision& last = page.items.back();
      page.next = last.created_at + kSep + last.id;
      break;
    }
    page.items.push_back(DecisionFromRow(row));
  }
  return page;
}

}  // namespace socius::benefits
