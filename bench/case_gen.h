#pragma once

// Casework on a generated registry, for the cases benchmarks: teams of social workers with a
// head of service, cases numbered per community and year (case_counters in step), their
// timelines (case_events, with the detail the server writes), contacts, plan goals and
// actions, referrals and standalone contacts. Seeded and reproducible for one seed and today.
//
// Teams: the communities are grouped by the territory above them (a județ, a raion ...);
// those groups are split into about cases / cases_per_team teams of similar population, each
// with `workers_per_team` social workers and one head of service holding their roles over the
// team's groups. A team's cases are about the persons and households of its communities,
// spread evenly over its workers, so that at the defaults a worker carries about 330 cases of
// which about 200 are open.

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "person_gen.h"
#include "store/database.h"

namespace socius::bench {

// Where one loaded person lives, as the casework generator needs it.
struct PlacedPerson {
  uint32_t community = 0;  // index into CaseworkInput::communities
  uint64_t household = 0;  // GeneratedPerson::household (0: lives alone)
  int16_t birth_year = 0;
};

struct CaseworkCommunity {
  std::string id, code, path;
  std::string parent_id, parent_code;  // the territory above: where the team's roles sit
};

struct CaseworkInput {
  uint64_t person_seed = 1;                    // the seed the persons were generated with
  std::vector<CaseworkCommunity> communities;  // of the persons
  std::vector<PlacedPerson> persons;           // by ordinal
};

struct CaseworkOptions {
  uint64_t seed = 1;
  uint64_t cases = 30'000;
  uint64_t contacts = 500'000;  // on cases and standalone (about 15 % standalone)
  uint64_t cases_per_team = 10'000;
  int workers_per_team = 30;
  core::Date today;
  std::string password;  // of every generated user
};

// What was written, and who to ask for what in the benchmarks.
struct CaseworkReport {
  uint64_t users = 0, cases = 0, open_cases = 0, events = 0, contacts = 0, goals = 0, actions = 0,
           overdue_actions = 0, referrals = 0;
  int teams = 0;
  double seconds = 0;
  // The worker whose open caseload is closest to 200, and that count.
  std::string today_worker;
  uint64_t today_worker_open = 0;
  // The head of that worker's team, and the territory (district or region) where the team's
  // roles sit that holds most of its cases: the team view of all its workers.
  std::string team_head;
  std::string team_territory_code;
};

// Writes the users, cases and the rest into `db`, whose registry holds `input.persons`
// (written with PersonId/HouseholdId of input.person_seed). Exits on failure (bench Check).
CaseworkReport GenerateCasework(store::Database& db, const Territories& territories,
                                const CaseworkInput& input, const CaseworkOptions& options);

}  // namespace socius::bench
