// The cases room's decisions: every allowed and refused transition, closures that need a
// reason or a head's approval, case numbers, contacts that make sense, overdue actions.
#include "cases/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <set>

namespace socius::cases {
namespace {

using core::Result;
using S = CaseState;

TransitionRequest Move(S from, S to) {
  TransitionRequest r;
  r.from = from;
  r.to = to;
  return r;
}

constexpr std::array<S, 6> kAll = {S::kIntake,    S::kAssessment, S::kPlanning,
                                   S::kInService, S::kMonitoring, S::kClosed};

TEST(CaseStates, EveryPairIsAllowedExactlyAsDocumented) {
  // docs/cases-api.md, "States".
  const std::set<std::pair<S, S>> allowed = {
      {S::kIntake, S::kAssessment}, {S::kIntake, S::kClosed},        {S::kAssessment, S::kPlanning},
      {S::kAssessment, S::kClosed}, {S::kPlanning, S::kInService},   {S::kPlanning, S::kAssessment},
      {S::kPlanning, S::kClosed},   {S::kInService, S::kMonitoring}, {S::kInService, S::kPlanning},
      {S::kInService, S::kClosed},  {S::kMonitoring, S::kInService}, {S::kMonitoring, S::kPlanning},
      {S::kMonitoring, S::kClosed}, {S::kClosed, S::kAssessment},
  };
  int checked = 0;
  for (S from : kAll) {
    for (S to : kAll) {
      TransitionRequest r;
      r.from = from;
      r.to = to;
      r.can_supervise = true;
      Result<TransitionEffect> effect = DecideTransition(r);
      const bool expected = allowed.count({from, to}) == 1;
      EXPECT_EQ(effect.ok(), expected) << Name(from) << " -> " << Name(to);
      if (!expected) {
        EXPECT_EQ(effect.status().code(), "case.invalid_transition");
        EXPECT_EQ(effect.status().field(), "to");
      } else {
        EXPECT_EQ(*effect, TransitionEffect::kMove);
      }
      const auto& next = AllowedTransitions(from);
      EXPECT_EQ(std::count(next.begin(), next.end(), to) == 1, expected);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 36);
}

TEST(CaseStates, NoStateSkipsAssessment) {
  for (S to : {S::kPlanning, S::kInService, S::kMonitoring}) {
    EXPECT_EQ(DecideTransition(Move(S::kIntake, to)).status().code(), "case.invalid_transition");
    EXPECT_EQ(DecideTransition(Move(S::kClosed, to)).status().code(), "case.invalid_transition");
  }
}

TEST(CaseClosure, OpenActionsNeedAReason) {
  TransitionRequest r = Move(S::kInService, S::kClosed);
  r.open_actions = 2;
  Result<TransitionEffect> refused = DecideTransition(r);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), "case.open_actions");
  EXPECT_EQ(refused.status().params().at("count"), "2");
  r.reason = "";
  EXPECT_EQ(DecideTransition(r).status().code(), "case.open_actions");
  r.reason = "The family moved away";
  EXPECT_TRUE(DecideTransition(r).ok());
  // Other moves never need a reason.
  TransitionRequest onward = Move(S::kInService, S::kMonitoring);
  onward.open_actions = 3;
  EXPECT_TRUE(DecideTransition(onward).ok());
}

TEST(CaseClosure, AChildsCaseClosedByAWorkerWaitsForAHead) {
  TransitionRequest r = Move(S::kMonitoring, S::kClosed);
  r.child_case = true;
  EXPECT_EQ(*DecideTransition(r), TransitionEffect::kRequestClosure);
  r.can_supervise = true;
  EXPECT_EQ(*DecideTransition(r), TransitionEffect::kMove);
  r.child_case = false;
  r.can_supervise = false;
  EXPECT_EQ(*DecideTransition(r), TransitionEffect::kMove);
}

TEST(CaseClosure, NothingMovesWhileAClosureRequestWaits) {
  TransitionRequest r = Move(S::kMonitoring, S::kInService);
  r.closure_pending = true;
  EXPECT_EQ(DecideTransition(r).status().code(), "case.closure_pending");
  r.to = S::kIntake;  // a refused step stays refused first
  EXPECT_EQ(DecideTransition(r).status().code(), "case.invalid_transition");
}

TEST(CaseRules, ChildCases) {
  EXPECT_TRUE(IsChildCase(Category::kChildAtRisk, std::nullopt));
  EXPECT_TRUE(IsChildCase(Category::kChildAtRisk, 40));
  EXPECT_TRUE(IsChildCase(Category::kPoverty, 17));
  EXPECT_FALSE(IsChildCase(Category::kPoverty, 18));
  EXPECT_FALSE(IsChildCase(Category::kElderlyAlone, std::nullopt));
}

TEST(CaseNumbers, PrefixesAndFormat) {
  EXPECT_EQ(DefaultNumberPrefix("MD:0481"), "0481");
  EXPECT_EQ(DefaultNumberPrefix("RO:1017"), "1017");
  EXPECT_EQ(DefaultNumberPrefix("UA:UA05020030000096562"), "UA0502003000");
  EXPECT_EQ(DefaultNumberPrefix("lt:vilnius-m"), "VILNIUSM");
  EXPECT_EQ(DefaultNumberPrefix("::"), "C");
  EXPECT_EQ(FormatCaseNumber("0481", 2026, 123), "0481-2026-000123");
  EXPECT_EQ(FormatCaseNumber("HRJ", 2027, 1234567), "HRJ-2027-1234567");
  EXPECT_TRUE(CheckNumberPrefix("0481").ok());
  EXPECT_TRUE(CheckNumberPrefix("ABCDEFGHIJ12").ok());
  for (const char* bad : {"", "abc", "A-B", "ABCDEFGHIJ123", "Ș1", "A B"}) {
    EXPECT_EQ(CheckNumberPrefix(bad).code(), "case.invalid_prefix") << bad;
  }
}

Contact ContactOf(ContactKind kind, ContactStatus status, core::Date date,
                  std::optional<ContactReason> reason) {
  Contact c;
  c.kind = kind;
  c.status = status;
  c.date = date;
  c.reason = reason;
  return c;
}

TEST(Contacts, OnlyVisitsArePlannedAndTheFutureIsPlanned) {
  const core::Date today{2026, 12, 5};
  const core::Date tomorrow{2026, 12, 6};
  using K = ContactKind;
  using St = ContactStatus;
  EXPECT_TRUE(CheckContact(ContactOf(K::kHomeVisit, St::kPlanned, tomorrow, {}), today).ok());
  EXPECT_TRUE(CheckContact(ContactOf(K::kHomeVisit, St::kMissed, today, {}), today).ok());
  EXPECT_EQ(CheckContact(ContactOf(K::kHomeVisit, St::kDone, tomorrow, {}), today).code(),
            "contact.future_done");
  EXPECT_EQ(CheckContact(ContactOf(K::kHomeVisit, St::kMissed, tomorrow, {}), today).code(),
            "contact.future_done");
  EXPECT_EQ(
      CheckContact(ContactOf(K::kAudience, St::kPlanned, tomorrow, ContactReason::kHousing), today)
          .code(),
      "contact.status_not_allowed");
  EXPECT_EQ(CheckContact(ContactOf(K::kAudience, St::kDone, today, {}), today).code(),
            "contact.reason_required");
  EXPECT_EQ(CheckContact(ContactOf(K::kPhoneCall, St::kDone, today, {}), today).field(), "reason");
  EXPECT_TRUE(CheckContact(ContactOf(K::kSchoolMeeting, St::kDone, today, {}), today).ok());
  Contact planned = ContactOf(K::kHomeVisit, St::kPlanned, tomorrow, {});
  planned.outcome = ContactOutcome::kAdviceGiven;
  EXPECT_EQ(CheckContact(planned, today).code(), "contact.outcome_not_allowed");
}

TEST(Plans, OverdueAndDeadlines) {
  PlanAction a;
  a.deadline = {2026, 12, 4};
  const core::Date today{2026, 12, 5};
  for (ActionStatus s : {ActionStatus::kPlanned, ActionStatus::kInProgress}) {
    a.status = s;
    EXPECT_TRUE(IsOverdue(a, today));
  }
  for (ActionStatus s : {ActionStatus::kDone, ActionStatus::kCancelled}) {
    a.status = s;
    EXPECT_FALSE(IsOverdue(a, today));
  }
  a.status = ActionStatus::kPlanned;
  a.deadline = today;
  EXPECT_FALSE(IsOverdue(a, today));  // due today is not yet late
  EXPECT_EQ(CheckDeadline({2026, 1, 1}, {2026, 1, 2}).code(), "plan.deadline_before_opening");
  EXPECT_TRUE(CheckDeadline({2026, 1, 2}, {2026, 1, 2}).ok());
}

TEST(Referrals, ARefusalNeedsItsReason) {
  Referral r;
  r.referred_on = {2026, 11, 1};
  r.answer = ReferralAnswer::kRefused;
  r.answered_on = core::Date{2026, 11, 3};
  EXPECT_EQ(CheckReferralAnswer(r).code(), "referral.reason_required");
  r.answer_reason = "No places until March";
  EXPECT_TRUE(CheckReferralAnswer(r).ok());
  r.answered_on = core::Date{2026, 10, 30};
  EXPECT_EQ(CheckReferralAnswer(r).code(), "referral.answer_before_referral");
}

TEST(Names, EveryWireNameParsesBack) {
  for (S s : kAll) EXPECT_EQ(ParseCaseState(Name(s)), s);
  for (int i = 0; i <= static_cast<int>(Category::kOther); ++i) {
    EXPECT_EQ(ParseCategory(Name(static_cast<Category>(i))), static_cast<Category>(i));
  }
  for (int i = 0; i <= static_cast<int>(ContactReason::kOther); ++i) {
    EXPECT_EQ(ParseContactReason(Name(static_cast<ContactReason>(i))),
              static_cast<ContactReason>(i));
  }
  EXPECT_FALSE(ParseCaseState("closed ").has_value());
  EXPECT_FALSE(ParseAgency("").has_value());
}

}  // namespace
}  // namespace socius::cases
