#include "core/clock.h"

#include <gtest/gtest.h>

namespace socius::core {
namespace {

TEST(Clock, FormatsAndParsesUtcRoundTrip) {
  auto t = ParseUtc("2026-11-23T15:59:25.123Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatUtc(*t), "2026-11-23T15:59:25.123Z");
  EXPECT_FALSE(ParseUtc("23/11/2026").has_value());
  EXPECT_FALSE(ParseUtc("2999-01-01T00:00:00Z").has_value()) << "would wrap around";
}

TEST(Clock, RejectsImpossibleDates) {
  EXPECT_TRUE(ParseDate("2024-02-29").has_value());
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseDate("2023-02-31").has_value());
  EXPECT_FALSE(ParseDate("2023-13-01").has_value());
  EXPECT_FALSE(ParseDate("2023-1-01").has_value());
  EXPECT_FALSE(ParseDate("2023-01-0x").has_value());
  EXPECT_EQ(ParseDate("1980-07-05")->ToString(), "1980-07-05");
}

TEST(Clock, AddsDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(AddDays(Date{2026, 12, 30}, 7).ToString(), "2027-01-06");
  EXPECT_EQ(AddDays(Date{2028, 2, 28}, 1).ToString(), "2028-02-29");
  EXPECT_EQ(AddDays(Date{2027, 2, 28}, 1).ToString(), "2027-03-01");
  EXPECT_EQ(AddDays(Date{2026, 3, 1}, -1).ToString(), "2026-02-28");
  EXPECT_EQ(AddDays(Date{2026, 5, 17}, 0).ToString(), "2026-05-17");
}

TEST(Clock, ParsesMonthsAndKnowsTheirDays) {
  EXPECT_EQ(ParseMonth("2026-11")->ToString(), "2026-11");
  EXPECT_FALSE(ParseMonth("2026-13").has_value());
  EXPECT_FALSE(ParseMonth("2026-00").has_value());
  EXPECT_FALSE(ParseMonth("2026-1").has_value());
  EXPECT_FALSE(ParseMonth("2026-011").has_value());
  EXPECT_FALSE(ParseMonth("20x6-11").has_value());
  EXPECT_FALSE(ParseMonth("2026/11").has_value());
  EXPECT_EQ(DaysIn(Month{2028, 2}), 29);
  EXPECT_EQ(DaysIn(Month{2027, 2}), 28);
  EXPECT_EQ(DaysIn(Month{2026, 12}), 31);
  EXPECT_EQ(DaysIn(Month{2026, 11}), 30);
  EXPECT_EQ(LastDay(Month{2026, 4}).ToString(), "2026-04-30");
  EXPECT_EQ(FirstDay(MonthOf(Date{2026, 4, 17})).ToString(), "2026-04-01");
}

TEST(Clock, ADayBeginsAtItsLocalMidnight) {
  // Summer and winter time in the installations' zones; a day of a clock change.
  EXPECT_EQ(StartOfDayIn(Date{2026, 11, 1}, "Europe/Bucharest"), "2026-10-31T22:00:00.000Z");
  EXPECT_EQ(StartOfDayIn(Date{2026, 4, 1}, "Europe/Chisinau"), "2026-03-31T21:00:00.000Z");
  EXPECT_EQ(StartOfDayIn(Date{2026, 3, 29}, "Europe/Kyiv"), "2026-03-28T22:00:00.000Z");
  EXPECT_EQ(StartOfDayIn(Date{2026, 1, 1}, "Europe/Skopje"), "2025-12-31T23:00:00.000Z");
  EXPECT_EQ(StartOfDayIn(Date{2026, 7, 1}, "Europe/Vilnius"), "2026-06-30T21:00:00.000Z");
  EXPECT_EQ(StartOfDayIn(Date{2026, 11, 1}, "UTC"), "2026-11-01T00:00:00.000Z");
  EXPECT_EQ(StartOfDayIn(Date{2026, 11, 1}, "Nowhere/Atlantis"), "2026-11-01T00:00:00.000Z");
}

TEST(Clock, AStoredDateOrInstantHasItsDay) {
  EXPECT_EQ(LocalDayOf("2026-11-01"), (Date{2026, 11, 1}));
  // An instant: its day in the installation's zone, whichever the machine's is.
  EXPECT_EQ(LocalDayOf("2026-10-31T22:30:00.000Z"),
            LocalDate(*ParseUtc("2026-10-31T22:30:00.000Z")));
  EXPECT_NE(LocalDayOf("2026-10-31T22:30:00.000Z"), std::nullopt);
  EXPECT_EQ(LocalDayOf("2026-02-30"), std::nullopt);
  EXPECT_EQ(LocalDayOf("yesterday at noon"), std::nullopt);
}

}  // namespace

}  // namespace socius::core
