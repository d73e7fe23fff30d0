// The eligibility evaluator, rule by rule at its boundaries, with the values each outcome
// explains itself with; amounts, periods, budget charges and the decision state machine.
#include "benefits/rules.h"

#include <gtest/gtest.h>

#include "benefits/stored.h"

namespace socius::benefits {
namespace {

core::Date D(const char* text) { return *core::ParseDate(text); }
core::Month M(const char* text) { return *core::ParseMonth(text); }

Rule Bounds(RuleKind kind, std::optional<int64_t> min, std::optional<int64_t> max) {
  Rule r;
  r.kind = kind;
  r.min = min;
  r.max = max;
  return r;
}

Programme WithRules(std::vector<Rule> rules) {
  Programme p;
  p.id = "p";
  p.name = "Ajutor social";
  p.amount_rule = AmountRule::kFixed;
  p.amount_minor = 150000;
  p.rules = std::move(rules);
  return p;
}

// Two adults born 1985 and two children born 2015 and 2020; head born 1985-06-15.
HouseholdFacts Family() {
  HouseholdFacts f;
  f.household_id = "h";
  f.birth_dates = {D("1985-06-15"), D("1987-02-01"), D("2015-03-10"), D("2020-12-01")};
  f.applicant_birth_date = D("1985-06-15");
  f.monthly_income_minor = 568000;
  f.resident_since = D("2019-05-01");
  return f;
}

Eligibility One(const Rule& rule, const HouseholdFacts& facts = Family(),
                const char* month = "2026-11") {
  return Evaluate(WithRules({rule}), facts, M(month));
}

TEST(EligibilityTest, AgeIsTheApplicantsOnTheFirstDayOfTheMonth) {
  // 41 on 2026-06-01 (birthday on the 15th), 40 the month before.
  EXPECT_EQ(*One(Bounds(RuleKind::kAge, 41, std::nullopt), Family(), "2026-06").outcomes[0].value,
            40);
  EXPECT_FALSE(One(Bounds(RuleKind::kAge, 41, std::nullopt), Family(), "2026-06").eligible);
  EXPECT_TRUE(One(Bounds(RuleKind::kAge, 41, std::nullopt), Family(), "2026-07").eligible);
  EXPECT_TRUE(One(Bounds(RuleKind::kAge, std::nullopt, 41), Family(), "2026-07").eligible);
  EXPECT_FALSE(One(Bounds(RuleKind::kAge, std::nullopt, 40), Family(), "2026-07").eligible);
  HouseholdFacts unknown = Family();
  unknown.applicant_birth_date.reset();
  Eligibility e = One(Bounds(RuleKind::kAge, 18, std::nullopt), unknown);
  EXPECT_FALSE(e.eligible);
  EXPECT_FALSE(e.outcomes[0].value.has_value());
}

TEST(EligibilityTest, HouseholdSizeCountsEveryMember) {
  EXPECT_TRUE(One(Bounds(RuleKind::kHouseholdSize, 4, 4)).eligible);
  EXPECT_FALSE(One(Bounds(RuleKind::kHouseholdSize, 5, std::nullopt)).eligible);
  EXPECT_EQ(*One(Bounds(RuleKind::kHouseholdSize, 5, std::nullopt)).outcomes[0].value, 4);
}

TEST(EligibilityTest, ChildrenAreYoungerThanTheRulesAge) {
  Rule three = Bounds(RuleKind::kChildren, 3, std::nullopt);
  Eligibility e = One(three);
  EXPECT_FALSE(e.eligible);
  EXPECT_EQ(*e.outcomes[0].value, 2);
  EXPECT_TRUE(One(Bounds(RuleKind::kChildren, 2, std::nullopt)).eligible);
  // Under 10 on 2026-11-01: only the child born 2020 (the one born 2015-03 is 11).
  Rule young = Bounds(RuleKind::kChildren, 1, 1);
  young.under = 10;
  EXPECT_TRUE(One(young).eligible);
  EXPECT_EQ(*One(young).outcomes[0].value, 1);
  // A child turning 18 on the first day is no longer a child.
  HouseholdFacts f = Family();
  f.birth_dates.push_back(D("2008-11-01"));
  EXPECT_EQ(*One(Bounds(RuleKind::kChildren, 0, std::nullopt), f).outcomes[0].value, 2);
}

TEST(EligibilityTest, IncomePerMemberIsAtMostTheLimit) {
  Rule limit;
  limit.kind = RuleKind::kIncomePerMember;
  limit.max_minor = 142000;  // 568000 / 4 members
  Eligibility e = One(limit);
  EXPECT_TRUE(e.eligible);
  EXPECT_EQ(*e.outcomes[0].value, 142000);
  limit.max_minor = 141999;
  EXPECT_FALSE(One(limit).eligible);
  HouseholdFacts none = Family();
  none.monthly_income_minor.reset();
  limit.max_minor = 1000000;
  EXPECT_FALSE(One(limit, none).eligible) << "no income declared: cannot pass";
  Json j = EligibilityJson(One(limit));
  EXPECT_EQ(j["outcomes"][0]["limit"], 1000000);
  EXPECT_EQ(j["outcomes"][0]["value"], 142000);
  EXPECT_EQ(j["facts"]["income_per_member_minor"], 142000);
}

TEST(EligibilityTest, DisabilityIsTheHighestDegreeOfAMember) {
  Rule severe;
  severe.kind = RuleKind::kDisability;
  severe.min_degree = registry::DisabilityDegree::kSevere;
  EXPECT_FALSE(One(severe).eligible);
  HouseholdFacts f = Family();
  f.max_disability = registry::DisabilityDegree::kSevere;
  EXPECT_TRUE(One(severe, f).eligible);
  EXPECT_EQ(*One(severe, f).outcomes[0].text_value, "severe");
  f.max_disability = registry::DisabilityDegree::kModerate;
  EXPECT_FALSE(One(severe, f).eligible);
}

TEST(EligibilityTest, CaseCategoryNeedsAnOpenCaseOfOne) {
  Rule rule;
  rule.kind = RuleKind::kCaseCategory;
  rule.categories = {"large_family", "poverty"};
  EXPECT_FALSE(One(rule).eligible);
  HouseholdFacts f = Family();
  f.open_case_categories = {"child_at_risk", "poverty"};
  Eligibility e = One(rule, f);
  EXPECT_TRUE(e.eligible);
  EXPECT_EQ(e.outcomes[0].values, std::vector<std::string>{"poverty"});
  EXPECT_EQ(e.open_case_categories, std::vector<std::string>{"poverty"})
      << "a category no rule asks for (child_at_risk) is never told";
  EXPECT_TRUE(
      One(Bounds(RuleKind::kHouseholdSize, 1, std::nullopt), f).open_case_categories.empty());
}

TEST(EligibilityTest, ResidenceCountsWholeMonths) {
  Rule rule = Bounds(RuleKind::kResidenceMonths, 12, std::nullopt);
  HouseholdFacts f = Family();
  f.resident_since = D("2025-11-02");  // 11 whole months on 2026-11-01
  EXPECT_FALSE(One(rule, f).eligible);
  EXPECT_EQ(*One(rule, f).outcomes[0].value, 11);
  f.resident_since = D("2025-11-01");
  EXPECT_TRUE(One(rule, f).eligible);
}

TEST(EligibilityTest, NotPaidThisPeriod) {
  Rule rule;
  rule.kind = RuleKind::kNotPaidThisPeriod;
  EXPECT_TRUE(One(rule).eligible);
  HouseholdFacts f = Family();
  f.paid_this_period = true;
  EXPECT_FALSE(One(rule, f).eligible);
}

TEST(EligibilityTest, EveryRuleIsExplainedAndThePreviewCountsTheFirstThatFails) {
  Rule income;
  income.kind = RuleKind::kIncomePerMember;
  income.max_minor = 150000;
  Programme p = WithRules({income, Bounds(RuleKind::kChildren, 3, std::nullopt),
                           Bounds(RuleKind::kHouseholdSize, 10, std::nullopt)});
  Eligibility e = Evaluate(p, Family(), M("2026-11"));
  ASSERT_EQ(e.outcomes.size(), 3u);
  EXPECT_TRUE(e.outcomes[0].passed);
  EXPECT_FALSE(e.outcomes[1].passed);
  EXPECT_FALSE(e.outcomes[2].passed);
  EXPECT_EQ(FirstFailing(e), 1u);
  EXPECT_FALSE(e.eligible);
  EXPECT_EQ(EligibilityJson(e)["outcomes"][1]["min"], 3);
}

TEST(AmountTest, FixedPerMemberAndTopUp) {
  Programme p = WithRules({});
  EXPECT_EQ(AmountDue(p, 4, 568000), 150000);
  p.amount_rule = AmountRule::kPerMember;
  p.amount_minor = 50000;
  EXPECT_EQ(AmountDue(p, 4, 568000), 200000);
  p.amount_rule = AmountRule::kTopUp;
  p.amount_minor = 150000;  // guaranteed per member: 600000 for four
  EXPECT_EQ(AmountDue(p, 4, 568000), 32000);
  EXPECT_EQ(AmountDue(p, 4, 700000), 0);
  EXPECT_EQ(AmountDue(p, 4, std::nullopt), 600000);
}

TEST(RuleCheckTest, BoundsMustFitTheKind) {
  EXPECT_TRUE(CheckRule(Bounds(RuleKind::kAge, 18, 65), 0).ok());
  EXPECT_EQ(CheckRule(Bounds(RuleKind::kAge, 65, 18), 2).field(), "rules[2]");
  EXPECT_FALSE(CheckRule(Bounds(RuleKind::kAge, std::nullopt, std::nullopt), 0).ok());
  EXPECT_FALSE(CheckRule(Bounds(RuleKind::kHouseholdSize, -1, 3), 0).ok());
  Rule income;
  income.kind = RuleKind::kIncomePerMember;
  EXPECT_FALSE(CheckRule(income, 0).ok()) << "max_minor is needed";
  income.max_minor = 100;
  EXPECT_TRUE(CheckRule(income, 0).ok());
  income.min = 1;
  EXPECT_FALSE(CheckRule(income, 0).ok()) << "a parameter of another kind";
  Rule cases;
  cases.kind = RuleKind::kCaseCategory;
  cases.categories = {"not_a_category"};
  EXPECT_FALSE(CheckRule(cases, 0).ok());
  cases.categories = {"poverty", "poverty"};
  EXPECT_FALSE(CheckRule(cases, 0).ok());
  cases.categories = {"poverty"};
  EXPECT_TRUE(CheckRule(cases, 0).ok());
  Rule paid;
  paid.kind = RuleKind::kNotPaidThisPeriod;
  EXPECT_TRUE(CheckRule(paid, 0).ok());
  paid.max = 1;
  EXPECT_FALSE(CheckRule(paid, 0).ok());
}

TEST(RuleCheckTest, StoredRulesReadBackAndBadOnesNameTheirIndex) {
  Json ok = Json::parse(R"([{"kind":"age","min":18},{"kind":"disability","min_degree":"severe"},)"
                        R"({"kind":"case_category","categories":["poverty"]}])");
  core::Result<std::vector<Rule>> rules = RulesFrom(ok);
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(RulesJson(*rules), ok);
  for (const char* bad : {R"([{"kind":"age","min":18},{"kind":"wealth"}])",
                          R"([{"kind":"age","min":18},{"kind":"age","min":1.5}])",
                          R"([{"kind":"age","min":18},{"kind":"age","min":"18"}])",
                          R"([{"kind":"age","min":18},{"kind":"age","color":1}])",
                          R"([{"kind":"age","min":18},{"kind":"disability","min_degree":"x"}])"}) {
    core::Result<std::vector<Rule>> r = RulesFrom(Json::parse(bad));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), "programme.invalid_rule");
    EXPECT_EQ(r.status().field(), "rules[1]") << bad;
  }
}

TEST(AmountJsonTest, OnlyWholeNonNegativeMinorUnits) {
  EXPECT_TRUE(IsAmount(Json(0)));
  EXPECT_TRUE(IsAmount(Json(150000)));
  EXPECT_FALSE(IsAmount(Json(-1)));
  EXPECT_FALSE(IsAmount(Json(1.5)));
  EXPECT_FALSE(IsAmount(Json(100.0)));
  EXPECT_FALSE(IsAmount(Json("100")));
  EXPECT_FALSE(IsAmount(Json(kMaxAmountMinor + 1)));
  EXPECT_FALSE(IsAmount(Json::parse("18446744073709551615")));
}

TEST(PeriodTest, MonthsAndOneOffGrants) {
  EXPECT_EQ(MonthsBetween(M("2026-11"), M("2027-04")), 6);
  EXPECT_EQ(AddMonths(M("2026-11"), 2).ToString(), "2027-01");
  EXPECT_EQ(AddMonths(M("2026-01"), -1).ToString(), "2025-12");
  Programme p = WithRules({});
  EXPECT_TRUE(CheckPeriod(p, M("2026-11"), M("2029-10"), "period_to").ok());
  EXPECT_FALSE(CheckPeriod(p, M("2026-11"), M("2029-11"), "period_to").ok());
  EXPECT_FALSE(CheckPeriod(p, M("2026-11"), M("2026-10"), "period_to").ok());
  p.kind = ProgrammeKind::kOneOffGrant;
  EXPECT_TRUE(CheckPeriod(p, M("2026-11"), M("2026-11"), "period_to").ok());
  EXPECT_EQ(CheckPeriod(p, M("2026-11"), M("2026-12"), "period_to").code(),
            "application.invalid_period");
}

TEST(BudgetTest, ChargesFallInTheirPeriods) {
  std::vector<Charge> monthly = ChargesOf(BudgetPeriod::kMonth, 100, M("2026-11"), M("2027-01"));
  ASSERT_EQ(monthly.size(), 3u);
  EXPECT_EQ(monthly[2].period, "2027-01");
  EXPECT_EQ(monthly[2].amount_minor, 100);
  std::vector<Charge> yearly = ChargesOf(BudgetPeriod::kYear, 100, M("2026-11"), M("2027-03"));
  ASSERT_EQ(yearly.size(), 2u);
  EXPECT_EQ(yearly[0].period, "2026");
  EXPECT_EQ(yearly[0].amount_minor, 200);
  EXPECT_EQ(yearly[1].amount_minor, 300);
  EXPECT_TRUE(CheckBudgetPeriod(BudgetPeriod::kYear, "2026").ok());
  EXPECT_FALSE(CheckBudgetPeriod(BudgetPeriod::kYear, "2026-01").ok());
  EXPECT_FALSE(CheckBudgetPeriod(BudgetPeriod::kMonth, "2026").ok());
  EXPECT_FALSE(CheckBudgetPeriod(BudgetPeriod::kMonth, "2026-13").ok());
}

TEST(DecisionStatesTest, FourEyesAndMoves) {
  Programme p = WithRules({});
  EXPECT_FALSE(NeedsSecondApproval(p, 1'000'000'000));
  p.four_eyes_above_minor = 500000;
  EXPECT_FALSE(NeedsSecondApproval(p, 500000));
  EXPECT_TRUE(NeedsSecondApproval(p, 500001));
  DecisionTransition end{DecisionState::kEnded, std::nullopt, std::nullopt};
  EXPECT_EQ(CheckTransition(DecisionState::kActive, end).code(), "decision.reason_required");
  end.reason = "moved away";
  EXPECT_TRUE(CheckTransition(DecisionState::kActive, end).ok());
  EXPECT_EQ(CheckTransition(DecisionState::kEnded, end).code(), "decision.invalid_transition");
  DecisionTransition approve{DecisionState::kActive, std::nullopt, std::nullopt};
  EXPECT_TRUE(CheckTransition(DecisionState::kAwaitingApproval, approve).ok());
  EXPECT_TRUE(CheckTransition(DecisionState::kSuspended, approve).ok());
  EXPECT_FALSE(CheckTransition(DecisionState::kRejected, approve).ok());
}

}  // namespace
}  // namespace socius::benefits
