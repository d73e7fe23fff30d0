#include "cases/cases.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "auth/users.h"
#include "cases/repository.h"
#include "cases/rules.h"
#include "core/ids.h"
#include "registry/subjects.h"
#include "store/sql.h"

namespace socius::cases {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

Status NotFound() { return Status::NotFound("case.not_found"); }

CaseView ViewOf(const auth::Principal& who, Case c) {
  CaseView view;
  view.access = AccessTo(who, c);
  if (view.access.work) view.allowed = AllowedTransitions(c.state);
  view.record = std::move(c);
  return view;
}

auth::AuditEvent AuditEventOf(const char* action, const Case& c, const Json& detail) {
  return {action, "case", c.id, c.community_id, detail.dump()};
}

Status Audit(store::Session& tx, const auth::Principal& who, const char* action, const Case& c,
             const Json& detail) {
  return auth::AppendAudit(tx, &who, AuditEventOf(action, c, detail));
}

// The assessments room's household screening form: a case opened from one of its
// assessments comes from a screening (origin kind "screening").
constexpr char kScreeningForm[] = "household_screening";

Json SplitFlags(const std::string& flags) {
  Json codes = Json::array();
  size_t start = 0;
  while (start < flags.size()) {
    size_t comma = flags.find(',', start);
    if (comma == std::string::npos) comma = flags.size();
    if (comma > start) codes.push_back(flags.substr(start, comma - start));
    start = comma + 1;
  }
  return codes;
}

Status AddEventTo(store::Session& tx, const auth::Principal& who, const std::string& case_id,
                  const std::string& community_id, std::string kind, std::string detail_json,
                  bool confidential) {
  CaseEvent e;
  e.id = core::NewId();
  e.case_id = case_id;
  e.at = core::NowUtc();
  e.actor = UserRef{who.user_id, who.display_name};
  e.kind = std::move(kind);
  e.confidential = confidential;
  e.detail_json = std::move(detail_json);
  return InsertEvent(tx, e, community_id);
}

Status AddEvent(store::Session& tx, const auth::Principal& who, const Case& c, const char* kind,
                const Json& detail, bool confidential = false) {
  return AddEventTo(tx, who, c.id, c.community_id, kind, detail.dump(), confidential);
}

// The case as the caller may see it, or NotFound when they may not know it exists.
Result<Case> Visible(store::Session& tx, const auth::Principal& who, const std::string& id,
                     CaseAccess& access) {
  if (!core::LooksLikeId(id)) return NotFound();
  Result<Case> found = FindCase(tx, id, core::Today());
  if (!found.ok()) return found.status();
  access = AccessTo(who, *found);
  if (!access.summary) return NotFound();
  return found;
}

// The case, for a caller who must see its content (others: NotFound, as for a missing one)
// and, when `to_work`, may change it (others with the content: PermissionDenied).
Result<Case> ForContent(store::Session& tx, const auth::Principal& who, const std::string& id,
                        bool to_work, CaseAccess& access) {
  Result<Case> found = Visible(tx, who, id, access);
  if (!found.ok()) return found.status();
  if (!access.content) return NotFound();
  if (to_work && !access.work) return Status::PermissionDenied("auth.forbidden");
  return found;
}

// The case, at `expected_version`, for a caller who may give it to someone else (another
// worker, another community): its assigned worker or a holder of case.supervise.
Result<Case> ToHandOver(store::Session& tx, const auth::Principal& who, const std::string& id,
                        int64_t expected_version) {
  CaseAccess access;
  Result<Case> found = ForContent(tx, who, id, true, access);
  if (!found.ok()) return found.status();
  const bool assigned = found->assigned_worker.id == who.user_id;
  if (!access.supervise && !assigned) return Status::PermissionDenied("auth.forbidden");
  if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
  return found;
}

// The user must be active and hold case.work over the community.
Status CheckWorker(store::Session& tx, const std::string& user_id, const std::string& path,
                   const char* code, const char* field) {
  Result<std::optional<auth::Principal>> worker = auth::ActivePrincipalIn(tx, user_id);
  if (!worker.ok()) return worker.status();
  if (!*worker || !auth::Allows(**worker, Permission::kCaseWork, path)) {
    return Status::InvalidArgument(code, field);
  }
  return Status::Ok();
}

Result<Case> Reread(store::Session& tx, const std::string& id) {
  return FindCase(tx, id, core::Today());
}

// Writes a change to the case at `expected_version` with its timeline event and audit entry,
// and reads the case back as stored (its counts and names).
Status SaveChange(store::Session& tx, const auth::Principal& who, Case& c, int64_t expected_version,
                  const char* kind, const char* action, const Json& detail) {
  c.version = expected_version + 1;
  c.updated_at = core::NowUtc();
  SOCIUS_RETURN_IF_ERROR(UpdateCase(tx, c, expected_version));
  SOCIUS_RETURN_IF_ERROR(AddEvent(tx, who, c, kind, detail));
  SOCIUS_RETURN_IF_ERROR(Audit(tx, who, action, c, detail));
  Result<Case> stored = Reread(tx, c.id);
  if (!stored.ok()) return stored.status();
  c = std::move(*stored);
  return Status::Ok();
}

// A record that belongs to a case (a plan action, a referral), for a caller who may work on
// the case: the case, or `not_found` when the caller may not see its content.
Result<Case> CaseOfRecord(store::Session& tx, const auth::Principal& who,
                          const std::string& case_id, const char* not_found) {
  CaseAccess access;
  Result<Case> found = ForContent(tx, who, case_id, true, access);
  if (!found.ok() && found.status().code() == "case.not_found") {
    return Status::NotFound(not_found);
  }
  return found;
}

Json Changes(const Case& before, const Case& after) {
  Json changes = Json::object();
  auto note = [&](const char* field, const Json& from, const Json& to) {
    if (from != to) changes[field] = {{"from", from}, {"to", to}};
  };
  note("category", std::string(Name(before.category)), std::string(Name(after.category)));
  note("risk_level", std::string(Name(before.risk_level)), std::string(Name(after.risk_level)));
  note("opening_reason", before.opening_reason, after.opening_reason);
  note("confidential", before.confidential, after.confidential);
  return changes;
}

Json ActionDetail(const PlanAction& a) {
  return {{"action_id", a.id},
          {"goal_id", a.goal_id},
          {"text", a.text},
          {"agency", std::string(Name(a.agency))},
          {"responsible", a.responsible_name},
          {"deadline", a.deadline.ToString()},
          {"status", std::string(Name(a.status))}};
}

// Fills the responsible of `action` from `input`: a user who may work on the community's
// cases, or a name outside the system.
Status ApplyResponsible(store::Session& tx, const Case& c, const ActionInput& input,
                        PlanAction& action) {
  if (input.responsible_user_id) action.responsible_user_id = *input.responsible_user_id;
  if (input.responsible_name) action.responsible_name = *input.responsible_name;
  if (input.responsible_contact) action.responsible_contact = *input.responsible_contact;
  if (action.responsible_user_id) {
    Result<std::optional<auth::Principal>> user =
        auth::ActivePrincipalIn(tx, *action.responsible_user_id);
    if (!user.ok()) return user.status();
    if (!*user || !auth::Allows(**user, Permission::kCaseRead, c.community_path)) {
      return Status::InvalidArgument("plan.responsible_outside_territory", "responsible_user_id");
    }
    action.responsible_name = (*user)->display_name;
  } else if (action.responsible_name.empty()) {
    return Status::InvalidArgument("plan.responsible_required", "responsible_name");
  }
  return Status::Ok();
}

// The day the case opened, in the installation's time zone (as "today" is).
core::Date OpenedOn(const Case& c) {
  std::optional<core::TimePoint> at = core::ParseUtc(c.opened_at);
  return at ? core::LocalDate(*at) : core::Date{};
}

}  // namespace

Result<CaseView> Cases::Open(const auth::Principal& who, const CaseInput& input) {
  Case c;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<SubjectInfo> subject = SubjectToWorkOn(tx, who, input.subject_kind, input.subject_id);
    if (!subject.ok()) return subject.status();
    const std::string worker_id = input.assigned_worker_id.value_or(who.user_id);
    SOCIUS_RETURN_IF_ERROR(CheckWorker(tx, worker_id, subject->community_path,
                                       "case.worker_not_eligible", "assigned_worker_id"));
    if (input.origin_contact_id) {
      Result<Contact> origin = FindContact(tx, *input.origin_contact_id);
      if (!origin.ok() || origin->subject.id != input.subject_id) {
        return Status::InvalidArgument("case.origin_not_found", "origin_contact_id");
      }
      c.origin_kind = OriginKind::kContact;
      c.origin_id = origin->id;
    }
    Json origin_detail;  // what the opening line of the timeline tells of the assessment
    if (input.origin_assessment_id) {
      Result<std::optional<AssessmentOrigin>> origin =
          core::LooksLikeId(*input.origin_assessment_id)
              ? FindFinishedAssessment(tx, *input.origin_assessment_id)
              : Result<std::optional<AssessmentOrigin>>(std::optional<AssessmentOrigin>());
      if (!origin.ok()) return origin.status();
      const bool same_subject =
          origin->has_value() && (input.subject_kind == Subject::Kind::kPerson
                                      ? (*origin)->person_id
                                      : (*origin)->household_id) == input.subject_id;
      if (!same_subject) {
        return Status::InvalidArgument("case.origin_assessment_not_found", "origin_assessment_id");
      }
      const AssessmentOrigin& a = **origin;
      c.origin_kind =
          a.questionnaire_code == kScreeningForm ? OriginKind::kScreening : OriginKind::kAssessment;
      c.origin_id = a.id;
      origin_detail = {{"assessment_id", a.id},
                       {"questionnaire_code", a.questionnaire_code},
                       {"score", a.score ? Json(*a.score) : Json()},
                       {"flags", SplitFlags(a.flags)}};
    }
    const core::Date today = core::Today();
    Result<std::optional<CaseSettings>> settings = FindSettings(tx, subject->community_id);
    if (!settings.ok()) return settings.status();
    const std::string prefix =
        *settings ? (*settings)->number_prefix : DefaultNumberPrefix(subject->community_code);
    Result<int64_t> sequence = NextCaseSequence(tx, subject->community_id, today.year);
    if (!sequence.ok()) return sequence.status();

    std::optional<int> age;
    if (subject->birth_date) {
      const core::Date b = *subject->birth_date;
      age = today.year - b.year -
            ((today.month < b.month || (today.month == b.month && today.day < b.day)) ? 1 : 0);
    }
    c.id = core::NewId();
    c.number = FormatCaseNumber(prefix, today.year, *sequence);
    c.community_id = subject->community_id;
    c.subject = subject->subject;
    c.category = input.category;
    c.risk_level = input.risk_level;
    c.state = CaseState::kIntake;
    c.assigned_worker.id = worker_id;
    c.opening_reason = input.opening_reason;
    c.child_case = IsChildCase(input.category, age);
    c.confidential = c.child_case || input.category == Category::kDomesticViolence;
    c.opened_at = c.created_at = c.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(InsertCase(tx, c, who.user_id));
    if (c.origin_kind == OriginKind::kContact) {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("UPDATE contacts SET case_id = ? WHERE id = ? AND case_id IS NULL",
                  {c.id, *c.origin_id})
              .status());
    }
    const Json detail = {{"number", c.number},
                         {"category", std::string(Name(c.category))},
                         {"risk_level", std::string(Name(c.risk_level))},
                         {"assigned_worker_id", worker_id},
                         {"origin", std::string(Name(c.origin_kind))}};
    Json opened = {{"opened", true}, {"to", "intake"}, {"number", c.number}};
    if (!origin_detail.is_null()) opened["origin"] = std::move(origin_detail);
    SOCIUS_RETURN_IF_ERROR(AddEvent(tx, who, c, "state", opened));
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "case.create", c, detail));
    Result<Case> stored = Reread(tx, c.id);
    if (!stored.ok()) return stored.status();
    c = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return ViewOf(who, std::move(c));
}

Result<CaseView> Cases::Get(const auth::Principal& who, const std::string& id) {
  Case c;
  CaseAccess access;
  Status status = auth::AuditedRead(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<Case> found = Visible(tx, who, id, access);
    if (!found.ok()) return found.status();
    c = std::move(*found);
    // A summary is not a read of the case file.
    if (access.content) entries.push_back(AuditEventOf("case.read", c, {{"view", "record"}}));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return ViewOf(who, std::move(c));
}

Result<CaseViewPage> Cases::List(const auth::Principal& who, const CaseListQuery& query,
                                 const std::string& after, int limit) {
  CaseFilter filter;
  filter.scope = auth::ScopePaths(who, Permission::kCaseRead);
  filter.state = query.state;
  if (query.worker) filter.worker_id = *query.worker == "me" ? who.user_id : *query.worker;
  filter.subject_id = query.subject_id;
  filter.number_part = query.number_part;
  CaseViewPage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<CasePage> found = ListCases(tx, filter, after, limit, core::Today());
    if (!found.ok()) return found.status();
    for (Case& c : found->items) page.items.push_back(ViewOf(who, std::move(c)));
    page.next = std::move(found->next);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<CaseView> Cases::Update(const auth::Principal& who, const std::string& id,
                               int64_t expected_version, const CaseChanges& changes) {
  Case c;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, id, true, access);
    if (!found.ok()) return found.status();
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    const Case before = *found;
    c = std::move(*found);
    if (changes.category) c.category = *changes.category;
    if (changes.risk_level) c.risk_level = *changes.risk_level;
    if (changes.opening_reason) c.opening_reason = *changes.opening_reason;
    if (changes.confidential) c.confidential = *changes.confidential;
    if (c.category == Category::kChildAtRisk) c.child_case = true;
    const Json diff = Changes(before, c);
    if (diff.empty()) return Status::Ok();
    return SaveChange(tx, who, c, expected_version, "state", "case.update", {{"changes", diff}});
  });
  if (!status.ok()) return status;
  return ViewOf(who, std::move(c));
}

Result<TransitionResult> Cases::Transition(const auth::Principal& who, const std::string& id,
                                           int64_t expected_version, CaseState to,
                                           const std::optional<std::string>& reason) {
  Case c;
  bool requested = false;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    requested = false;  // the body may run again (store::Database::Write)
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, id, true, access);
    if (!found.ok()) return found.status();
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    c = std::move(*found);
    Result<TransitionEffect> effect =
        DecideTransition({c.state, to, c.child_case, c.closure_request.has_value(), c.open_actions,
                          reason, access.supervise});
    if (!effect.ok()) return effect.status();
    const CaseState from = c.state;
    const std::string now = core::NowUtc();
    Json detail = {{"from", std::string(Name(from))}, {"to", std::string(Name(to))}};
    if (reason) detail["reason"] = *reason;
    if (*effect == TransitionEffect::kRequestClosure) {
      requested = true;
      c.closure_request = ClosureRequest{{who.user_id, who.display_name}, now, reason};
      detail["closure_requested"] = true;
    } else {
      c.state = to;
      c.closed_at = to == CaseState::kClosed ? std::optional<std::string>(now) : std::nullopt;
    }
    return SaveChange(tx, who, c, expected_version, "state", "case.state_change", detail);
  });
  if (!status.ok()) return status;
  return TransitionResult{ViewOf(who, std::move(c)), requested};
}

Result<CaseView> Cases::DecideClosure(const auth::Principal& who, const std::string& id,
                                      int64_t expected_version, bool approve,
                                      const std::optional<std::string>& comment) {
  Case c;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, id, false, access);
    if (!found.ok()) return found.status();
    if (!access.supervise) return Status::PermissionDenied("auth.forbidden");
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    c = std::move(*found);
    if (!c.closure_request) return Status::Conflict("case.no_closure_request");
    const std::string now = core::NowUtc();
    Json detail = {{"approved", approve}, {"from", std::string(Name(c.state))}};
    if (c.closure_request->reason) detail["reason"] = *c.closure_request->reason;
    if (comment) detail["comment"] = *comment;
    if (approve) {
      c.state = CaseState::kClosed;
      c.closed_at = now;
    }
    c.closure_request.reset();
    return SaveChange(tx, who, c, expected_version, "state", "case.closure_decision", detail);
  });
  if (!status.ok()) return status;
  return ViewOf(who, std::move(c));
}

Result<CaseView> Cases::Reassign(const auth::Principal& who, const std::string& id,
                                 int64_t expected_version, const std::string& worker_id) {
  Case c;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Case> found = ToHandOver(tx, who, id, expected_version);
    if (!found.ok()) return found.status();
    c = std::move(*found);
    SOCIUS_RETURN_IF_ERROR(
        CheckWorker(tx, worker_id, c.community_path, "case.worker_not_eligible", "worker_id"));
    if (worker_id == c.assigned_worker.id) return Status::Ok();
    const Json detail = {{"from", c.assigned_worker.id}, {"to", worker_id}};
    c.assigned_worker.id = worker_id;
    return SaveChange(tx, who, c, expected_version, "assignment", "case.reassign", detail);
  });
  if (!status.ok()) return status;
  return ViewOf(who, std::move(c));
}

Result<CaseView> Cases::RequestTransfer(const auth::Principal& who, const std::string& id,
                                        int64_t expected_version, const std::string& community_code,
                                        const std::optional<std::string>& reason) {
  Case c;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Case> found = ToHandOver(tx, who, id, expected_version);
    if (!found.ok()) return found.status();
    c = std::move(*found);
    if (c.state == CaseState::kClosed) return Status::Conflict("case.closed");
    if (c.transfer_request) return Status::Conflict("case.transfer_pending");
    Result<store::Rows> target = tx.Query(
        "SELECT id, code, name, path FROM territories WHERE code = ? AND level = 'community'",
        {community_code});
    if (!target.ok()) return target.status();
    if (target->empty() || !auth::Allows(who, Permission::kTerritoryRead, (*target)[0].Text(3))) {
      return Status::InvalidArgument("case.transfer_target_not_found", "community_code");
    }
    const store::Row& row = (*target)[0];
    if (row.Text(0) == c.community_id) {
      return Status::InvalidArgument("case.transfer_same_community", "community_code");
    }
    const std::string now = core::NowUtc();
    c.transfer_request = TransferRequest{
        row.Text(0), row.Text(1), row.Text(2), row.Text(3), {who.user_id, who.display_name},
        now,         reason};
    Json detail = {{"transfer_to", row.Text(1)}, {"requested", true}};
    if (reason) detail["reason"] = *reason;
    return SaveChange(tx, who, c, expected_version, "assignment", "case.transfer", detail);
  });
  if (!status.ok()) return status;
  return ViewOf(who, std::move(c));
}

Result<CaseView> Cases::DecideTransfer(const auth::Principal& who, const std::string& id,
                                       int64_t expected_version, bool accept,
                                       const std::optional<std::string>& worker_id,
                                       const std::optional<std::string>& comment) {
  Case c;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = Visible(tx, who, id, access);
    if (!found.ok()) return found.status();
    if (!found->transfer_request) {
      if (!access.content) return NotFound();
      return Status::Conflict("case.no_transfer_request");
    }
    if (!access.decides_transfer) {
      if (!access.content) return NotFound();
      return Status::PermissionDenied("auth.forbidden");
    }
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    c = std::move(*found);
    const TransferRequest transfer = *c.transfer_request;
    Json detail = {{"transfer_to", transfer.to_community_code},
                   {"from_community", c.community_code},
                   {"accepted", accept}};
    if (comment) detail["comment"] = *comment;
    c.transfer_request.reset();
    if (accept) {
      const std::string worker = worker_id.value_or(who.user_id);
      SOCIUS_RETURN_IF_ERROR(CheckWorker(tx, worker, transfer.to_community_path,
                                         "case.worker_not_eligible", "worker_id"));
      detail["assigned_worker_id"] = worker;
      c.community_id = transfer.to_community_id;
      c.assigned_worker.id = worker;
      c.closure_request.reset();
    }
    if (accept) SOCIUS_RETURN_IF_ERROR(MoveCaseRecords(tx, c.id, c.community_id));
    return SaveChange(tx, who, c, expected_version, "assignment", "case.transfer", detail);
  });
  if (!status.ok()) return status;
  return ViewOf(who, std::move(c));
}

Result<TimelinePage> Cases::Timeline(const auth::Principal& who, const std::string& id,
                                     const std::optional<std::string>& kind,
                                     const std::string& after, int limit) {
  TimelinePage page;
  Status status = auth::AuditedRead(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, id, false, access);
    if (!found.ok()) return found.status();
    Result<EventPage> events = ListEvents(tx, id, kind, access.confidential, after, limit);
    if (!events.ok()) return events.status();
    page.items = std::move(events->items);
    page.next = std::move(events->next);
    entries.push_back(AuditEventOf("case.read", *found, {{"view", "timeline"}}));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<CaseEvent> Cases::AddNote(const auth::Principal& who, const std::string& id,
                                 const std::string& text, bool confidential) {
  CaseEvent event;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, id, true, access);
    if (!found.ok()) return found.status();
    event.id = core::NewId();
    event.case_id = id;
    event.at = core::NowUtc();
    event.actor = UserRef{who.user_id, who.display_name};
    event.kind = "note";
    event.confidential = confidential;
    event.detail_json = Json{{"text", text}}.dump();
    SOCIUS_RETURN_IF_ERROR(InsertEvent(tx, event, found->community_id));
    // The audit names the note, never its words.
    return Audit(tx, who, "case.note", *found,
                 {{"event_id", event.id}, {"confidential", confidential}});
  });
  if (!status.ok()) return status;
  return event;
}

Result<std::vector<PlanGoal>> Cases::Plan(const auth::Principal& who, const std::string& id) {
  std::vector<PlanGoal> goals;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, id, false, access);
    if (!found.ok()) return found.status();
    Result<std::vector<PlanGoal>> plan = ListPlan(tx, id);
    if (!plan.ok()) return plan.status();
    goals = std::move(*plan);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return goals;
}

Result<PlanGoal> Cases::AddGoal(const auth::Principal& who, const std::string& case_id,
                                const std::string& text) {
  PlanGoal goal;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, case_id, true, access);
    if (!found.ok()) return found.status();
    if (found->state == CaseState::kClosed) return Status::Conflict("case.closed");
    goal = PlanGoal{core::NewId(), 1, case_id, text, {}};
    SOCIUS_RETURN_IF_ERROR(InsertGoal(tx, goal, found->community_id, core::NowUtc()));
    const Json detail = {{"goal_id", goal.id}, {"goal", text}};
    SOCIUS_RETURN_IF_ERROR(AddEvent(tx, who, *found, "plan", detail));
    return Audit(tx, who, "case.plan_change", *found, {{"goal_id", goal.id}});
  });
  if (!status.ok()) return status;
  return goal;
}

Result<PlanAction> Cases::AddAction(const auth::Principal& who, const std::string& case_id,
                                    const ActionInput& input) {
  PlanAction action;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, case_id, true, access);
    if (!found.ok()) return found.status();
    if (found->state == CaseState::kClosed) return Status::Conflict("case.closed");
    Result<std::optional<PlanGoal>> goal = FindGoal(tx, input.goal_id.value_or(""));
    if (!goal.ok()) return goal.status();
    if (!*goal || (*goal)->case_id != case_id) {
      return Status::InvalidArgument("plan.goal_not_found", "goal_id");
    }
    action.id = core::NewId();
    action.goal_id = (*goal)->id;
    action.case_id = case_id;
    action.case_number = found->number;
    action.community_id = found->community_id;
    action.text = input.text.value_or("");
    action.agency = input.agency.value_or(Agency::kSocialProtection);
    action.deadline = input.deadline.value_or(core::Date{});
    action.status = input.status.value_or(ActionStatus::kPlanned);
    SOCIUS_RETURN_IF_ERROR(CheckDeadline(action.deadline, OpenedOn(*found)));
    SOCIUS_RETURN_IF_ERROR(ApplyResponsible(tx, *found, input, action));
    action.created_at = action.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(InsertAction(tx, action));
    SOCIUS_RETURN_IF_ERROR(AddEvent(tx, who, *found, "plan", ActionDetail(action)));
    return Audit(tx, who, "case.plan_change", *found, {{"action_id", action.id}});
  });
  if (!status.ok()) return status;
  return action;
}

Result<PlanAction> Cases::UpdateAction(const auth::Principal& who, const std::string& action_id,
                                       int64_t expected_version, const ActionInput& input) {
  PlanAction action;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    if (!core::LooksLikeId(action_id)) return Status::NotFound("plan.action_not_found");
    Result<PlanAction> stored = FindAction(tx, action_id);
    if (!stored.ok()) return stored.status();
    Result<Case> found = CaseOfRecord(tx, who, stored->case_id, "plan.action_not_found");
    if (!found.ok()) return found.status();
    if (stored->version != expected_version) return Status::Conflict("conflict.stale_version");
    action = std::move(*stored);
    const Json before = ActionDetail(action);
    if (input.text) action.text = *input.text;
    if (input.agency) action.agency = *input.agency;
    if (input.deadline) action.deadline = *input.deadline;
    if (input.status) action.status = *input.status;
    if (input.responsible_user_id || input.responsible_name || input.responsible_contact) {
      if (!input.responsible_user_id && input.responsible_name) {
        action.responsible_user_id.reset();  // a name alone: someone outside the system
      }
      SOCIUS_RETURN_IF_ERROR(ApplyResponsible(tx, *found, input, action));
    }
    SOCIUS_RETURN_IF_ERROR(CheckDeadline(action.deadline, OpenedOn(*found)));
    const Json after = ActionDetail(action);
    if (before == after) return Status::Ok();
    action.version = expected_version + 1;
    action.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(cases::UpdateAction(tx, action, expected_version));
    SOCIUS_RETURN_IF_ERROR(AddEvent(tx, who, *found, "plan", after));
    return Audit(tx, who, "case.plan_change", *found, {{"action_id", action.id}});
  });
  if (!status.ok()) return status;
  return action;
}

Result<std::vector<Referral>> Cases::Referrals(const auth::Principal& who,
                                               const std::string& case_id) {
  std::vector<Referral> referrals;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, case_id, false, access);
    if (!found.ok()) return found.status();
    Result<std::vector<Referral>> listed = ListReferrals(tx, case_id);
    if (!listed.ok()) return listed.status();
    referrals = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return referrals;
}

Result<Referral> Cases::AddReferral(const auth::Principal& who, const std::string& case_id,
                                    const ReferralInput& input) {
  Referral referral;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    CaseAccess access;
    Result<Case> found = ForContent(tx, who, case_id, true, access);
    if (!found.ok()) return found.status();
    if (found->state == CaseState::kClosed) return Status::Conflict("case.closed");
    if (input.referred_on < OpenedOn(*found)) {
      return Status::InvalidArgument("referral.before_opening", "referred_on");
    }
    if (input.referred_on > core::Today()) {
      return Status::InvalidArgument("referral.future_date", "referred_on");
    }
    referral = Referral{};
    referral.id = core::NewId();
    referral.case_id = case_id;
    referral.community_id = found->community_id;
    referral.provider = input.provider;
    referral.service = input.service;
    referral.contact = input.contact;
    if (input.service_id) {
      if (!catalogue_) return Status::NotFound("service.not_found");
      Result<CatalogueService> service = catalogue_->Find(tx, who, *input.service_id);
      if (!service.ok()) return service.status();
      if (!service->active) return Status::Conflict("referral.service_inactive", "service_id");
      referral.service_id = service->id;
      referral.provider = service->provider_name;
      referral.service = service->name;
      if (!referral.contact) referral.contact = service->contact;
    }
    referral.referred_on = input.referred_on;
    referral.created_at = referral.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(InsertReferral(tx, referral));
    Json detail = {{"referral_id", referral.id},
                   {"provider", referral.provider},
                   {"service", referral.service},
                   {"answer", "pending"}};
    Json audited = {{"referral_id", referral.id}};
    if (referral.service_id) detail["service_id"] = audited["service_id"] = *referral.service_id;
    SOCIUS_RETURN_IF_ERROR(AddEvent(tx, who, *found, "referral", detail));
    return Audit(tx, who, "case.referral", *found, audited);
  });
  if (!status.ok()) return status;
  return referral;
}

Result<Referral> Cases::AnswerReferral(const auth::Principal& who, const std::string& id,
                                       int64_t expected_version, const ReferralAnswerInput& input) {
  Referral referral;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    if (!core::LooksLikeId(id)) return Status::NotFound("referral.not_found");
    Result<Referral> stored = FindReferral(tx, id);
    if (!stored.ok()) return stored.status();
    Result<Case> found = CaseOfRecord(tx, who, stored->case_id, "referral.not_found");
    if (!found.ok()) return found.status();
    if (stored->version != expected_version) return Status::Conflict("conflict.stale_version");
    referral = std::move(*stored);
    referral.answer = input.answer;
    referral.answer_reason = input.answer_reason;
    referral.answered_on = input.answered_on;
    SOCIUS_RETURN_IF_ERROR(CheckReferralAnswer(referral));
    if (input.answered_on > core::Today()) {
      return Status::InvalidArgument("referral.future_date", "answered_on");
    }
    referral.version = expected_version + 1;
    referral.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(UpdateReferral(tx, referral, expected_version));
    Json detail = {{"referral_id", referral.id},
                   {"provider", referral.provider},
                   {"service", referral.service},
                   {"answer", std::string(Name(referral.answer))},
                   {"answered_on", input.answered_on.ToString()}};
    if (referral.answer_reason) detail["answer_reason"] = *referral.answer_reason;
    SOCIUS_RETURN_IF_ERROR(AddEvent(tx, who, *found, "referral", detail));
    return Audit(tx, who, "case.referral", *found,
                 {{"referral_id", referral.id}, {"answer", std::string(Name(referral.answer))}});
  });
  if (!status.ok()) return status;
  return referral;
}

Result<Referral> ReferralToWorkOn(store::Session& tx, const auth::Principal& who,
                                  const std::string& referral_id) {
  if (!core::LooksLikeId(referral_id)) return Status::NotFound("referral.not_found");
  Result<Referral> referral = FindReferral(tx, referral_id);
  if (!referral.ok()) return referral.status();
  CaseAccess access;
  Result<Case> found = ForContent(tx, who, referral->case_id, true, access);
  if (found.ok()) return referral;
  const core::StatusKind kind = found.status().kind();
  if (kind == core::StatusKind::kNotFound || kind == core::StatusKind::kPermissionDenied) {
    return Status::NotFound("referral.not_found");
  }
  return found.status();
}

namespace {

// Gives `referral` (found in this transaction at its stored version) the answer an enrolment
// brought, with the timeline event and the audit entry. `actor`: who moved the enrolment, or
// nobody for a place the waiting list offered.
Status AnswerFromEnrolment(store::Session& tx, const auth::Principal& who, Referral& referral,
                           ReferralAnswer answer, const std::optional<std::string>& reason,
                           bool automatic) {
  Result<Case> found = Reread(tx, referral.case_id);
  if (!found.ok()) return found.status();
  const int64_t expected_version = referral.version;
  const core::Date today = core::Today();
  referral.answer = answer;
  referral.answer_reason = answer == ReferralAnswer::kRefused ? reason : std::nullopt;
  referral.answered_on = std::max(today, referral.referred_on);
  referral.version = expected_version + 1;
  referral.updated_at = core::NowUtc();
  SOCIUS_RETURN_IF_ERROR(UpdateReferral(tx, referral, expected_version));
  Json detail = {{"referral_id", referral.id},
                 {"provider", referral.provider},
                 {"service", referral.service},
                 {"answer", std::string(Name(referral.answer))},
                 {"answered_on", referral.answered_on->ToString()},
                 {"enrolment_id", *referral.enrolment_id}};
  if (referral.answer_reason) detail["answer_reason"] = *referral.answer_reason;
  if (automatic) detail["automatic"] = true;
  CaseEvent e;
  e.id = core::NewId();
  e.case_id = found->id;
  e.at = core::NowUtc();
  if (!automatic) e.actor = UserRef{who.user_id, who.display_name};
  e.kind = "referral";
  e.detail_json = detail.dump();
  SOCIUS_RETURN_IF_ERROR(InsertEvent(tx, e, found->community_id));
  Json audited = {{"referral_id", referral.id},
                  {"answer", std::string(Name(referral.answer))},
                  {"enrolment_id", *referral.enrolment_id}};
  if (automatic) audited["automatic"] = true;
  return Audit(tx, who, "case.referral", *found, audited);
}

}  // namespace

Status LinkReferralToEnrolment(store::Session& tx, const auth::Principal& who,
                               const Referral& referral, const std::string& enrolment_id,
                               ReferralAnswer answer) {
  Referral linked = referral;
  linked.enrolment_id = enrolment_id;
  return AnswerFromEnrolment(tx, who, linked, answer, std::nullopt, false);
}

Status FollowEnrolment(store::Session& tx, const auth::Principal& who,
                       const EnrolmentFollowUp& follow) {
  Result<std::optional<Referral>> referral = FindReferralOfEnrolment(tx, follow.enrolment_id);
  if (!referral.ok()) return referral.status();
  if (!*referral || (*referral)->answer != follow.from || follow.from == follow.to) {
    return Status::Ok();
  }
  return AnswerFromEnrolment(tx, who, **referral, follow.to, follow.reason, follow.automatic);
}

namespace {

struct Community {
  std::string id;
  std::string code;
  std::string path;
};

// The answer for a territory code outside the caller's scope, exactly as for a missing one.
Status TerritoryNotFound(const std::string& code) {
  return Status::NotFound("territory.not_found", "no visible community " + code).With("code", code);
}

// A community-level territory by code; NotFound("territory.not_found") otherwise.
Result<Community> FindCommunity(store::Session& tx, const std::string& code) {
  Result<store::Rows> rows = tx.Query(
      "SELECT id, code, path FROM territories WHERE code = ? AND level = 'community'", {code});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return TerritoryNotFound(code);
  return Community{(*rows)[0].Text(0), (*rows)[0].Text(1), (*rows)[0].Text(2)};
}

CaseSettings WithDefaults(const Community& community, std::optional<CaseSettings> stored) {
  CaseSettings s = stored.value_or(CaseSettings{});
  s.community_id = community.id;
  s.community_code = community.code;
  if (!stored) s.number_prefix = DefaultNumberPrefix(community.code);
  return s;
}

}  // namespace

Result<CaseSettings> Cases::Settings(const auth::Principal& who,
                                     const std::string& community_code) {
  CaseSettings settings;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Community> community = FindCommunity(tx, community_code);
    if (!community.ok()) return community.status();
    if (!auth::Allows(who, Permission::kCaseRead, community->path)) {
      return TerritoryNotFound(community_code);
    }
    Result<std::optional<CaseSettings>> stored = FindSettings(tx, community->id);
    if (!stored.ok()) return stored.status();
    settings = WithDefaults(*community, *stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return settings;
}

Result<CaseSettings> Cases::SaveSettings(const auth::Principal& who,
                                         const std::string& community_code,
                                         int64_t expected_version,
                                         const std::optional<std::string>& number_prefix,
                                         std::optional<bool> team_visibility) {
  if (number_prefix) SOCIUS_RETURN_IF_ERROR(CheckNumberPrefix(*number_prefix));
  CaseSettings settings;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Community> community = FindCommunity(tx, community_code);
    if (!community.ok()) return community.status();
    if (!auth::Allows(who, Permission::kCaseRead, community->path) &&
        !auth::Allows(who, Permission::kTerritoryWrite, community->path)) {
      return TerritoryNotFound(community_code);
    }
    if (!auth::Allows(who, Permission::kCaseSupervise, community->path) &&
        !auth::Allows(who, Permission::kTerritoryWrite, community->path)) {
      return Status::PermissionDenied("auth.forbidden");
    }
    Result<std::optional<CaseSettings>> stored = FindSettings(tx, community->id);
    if (!stored.ok()) return stored.status();
    settings = WithDefaults(*community, *stored);
    if (settings.version != expected_version) return Status::Conflict("conflict.stale_version");
    Json changes = Json::object();
    if (number_prefix && *number_prefix != settings.number_prefix) {
      changes["number_prefix"] = {{"from", settings.number_prefix}, {"to", *number_prefix}};
      settings.number_prefix = *number_prefix;
    }
    if (team_visibility && *team_visibility != settings.team_visibility) {
      changes["team_visibility"] = {{"from", settings.team_visibility}, {"to", *team_visibility}};
      settings.team_visibility = *team_visibility;
    }
    if (changes.empty()) return Status::Ok();
    SOCIUS_RETURN_IF_ERROR(cases::SaveSettings(tx, settings, expected_version, core::NowUtc()));
    settings.version = expected_version + 1;
    return auth::AppendAudit(tx, &who,
                             {"case_settings.update", "case_settings", community->id, community->id,
                              Json{{"changes", changes}}.dump()});
  });
  if (!status.ok()) return status;
  return settings;
}

Result<TeamView> TeamOf(store::Database& db, const auth::Principal& who,
                        const std::string& territory_code) {
  TeamView team;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<store::Rows> found =
        tx.Query("SELECT path FROM territories WHERE code = ?", {territory_code});
    if (!found.ok()) return found.status();
    if (found->empty() || !auth::Allows(who, Permission::kCaseSupervise, (*found)[0].Text(0))) {
      return TerritoryNotFound(territory_code);
    }
    const std::string path = (*found)[0].Text(0);
    const core::Date today = core::Today();
    Result<std::vector<std::string>> communities = ListCommunityIds(tx, path);
    if (!communities.ok()) return communities.status();
    Result<std::vector<WorkerLoad>> workers = TeamLoad(tx, path, *communities, today);
    if (!workers.ok()) return workers.status();
    team.workers = std::move(*workers);
    Result<std::vector<PlanAction>> overdue = ListOverdueActionsIn(tx, *communities, today, 200);
    if (!overdue.ok()) return overdue.status();
    team.overdue = std::move(*overdue);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return team;
}

Status CheckFiling(store::Session& tx, const auth::Principal& who, const std::string& case_id,
                   const Subject& subject, FilingStep step) {
  CaseAccess access;
  Result<Case> found = ForContent(tx, who, case_id, true, access);
  if (!found.ok()) {
    const std::string& code = found.status().code();
    if (code == "case.not_found" || code == "auth.forbidden") {
      return Status::InvalidArgument("case.link_not_found", "case_id");
    }
    return found.status();
  }
  const Subject& of_case = found->subject;
  bool same = of_case.kind == subject.kind && of_case.id == subject.id;
  if (!same && of_case.kind != subject.kind) {
    const bool case_on_household = of_case.kind == Subject::Kind::kHousehold;
    Result<bool> member = case_on_household
                              ? registry::IsHouseholdMember(tx, of_case.id, subject.id)
                              : registry::IsHouseholdMember(tx, subject.id, of_case.id);
    if (!member.ok()) return member.status();
    same = *member;
  }
  if (!same) return Status::InvalidArgument("case.link_other_subject", "case_id");
  if (step == FilingStep::kFile && found->state == CaseState::kClosed) {
    return Status::Conflict("case.closed", "case_id");
  }
  return Status::Ok();
}

Status AddFiledRecordEvent(store::Session& tx, const auth::Principal& who,
                           const std::string& case_id, const std::string& kind,
                           const std::string& detail_json, bool confidential) {
  Result<Case> found = Reread(tx, case_id);
  if (!found.ok()) return found.status();
  return AddEventTo(tx, who, found->id, found->community_id, kind, detail_json, confidential);
}

Result<std::vector<UserRef>> EligibleWorkersOf(store::Database& db, const auth::Principal& who,
                                               const std::string& community_code) {
  std::vector<UserRef> workers;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<Community> community = FindCommunity(tx, community_code);
    if (!community.ok()) return community.status();
    if (!auth::Allows(who, Permission::kCaseRead, community->path)) {
      return TerritoryNotFound(community_code);
    }
    Result<std::vector<UserRef>> found = ListEligibleWorkers(tx, community->path);
    if (!found.ok()) return found.status();
    workers = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return workers;
}

Result<TodayView> TodayOf(store::Database& db, const auth::Principal& who) {
  TodayView today;
  const core::Date now = core::Today();
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<std::vector<Case>> caseload = ListCaseload(tx, who.user_id, now, 500);
    if (!caseload.ok()) return caseload.status();
    for (Case& c : *caseload) {
      CaseView view = ViewOf(who, std::move(c));
      if (view.access.content) today.caseload.push_back(std::move(view));
    }
    Result<std::vector<Contact>> visits =
        ListPlannedVisits(tx, who.user_id, core::AddDays(now, 6), 200);
    if (!visits.ok()) return visits.status();
    for (Contact& v : *visits) {
      if (auth::Allows(who, Permission::kCaseWork, v.community_path)) {
        today.visits.push_back(std::move(v));
      }
    }
    Result<std::vector<PlanAction>> actions =
        ListDueActions(tx, who.user_id, core::AddDays(now, 7), 200);
    if (!actions.ok()) return actions.status();
    today.actions = std::move(*actions);
    const std::vector<std::string> supervised = auth::ScopePaths(who, Permission::kCaseSupervise);
    if (!supervised.empty()) {
      CaseFilter filter;
      filter.scope = supervised;
      filter.state = "open";
      filter.awaiting_closure_in = supervised;
      Result<CasePage> waiting = ListCases(tx, filter, "", 100, now);
      if (!waiting.ok()) return waiting.status();
      for (Case& c : waiting->items) today.approvals.push_back(ViewOf(who, std::move(c)));
      CaseFilter incoming;
      incoming.transfers_into = supervised;
      Result<CasePage> transfers = ListCases(tx, incoming, "", 100, now);
      if (!transfers.ok()) return transfers.status();
      for (Case& c : transfers->items) today.transfers.push_back(ViewOf(who, std::move(c)));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return today;
}

}  // namespace socius::cases
