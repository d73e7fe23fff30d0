#include "auth/throttle.h"

#include <gtest/gtest.h>

namespace socius::auth {
namespace {

using std::chrono::seconds;

TEST(AttemptWindowTest, RefusesTheTwentyFirstAttemptWithinAMinute) {
  AttemptWindow window(20, seconds(60));
  core::TimePoint t0{};
  for (int i = 0; i < 20; ++i) {
    EXPECT_FALSE(window.Record("10.0.0.1", t0 + seconds(i)).has_value()) << i;
  }
  auto refused = window.Record("10.0.0.1", t0 + seconds(20));
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(*refused, seconds(40));  // the first attempt leaves the window at t0+60
  EXPECT_FALSE(window.Record("10.0.0.2", t0 + seconds(20)).has_value());  // per address
}

TEST(AttemptWindowTest, AllowsAgainOnceTheWindowSlides) {
  AttemptWindow window(3, seconds(60));
  core::TimePoint t0{};
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(window.Record("ip", t0).has_value());
  ASSERT_TRUE(window.Record("ip", t0 + seconds(1)).has_value());
  // Sixty seconds after the last attempt, every earlier one has left the window.
  EXPECT_FALSE(window.Record("ip", t0 + seconds(61)).has_value());
}

TEST(AttemptWindowTest, BlockedRecordsNothingUntilTheWindowIsFull) {
  AttemptWindow window(3, seconds(60));
  core::TimePoint t0{};
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(window.Blocked("ip", t0).has_value()) << i;
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(window.Record("ip", t0).has_value());
  auto refused = window.Blocked("ip", t0 + seconds(1));
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(*refused, seconds(59));
  EXPECT_FALSE(window.Blocked("other", t0 + seconds(1)).has_value());
  EXPECT_FALSE(window.Blocked("ip", t0 + seconds(62)).has_value());
}

TEST(NameLockoutTest, LocksAfterTheThresholdLikeAnAccountThenStartsAgain) {
  NameLockout names(5, seconds(900));
  core::TimePoint t0{};
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(names.LockedFor("nobody", t0 + seconds(i)).has_value());
    EXPECT_FALSE(names.RecordFailure("nobody", t0 + seconds(i))) << i;
  }
  EXPECT_TRUE(names.RecordFailure("nobody", t0 + seconds(4)));  // the fifth locks
  ASSERT_TRUE(names.LockedFor("nobody", t0 + seconds(5)).has_value());
  EXPECT_EQ(*names.LockedFor("nobody", t0 + seconds(5)), seconds(899));
  EXPECT_FALSE(names.LockedFor("other", t0 + seconds(5)).has_value());
  EXPECT_FALSE(names.LockedFor("nobody", t0 + seconds(904)).has_value());
  EXPECT_FALSE(names.RecordFailure("nobody", t0 + seconds(905)));  // counting from zero again
}

TEST(NameLockoutTest, RemembersABoundedNumberOfNames) {
  NameLockout names(5, seconds(900), 100);
  core::TimePoint t0{};
  for (int i = 0; i < 5; ++i) names.RecordFailure("target", t0);
  for (int i = 0; i < 1000; ++i) names.RecordFailure("flood" + std::to_string(i), t0 + seconds(1));
  // A lock outlives any flood of other names: flooding cannot unlock a name.
  EXPECT_TRUE(names.LockedFor("target", t0 + seconds(2)).has_value());
  // Memory stays bounded whatever the flood; the newest names are the ones kept.
  EXPECT_LE(names.RememberedNames(), 100u);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(names.RecordFailure("flood999", t0 + seconds(2)));
  EXPECT_TRUE(names.RecordFailure("flood999", t0 + seconds(2)));  // its fifth failure
  EXPECT_TRUE(names.LockedFor("flood999", t0 + seconds(3)).has_value());
}

}  // namespace
}  // namespace socius::auth
