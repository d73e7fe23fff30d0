#pragma once

// The cases room's SQL (one text for SQLite and PostgreSQL), run in the caller's transaction.
// Reads join the registry's persons and households for the names a case shows (read only:
// the registry's rows are changed only by the registry). Scope: lists filter by the roots
// given (auth::ScopePaths); single reads return the community's path and the use case
// decides what the caller may see.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/model.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::cases {

// --- subjects and users ---------------------------------------------------------------

struct SubjectInfo {
  Subject subject;
  std::string community_id;
  std::string community_code;
  std::string community_path;
  std::optional<core::Date> birth_date;  // persons only
};
// A finished assessment a case may be opened from (the assessments room's table, read only).
struct AssessmentOrigin {
  std::string id;
  std::optional<std::string> person_id;
  std::optional<std::string> household_id;
  std::string questionnaire_code;
  std::optional<int64_t> score;
  std::string flags;  // comma-separated codes
};
// nullopt when there is no such finished assessment.
core::Result<std::optional<AssessmentOrigin>> FindFinishedAssessment(store::Session& tx,
                                                                     const std::string& id);
// The display name of an active user; nullopt when there is none.
core::Result<std::optional<UserRef>> FindActiveUser(store::Session& tx, const std::string& id);

// --- settings and numbers ---------------------------------------------------------------

core::Result<std::optional<CaseSettings>> FindSettings(store::Session& tx,
                                                       const std::string& community_id);
// Inserts or updates (at `expected_version`: kDefaultSettingsVersion when none is stored) the
// settings; Conflict
// "conflict.stale_version" when another change came first.
core::Status SaveSettings(store::Session& tx, const CaseSettings& settings,
                          int64_t expected_version, const std::string& now);
// The next number of the community's counter for `year` (1 for the first case).
core::Result<int64_t> NextCaseSequence(store::Session& tx, const std::string& community_id,
                                       int year);

// --- cases ------------------------------------------------------------------------------

core::Status InsertCase(store::Session& tx, const Case& c, const std::string& created_by);
// Writes every mutable column at version `c.version` (which must be expected + 1).
core::Status UpdateCase(store::Session& tx, const Case& c, int64_t expected_version);
// The case, with its open and overdue action counts as of `today`; NotFound("case.not_found").
core::Result<Case> FindCase(store::Session& tx, const std::string& id, core::Date today);

struct CaseFilter {
  std::vector<std::string> scope;    // roots the caller may read
  std::optional<std::string> state;  // "open", "closed" or a state name
  std::optional<std::string> worker_id;
  std::optional<std::string> subject_id;  // a person's or a household's id
  std::optional<std::string> number_part;
  // Cases waiting to be transferred into these roots (then `scope` does not apply).
  std::optional<std::vector<std::string>> transfers_into;
  // Cases with a closure request, only within these roots (for the heads' approvals).
  std::optional<std::vector<std::string>> awaiting_closure_in;
};
struct CasePage {
  std::vector<Case> items;
  std::optional<std::string> next;  // (opened_at, id) of the last, for the next page
};
// Newest first by the day they opened, then id.
core::Result<CasePage> ListCases(store::Session& tx, const CaseFilter& filter,
                                 const std::string& after, int limit, core::Date today);
// A worker's open cases, the highest risk first, then the oldest (at most `limit`).
core::Result<std::vector<Case>> ListCaseload(store::Session& tx, const std::string& worker_id,
                                             core::Date today, int limit);

// Moves the rows that belong to a case (timeline, contacts, plan, referrals) to the
// community the case was transferred to.
core::Status MoveCaseRecords(store::Session& tx, const std::string& case_id,
                             const std::string& community_id);

// The ids of the communities in the territory at `path` (itself when it is one).
core::Result<std::vector<std::string>> ListCommunityIds(store::Session& tx,
                                                        const std::string& path);
// The load of every worker of the territory at `path`, whose communities are `community_ids`
// (holders of a role with case.work inside it, and anyone with an open case there), by name.
core::Result<std::vector<WorkerLoad>> TeamLoad(store::Session& tx, const std::string& path,
                                               const std::vector<std::string>& community_ids,
                                               core::Date today);
// Open actions past their deadline on open cases of these communities, oldest first.
core::Result<std::vector<PlanAction>> ListOverdueActionsIn(
    store::Session& tx, const std::vector<std::string>& community_ids, core::Date today, int limit);

// The active users who hold case.work over the community at `community_path` (a grant on it
// or above it), by name: whom a case, a visit or a plan action there may be given to.
core::Result<std::vector<UserRef>> ListEligibleWorkers(store::Session& tx,
                                                       const std::string& community_path);

// --- the timeline -----------------------------------------------------------------------

core::Status InsertEvent(store::Session& tx, const CaseEvent& event,
                         const std::string& community_id);
struct EventPage {
  std::vector<CaseEvent> items;
  std::optional<std::string> next;
};
// Newest first; without confidential events unless `with_confidential`.
core::Result<EventPage> ListEvents(store::Session& tx, const std::string& case_id,
                                   const std::optional<std::string>& kind, bool with_confidential,
                                   const std::string& after, int limit);

// Who reads, for the lists that decide in SQL whether a case's content may be shown: the
// assigned worker, a holder of case.supervise over the community, or, when the community's
// team_visibility is on and the case is not confidential, a holder of case.work over it.
struct Viewer {
  std::string user_id;
  std::vector<std::string> supervise_scope;
  std::vector<std::string> work_scope;
};

// --- contacts ---------------------------------------------------------------------------

core::Status InsertContact(store::Session& tx, const Contact& c, const std::string& created_by);
core::Status UpdateContact(store::Session& tx, const Contact& c, int64_t expected_version);
core::Result<Contact> FindContact(store::Session& tx, const std::string& id);
struct ContactFilter {
  std::vector<std::string> scope;
  std::optional<std::string> person_id;
  std::optional<std::string> household_id;
  std::optional<std::string> case_id;
  // Contacts of a case are listed only when the viewer sees the case's content.
  Viewer viewer;
};
struct ContactPage {
  std::vector<Contact> items;
  std::optional<std::string> next;
};
// Newest first by date, then id.
core::Result<ContactPage> ListContacts(store::Session& tx, const ContactFilter& filter,
                                       const std::string& after, int limit);
// Home visits planned for `worker_id` up to `last_day` (also those left unrecorded before).
core::Result<std::vector<Contact>> ListPlannedVisits(store::Session& tx,
                                                     const std::string& worker_id,
                                                     core::Date last_day, int limit);

// --- plans ------------------------------------------------------------------------------

core::Status InsertGoal(store::Session& tx, const PlanGoal& goal, const std::string& community_id,
                        const std::string& now);
core::Result<std::optional<PlanGoal>> FindGoal(store::Session& tx, const std::string& id);
// The goals of a case, oldest first, each with its actions by deadline.
core::Result<std::vector<PlanGoal>> ListPlan(store::Session& tx, const std::string& case_id);
core::Status InsertAction(store::Session& tx, const PlanAction& action);
core::Status UpdateAction(store::Session& tx, const PlanAction& action, int64_t expected_version);
core::Result<PlanAction> FindAction(store::Session& tx, const std::string& id);
// Open actions with a deadline up to `last_day`, that `user_id` is responsible for or that
// belong to a case assigned to them; by deadline.
core::Result<std::vector<PlanAction>> ListDueActions(store::Session& tx, const std::string& user_id,
                                                     core::Date last_day, int limit);

// --- referrals --------------------------------------------------------------------------

core::Status InsertReferral(store::Session& tx, const Referral& referral);
core::Status UpdateReferral(store::Session& tx, const Referral& referral, int64_t expected_version);
core::Result<Referral> FindReferral(store::Session& tx, const std::string& id);
// The referral an enrolment was made from, if any.
core::Result<std::optional<Referral>> FindReferralOfEnrolment(store::Session& tx,
                                                              const std::string& enrolment_id);
core::Result<std::vector<Referral>> ListReferrals(store::Session& tx, const std::string& case_id);

}  // namespace socius::cases
