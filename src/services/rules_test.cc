// The services room's decisions: licence status around its boundaries, the enrolment state
// machine, the waiting list's order and the area a service serves.
#include "services/rules.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace socius::services {
namespace {

using S = EnrolmentState;

core::Date D(int y, int m, int d) { return core::Date{y, m, d}; }

TEST(ServicesRulesTest, LicenceStatusAroundItsBoundaries) {
  const core::Date today = D(2026, 12, 6);
  EXPECT_EQ(LicenceStatusOn(std::nullopt, today), LicenceStatus::kNone);
  EXPECT_EQ(LicenceStatusOn(D(2026, 12, 5), today), LicenceStatus::kExpired);
  EXPECT_EQ(LicenceStatusOn(D(2026, 12, 6), today), LicenceStatus::kExpiring);  // its last day
  EXPECT_EQ(LicenceStatusOn(D(2027, 2, 4), today), LicenceStatus::kExpiring);   // 60 days on
  EXPECT_EQ(LicenceStatusOn(D(2027, 2, 5), today), LicenceStatus::kValid);      // 61
}

TEST(ServicesRulesTest, TheStateMachineAndItsReasons) {
  struct Row {
    S from;
    S to;
    const char* reason;
    const char* code;  // "" when allowed
  };
  const core::Date today = D(2026, 12, 6);
  const Row rows[] = {
      {S::kWaiting, S::kWithdrawn, "Moved away", ""},
      {S::kWaiting, S::kWithdrawn, "", "enrolment.reason_required"},
      {S::kWaiting, S::kActive, "", "enrolment.invalid_transition"},
      {S::kWaiting, S::kOffered, "", "enrolment.invalid_transition"},  // only when a place frees
      {S::kOffered, S::kActive, "", ""},
      {S::kOffered, S::kWithdrawn, "Declined", ""},
      {S::kActive, S::kSuspended, "In hospital", ""},
      {S::kActive, S::kSuspended, "  ", "enrolment.reason_required"},
      {S::kActive, S::kEnded, "Goals met", ""},
      {S::kActive, S::kWithdrawn, "x", "enrolment.invalid_transition"},
      {S::kSuspended, S::kActive, "", ""},
      {S::kSuspended, S::kEnded, "Died", ""},
      {S::kEnded, S::kActive, "", "enrolment.invalid_transition"},
      {S::kWithdrawn, S::kWaiting, "", "enrolment.invalid_transition"},
  };
  for (const Row& row : rows) {
    EnrolmentTransition move;
    move.to = row.to;
    if (*row.reason) move.reason = row.reason;
    core::Status s = CheckTransition(row.from, move, today);
    EXPECT_EQ(s.code(), std::string(row.code)) << Name(row.from) << " → " << Name(row.to);
  }
  EnrolmentTransition future{S::kEnded, "Goals met", D(2026, 12, 7)};
  EXPECT_EQ(CheckTransition(S::kActive, future, today).code(), "enrolment.invalid_date");
  EnrolmentTransition early{S::kEnded, "moved", core::Date{2026, 12, 1}};
  EXPECT_EQ(CheckTransition(S::kActive, early, today, core::Date{2026, 12, 2}).code(),
            "enrolment.invalid_date");
  EXPECT_TRUE(CheckTransition(S::kActive, early, today, core::Date{2026, 12, 1}).ok());
}

TEST(ServicesRulesTest, PlacesAreHeldByOfferedActiveAndSuspendedOnly) {
  EXPECT_TRUE(HoldsPlace(S::kOffered));
  EXPECT_TRUE(HoldsPlace(S::kActive));
  EXPECT_TRUE(HoldsPlace(S::kSuspended));
  EXPECT_FALSE(HoldsPlace(S::kWaiting));
  EXPECT_FALSE(HoldsPlace(S::kEnded));
  EXPECT_FALSE(HoldsPlace(S::kWithdrawn));
  EXPECT_TRUE(IsCurrent(S::kWaiting));
  EXPECT_FALSE(IsCurrent(S::kEnded));
}

TEST(ServicesRulesTest, TheWaitingListOrdersByPriorityThenWhoAskedFirst) {
  auto make = [](const char* id, Priority p, const char* at) {
    Enrolment e;
    e.id = id;
    e.priority = p;
    e.requested_at = at;
    return e;
  };
  std::vector<Enrolment> list = {
      make("a", Priority::kNormal, "2026-11-01T08:00:00.000Z"),
      make("b", Priority::kUrgent, "2026-11-20T08:00:00.000Z"),
      make("c", Priority::kHigh, "2026-11-05T08:00:00.000Z"),
      make("d", Priority::kNormal, "2026-10-01T08:00:00.000Z"),
      make("e", Priority::kUrgent, "2026-11-20T08:00:00.000Z"),
  };
  std::sort(list.begin(), list.end(), WaitsBefore);
  std::string order;
  for (const Enrolment& e : list) order += e.id;
  EXPECT_EQ(order, "becda");
}

TEST(ServicesRulesTest, StaffSuspendResumeAndEndOnly) {
  EXPECT_EQ(StaffTransitions(S::kActive), (std::vector<S>{S::kSuspended, S::kEnded}));
  EXPECT_EQ(StaffTransitions(S::kSuspended), (std::vector<S>{S::kActive, S::kEnded}));
  for (S from : {S::kWaiting, S::kOffered, S::kEnded, S::kWithdrawn}) {
    EXPECT_TRUE(StaffTransitions(from).empty()) << Name(from);
  }
}

TEST(ServicesRulesTest, AttendanceCountsDaysOfThePlaceUpToToday) {
  Enrolment e;
  e.service_type = ServiceType::kDayCentre;
  e.state = S::kEnded;
  e.started_on = D(2026, 11, 3);
  e.ended_on = D(2026, 11, 20);
  const core::Month november{2026, 11};
  const core::Date today = D(2026, 12, 6);
  auto code = [&](const Enrolment& en, core::Month m, std::vector<int> days) {
    auto r = CheckAttendance(en, m, std::move(days), today);
    return r.ok() ? std::string() : r.status().code();
  };
  auto days = CheckAttendance(e, november, {20, 3, 3, 10}, today);
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(*days, (std::vector<int>{3, 10, 20}));  // sorted, without repeats
  EXPECT_EQ(code(e, november, {}), "");
  EXPECT_EQ(code(e, core::Month{2026, 10}, {}), "attendance.month_outside_enrolment");
  EXPECT_EQ(code(e, core::Month{2026, 12}, {}), "attendance.month_outside_enrolment");
  EXPECT_EQ(code(e, november, {2}), "attendance.day_outside_enrolment");
  EXPECT_EQ(code(e, november, {21}), "attendance.day_outside_enrolment");
  EXPECT_EQ(code(e, november, {31}), "attendance.invalid_day");  // November has 30
  EXPECT_EQ(code(e, november, {0}), "attendance.invalid_day");
  Enrolment open = e;
  open.ended_on.reset();
  EXPECT_EQ(code(open, core::Month{2026, 12}, {6}), "");
  EXPECT_EQ(code(open, core::Month{2026, 12}, {7}), "attendance.future_day");
  EXPECT_EQ(code(open, core::Month{2027, 1}, {}), "attendance.month_outside_enrolment");
  Enrolment waiting = open;
  waiting.started_on.reset();
  EXPECT_EQ(code(waiting, november, {5}), "attendance.not_enrolled");
  Enrolment home = e;
  home.service_type = ServiceType::kHomeCare;
  EXPECT_EQ(code(home, november, {5}), "attendance.not_day_service");
}

TEST(ServicesRulesTest, AServiceServesItsTerritoryOrTheSettlementsItLists) {
  const Residence joseni{"t-RO:1017", "/RO/RO:10/RO:1017/", "t-RO:1026"};
  const Residence no_settlement{"t-RO:1017", "/RO/RO:10/RO:1017/", std::nullopt};
  EXPECT_TRUE(Serves("/RO/RO:10/", {}, joseni));
  EXPECT_FALSE(Serves("/RO/RO:101/", {}, joseni));  // a longer sibling code
  const Place community{"t-RO:1017", "RO:1017", "Berca", "/RO/RO:10/RO:1017/", "community"};
  const Place settlement{"t-RO:1026", "RO:1026", "Joseni", "/RO/RO:10/RO:1017/RO:1026/",
                         "settlement"};
  const Place elsewhere{"t-RO:2011", "RO:2011", "Valea", "/RO/RO:10/RO:2000/RO:2011/",
                        "settlement"};
  EXPECT_TRUE(Serves("/RO/RO:10/", {community}, no_settlement));
  EXPECT_TRUE(Serves("/RO/RO:10/", {settlement}, joseni));
  EXPECT_FALSE(Serves("/RO/RO:10/", {settlement}, no_settlement));
  EXPECT_FALSE(Serves("/RO/RO:10/", {elsewhere}, joseni));
}

TEST(ServicesRulesTest, AnEnrolmentsStateAnswersTheReferralItWasMadeFrom) {
  using cases::ReferralAnswer;
  const struct {
    EnrolmentState state;
    std::optional<ReferralAnswer> answer;
  } table[] = {
      {EnrolmentState::kOffered, ReferralAnswer::kAccepted},
      {EnrolmentState::kActive, ReferralAnswer::kAccepted},
      {EnrolmentState::kWaiting, ReferralAnswer::kWaitingList},
      {EnrolmentState::kWithdrawn, ReferralAnswer::kRefused},
      {EnrolmentState::kSuspended, std::nullopt},  // the place was given: accepted stays
      {EnrolmentState::kEnded, std::nullopt},
  };
  for (const auto& row : table) {
    EXPECT_EQ(ReferralAnswerOf(row.state), row.answer) << Name(row.state);
  }
}

}  // namespace
}  // namespace socius::services
