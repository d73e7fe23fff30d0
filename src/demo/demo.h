#pragma once

// The demo installation for people who evaluate Socius (`socius demo`): two communities, a
// commune of Moldova's Orhei raion and a hromada of Ukraine's Kyiv oblast, with their staff,
// a few thousand persons in households and a year of casework, screenings, services and
// benefits, written through the rooms' use cases so that every invariant holds (case numbers,
// places used, budgets, the audit chain). Dates the use cases stamp as "now" (a case's opening
// and its timeline) are moved back to the day the story says, in the demo's own transactions.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::demo {

struct DemoOptions {
  uint64_t seed = 20261206;  // the same seed gives the same persons, cases and amounts
  core::Date today;          // the year of activity ends on this day (not after the real today)
  // The administrator's password (SOCIUS_ADMIN_PASSWORD), else a one-time one is generated.
  std::optional<std::string> admin_password;
};

// A staff account created, with the password to print once (never stored in clear).
struct DemoUser {
  std::string username;
  std::string role;
  std::string community;  // the community's name; "installation" for the administrator
  std::string password;   // one-time: to be changed at first login
};

struct DemoReport {
  std::vector<DemoUser> users;
  std::vector<std::pair<std::string, int64_t>> counts;  // kind → how many, in a stable order
};

// Whether the database holds data a demo would mix with: any user or any person.
core::Result<bool> HoldsData(store::Database& db);

// Fills a migrated database that holds no data (HoldsData false; Conflict("demo.not_empty")
// otherwise) whose territory tree may hold the shipped reference data or nothing. Creates the
// territories the communities need, the administrator (`admin`, over the installation) and the
// staff of each community with one-time passwords, then the communities' records. Each use
// case runs in its own transaction: a failure leaves what was written so far and is returned
// with the step that failed in its detail. InvalidArgument("demo.future_today", "today") for a
// day after the real today.
core::Result<DemoReport> FillDemo(store::Database& db, const DemoOptions& options);

}  // namespace socius::demo
