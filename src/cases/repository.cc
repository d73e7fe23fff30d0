// SQL over cases, case_settings, case_counters, case_events, contacts, plan_goals,
// plan_actions and referrals (see repository.h).
#include "cases/repository.h"

#include <algorithm>
#include <map>
#include <utility>

#include "auth/roles.h"
#include "store/sql.h"

namespace socius::cases {

using core::Result;
using core::Status;
using store::OptValue;
using store::Row;
using store::StaleUnlessOne;
using store::Value;

namespace {

// The name a subject shows: "Family Given" of the person or of the household's head.
constexpr std::string_view kSubjectName =
    "COALESCE(p.family_name || ' ' || p.given_name, hp.family_name || ' ' || hp.given_name, '')";

std::string SubjectJoins(std::string_view alias) {
  const std::string a(alias);
  return "LEFT JOIN persons p ON p.id = " + a + ".person_id LEFT JOIN households h ON h.id = " + a +
         ".household_id LEFT JOIN persons hp ON hp.id = h.head_person_id ";
}

Subject SubjectFrom(const std::optional<std::string>& person_id,
                    const std::optional<std::string>& household_id, std::string name) {
  Subject s;
  s.kind = person_id ? Subject::Kind::kPerson : Subject::Kind::kHousehold;
  s.id = person_id ? *person_id : household_id.value_or("");
  s.name = std::move(name);
  return s;
}

// The SQL of "the viewer sees this case's content" over cases `k`, territories `kt`,
// case_settings `ks` (docs/cases-api.md, "Who sees a case's content").
std::string ContentVisible(const Viewer& viewer, std::vector<Value>& params) {
  params.emplace_back(viewer.user_id);
  std::string sql = "((k.assigned_worker_id = ? AND ";
  sql += store::ScopeFilter("kt.path", viewer.work_scope, params);
  sql += ") OR ";
  sql += store::ScopeFilter("kt.path", viewer.supervise_scope, params);
  sql += " OR (k.confidential = 0 AND COALESCE(ks.team_visibility, 0) = 1 AND ";
  sql += store::ScopeFilter("kt.path", viewer.work_scope, params);
  sql += "))";
  return sql;
}

// --- cases ---

// Two placeholders (today, for the overdue count) come first.
constexpr std::string_view kCaseColumns =
    "SELECT k.id, k.version, k.number, k.community_id, t.code, t.name, t.path, k.person_id, "
    "k.household_id, {subject}, k.category, k.risk_level, k.state, k.assigned_worker_id, "
    "w.display_name, k.opening_reason, k.origin_kind, k.origin_id, k.confidential, "
    "k.child_case, COALESCE(s.team_visibility, 0), k.closure_requested_by, cu.display_name, "
    "k.closure_requested_at, k.closure_reason, k.opened_at, k.closed_at, k.created_at, "
    "k.updated_at, "
    "(SELECT COUNT(*) FROM plan_actions a WHERE a.case_id = k.id "
    "AND a.status IN ('planned', 'in_progress')), "
    "(SELECT COUNT(*) FROM plan_actions a WHERE a.case_id = k.id "
    "AND a.status IN ('planned', 'in_progress') AND a.deadline < ?), "
    "k.transfer_to_id, tt.code, tt.name, tt.path, k.transfer_requested_by, tu.display_name, "
    "k.transfer_requested_at, k.transfer_reason "
    "FROM cases k JOIN territories t ON t.id = k.community_id "
    "JOIN users w ON w.id = k.assigned_worker_id "
    "LEFT JOIN case_settings s ON s.community_id = k.community_id "
    "LEFT JOIN users cu ON cu.id = k.closure_requested_by "
    "LEFT JOIN territories tt ON tt.id = k.transfer_to_id "
    "LEFT JOIN users tu ON tu.id = k.transfer_requested_by ";

std::string CaseSelect() {
  std::string sql(kCaseColumns);
  sql.replace(sql.find("{subject}"), 9, kSubjectName);
  return sql + SubjectJoins("k");
}

Case CaseFromRow(const Row& row) {
  Case c;
  c.id = row.Text(0);
  c.version = row.Int(1);
  c.number = row.Text(2);
  c.community_id = row.Text(3);
  c.community_code = row.Text(4);
  c.community_name = row.Text(5);
  c.community_path = row.Text(6);
  c.subject = SubjectFrom(row.OptText(7), row.OptText(8), row.Text(9));
  c.category = ParseCategory(row.Text(10)).value_or(Category::kOther);
  c.risk_level = ParseRiskLevel(row.Text(11)).value_or(RiskLevel::kMedium);
  c.state = ParseCaseState(row.Text(12)).value_or(CaseState::kIntake);
  c.assigned_worker = {row.Text(13), row.Text(14)};
  c.opening_reason = row.Text(15);
  c.origin_kind = ParseOriginKind(row.Text(16)).value_or(OriginKind::kDirect);
  c.origin_id = row.OptText(17);
  c.confidential = row.Int(18) != 0;
  c.child_case = row.Int(19) != 0;
  c.team_visibility = row.Int(20) != 0;
  if (!row.IsNull(23)) {
    c.closure_request = ClosureRequest{{row.Text(21), row.Text(22)}, row.Text(23), row.OptText(24)};
  }
  c.opened_at = row.Text(25);
  c.closed_at = row.OptText(26);
  c.created_at = row.Text(27);
  c.updated_at = row.Text(28);
  c.open_actions = static_cast<int>(row.Int(29));
  c.overdue_actions = static_cast<int>(row.Int(30));
  if (!row.IsNull(31)) {
    c.transfer_request = TransferRequest{
        row.Text(31), row.Text(32),   row.Text(33), row.Text(34), {row.Text(35), row.Text(36)},
        row.Text(37), row.OptText(38)};
  }
  return c;
}

Result<std::vector<Case>> QueryCases(store::Session& tx, const std::string& sql,
                                     const std::vector<Value>& params) {
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<Case> out;
  for (const Row& row : *rows) out.push_back(CaseFromRow(row));
  return out;
}

// A cursor "<sort text>\x1f<id>" (opaque to callers).
std::string CursorOf(const std::string& key, const std::string& id) { return key + '\x1f' + id; }
bool SplitCursor(const std::string& after, std::string& key, std::string& id) {
  const size_t sep = after.find('\x1f');
  if (sep == std::string::npos) return false;
  key = after.substr(0, sep);
  id = after.substr(sep + 1);
  return true;
}

// --- contacts ---

constexpr std::string_view kContactColumns =
    "SELECT c.id, c.version, c.kind, c.status, c.contact_date, c.contact_time, c.community_id, "
    "t.code, t.path, c.person_id, c.household_id, {subject}, c.case_id, c.reason, "
    "c.action_taken, c.outcome, c.worker_id, w.display_name, c.present, c.observations, "
    "c.next_steps, c.created_at, c.updated_at "
    "FROM contacts c JOIN territories t ON t.id = c.community_id "
    "JOIN users w ON w.id = c.worker_id ";

std::string ContactSelect() {
  std::string sql(kContactColumns);
  sql.replace(sql.find("{subject}"), 9, kSubjectName);
  return sql + SubjectJoins("c");
}

Contact ContactFromRow(const Row& row) {
  Contact c;
  c.id = row.Text(0);
  c.version = row.Int(1);
  c.kind = ParseContactKind(row.Text(2)).value_or(ContactKind::kAudience);
  c.status = ParseContactStatus(row.Text(3)).value_or(ContactStatus::kDone);
  c.date = core::ParseDate(row.Text(4)).value_or(core::Date{});
  c.time = row.OptText(5);
  c.community_id = row.Text(6);
  c.community_code = row.Text(7);
  c.community_path = row.Text(8);
  c.subject = SubjectFrom(row.OptText(9), row.OptText(10), row.Text(11));
  c.case_id = row.OptText(12);
  if (!row.IsNull(13)) c.reason = ParseContactReason(row.Text(13));
  c.action_taken = row.OptText(14);
  if (!row.IsNull(15)) c.outcome = ParseContactOutcome(row.Text(15));
  c.worker = {row.Text(16), row.Text(17)};
  c.present = row.OptText(18);
  c.observations = row.OptText(19);
  c.next_steps = row.OptText(20);
  c.created_at = row.Text(21);
  c.updated_at = row.Text(22);
  return c;
}

Result<std::vector<Contact>> QueryContacts(store::Session& tx, const std::string& sql,
                                           const std::vector<Value>& params) {
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<Contact> out;
  for (const Row& row : *rows) out.push_back(ContactFromRow(row));
  return out;
}

std::vector<Value> ContactValues(const Contact& c) {
  return {std::string(Name(c.kind)),
          std::string(Name(c.status)),
          c.date.ToString(),
          OptValue(c.time),
          OptValue(c.case_id),
          c.reason ? Value(std::string(Name(*c.reason))) : store::Null(),
          OptValue(c.action_taken),
          c.outcome ? Value(std::string(Name(*c.outcome))) : store::Null(),
          c.worker.id,
          OptValue(c.present),
          OptValue(c.observations),
          OptValue(c.next_steps)};
}

// --- plans ---

constexpr std::string_view kActionColumns =
    "SELECT a.id, a.version, a.goal_id, a.case_id, k.number, a.community_id, a.text, a.agency, "
    "a.responsible_user_id, a.responsible_name, a.responsible_contact, a.deadline, a.status, "
    "a.created_at, a.updated_at FROM plan_actions a JOIN cases k ON k.id = a.case_id ";

PlanAction ActionFromRow(const Row& row) {
  PlanAction a;
  a.id = row.Text(0);
  a.version = row.Int(1);
  a.goal_id = row.Text(2);
  a.case_id = row.Text(3);
  a.case_number = row.Text(4);
  a.community_id = row.Text(5);
  a.text = row.Text(6);
  a.agency = ParseAgency(row.Text(7)).value_or(Agency::kOther);
  a.responsible_user_id = row.OptText(8);
  a.responsible_name = row.Text(9);
  a.responsible_contact = row.OptText(10);
  a.deadline = core::ParseDate(row.Text(11)).value_or(core::Date{});
  a.status = ParseActionStatus(row.Text(12)).value_or(ActionStatus::kPlanned);
  a.created_at = row.Text(13);
  a.updated_at = row.Text(14);
  return a;
}

Result<std::vector<PlanAction>> QueryActions(store::Session& tx, const std::string& sql,
                                             const std::vector<Value>& params) {
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<PlanAction> out;
  for (const Row& row : *rows) out.push_back(ActionFromRow(row));
  return out;
}

// --- referrals ---

constexpr std::string_view kReferralColumns =
    "SELECT id, version, case_id, community_id, provider, service, contact, referred_on, answer, "
    "answer_reason, answered_on, created_at, updated_at, service_id, enrolment_id FROM referrals ";

Referral ReferralFromRow(const Row& row) {
  Referral r;
  r.id = row.Text(0);
  r.version = row.Int(1);
  r.case_id = row.Text(2);
  r.community_id = row.Text(3);
  r.provider = row.Text(4);
  r.service = row.Text(5);
  r.contact = row.OptText(6);
  r.referred_on = core::ParseDate(row.Text(7)).value_or(core::Date{});
  r.answer = ParseReferralAnswer(row.Text(8)).value_or(ReferralAnswer::kPending);
  r.answer_reason = row.OptText(9);
  if (!row.IsNull(10)) r.answered_on = core::ParseDate(row.Text(10));
  r.created_at = row.Text(11);
  r.updated_at = row.Text(12);
  r.service_id = row.OptText(13);
  r.enrolment_id = row.OptText(14);
  return r;
}

}  // namespace

// --- subjects and users ---

Result<std::optional<UserRef>> FindActiveUser(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows =
      tx.Query("SELECT id, display_name FROM users WHERE id = ? AND active = 1", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<UserRef>();
  return std::optional<UserRef>(UserRef{(*rows)[0].Text(0), (*rows)[0].Text(1)});
}

// --- settings and numbers ---

Result<std::optional<CaseSettings>> FindSettings(store::Session& tx,
                                                 const std::string& community_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT community_id, number_prefix, team_visibility, version FROM case_settings "
      "WHERE community_id = ?",
      {community_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CaseSettings>();
  CaseSettings s;
  s.community_id = (*rows)[0].Text(0);
  s.number_prefix = (*rows)[0].Text(1);
  s.team_visibility = (*rows)[0].Int(2) != 0;
  s.version = (*rows)[0].Int(3);
  return std::optional<CaseSettings>(std::move(s));
}

Status SaveSettings(store::Session& tx, const CaseSettings& s, int64_t expected_version,
                    const std::string& now) {
  if (expected_version == kDefaultSettingsVersion) {
    // The defaults were version 1: the first stored settings are version 2.
    Result<int64_t> added = tx.Exec(
        "INSERT INTO case_settings (community_id, number_prefix, team_visibility, version, "
        "updated_at) VALUES (?, ?, ?, 2, ?)",
        {s.community_id, s.number_prefix, int64_t{s.team_visibility ? 1 : 0}, now});
    if (!added.ok() && added.status().code() == "store.unique_violation") {
      return Status::Conflict("conflict.stale_version");
    }
    return added.ok() ? Status::Ok() : added.status();
  }
  return StaleUnlessOne(tx.Exec(
      "UPDATE case_settings SET number_prefix = ?, team_visibility = ?, version = version + 1, "
      "updated_at = ? WHERE community_id = ? AND version = ?",
      {s.number_prefix, int64_t{s.team_visibility ? 1 : 0}, now, s.community_id,
       expected_version}));
}

Result<int64_t> NextCaseSequence(store::Session& tx, const std::string& community_id, int year) {
  // One statement on both backends, so that two cases opened at once never share a number.
  Result<store::Rows> rows = tx.Query(
      "INSERT INTO case_counters (community_id, year, last_number) VALUES (?, ?, 1) "
      "ON CONFLICT (community_id, year) DO UPDATE SET last_number = case_counters.last_number "
      "+ 1 RETURNING last_number",
      {community_id, int64_t{year}});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Internal("case counter returned no row");
  return (*rows)[0].Int(0);
}

// --- cases ---

Status InsertCase(store::Session& tx, const Case& c, const std::string& created_by) {
  const bool person = c.subject.kind == Subject::Kind::kPerson;
  return tx
      .Exec(
          "INSERT INTO cases (id, community_id, number, person_id, household_id, category, "
          "risk_level, state, assigned_worker_id, opening_reason, origin_kind, origin_id, "
          "confidential, child_case, opened_at, version, created_at, updated_at, created_by) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {c.id, c.community_id, c.number, person ? Value(c.subject.id) : store::Null(),
           person ? store::Null() : Value(c.subject.id), std::string(Name(c.category)),
           std::string(Name(c.risk_level)), std::string(Name(c.state)), c.assigned_worker.id,
           c.opening_reason, std::string(Name(c.origin_kind)), OptValue(c.origin_id),
           int64_t{c.confidential ? 1 : 0}, int64_t{c.child_case ? 1 : 0}, c.opened_at, c.version,
           c.created_at, c.updated_at, created_by})
      .status();
}

Status UpdateCase(store::Session& tx, const Case& c, int64_t expected_version) {
  const std::optional<ClosureRequest>& cr = c.closure_request;
  const std::optional<TransferRequest>& tr = c.transfer_request;
  return StaleUnlessOne(
      tx.Exec("UPDATE cases SET community_id = ?, category = ?, risk_level = ?, state = ?, "
              "assigned_worker_id = ?, opening_reason = ?, confidential = ?, child_case = ?, "
              "closure_requested_by = ?, closure_requested_at = ?, closure_reason = ?, "
              "transfer_to_id = ?, transfer_requested_by = ?, transfer_requested_at = ?, "
              "transfer_reason = ?, closed_at = ?, version = ?, updated_at = ? "
              "WHERE id = ? AND version = ?",
              {c.community_id,
               std::string(Name(c.category)),
               std::string(Name(c.risk_level)),
               std::string(Name(c.state)),
               c.assigned_worker.id,
               c.opening_reason,
               int64_t{c.confidential ? 1 : 0},
               int64_t{c.child_case ? 1 : 0},
               cr ? Value(cr->requested_by.id) : store::Null(),
               cr ? Value(cr->requested_at) : store::Null(),
               cr ? OptValue(cr->reason) : store::Null(),
               tr ? Value(tr->to_community_id) : store::Null(),
               tr ? Value(tr->requested_by.id) : store::Null(),
               tr ? Value(tr->requested_at) : store::Null(),
               tr ? OptValue(tr->reason) : store::Null(),
               OptValue(c.closed_at),
               c.version,
               c.updated_at,
               c.id,
               expected_version}));
}

Result<Case> FindCase(store::Session& tx, const std::string& id, core::Date today) {
  Result<std::vector<Case>> found =
      QueryCases(tx, CaseSelect() + "WHERE k.id = ?", {today.ToString(), id});
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("case.not_found");
  return std::move(found->front());
}

Result<CasePage> ListCases(store::Session& tx, const CaseFilter& f, const std::string& after,
                           int limit, core::Date today) {
  std::vector<Value> params = {today.ToString()};
  std::string sql =
      CaseSelect() + "WHERE " +
      (f.transfers_into ? std::string("1 = 1") : store::ScopeFilter("t.path", f.scope, params));
  if (f.state == "open") {
    sql += " AND k.state <> 'closed'";
  } else if (f.state) {
    sql += " AND k.state = ?";
    params.emplace_back(*f.state);
  }
  if (f.worker_id) {
    sql += " AND k.assigned_worker_id = ?";
    params.emplace_back(*f.worker_id);
  }
  if (f.subject_id) {
    sql += " AND (k.person_id = ? OR k.household_id = ?)";
    params.emplace_back(*f.subject_id);
    params.emplace_back(*f.subject_id);
  }
  if (f.number_part) {
    sql += " AND k.number LIKE ? ESCAPE '!'";
    params.emplace_back(store::LikeContaining(*f.number_part));
  }
  if (f.transfers_into) {
    sql += " AND k.transfer_to_id IS NOT NULL AND " +
           store::ScopeFilter("tt.path", *f.transfers_into, params);
  }
  if (f.awaiting_closure_in) {
    sql += " AND k.closure_requested_at IS NOT NULL AND " +
           store::ScopeFilter("t.path", *f.awaiting_closure_in, params);
  }
  std::string key, id;
  if (!after.empty()) {
    if (!SplitCursor(after, key, id)) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    sql += " AND (k.opened_at < ? OR (k.opened_at = ? AND k.id < ?))";
    params.insert(params.end(), {key, key, id});
  }
  sql += " ORDER BY k.opened_at DESC, k.id DESC LIMIT ?";
  params.emplace_back(int64_t{limit + 1});
  Result<std::vector<Case>> found = QueryCases(tx, sql, params);
  if (!found.ok()) return found.status();
  CasePage page;
  page.items = std::move(*found);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next = CursorOf(page.items.back().opened_at, page.items.back().id);
  }
  return page;
}

// The screens' fixed limits are written into the statement rather than bound: PostgreSQL
// plans a prepared statement once for any values after a few calls, and with an unknown
// LIMIT that plan sorts every open case of the installation instead of reading the worker's
// through their index.
namespace {
std::string LimitOf(int limit) { return " LIMIT " + std::to_string(limit); }
}  // namespace

Result<std::vector<Case>> ListCaseload(store::Session& tx, const std::string& worker_id,
                                       core::Date today, int limit) {
  return QueryCases(tx,
                    CaseSelect() +
                        "WHERE k.assigned_worker_id = ? AND k.state <> 'closed' ORDER BY CASE "
                        "k.risk_level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' "
                        "THEN 2 ELSE 3 END, k.opened_at, k.id" +
                        LimitOf(limit),
                    {today.ToString(), worker_id});
}

Status MoveCaseRecords(store::Session& tx, const std::string& case_id,
                       const std::string& community_id) {
  for (const char* table : {"case_events", "contacts", "plan_goals", "plan_actions", "referrals"}) {
    SOCIUS_RETURN_IF_ERROR(
        tx.Exec(std::string("UPDATE ") + table + " SET community_id = ? WHERE case_id = ?",
                {community_id, case_id})
            .status());
  }
  return Status::Ok();
}

Result<std::vector<std::string>> ListCommunityIds(store::Session& tx, const std::string& path) {
  std::vector<Value> params;
  Result<store::Rows> rows =
      tx.Query("SELECT t.id FROM territories t WHERE t.level = 'community' AND " +
                   store::ScopeFilter("t.path", {path}, params),
               params);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> ids;
  ids.reserve(rows->size());
  for (const Row& row : *rows) ids.push_back(row.Text(0));
  return ids;
}

namespace {

// "<column> IN (?, ?, ...)" over `values`, appended to `params`.
std::string InList(std::string_view column, const std::vector<std::string>& values,
                   std::vector<Value>& params) {
  for (const std::string& v : values) params.emplace_back(v);
  return std::string(column) + " IN (" + store::Placeholders(values.size()) + ")";
}

// The roles whose holders make up a team: those that carry case.work.
std::vector<std::string> CaseWorkRoles() {
  std::vector<std::string> roles;
  for (auth::Role role : auth::AllRoles()) {
    const std::vector<auth::Permission>& carried = auth::PermissionsOf(role);
    if (std::find(carried.begin(), carried.end(), auth::Permission::kCaseWork) != carried.end()) {
      roles.emplace_back(auth::Name(role));
    }
  }
  return roles;
}

}  // namespace

// Each figure is one grouped count over the territory's communities (an IN list the indexes
// on community_id serve), so the cost follows the territory's open work, not the number of
// workers times the size of the installation.
Result<std::vector<WorkerLoad>> TeamLoad(store::Session& tx, const std::string& path,
                                         const std::vector<std::string>& community_ids,
                                         core::Date today) {
  std::map<std::string, WorkerLoad> load;  // by user id
  std::map<std::string, int> visits;       // by user id
  if (!community_ids.empty()) {
    std::vector<Value> params;
    std::string sql =
        "SELECT assigned_worker_id, COUNT(*), SUM(CASE WHEN risk_level IN ('high', 'critical') "
        "THEN 1 ELSE 0 END), SUM(CASE WHEN closure_requested_at IS NOT NULL THEN 1 ELSE 0 END) "
        "FROM cases WHERE " +
        InList("community_id", community_ids, params) +
        " AND state <> 'closed' GROUP BY assigned_worker_id";
    Result<store::Rows> cases = tx.Query(sql, params);
    if (!cases.ok()) return cases.status();
    for (const Row& row : *cases) {
      WorkerLoad& w = load[row.Text(0)];
      w.open_cases = static_cast<int>(row.Int(1));
      w.high_risk_cases = static_cast<int>(row.Int(2));
      w.closure_requests = static_cast<int>(row.Int(3));
    }

    params = {today.ToString(), today.ToString()};
    sql =
        "SELECT k.assigned_worker_id, SUM(CASE WHEN a.deadline < ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN a.deadline >= ? THEN 1 ELSE 0 END) FROM plan_actions a JOIN cases k ON "
        "k.id = a.case_id WHERE " +
        InList("a.community_id", community_ids, params) +
        " AND a.status IN ('planned', 'in_progress') AND a.deadline <= ? AND k.state <> 'closed' "
        "GROUP BY k.assigned_worker_id";
    params.emplace_back(core::AddDays(today, 7).ToString());
    Result<store::Rows> actions = tx.Query(sql, params);
    if (!actions.ok()) return actions.status();
    for (const Row& row : *actions) {
      WorkerLoad& w = load[row.Text(0)];
      w.overdue_actions = static_cast<int>(row.Int(1));
      w.due_actions = static_cast<int>(row.Int(2));
    }

    params.clear();
    sql = "SELECT worker_id, COUNT(*) FROM contacts WHERE " +
          InList("community_id", community_ids, params) +
          " AND contact_date >= ? AND contact_date <= ? AND kind = 'home_visit' AND "
          "status = 'planned' GROUP BY worker_id";
    params.emplace_back(today.ToString());
    params.emplace_back(core::AddDays(today, 6).ToString());
    Result<store::Rows> planned = tx.Query(sql, params);
    if (!planned.ok()) return planned.status();
    for (const Row& row : *planned) visits[row.Text(0)] = static_cast<int>(row.Int(1));
  }

  // The team: holders of a case-work role inside the territory, and whoever has an open case
  // there (a worker who moved, or whose role is above the territory).
  std::vector<Value> params;
  std::vector<std::string> with_cases;
  for (const auto& [id, w] : load) {
    if (w.open_cases > 0) with_cases.push_back(id);
  }
  // One fragment per statement: each appends its parameters in the order of the text.
  std::string sql =
      "SELECT u.id, u.display_name FROM users u WHERE u.active = 1 AND (u.id IN (SELECT "
      "r.user_id FROM role_assignments r JOIN territories rt ON rt.id = r.territory_id WHERE ";
  sql += InList("r.role", CaseWorkRoles(), params);
  sql += " AND " + store::ScopeFilter("rt.path", {path}, params) + ")";
  if (!with_cases.empty()) sql += " OR " + InList("u.id", with_cases, params);
  sql += ") ORDER BY u.display_name, u.id LIMIT 500";
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<WorkerLoad> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    WorkerLoad w;
    if (auto it = load.find(row.Text(0)); it != load.end()) w = it->second;
    if (auto it = visits.find(row.Text(0)); it != visits.end()) w.visits_this_week = it->second;
    w.worker = {row.Text(0), row.Text(1)};
    out.push_back(std::move(w));
  }
  return out;
}

Result<std::vector<PlanAction>> ListOverdueActionsIn(store::Session& tx,
                                                     const std::vector<std::string>& community_ids,
                                                     core::Date today, int limit) {
  if (community_ids.empty()) return std::vector<PlanAction>{};
  std::vector<Value> params;
  std::string sql = std::string(kActionColumns) + "WHERE " +
                    InList("a.community_id", community_ids, params) +
                    " AND a.status IN ('planned', 'in_progress') AND a.deadline < ? AND "
                    "k.state <> 'closed' ORDER BY a.deadline, a.id" +
                    LimitOf(limit);
  params.emplace_back(today.ToString());
  return QueryActions(tx, sql, params);
}

// The grants that cover a community are the ones on it or on one of its ancestors: every
// prefix of its path that ends in '/' ('/', '/RO/', '/RO/RO:10/', '/RO/RO:10/RO:1017/').
Result<std::vector<UserRef>> ListEligibleWorkers(store::Session& tx,
                                                 const std::string& community_path) {
  std::vector<Value> params;
  const std::vector<std::string> roles = CaseWorkRoles();
  std::vector<std::string> covering;
  for (size_t slash = community_path.find('/'); slash != std::string::npos;
       slash = community_path.find('/', slash + 1)) {
    covering.push_back(community_path.substr(0, slash + 1));
  }
  if (roles.empty() || covering.empty()) return std::vector<UserRef>{};
  std::string sql =
      "SELECT DISTINCT u.id, u.display_name FROM users u JOIN role_assignments r ON "
      "r.user_id = u.id JOIN territories t ON t.id = r.territory_id WHERE u.active = 1 AND ";
  sql += InList("r.role", roles, params);
  sql += " AND " + InList("t.path", covering, params);
  sql += " ORDER BY u.display_name, u.id LIMIT 1000";
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<UserRef> workers;
  for (const Row& row : *rows) workers.push_back(UserRef{row.Text(0), row.Text(1)});
  return workers;
}

Result<std::optional<AssessmentOrigin>> FindFinishedAssessment(store::Session& tx,
                                                               const std::string& id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT id, person_id, household_id, questionnaire_code, score, flags FROM assessments "
      "WHERE id = ? AND status = 'final'",
      {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<AssessmentOrigin>();
  const Row& row = (*rows)[0];
  AssessmentOrigin a{row.Text(0),
                     row.OptText(1),
                     row.OptText(2),
                     row.Text(3),
                     row.IsNull(4) ? std::nullopt : std::optional<int64_t>(row.Int(4)),
                     row.Text(5)};
  return std::optional<AssessmentOrigin>(std::move(a));
}

// --- the timeline ---

Status InsertEvent(store::Session& tx, const CaseEvent& e, const std::string& community_id) {
  return tx
      .Exec(
          "INSERT INTO case_events (id, case_id, community_id, at, actor_id, kind, confidential, "
          "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {e.id, e.case_id, community_id, e.at, e.actor ? Value(e.actor->id) : store::Null(),
           e.kind, int64_t{e.confidential ? 1 : 0}, e.detail_json})
      .status();
}

Result<EventPage> ListEvents(store::Session& tx, const std::string& case_id,
                             const std::optional<std::string>& kind, bool with_confidential,
                             const std::string& after, int limit) {
  std::vector<Value> params = {case_id};
  std::string sql =
      "SELECT e.id, e.case_id, e.at, e.actor_id, u.display_name, e.kind, e.confidential, "
      "e.detail FROM case_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = ?";
  if (kind) {
    sql += " AND e.kind = ?";
    params.emplace_back(*kind);
  }
  if (!with_confidential) sql += " AND e.confidential = 0";
  std::string key, id;
  if (!after.empty()) {
    if (!SplitCursor(after, key, id)) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    sql += " AND (e.at < ? OR (e.at = ? AND e.id < ?))";
    params.insert(params.end(), {key, key, id});
  }
  sql += " ORDER BY e.at DESC, e.id DESC LIMIT ?";
  params.emplace_back(int64_t{limit + 1});
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  EventPage page;
  for (const Row& row : *rows) {
    CaseEvent e;
    e.id = row.Text(0);
    e.case_id = row.Text(1);
    e.at = row.Text(2);
    if (!row.IsNull(3)) e.actor = UserRef{row.Text(3), row.Text(4)};
    e.kind = row.Text(5);
    e.confidential = row.Int(6) != 0;
    e.detail_json = row.Text(7);
    page.items.push_back(std::move(e));
  }
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next = CursorOf(page.items.back().at, page.items.back().id);
  }
  return page;
}

// --- contacts ---

Status InsertContact(store::Session& tx, const Contact& c, const std::string& created_by) {
  const bool person = c.subject.kind == Subject::Kind::kPerson;
  std::vector<Value> params = {c.id, c.community_id, person ? Value(c.subject.id) : store::Null(),
                               person ? store::Null() : Value(c.subject.id)};
  for (Value& v : ContactValues(c)) params.push_back(std::move(v));
  params.insert(params.end(), {c.version, c.created_at, c.updated_at, created_by});
  return tx
      .Exec(
          "INSERT INTO contacts (id, community_id, person_id, household_id, kind, status, "
          "contact_date, contact_time, case_id, reason, action_taken, outcome, worker_id, "
          "present, observations, next_steps, version, created_at, updated_at, created_by) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          params)
      .status();
}

Status UpdateContact(store::Session& tx, const Contact& c, int64_t expected_version) {
  std::vector<Value> params = ContactValues(c);
  params.insert(params.end(), {c.version, c.updated_at, c.id, expected_version});
  return StaleUnlessOne(tx.Exec(
      "UPDATE contacts SET kind = ?, status = ?, contact_date = ?, contact_time = ?, case_id = ?, "
      "reason = ?, action_taken = ?, outcome = ?, worker_id = ?, present = ?, observations = ?, "
      "next_steps = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
      params));
}

Result<Contact> FindContact(store::Session& tx, const std::string& id) {
  Result<std::vector<Contact>> found = QueryContacts(tx, ContactSelect() + "WHERE c.id = ?", {id});
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("contact.not_found");
  return std::move(found->front());
}

Result<ContactPage> ListContacts(store::Session& tx, const ContactFilter& f,
                                 const std::string& after, int limit) {
  std::vector<Value> params;
  std::string sql = ContactSelect() + "WHERE " + store::ScopeFilter("t.path", f.scope, params);
  auto equal = [&](const char* column, const std::optional<std::string>& value) {
    if (!value) return;
    sql += std::string(" AND ") + column + " = ?";
    params.emplace_back(*value);
  };
  equal("c.person_id", f.person_id);
  equal("c.household_id", f.household_id);
  equal("c.case_id", f.case_id);
  sql +=
      " AND (c.case_id IS NULL OR EXISTS (SELECT 1 FROM cases k JOIN territories kt ON "
      "kt.id = k.community_id LEFT JOIN case_settings ks ON ks.community_id = k.community_id "
      "WHERE k.id = c.case_id AND " +
      ContentVisible(f.viewer, params) + "))";
  std::string key, id;
  if (!after.empty()) {
    if (!SplitCursor(after, key, id)) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    sql += " AND (c.contact_date < ? OR (c.contact_date = ? AND c.id < ?))";
    params.insert(params.end(), {key, key, id});
  }
  sql += " ORDER BY c.contact_date DESC, c.id DESC LIMIT ?";
  params.emplace_back(int64_t{limit + 1});
  Result<std::vector<Contact>> found = QueryContacts(tx, sql, params);
  if (!found.ok()) return found.status();
  ContactPage page;
  page.items = std::move(*found);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next = CursorOf(page.items.back().date.ToString(), page.items.back().id);
  }
  return page;
}

Result<std::vector<Contact>> ListPlannedVisits(store::Session& tx, const std::string& worker_id,
                                               core::Date last_day, int limit) {
  return QueryContacts(tx,
                       ContactSelect() +
                           "WHERE c.worker_id = ? AND c.kind = 'home_visit' AND c.status = "
                           "'planned' AND c.contact_date <= ? ORDER BY c.contact_date, "
                           "c.contact_time, c.id" +
                           LimitOf(limit),
                       {worker_id, last_day.ToString()});
}

// --- plans ---

Status InsertGoal(store::Session& tx, const PlanGoal& g, const std::string& community_id,
                  const std::string& now) {
  return tx
      .Exec(
          "INSERT INTO plan_goals (id, case_id, community_id, text, version, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {g.id, g.case_id, community_id, g.text, g.version, now, now})
      .status();
}

Result<std::optional<PlanGoal>> FindGoal(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows =
      tx.Query("SELECT id, version, case_id, text FROM plan_goals WHERE id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<PlanGoal>();
  const Row& row = (*rows)[0];
  return std::optional<PlanGoal>(PlanGoal{row.Text(0), row.Int(1), row.Text(2), row.Text(3), {}});
}

Result<std::vector<PlanGoal>> ListPlan(store::Session& tx, const std::string& case_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT id, version, case_id, text FROM plan_goals WHERE case_id = ? "
      "ORDER BY created_at, id",
      {case_id});
  if (!rows.ok()) return rows.status();
  std::vector<PlanGoal> goals;
  for (const Row& row : *rows) {
    goals.push_back(PlanGoal{row.Text(0), row.Int(1), row.Text(2), row.Text(3), {}});
  }
  Result<std::vector<PlanAction>> actions = QueryActions(
      tx, std::string(kActionColumns) + "WHERE a.case_id = ? ORDER BY a.deadline, a.id", {case_id});
  if (!actions.ok()) return actions.status();
  for (PlanAction& a : *actions) {
    for (PlanGoal& g : goals) {
      if (g.id == a.goal_id) g.actions.push_back(std::move(a));
    }
  }
  return goals;
}

Status InsertAction(store::Session& tx, const PlanAction& a) {
  return tx
      .Exec(
          "INSERT INTO plan_actions (id, goal_id, case_id, community_id, text, agency, "
          "responsible_user_id, responsible_name, responsible_contact, deadline, status, "
          "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {a.id, a.goal_id, a.case_id, a.community_id, a.text, std::string(Name(a.agency)),
           OptValue(a.responsible_user_id), a.responsible_name, OptValue(a.responsible_contact),
           a.deadline.ToString(), std::string(Name(a.status)), a.version, a.created_at,
           a.updated_at})
      .status();
}

Status UpdateAction(store::Session& tx, const PlanAction& a, int64_t expected_version) {
  return StaleUnlessOne(tx.Exec(
      "UPDATE plan_actions SET text = ?, agency = ?, responsible_user_id = ?, "
      "responsible_name = ?, responsible_contact = ?, deadline = ?, status = ?, version = ?, "
      "updated_at = ? WHERE id = ? AND version = ?",
      {a.text, std::string(Name(a.agency)), OptValue(a.responsible_user_id), a.responsible_name,
       OptValue(a.responsible_contact), a.deadline.ToString(), std::string(Name(a.status)),
       a.version, a.updated_at, a.id, expected_version}));
}

Result<PlanAction> FindAction(store::Session& tx, const std::string& id) {
  Result<std::vector<PlanAction>> found =
      QueryActions(tx, std::string(kActionColumns) + "WHERE a.id = ?", {id});
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::NotFound("plan.action_not_found");
  return std::move(found->front());
}

Result<std::vector<PlanAction>> ListDueActions(store::Session& tx, const std::string& user_id,
                                               core::Date last_day, int limit) {
  // Two ways in, each along its own index (the worker's cases: cases_worker then
  // plan_actions_case; the user's own actions: plan_actions_responsible): an OR across the two
  // tables would read every plan action of the installation.
  const std::string due =
      "WHERE a.status IN ('planned', 'in_progress') AND a.deadline <= ? AND "
      "k.state <> 'closed' AND ";
  return QueryActions(tx,
                      "SELECT * FROM (" + std::string(kActionColumns) + due +
                          "k.assigned_worker_id = ? UNION " + std::string(kActionColumns) + due +
                          "a.responsible_user_id = ?) d ORDER BY d.deadline, d.id" + LimitOf(limit),
                      {last_day.ToString(), user_id, last_day.ToString(), user_id});
}

// --- referrals ---

Status InsertReferral(store::Session& tx, const Referral& r) {
  return tx
      .Exec(
          "INSERT INTO referrals (id, case_id, community_id, provider, service, contact, "
          "referred_on, answer, answer_reason, answered_on, version, created_at, updated_at, "
          "service_id, enrolment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {r.id, r.case_id, r.community_id, r.provider, r.service, OptValue(r.contact),
           r.referred_on.ToString(), std::string(Name(r.answer)), OptValue(r.answer_reason),
           r.answered_on ? Value(r.answered_on->ToString()) : store::Null(), r.version,
           r.created_at, r.updated_at, OptValue(r.service_id), OptValue(r.enrolment_id)})
      .status();
}

Status UpdateReferral(store::Session& tx, const Referral& r, int64_t expected_version) {
  return StaleUnlessOne(
      tx.Exec("UPDATE referrals SET answer = ?, answer_reason = ?, answered_on = ?, "
              "enrolment_id = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
              {std::string(Name(r.answer)), OptValue(r.answer_reason),
               r.answered_on ? Value(r.answered_on->ToString()) : store::Null(),
               OptValue(r.enrolment_id), r.version, r.updated_at, r.id, expected_version}));
}

Result<Referral> FindReferral(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kReferralColumns) + "WHERE id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("referral.not_found");
  return ReferralFromRow((*rows)[0]);
}

Result<std::optional<Referral>> FindReferralOfEnrolment(store::Session& tx,
                                                        const std::string& enrolment_id) {
  Result<store::Rows> rows =
      tx.Query(std::string(kReferralColumns) + "WHERE enrolment_id = ?", {enrolment_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Referral>();
  return std::optional<Referral>(ReferralFromRow((*rows)[0]));
}

Result<std::vector<Referral>> ListReferrals(store::Session& tx, const std::string& case_id) {
  Result<store::Rows> rows = tx.Query(
      std::string(kReferralColumns) + "WHERE case_id = ? ORDER BY referred_on DESC, id DESC",
      {case_id});
  if (!rows.ok()) return rows.status();
  std::vector<Referral> out;
  for (const Row& row : *rows) out.push_back(ReferralFromRow(row));
  return out;
}

}  // namespace socius::cases
