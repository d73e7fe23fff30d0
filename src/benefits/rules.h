#pragma once

// The decisions of the benefits room, as pure functions: what a programme must hold, the
// eligibility of one household with the reason of every rule, the amount a household is due,
// the months and budget periods a decision touches, and the decision state machine.

#include <optional>
#include <string>
#include <vector>

#include "benefits/model.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/status.h"

namespace socius::benefits {

// The longest period an application or decision may cover.
inline constexpr int kMaxMonths = 36;
// 10^13 minor units: more than any local budget, and far from int64 overflow when multiplied
// by months and members.
inline constexpr int64_t kMaxAmountMinor = 10'000'000'000'000;
inline constexpr size_t kMaxRules = 20;
inline constexpr size_t kMaxDocuments = 30;
inline constexpr size_t kMaxIncomes = 60;

// programme.name_required (name), benefit.invalid_amount (amount_minor | budget_minor |
// four_eyes_above_minor), programme.invalid_rule (rules[i]), programme.invalid_document
// (documents[i]): blank, too long or twice.
core::Status CheckProgramme(const Programme& programme);
// One rule: its bounds make sense for its kind.
core::Status CheckRule(const Rule& rule, size_t index);

// Whole years from `birth` to `on`.
int64_t AgeOn(core::Date birth, core::Date on);
// Whole months from `since` to `on` (0 when `since` is later).
int64_t MonthsSince(core::Date since, core::Date on);
// Months from `from` to `to`, both counted: 2026-11..2027-04 is 6.
int64_t MonthsBetween(core::Month from, core::Month to);
core::Month AddMonths(core::Month month, int64_t months);

// The amount a household of `members` with `monthly_income_minor` declared is due per month.
int64_t AmountDue(const Programme& programme, int64_t members,
                  std::optional<int64_t> monthly_income_minor);

// Every rule of the programme applied to the household in `month` (ages on its first day),
// with the value compared, and the amount due.
Eligibility Evaluate(const Programme& programme, const HouseholdFacts& facts, core::Month month);

// The rule that removes a household in a preview: the first that fails (nullopt: eligible).
std::optional<size_t> FirstFailing(const Eligibility& eligibility);

// The period of an application: `to` not before `from`, at most kMaxMonths, one month for a
// one-off grant or a card. InvalidArgument("application.invalid_period", field).
core::Status CheckPeriod(const Programme& programme, core::Month from, core::Month to,
                         const char* field);

// The budget period a month falls in: '2026-10' (monthly budgets) or '2026' (yearly).
std::string BudgetPeriodOf(BudgetPeriod period, core::Month month);
// Whether `period` names a budget period of this kind. InvalidArgument("budget.invalid_period").
core::Status CheckBudgetPeriod(BudgetPeriod kind, const std::string& period);

// What a decision of `amount_minor` a month over from..to charges each budget period.
struct Charge {
  std::string period;
  int64_t amount_minor = 0;
};
std::vector<Charge> ChargesOf(BudgetPeriod kind, int64_t amount_minor, core::Month from,
                              core::Month to);

// Whether an approval of `total_minor` needs a second approver.
bool NeedsSecondApproval(const Programme& programme, int64_t total_minor);

// The states a decision in `from` may move to.
std::vector<DecisionState> AllowedTransitions(DecisionState from);
// Conflict("decision.invalid_transition", "to"); InvalidArgument("decision.reason_required",
// "reason") for a rejection, a suspension or an end without one.
core::Status CheckTransition(DecisionState from, const DecisionTransition& move);

// --- payments ---

// "1000.00", "1000,5", "1000" as minor units with two decimals; nullopt for anything else
// (a sign, a thousands separator, more than two decimals, more than kMaxAmountMinor).
std::optional<int64_t> ParseMajorAmount(std::string_view text);

// A bank's confirmation file: a header naming the columns `reference`, `amount`, `status`
// (paid | returned) and optionally `date` (YYYY-MM-DD) and `note`, in any order, separated by
// ',' or ';'; then one line per payment. Every problem names its line:
// InvalidArgument("payment.malformed_file", "lines[N]") for a missing column, a quoting
// error or a line of the wrong length; "payment.invalid_amount", "payment.invalid_status",
// "payment.invalid_date" for a bad value; "payment.duplicate_line" for a reference twice.
// Params: line, reference (when known).
core::Result<std::vector<BankLine>> ParseBankFile(std::string_view csv);

// Each line of the file against the list's: InvalidArgument("payment.unknown_reference" |
// "payment.amount_mismatch" | "payment.already_settled", "lines[N]") (a line settled before
// may be confirmed again only with the same answer). `problems` counts the lines in error.
core::Status CheckConfirmation(const std::vector<BankLine>& file,
                               const std::vector<PaymentLine>& lines);

}  // namespace socius::benefits
