#pragma once

// The use cases of the benefits room: programmes (with budgets, eligibility explained and the
// preview of a territory), applications and decisions. Each opens its transaction, decides
// visibility (a programme outside the caller's benefit.read and programme.manage reach, and not
// above it, an application or decision outside their benefit.read scope, is NotFound exactly as
// missing), applies rules.h, and writes the audit entry in the transaction that makes the
// change or the read. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "benefits/model.h"
#include "benefits/repository.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::benefits {

class Programmes {
 public:
  explicit Programmes(store::Database& db) : db_(db) {}
  // programme.manage over the territory (NotFound("territory.not_found") outside the caller's
  // reach, PermissionDenied when visible but not managed).
  core::Result<Programme> Create(const auth::Principal& who, const ProgrammeInput& input);
  core::Result<Programme> Get(const auth::Principal& who, const std::string& id);
  core::Result<ProgrammePage> List(const auth::Principal& who,
                                   const std::optional<std::string>& territory_code,
                                   std::optional<ProgrammeStatus> status,
                                   const std::optional<std::string>& q, const std::string& after,
                                   int limit);
  // A new budget_minor applies to every period without its own amount
  // (Conflict("budget.below_committed") when one has committed more).
  core::Result<Programme> Update(const auth::Principal& who, const std::string& id,
                                 int64_t expected_version, const ProgrammeInput& input);

  // The budget periods the months from..to touch (rules.h kMaxMonths at most).
  core::Result<std::vector<Budget>> Budgets(const auth::Principal& who, const std::string& id,
                                            core::Month from, core::Month to);
  core::Result<Budget> SetBudget(const auth::Principal& who, const std::string& id,
                                 const std::string& period, int64_t amount_minor);

  // One household in `month`, rule by rule: benefit.read over its community
  // (NotFound("household.not_found")), inside the programme's territory
  // (InvalidArgument("application.outside_programme", "household_id")). Audited
  // (benefit.eligibility_check), in the transaction of the read.
  core::Result<Eligibility> Explain(const auth::Principal& who, const std::string& id,
                                    const std::string& household_id, core::Month month);
  // Every household of the territory (default the programme's; within it, else
  // NotFound("territory.not_found")) in the caller's reach: counts only. Audited
  // (programme.preview).
  core::Result<Preview> PreviewOf(const auth::Principal& who, const std::string& id,
                                  const std::optional<std::string>& territory_code,
                                  core::Month month);

 private:
  store::Database& db_;
};

class Applications {
 public:
  explicit Applications(store::Database& db) : db_(db) {}
  // benefit.work over the household's community; the eligibility is computed and stored.
  core::Result<Application> Create(const auth::Principal& who, const ApplicationInput& input);
  // Audited (application.read), in the transaction of the read.
  core::Result<Application> Get(const auth::Principal& who, const std::string& id);
  core::Result<ApplicationPage> List(const auth::Principal& who, const ApplicationFilter& filter,
                                     const std::string& after, int limit);
  // While submitted (Conflict("application.not_submitted")); eligibility computed again.
  core::Result<Application> Update(const auth::Principal& who, const std::string& id,
                                   int64_t expected_version, const ApplicationInput& input);
  core::Result<Application> Withdraw(const auth::Principal& who, const std::string& id,
                                     int64_t expected_version, const std::string& reason);

 private:
  store::Database& db_;
};

class Decisions {
 public:
  explicit Decisions(store::Database& db) : db_(db) {}
  // Decides a submitted application (`expected_version` is the application's). An approval
  // commits its total to the budgets it touches in the same transaction, and waits for a
  // second approver above the programme's four-eyes threshold.
  core::Result<Decision> Decide(const auth::Principal& who, const std::string& application_id,
                                int64_t expected_version, const DecisionInput& input);
  core::Result<Decision> Get(const auth::Principal& who, const std::string& id);
  core::Result<DecisionPage> List(const auth::Principal& who, const DecisionFilter& filter,
                                  const std::string& after, int limit);
  // The second approval (never by who decided: PermissionDenied("decision.same_approver")),
  // a rejection of one waiting for it, a suspension, a resumption or an end; what is no
  // longer to be paid goes back to the budget.
  core::Result<Decision> Move(const auth::Principal& who, const std::string& id,
                              int64_t expected_version, const DecisionTransition& move);

 private:
  store::Database& db_;
};

// The states a decision may move to for `who`: the second approval is offered to another
// user than who decided.
std::vector<DecisionState> TransitionsFor(const auth::Principal& who, const Decision& decision);

}  // namespace socius::benefits
