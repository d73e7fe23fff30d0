// Wire names of the benefits room's enumerations.
#include "benefits/model.h"

#include "core/name_table.h"

namespace socius::benefits {
namespace {

template <typename E, size_t N>
using Table = core::NameTable<E, N>;
using core::NameIn;
using core::ParseIn;

constexpr Table<ProgrammeKind, 5> kKinds = {{{ProgrammeKind::kMonthlyAid, "monthly_aid"},
                                             {ProgrammeKind::kOneOffGrant, "one_off_grant"},
                                             {ProgrammeKind::kHeatingAid, "heating_aid"},
                                             {ProgrammeKind::kLargeFamilyCard, "large_family_card"},
                                             {ProgrammeKind::kOther, "other"}}};

constexpr Table<Currency, 5> kCurrencies = {{{Currency::kRon, "RON"},
                                             {Currency::kMdl, "MDL"},
                                             {Currency::kUah, "UAH"},
                                             {Currency::kMkd, "MKD"},
                                             {Currency::kEur, "EUR"}}};

constexpr Table<ProgrammeStatus, 3> kStatuses = {{{ProgrammeStatus::kDraft, "draft"},
                                                  {ProgrammeStatus::kOpen, "open"},
                                                  {ProgrammeStatus::kClosed, "closed"}}};

constexpr Table<AmountRule, 3> kAmountRules = {{{AmountRule::kFixed, "fixed"},
                                                {AmountRule::kPerMember, "per_member"},
                                                {AmountRule::kTopUp, "top_up"}}};

constexpr Table<BudgetPeriod, 2> kBudgetPeriods = {
    {{BudgetPeriod::kMonth, "month"}, {BudgetPeriod::kYear, "year"}}};

constexpr Table<RuleKind, 8> kRuleKinds = {
    {{RuleKind::kAge, "age"},
     {RuleKind::kHouseholdSize, "household_size"},
     {RuleKind::kChildren, "children"},
     {RuleKind::kIncomePerMember, "income_per_member"},
     {RuleKind::kDisability, "disability"},
     {RuleKind::kCaseCategory, "case_category"},
     {RuleKind::kResidenceMonths, "residence_months"},
     {RuleKind::kNotPaidThisPeriod, "not_paid_this_period"}}};

constexpr Table<IncomeKind, 7> kIncomeKinds = {{{IncomeKind::kSalary, "salary"},
                                                {IncomeKind::kPension, "pension"},
                                                {IncomeKind::kAllowance, "allowance"},
                                                {IncomeKind::kAgriculture, "agriculture"},
                                                {IncomeKind::kSelfEmployment, "self_employment"},
                                                {IncomeKind::kAlimony, "alimony"},
                                                {IncomeKind::kOther, "other"}}};

constexpr Table<ApplicationState, 3> kApplicationStates = {
    {{ApplicationState::kSubmitted, "submitted"},
     {ApplicationState::kDecided, "decided"},
     {ApplicationState::kWithdrawn, "withdrawn"}}};

constexpr Table<Outcome, 2> kOutcomes = {
    {{Outcome::kApproved, "approved"}, {Outcome::kRejected, "rejected"}}};

constexpr Table<DecisionState, 5> kDecisionStates = {
    {{DecisionState::kAwaitingApproval, "awaiting_approval"},
     {DecisionState::kActive, "active"},
     {DecisionState::kSuspended, "suspended"},
     {DecisionState::kEnded, "ended"},
     {DecisionState::kRejected, "rejected"}}};

constexpr Table<PaymentState, 3> kPaymentStates = {{{PaymentState::kPending, "pending"},
                                                    {PaymentState::kPaid, "paid"},
                                                    {PaymentState::kReturned, "returned"}}};

}  // namespace

std::string_view Name(PaymentState v) { return NameIn(kPaymentStates, v); }
std::optional<PaymentState> ParsePaymentState(std::string_view n) {
  return ParseIn(kPaymentStates, n);
}
std::string_view Name(ProgrammeKind v) { return NameIn(kKinds, v); }
std::string_view Name(Currency v) { return NameIn(kCurrencies, v); }
std::string_view Name(ProgrammeStatus v) { return NameIn(kStatuses, v); }
std::string_view Name(AmountRule v) { return NameIn(kAmountRules, v); }
std::string_view Name(BudgetPeriod v) { return NameIn(kBudgetPeriods, v); }
std::string_view Name(RuleKind v) { return NameIn(kRuleKinds, v); }
std::string_view Name(IncomeKind v) { return NameIn(kIncomeKinds, v); }
std::string_view Name(ApplicationState v) { return NameIn(kApplicationStates, v); }
std::string_view Name(Outcome v) { return NameIn(kOutcomes, v); }
std::string_view Name(DecisionState v) { return NameIn(kDecisionStates, v); }

std::optional<ProgrammeKind> ParseProgrammeKind(std::string_view n) { return ParseIn(kKinds, n); }
std::optional<Currency> ParseCurrency(std::string_view n) { return ParseIn(kCurrencies, n); }
std::optional<ProgrammeStatus> ParseProgrammeStatus(std::string_view n) {
  return ParseIn(kStatuses, n);
}
std::optional<AmountRule> ParseAmountRule(std::string_view n) { return ParseIn(kAmountRules, n); }
std::optional<BudgetPeriod> ParseBudgetPeriod(std::string_view n) {
  return ParseIn(kBudgetPeriods, n);
}
std::optional<RuleKind> ParseRuleKind(std::string_view n) { return ParseIn(kRuleKinds, n); }
std::optional<IncomeKind> ParseIncomeKind(std::string_view n) { return ParseIn(kIncomeKinds, n); }
std::optional<ApplicationState> ParseApplicationState(std::string_view n) {
  return ParseIn(kApplicationStates, n);
}
std::optional<Outcome> ParseOutcome(std::string_view n) { return ParseIn(kOutcomes, n); }
std::optional<DecisionState> ParseDecisionState(std::string_view n) {
  return ParseIn(kDecisionStates, n);
}

}  // namespace socius::benefits
