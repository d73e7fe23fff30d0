#pragma once

// The use cases of cases: open, read, change, move through the states, approve a closure,
// reassign, the timeline and notes, the intersectoral plan, referrals, and a community's case
// settings. Each opens its transaction, decides what the caller may see (access.h: out of
// scope is NotFound, exactly as missing; a case whose content the caller may not see shows
// its summary only), applies rules.h, writes the timeline event and the audit entry in the
// transaction that makes the change, and audits every read of a case's content.
// Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "cases/access.h"
#include "cases/model.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::cases {

// A case as one caller may see it.
struct CaseView {
  Case record;
  CaseAccess access;
  std::vector<CaseState> allowed;  // the next states the caller may ask for (content only)
};

struct CaseViewPage {
  std::vector<CaseView> items;
  std::optional<std::string> next;
};

struct TimelinePage {
  std::vector<CaseEvent> items;
  std::optional<std::string> next;
};

struct TransitionResult {
  CaseView view;
  bool closure_requested = false;  // a child's case: waits for a head of service
};

// A service of the catalogue as a referral names it.
struct CatalogueService {
  std::string id;
  std::string name;
  std::string provider_name;
  std::optional<std::string> contact;  // the service's phone, else its e-mail
  bool active = true;
};

// The services catalogue a referral may target. The services room keeps it and files its
// enrolments on cases, so it lies above this room: the composition root hands its answer in.
class ServiceCatalogue {
 public:
  virtual ~ServiceCatalogue() = default;
  // In the caller's transaction: the service with `id` when the caller's service.read reach
  // sees it; NotFound("service.not_found") otherwise, exactly as when it does not exist.
  virtual core::Result<CatalogueService> Find(store::Session& tx, const auth::Principal& who,
                                              const std::string& id) const = 0;
};

struct CaseListQuery {
  std::optional<std::string> state;   // "open", "closed" or a state name
  std::optional<std::string> worker;  // "me" or a user id
  std::optional<std::string> subject_id;
  std::optional<std::string> number_part;
};

class Cases {
 public:
  // `catalogue` (which must outlive this) answers for referrals to catalogue services; without
  // one every `service_id` is NotFound("service.not_found").
  explicit Cases(store::Database& db, const ServiceCatalogue* catalogue = nullptr)
      : db_(db), catalogue_(catalogue) {}

  // Opens a case on a person or household in the caller's case.work scope.
  core::Result<CaseView> Open(const auth::Principal& who, const CaseInput& input);
  // The case (its content audited as case.read when shown). NotFound("case.not_found").
  core::Result<CaseView> Get(const auth::Principal& who, const std::string& id);
  core::Result<CaseViewPage> List(const auth::Principal& who, const CaseListQuery& query,
                                  const std::string& after, int limit);
  core::Result<CaseView> Update(const auth::Principal& who, const std::string& id,
                                int64_t expected_version, const CaseChanges& changes);
  core::Result<TransitionResult> Transition(const auth::Principal& who, const std::string& id,
                                            int64_t expected_version, CaseState to,
                                            const std::optional<std::string>& reason);
  core::Result<CaseView> DecideClosure(const auth::Principal& who, const std::string& id,
                                       int64_t expected_version, bool approve,
                                       const std::optional<std::string>& comment);
  core::Result<CaseView> Reassign(const auth::Principal& who, const std::string& id,
                                  int64_t expected_version, const std::string& worker_id);

  // Asks the head of service of `community_code` to take the case over (the assigned worker
  // or a head). The community must be one the caller can see (territory.read).
  core::Result<CaseView> RequestTransfer(const auth::Principal& who, const std::string& id,
                                         int64_t expected_version,
                                         const std::string& community_code,
                                         const std::optional<std::string>& reason);
  // The receiving head accepts (the case, its timeline, contacts, plan and referrals move to
  // their community, assigned to `worker_id` or to them) or declines.
  core::Result<CaseView> DecideTransfer(const auth::Principal& who, const std::string& id,
                                        int64_t expected_version, bool accept,
                                        const std::optional<std::string>& worker_id,
                                        const std::optional<std::string>& comment);

  core::Result<TimelinePage> Timeline(const auth::Principal& who, const std::string& id,
                                      const std::optional<std::string>& kind,
                                      const std::string& after, int limit);
  core::Result<CaseEvent> AddNote(const auth::Principal& who, const std::string& id,
                                  const std::string& text, bool confidential);

  core::Result<std::vector<PlanGoal>> Plan(const auth::Principal& who, const std::string& id);
  core::Result<PlanGoal> AddGoal(const auth::Principal& who, const std::string& case_id,
                                 const std::string& text);
  core::Result<PlanAction> AddAction(const auth::Principal& who, const std::string& case_id,
                                     const ActionInput& input);
  core::Result<PlanAction> UpdateAction(const auth::Principal& who, const std::string& action_id,
                                        int64_t expected_version, const ActionInput& input);

  core::Result<std::vector<Referral>> Referrals(const auth::Principal& who,
                                                const std::string& case_id);
  // A referral with `service_id` takes the provider's and the service's names (and, when no
  // contact is given, the service's phone or e-mail) from the catalogue: NotFound
  // ("service.not_found", "service_id") outside the caller's service.read reach,
  // Conflict("referral.service_inactive", "service_id") for a service that takes nobody.
  core::Result<Referral> AddReferral(const auth::Principal& who, const std::string& case_id,
                                     const ReferralInput& input);
  core::Result<Referral> AnswerReferral(const auth::Principal& who, const std::string& id,
                                        int64_t expected_version, const ReferralAnswerInput& input);

  // A community's settings (the defaults until changed); case.read over it.
  core::Result<CaseSettings> Settings(const auth::Principal& who,
                                      const std::string& community_code);
  // case.supervise or territory.write over the community.
  core::Result<CaseSettings> SaveSettings(const auth::Principal& who,
                                          const std::string& community_code,
                                          int64_t expected_version,
                                          const std::optional<std::string>& number_prefix,
                                          std::optional<bool> team_visibility);

 private:
  store::Database& db_;
  const ServiceCatalogue* catalogue_;
};

// For the rooms that file their own records on a case (an assessment), inside their
// transaction: may the caller file a record about `subject` on the case, or change one filed
// there? The case's content must be one the caller works on, about the same person or
// household, a person of the household it is about, or the household of the person it is
// about; and, to file a new record (`kFile`), not closed. A record already filed may be
// finished or taken off a closed case (`kChange`).
// InvalidArgument("case.link_not_found", "case_id") for a case the caller cannot work on (or
// none), InvalidArgument("case.link_other_subject", "case_id"), Conflict("case.closed", "case_id").
enum class FilingStep { kFile, kChange };
core::Status CheckFiling(store::Session& tx, const auth::Principal& who, const std::string& case_id,
                         const Subject& subject, FilingStep step);
// A line such a record leaves on the timeline of the case (CheckFiling checked the link), in
// the same transaction: `kind` (e.g. "assessment"), what the case file shows of it, and
// whether only the assigned worker and the head see it (a child's record).
// NotFound("case.not_found") when the case is gone.
core::Status AddFiledRecordEvent(store::Session& tx, const auth::Principal& who,
                                 const std::string& case_id, const std::string& kind,
                                 const std::string& detail_json, bool confidential);

// For the rooms that link their records to a case or a contact (a resident's request for
// help answered by one), inside their transaction: whether the caller works on the case
// (its content, not closed out of reach) or may see the contact, in `community_id`.
// InvalidArgument("case.link_not_found") otherwise, also when missing.
core::Status CheckLinkableCase(store::Session& tx, const auth::Principal& who,
                               const std::string& case_id, const std::string& community_id);
core::Status CheckLinkableContact(store::Session& tx, const auth::Principal& who,
                                  const std::string& contact_id, const std::string& community_id);

// For the services room enrolling a person from a referral, inside its transaction: the
// referral, when the caller works on its case (its content, case.work).
// NotFound("referral.not_found") otherwise, exactly as when it does not exist. The caller
// checks the rest (the service it targets, that it waits for an answer, the case).
core::Result<Referral> ReferralToWorkOn(store::Session& tx, const auth::Principal& who,
                                        const std::string& referral_id);

// Links the pending referral to the enrolment made from it and gives it the enrolment's answer
// (accepted: a place; waiting_list), in the caller's transaction, with the referral's timeline
// event and its audit entry (case.referral). ReferralToWorkOn found it in this transaction.
// Conflict("conflict.stale_version") when it changed meanwhile.
core::Status LinkReferralToEnrolment(store::Session& tx, const auth::Principal& who,
                                     const Referral& referral, const std::string& enrolment_id,
                                     ReferralAnswer answer);

// How an enrolment's move answers the referral it was made from.
struct EnrolmentFollowUp {
  std::string enrolment_id;
  ReferralAnswer from = ReferralAnswer::kWaitingList;  // what its former state answered
  ReferralAnswer to = ReferralAnswer::kAccepted;
  std::optional<std::string> reason;  // a refusal's: why the enrolment was withdrawn
  bool automatic = false;             // a place offered by the waiting list, by nobody's hand
};
// In the caller's transaction, after an enrolment moved: the referral it was made from (if
// any) takes the answer `to`, with its timeline event and audit entry, when it still holds the
// answer `from` (a referral answered otherwise by hand keeps that answer). The caller need not
// see the case: the enrolment's move already happened (a provider's staff ending someone
// else's place offers it to the next in line). Ok when nothing follows.
core::Status FollowEnrolment(store::Session& tx, const auth::Principal& who,
                             const EnrolmentFollowUp& follow);

// A head of service's team: each worker's load in a territory of their case.supervise scope,
// and the overdue actions there. NotFound("territory.not_found") outside it.
struct TeamView {
  std::vector<WorkerLoad> workers;
  std::vector<PlanAction> overdue;
};
core::Result<TeamView> TeamOf(store::Database& db, const auth::Principal& who,
                              const std::string& territory_code);

// The colleagues a case, a visit or a plan action in the community may be given to (active,
// holding case.work over it), by name, for a caller with case.read there.
// NotFound("territory.not_found") outside that scope, or when the code names no community.
core::Result<std::vector<UserRef>> EligibleWorkersOf(store::Database& db,
                                                     const auth::Principal& who,
                                                     const std::string& community_code);

// The home screen of a worker.
struct TodayView {
  std::vector<CaseView> caseload;   // my open cases, highest risk first
  std::vector<Contact> visits;      // home visits planned by me up to 6 days ahead
  std::vector<PlanAction> actions;  // open, overdue or due within 7 days, mine or my cases'
  std::vector<CaseView> approvals;  // closure requests in my case.supervise scope
  std::vector<CaseView> transfers;  // cases waiting to move into my case.supervise scope
};
core::Result<TodayView> TodayOf(store::Database& db, const auth::Principal& who);

}  // namespace socius::cases
