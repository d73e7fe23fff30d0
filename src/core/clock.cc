#include "core/clock.h"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>

namespace socius::core {

std::string FormatUtc(TimePoint t) {
  return date::format("%FT%TZ", date::floor<std::chrono::milliseconds>(t));
}

std::optional<TimePoint> ParseUtc(std::string_view text) {
  std::istringstream in{std::string(text)};
  date::sys_time<std::chrono::milliseconds> tp;
  in >> date::parse("%FT%TZ", tp);
  if (in.fail()) return std::nullopt;
  // TimePoint counts nanoseconds in 64 bits: it spans 1677..2262. Refuse what it cannot hold
  // rather than wrap around to some other instant.
  const auto year = date::year_month_day(date::floor<date::days>(tp)).year();
  if (year < date::year(1678) || year > date::year(2261)) return std::nullopt;
  return TimePoint(tp);
}

std::string NowUtc() { return FormatUtc(std::chrono::system_clock::now()); }

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool IsValidDate(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  auto ymd = date::year(year) / date::month(static_cast<unsigned>(month)) /
             date::day(static_cast<unsigned>(day));
  return ymd.ok();
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t pos, size_t len) -> int {
    int v = -1;
    auto [p, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, v);
    if (ec != std::errc() || p != text.data() + pos + len) return -1;
    return v;
  };
  Date d{number(0, 4), number(5, 2), number(8, 2)};
  if (!IsValidDate(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

namespace {

// The installation's time zone: TZ when it names a zone ("Europe/Chisinau"), else the
// machine's (/etc/localtime), else UTC (no time zone database, or a TZ that names no zone).
// Looked up once: a day's boundaries never move while the server runs.
struct Zone {
  const date::time_zone* zone = nullptr;  // nullptr: UTC
  std::string description;
};

const Zone& InstallationZone() {
  static const Zone zone = []() {
    const char* tz = std::getenv("TZ");
    std::string_view name = tz != nullptr ? tz : "";
    if (!name.empty() && name.front() == ':') name.remove_prefix(1);
    try {
      const date::time_zone* found = name.empty() ? date::current_zone() : date::locate_zone(name);
      return Zone{found, std::string(found->name())};
    } catch (const std::exception&) {
      return Zone{nullptr, name.empty() ? std::string("UTC (the machine names no time zone)")
                                        : "UTC (TZ=" + std::string(name) + " names no known zone)"};
    }
  }();
  return zone;
}

}  // namespace

std::string TimeZoneName() { return InstallationZone().description; }

namespace {

std::string StartOfDay(Date day, const date::time_zone* zone) {
  const date::local_days local{date::year{day.year} /
                               date::month{static_cast<unsigned>(day.month)} /
                               date::day{static_cast<unsigned>(day.day)}};
  if (zone == nullptr) return FormatUtc(date::sys_days(local.time_since_epoch()));
  // A midnight skipped or repeated by a clock change: the earliest instant of the day.
  return FormatUtc(zone->to_sys(local, date::choose::earliest));
}

}  // namespace

std::string StartOfLocalDay(Date day) { return StartOfDay(day, InstallationZone().zone); }

std::string StartOfDayIn(Date day, std::string_view zone) {
  try {
    return StartOfDay(day, date::locate_zone(zone));
  } catch (const std::exception&) {
    return StartOfDay(day, nullptr);
  }
}

Date LocalDate(TimePoint t) {
  const date::time_zone* zone = InstallationZone().zone;
  const auto local = zone != nullptr
                         ? date::floor<date::days>(zone->to_local(t))
                         : date::local_days(date::floor<date::days>(t).time_since_epoch());
  const date::year_month_day day(local);
  return Date{static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
              static_cast<int>(static_cast<unsigned>(day.day()))};
}

std::optional<Date> LocalDayOf(std::string_view date_or_instant) {
  if (date_or_instant.size() <= 10) return ParseDate(date_or_instant);
  std::optional<TimePoint> instant = ParseUtc(date_or_instant);
  if (!instant) return std::nullopt;
  return LocalDate(*instant);
}

Date Today() { return LocalDate(std::chrono::system_clock::now()); }

Date AddDays(Date d, int days) {
  const date::sys_days start = date::year{d.year} / date::month{static_cast<unsigned>(d.month)} /
                               date::day{static_cast<unsigned>(d.day)};
  const date::year_month_day moved(start + date::days{days});
  return Date{static_cast<int>(moved.year()),
              static_cast<int>(static_cast<unsigned>(moved.month())),
              static_cast<int>(static_cast<unsigned>(moved.day()))};
}

std::string Month::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::optional<Month> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  Month m;
  auto [p1, e1] = std::from_chars(text.data(), text.data() + 4, m.year);
  auto [p2, e2] = std::from_chars(text.data() + 5, text.data() + 7, m.month);
  if (e1 != std::errc() || p1 != text.data() + 4 || e2 != std::errc() || p2 != text.data() + 7) {
    return std::nullopt;
  }
  if (m.year < 1900 || m.year > 9999 || m.month < 1 || m.month > 12) return std::nullopt;
  return m;
}

Month MonthOf(Date date) { return Month{date.year, date.month}; }

int DaysIn(Month m) {
  const date::year_month_day_last last(
      date::year{m.year}, date::month_day_last{date::month{static_cast<unsigned>(m.month)}});
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

Date FirstDay(Month m) { return Date{m.year, m.month, 1}; }
Date LastDay(Month m) { return Date{m.year, m.month, DaysIn(m)}; }

int64_t MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

}  // namespace socius::core
