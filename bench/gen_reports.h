#pragma once

// The records of one region at the scale of issue 18's reports benchmark, for
// socius_reports_bench: its communities' households and persons, social workers, cases in
// every state with their plans (goals and actions) and referrals, contacts of every kind and
// outcome, household screenings (assessments of household_screening), services with their
// enrolments, benefit programmes with applications, decisions, monthly payment lists and their
// lines, and large-family cards, spread over the `months` months up to `last_month`. Written
// with multi-row INSERTs on either backend; seeded and reproducible for one seed and day.

#include <cstdint>
#include <string>

#include "auth/principal.h"
#include "core/clock.h"
#include "store/database.h"

namespace socius::bench {

struct ReportsOptions {
  uint64_t contacts = 10'000'000;
  uint64_t cases = 300'000;
  uint64_t payments = 2'000'000;
  uint64_t seed = 1;
  std::string region;      // a region's code; "" picks the Romanian county with most communities
  core::Month last_month;  // the last month with records (the month the report is asked for)
  int months = 24;
};

struct GeneratedReports {
  std::string region_code, region_name;
  size_t communities = 0;
  auth::Principal administrator;  // administrator of the whole installation
  uint64_t households = 0, persons = 0, users = 0, cases = 0, goals = 0, actions = 0, referrals = 0,
           contacts = 0, screenings = 0, services = 0, enrolments = 0, applications = 0,
           decisions = 0, payment_lists = 0, payments = 0, cards = 0;
  double seconds = 0;        // the whole generation
  double index_seconds = 0;  // of which rebuilding the big tables' indexes after the load
};

// Writes into `db` (migrated, with the territory tree, otherwise empty). The indexes of the
// contacts and payment lines are dropped during the load and built again after it, as a bulk
// load does. Exits on failure.
GeneratedReports GenerateReports(store::Database& db, const ReportsOptions& options);

}  // namespace socius::bench
