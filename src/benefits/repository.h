#pragma once

// The benefits room's SQL, the same text on SQLite and PostgreSQL. Runs in the caller's
// session; never opens a transaction, authorises or audits. Reads the members of households
// and their open cases (the registry's and the cases room's tables) read only, for
// eligibility.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "benefits/model.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::benefits {

// The territory with `code`: NotFound("territory.not_found").
core::Result<Place> FindPlace(store::Session& tx, const std::string& code);

// Which programmes a caller sees: those placed in the subtree of a root, or above one.
struct Visibility {
  std::vector<std::string> roots;
  std::vector<std::string> ancestors;
};
Visibility VisibilityOf(const std::vector<std::string>& roots);
bool Visible(const Visibility& v, const std::string& territory_path);

core::Status InsertProgramme(store::Session& tx, const Programme& p);
// Conflict("conflict.stale_version") when `expected_version` is not the stored one.
core::Status UpdateProgramme(store::Session& tx, const Programme& p, int64_t expected_version);
core::Result<Programme> FindProgramme(store::Session& tx, const std::string& id);
struct ProgrammeFilter {
  std::optional<std::string> territory_path;
  std::optional<ProgrammeStatus> status;
  std::optional<std::string> q;
};
core::Result<ProgrammePage> ListProgrammes(store::Session& tx, const Visibility& visible,
                                           const ProgrammeFilter& filter, const std::string& after,
                                           int limit);

// The budget rows of `periods` (the programme's default for a period without its own row).
core::Result<std::vector<Budget>> BudgetsOf(store::Session& tx, const Programme& p,
                                            const std::vector<std::string>& periods);
// Sets a period's own amount. Conflict("budget.below_committed", "amount_minor").
core::Result<Budget> SetBudget(store::Session& tx, const Programme& p, const std::string& period,
                               int64_t amount_minor);
// Adds `amount_minor` to what the period has committed, unless it would pass the amount:
// Conflict("decision.budget_exceeded", "amount_minor"). One conditional UPDATE: never
// overspent under concurrent approvals.
core::Status Commit(store::Session& tx, const Programme& p, const std::string& period,
                    int64_t amount_minor);
core::Status Release(store::Session& tx, const std::string& programme_id, const std::string& period,
                     int64_t amount_minor);

// What eligibility looks at in one household (members, income, residence, open cases,
// decisions of the programme covering `month`). NotFound("household.not_found").
core::Result<HouseholdFacts> FactsOf(store::Session& tx, const std::string& household_id,
                                     const std::optional<std::string>& applicant_id,
                                     const std::string& programme_id, core::Month month);
// Every household of the communities under `territory_path` within `scope`, with its facts
// (the head as applicant), streamed one at a time.
core::Status ForEachHousehold(store::Session& tx, const std::string& territory_path,
                              const std::vector<std::string>& scope,
                              const std::string& programme_id, core::Month month,
                              const std::function<void(const HouseholdFacts&)>& on_household);

// The members of a household: ids and "Family Given" names.
struct Member {
  std::string id;
  std::string name;
};
core::Result<std::vector<Member>> MembersOf(store::Session& tx, const std::string& household_id);

core::Status InsertApplication(store::Session& tx, const Application& a,
                               int64_t monthly_income_minor);
core::Status UpdateApplication(store::Session& tx, const Application& a,
                               int64_t monthly_income_minor, int64_t expected_version);
// Records the income and residence the household declared with `a`.
core::Status RememberIncome(store::Session& tx, const Application& a, int64_t monthly_income_minor);
core::Result<Application> FindApplication(store::Session& tx, const std::string& id);
struct ApplicationFilter {
  std::optional<std::string> programme_id;
  std::optional<std::string> household_id;
  std::optional<ApplicationState> state;
};
core::Result<ApplicationPage> ListApplications(store::Session& tx,
                                               const std::vector<std::string>& scope,
                                               const ApplicationFilter& filter,
                                               const std::string& after, int limit);

// Takes the household's row for the programme, so that decisions on one household are made
// one after another on both backends.
core::Status LockHolder(store::Session& tx, const std::string& programme_id,
                        const std::string& household_id);
// Whether an approved decision (other than `except_id`) of the programme pays the household
// a month of from..to.
core::Result<bool> Overlaps(store::Session& tx, const std::string& programme_id,
                            const std::string& household_id, core::Month from, core::Month to,
                            const std::string& except_id);
// What the household's approved decisions of the programme pay in total (amount × months),
// counting those whose period meets from..to: the four-eyes threshold applies to this sum, so
// that a grant split into pieces below it still needs a second approver.
core::Result<int64_t> ApprovedTotal(store::Session& tx, const std::string& programme_id,
                                    const std::string& household_id, core::Month from,
                                    core::Month to);
// The last month a payment line of the decision is listed for, if any.
core::Result<std::optional<core::Month>> LastListedMonth(store::Session& tx, const Decision& d);
core::Status InsertDecision(store::Session& tx, const Decision& d);
core::Status UpdateDecision(store::Session& tx, const Decision& d, int64_t expected_version);
core::Result<Decision> FindDecision(store::Session& tx, const std::string& id);
struct DecisionFilter {
  std::optional<std::string> programme_id;
  std::optional<std::string> household_id;
  std::optional<DecisionState> state;
};
core::Result<DecisionPage> ListDecisions(store::Session& tx, const std::vector<std::string>& scope,
                                         const DecisionFilter& filter, const std::string& after,
                                         int limit);

// The open cases about the household or one of its members, with whether each is a child's
// (its timeline lines are then confidential): where benefit records leave a line.
struct OpenCase {
  std::string id;
  bool child_case = false;
};
core::Result<std::vector<OpenCase>> OpenCasesOf(store::Session& tx, const std::string& household_id,
                                                const std::vector<std::string>& scope);

// --- payments ---

// What a new list pays: the lines of decisions of the programme that pay in `period` (active,
// or ended with the month still in their period) for households of communities under
// `territory_path`, not yet on a line of any list for that programme and month. Ordered by
// community, then household.
core::Result<std::vector<PaymentLine>> Payable(store::Session& tx, const std::string& programme_id,
                                               core::Month period,
                                               const std::string& territory_path);
// The list and its lines, inserted in batches.
core::Status InsertPaymentList(store::Session& tx, const PaymentList& list,
                               const std::vector<PaymentLine>& lines);
// The list with its totals over the communities in `scope`.
core::Result<PaymentList> FindPaymentList(store::Session& tx, const std::string& id,
                                          const std::vector<std::string>& scope);
core::Result<PaymentListPage> ListPaymentLists(store::Session& tx,
                                               const std::vector<std::string>& scope,
                                               const std::optional<std::string>& programme_id,
                                               const std::string& after, int limit);
struct PaymentLineFilter {
  std::optional<std::string> list_id;
  std::optional<std::string> household_id;
};
// Lines of communities in `scope`, by list then reference (limit 0: all of them).
core::Result<PaymentLinePage> ListPaymentLines(store::Session& tx,
                                               const std::vector<std::string>& scope,
                                               const PaymentLineFilter& filter,
                                               const std::string& after, int limit);
// Records the bank's answer for each line of `file` (already checked against the list).
core::Status SettleLines(store::Session& tx, const std::string& list_id,
                         const std::vector<BankLine>& file, const std::string& now);

}  // namespace socius::benefits
