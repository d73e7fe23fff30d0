#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace socius::core {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-11-23T15:59:25.123Z": how every instant is stored and sent (UTC, ISO 8601, ms).
std::string FormatUtc(TimePoint t);
// Parses what FormatUtc writes, and also "YYYY-MM-DDTHH:MM:SSZ"; nullopt when malformed or
// outside the years 1678..2261 that a TimePoint can hold.
std::optional<TimePoint> ParseUtc(std::string_view text);
// The current instant, formatted.
std::string NowUtc();
// Whole milliseconds elapsed on the steady clock since `start`: how long a step took.
int64_t MillisecondsSince(std::chrono::steady_clock::time_point start);

// A calendar date "YYYY-MM-DD", validated (no 31 February); nullopt when malformed.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  std::string ToString() const;
  auto operator<=>(const Date&) const = default;
};
std::optional<Date> ParseDate(std::string_view text);
bool IsValidDate(int year, int month, int day);
// Today in the installation's time zone (TZ, else the machine's, else UTC): the day a worker's
// visits, deadlines and "not in the future" checks are about.
Date Today();
// The calendar day of an instant in the installation's time zone.
Date LocalDate(TimePoint t);
// The day of a stored date or instant: a date as it is, an instant (FormatUtc) on its day in
// the installation's time zone; nullopt when it is neither.
std::optional<Date> LocalDayOf(std::string_view date_or_instant);
// The installation's time zone as the server uses it ("Europe/Bucharest", or why it is UTC).
std::string TimeZoneName();
// The instant (as FormatUtc writes it) at which `day` begins in the installation's time zone:
// "2026-10-31T22:00:00.000Z" for 1 November in Bucharest. Instants of a local day sort at or
// after it and before the next day's.
std::string StartOfLocalDay(Date day);
// The same in the zone named `zone` ("Europe/Chisinau"), UTC when it names none.
std::string StartOfDayIn(Date day, std::string_view zone);
// `date` plus `days` (negative: before), across months and years.
Date AddDays(Date date, int days);

// A calendar month, 'YYYY-MM' on the wire (attendance, monthly figures).
struct Month {
  int year = 0;
  int month = 0;
  std::string ToString() const;
  auto operator<=>(const Month&) const = default;
};
// 'YYYY-MM' with a month 01..12 and a year 1900..9999, else nullopt.
std::optional<Month> ParseMonth(std::string_view text);
Month MonthOf(Date date);
int DaysIn(Month month);
Date FirstDay(Month month);
Date LastDay(Month month);

}  // namespace socius::core
