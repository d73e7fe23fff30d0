#pragma once

// Benefit programmes (what is paid, to whom, from which budget), their eligibility rules as
// data, applications with the income a household declared, and decisions. Plain data;
// docs/benefits-api.md gives the wire names. Money is always integer minor units of the
// programme's currency.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "registry/model.h"

namespace socius::benefits {

enum class ProgrammeKind { kMonthlyAid, kOneOffGrant, kHeatingAid, kLargeFamilyCard, kOther };
enum class Currency { kRon, kMdl, kUah, kMkd, kEur };
enum class ProgrammeStatus { kDraft, kOpen, kClosed };
enum class AmountRule { kFixed, kPerMember, kTopUp };
enum class BudgetPeriod { kMonth, kYear };
enum class RuleKind {
  kAge,
  kHouseholdSize,
  kChildren,
  kIncomePerMember,
  kDisability,
  kCaseCategory,
  kResidenceMonths,
  kNotPaidThisPeriod,
};
enum class IncomeKind {
  kSalary,
  kPension,
  kAllowance,
  kAgriculture,
  kSelfEmployment,
  kAlimony,
  kOther,
};
enum class ApplicationState { kSubmitted, kDecided, kWithdrawn };
enum class Outcome { kApproved, kRejected };
enum class DecisionState { kAwaitingApproval, kActive, kSuspended, kEnded, kRejected };

std::string_view Name(ProgrammeKind v);
std::string_view Name(Currency v);
std::string_view Name(ProgrammeStatus v);
std::string_view Name(AmountRule v);
std::string_view Name(BudgetPeriod v);
std::string_view Name(RuleKind v);
std::string_view Name(IncomeKind v);
std::string_view Name(ApplicationState v);
std::string_view Name(Outcome v);
std::string_view Name(DecisionState v);
std::optional<ProgrammeKind> ParseProgrammeKind(std::string_view name);
std::optional<Currency> ParseCurrency(std::string_view name);
std::optional<ProgrammeStatus> ParseProgrammeStatus(std::string_view name);
std::optional<AmountRule> ParseAmountRule(std::string_view name);
std::optional<BudgetPeriod> ParseBudgetPeriod(std::string_view name);
std::optional<RuleKind> ParseRuleKind(std::string_view name);
std::optional<IncomeKind> ParseIncomeKind(std::string_view name);
std::optional<ApplicationState> ParseApplicationState(std::string_view name);
std::optional<Outcome> ParseOutcome(std::string_view name);
std::optional<DecisionState> ParseDecisionState(std::string_view name);

// One eligibility rule. Which bounds mean something depends on the kind
// (docs/benefits-api.md, "Rules"); the others stay empty.
struct Rule {
  RuleKind kind = RuleKind::kAge;
  std::optional<int64_t> min;
  std::optional<int64_t> max;
  std::optional<int64_t> under;      // children: younger than this many years (default 18)
  std::optional<int64_t> max_minor;  // income_per_member
  std::optional<registry::DisabilityDegree> min_degree;
  std::vector<std::string> categories;  // case_category: wire names of case categories
};

struct Place {
  std::string id;
  std::string code;
  std::string name;
  std::string path;
};

struct Programme {
  std::string id;
  int64_t version = 1;
  Place territory;
  std::string name;
  ProgrammeKind kind = ProgrammeKind::kMonthlyAid;
  Currency currency = Currency::kMdl;
  ProgrammeStatus status = ProgrammeStatus::kDraft;
  AmountRule amount_rule = AmountRule::kFixed;
  int64_t amount_minor = 0;
  BudgetPeriod budget_period = BudgetPeriod::kMonth;
  int64_t budget_minor = 0;
  std::optional<int64_t> four_eyes_above_minor;
  std::vector<Rule> rules;
  std::vector<std::string> documents;
  std::optional<std::string> description;
  std::string created_at;
  std::string updated_at;
};

template <typename T>
using Patch = std::optional<std::optional<T>>;

struct ProgrammeInput {
  std::optional<std::string> territory_code;  // create only
  std::optional<std::string> name;
  std::optional<ProgrammeKind> kind;
  std::optional<Currency> currency;  // create only
  std::optional<ProgrammeStatus> status;
  std::optional<AmountRule> amount_rule;
  std::optional<int64_t> amount_minor;
  std::optional<BudgetPeriod> budget_period;
  std::optional<int64_t> budget_minor;
  Patch<int64_t> four_eyes_above_minor;
  std::optional<std::vector<Rule>> rules;
  std::optional<std::vector<std::string>> documents;
  Patch<std::string> description;
};

struct Budget {
  std::string period;  // '2026-10' or '2026'
  int64_t amount_minor = 0;
  int64_t committed_minor = 0;
  bool own = false;
};

// What eligibility looks at in one household, for one month.
struct HouseholdFacts {
  std::string household_id;
  std::vector<std::optional<core::Date>> birth_dates;  // of every member
  std::optional<core::Date> applicant_birth_date;
  std::optional<int64_t> monthly_income_minor;  // nullopt: nothing declared
  std::optional<registry::DisabilityDegree> max_disability;
  std::optional<core::Date> resident_since;
  std::vector<std::string> open_case_categories;
  bool paid_this_period = false;
};

// How one rule went: the value compared and the rule's bounds, for the screen to say it.
struct RuleOutcome {
  RuleKind kind = RuleKind::kAge;
  bool passed = false;
  std::optional<int64_t> value;           // age, members, children, income per member, months
  std::optional<std::string> text_value;  // disability degree
  std::vector<std::string> values;        // case categories found
  size_t index = 0;                       // of the rule in Eligibility::rules
};

struct Eligibility {
  std::string programme_id;
  std::string household_id;
  core::Month month;
  bool eligible = false;
  // The facts, as the screen shows them.
  int64_t members = 0;
  int64_t children = 0;  // under 18
  std::optional<int64_t> applicant_age;
  std::optional<int64_t> monthly_income_minor;
  std::optional<int64_t> income_per_member_minor;
  std::optional<registry::DisabilityDegree> max_disability;
  std::optional<core::Date> resident_since;
  std::optional<int64_t> resident_months;
  std::vector<std::string> open_case_categories;
  bool paid_this_period = false;
  std::vector<Rule> rules;  // copies, so that outcomes stay readable after the programme goes
  std::vector<RuleOutcome> outcomes;
  int64_t amount_minor = 0;  // per month, by the programme's amount rule
};

struct Preview {
  std::string programme_id;
  std::string territory_code;
  core::Month month;
  int64_t households = 0;
  int64_t eligible = 0;
  int64_t cost_minor = 0;
  std::vector<int64_t> removed;  // per rule, in order
  int64_t unknown_income = 0;
};

struct Income {
  std::optional<std::string> person_id;
  std::optional<std::string> person_name;
  IncomeKind kind = IncomeKind::kOther;
  int64_t monthly_amount_minor = 0;
};

struct Document {
  std::string name;
  bool provided = false;
};

struct UserRef {
  std::string id;
  std::string display_name;
};

struct ProgrammeRef {
  std::string id;
  std::string name;
  ProgrammeKind kind = ProgrammeKind::kMonthlyAid;
  Currency currency = Currency::kMdl;
};

struct Application {
  std::string id;
  int64_t version = 1;
  ProgrammeRef programme;
  std::string household_id;
  std::string household_name;
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  std::string applicant_id;
  std::string applicant_name;
  core::Date submitted_on;
  core::Month period_from;
  core::Month period_to;
  std::optional<core::Date> resident_since;
  std::vector<Income> incomes;
  std::vector<Document> documents;
  std::string eligibility_json;  // as stored: the evaluation when recorded or changed
  bool eligible = false;
  ApplicationState state = ApplicationState::kSubmitted;
  std::optional<std::string> decision_id;
  std::optional<std::string> note;
  std::optional<std::string> withdraw_reason;
  UserRef recorded_by;
  std::string created_at;
  std::string updated_at;
};

struct ApplicationInput {
  std::optional<std::string> programme_id;  // create only
  std::optional<std::string> household_id;  // create only
  std::optional<std::string> applicant_id;  // create only
  std::optional<std::string> submitted_on;  // create only
  std::optional<std::string> period_from;
  std::optional<std::string> period_to;
  Patch<std::string> resident_since;
  std::optional<std::vector<Income>> incomes;
  std::optional<std::vector<Document>> documents;
  Patch<std::string> note;
};

struct Decision {
  std::string id;
  int64_t version = 1;
  std::string application_id;
  ProgrammeRef programme;
  std::string household_id;
  std::string household_name;
  std::string community_id;
  std::string community_code;
  std::string community_path;
  Outcome outcome = Outcome::kApproved;
  DecisionState state = DecisionState::kActive;
  int64_t amount_minor = 0;
  core::Month period_from;
  core::Month period_to;
  std::optional<std::string> reason;
  UserRef decided_by;
  std::string decided_at;
  std::optional<UserRef> second_approver;
  std::optional<std::string> second_approved_at;
  std::optional<core::Month> ended_on_month;
  std::string created_at;
  std::string updated_at;
};

struct DecisionInput {
  std::optional<Outcome> outcome;
  std::optional<int64_t> amount_minor;
  std::optional<std::string> period_from;
  std::optional<std::string> period_to;
  std::optional<std::string> reason;
};

struct DecisionTransition {
  DecisionState to = DecisionState::kActive;
  std::optional<std::string> reason;
  std::optional<std::string> month;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next;
};
using ProgrammePage = Page<Programme>;
using ApplicationPage = Page<Application>;
using DecisionPage = Page<Decision>;

// --- payments ---

enum class PaymentState { kPending, kPaid, kReturned };
std::string_view Name(PaymentState v);
std::optional<PaymentState> ParsePaymentState(std::string_view name);

// What a territory's lines of a list add up to.
struct PaymentTotals {
  std::string community_code;  // empty: the whole list
  std::string community_name;
  int64_t lines = 0;
  int64_t total_minor = 0;
  int64_t paid_lines = 0;
  int64_t paid_minor = 0;
  int64_t returned_lines = 0;
  int64_t returned_minor = 0;
};

// The payments of one programme and month for a territory, generated from the decisions that
// pay in that month.
struct PaymentList {
  std::string id;
  int64_t version = 1;
  ProgrammeRef programme;
  Place territory;
  core::Month period;
  std::string number;
  PaymentTotals totals;
  std::vector<PaymentTotals> by_community;  // by community name
  UserRef created_by;
  std::optional<std::string> confirmed_at;
  std::string created_at;
  std::string updated_at;
};

struct PaymentLine {
  std::string id;
  std::string list_id;
  std::string list_number;
  ProgrammeRef programme;
  core::Month period;
  std::string household_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  std::string decision_id;
  std::string payee_id;
  std::string payee_name;                       // "Family Given"
  std::optional<std::string> payee_identifier;  // "RO-CNP 1850615123456"
  std::string reference;
  int64_t amount_minor = 0;
  PaymentState state = PaymentState::kPending;
  std::optional<core::Date> settled_on;
  std::optional<std::string> bank_note;
};

// One line of a bank's confirmation file.
struct BankLine {
  int64_t line = 0;  // in the file
  std::string reference;
  int64_t amount_minor = 0;
  PaymentState state = PaymentState::kPaid;
  std::optional<core::Date> date;
  std::optional<std::string> note;
};

struct Confirmation {
  int64_t paid = 0;
  int64_t returned = 0;
  int64_t unchanged = 0;  // confirmed before with the same answer
};

using PaymentListPage = Page<PaymentList>;
using PaymentLinePage = Page<PaymentLine>;

}  // namespace socius::benefits
