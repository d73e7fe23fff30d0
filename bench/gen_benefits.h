#pragma once

// The benefits room's data at scale, for socius_benefits_bench: households of one country's
// communities with their members and declared incomes, a monthly aid programme with the rules
// a real one has, and its beneficiaries (applications with approved, active decisions paying
// in the benchmark month), written with multi-row INSERTs on either backend.

#include <cstdint>
#include <string>

#include "auth/principal.h"
#include "core/clock.h"
#include "store/database.h"

namespace socius::bench {

struct BenefitsOptions {
  uint64_t households = 1'000'000;
  uint64_t beneficiaries = 100'000;
  uint64_t seed = 1;
  std::string country = "RO";
  core::Month month;  // the month previewed and paid
};

struct GeneratedBenefits {
  std::string programme_id;       // the monthly aid, open, over the whole country
  std::string country_code;       // its territory
  auth::Principal administrator;  // administrator and benefits officer of the installation
  uint64_t households = 0, persons = 0, incomes = 0, applications = 0, decisions = 0;
  double seconds = 0;
};

// Writes into `db` (migrated, with the territory tree, otherwise empty). Exits on failure.
GeneratedBenefits GenerateBenefits(store::Database& db, const BenefitsOptions& options);

}  // namespace socius::bench
