#pragma once

// The records of the deduplication room: the pairs a run proposes, the merges and the runs
// (docs/dedup-api.md). Plain structs; no I/O, no JSON.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dedup/engine.h"
#include "registry/model.h"

namespace socius::dedup {

enum class PairStatus { kOpen, kNotSame, kMerged };
std::string_view Name(PairStatus status);  // "open", "not_same", "merged"
std::optional<PairStatus> ParsePairStatus(std::string_view name);

struct Evidence {
  std::string field;  // Name(Field)
  std::string level;  // Name(Level)
  double weight = 0;
};

// Two persons a run found probably the same. person_a < person_b (ids), which makes a pair
// unique whichever way it was found.
struct DuplicatePair {
  std::string id;
  int64_t version = 1;
  PairStatus status = PairStatus::kOpen;
  double probability = 0;
  double match_weight = 0;
  std::optional<std::string> group_id;
  int64_t group_size = 2;
  std::vector<Evidence> evidence;
  std::string person_a, person_b;
  std::string community_a, community_b;
  std::string found_at;
  std::optional<std::string> run_id, decided_at, decided_by, merge_id;
  // Filled by the repository for lists: the two persons, older record first.
  registry::PersonSummary a, b;
};

// What a merge moves from one record to the other, per kind of record.
struct Attached {
  std::map<std::string, int64_t> counts;  // "cases", "contacts", ... (AttachedKinds())
};

// A pair with both whole records, for review.
struct PairDetail {
  DuplicatePair pair;
  registry::Person a, b;
  Attached attached_a, attached_b;
  std::optional<registry::Household> household_a, household_b;
};

struct MergeRequest {
  std::string survivor_id, merged_id;
  int64_t survivor_version = 0, merged_version = 0;
  std::vector<std::string> take_from_merged;    // field names, "identifier:SCHEME"
  std::vector<std::string> keep_from_survivor;  // "identifier:SCHEME" kept when both differ
  std::optional<std::string> pair_id;
};

// The fields a merge can take from the merged record (besides "identifier:SCHEME").
const std::vector<std::string_view>& MergeableFields();

struct Merge {
  std::string id;
  int64_t version = 1;
  std::string survivor_id, merged_id;
  std::string community_id, merged_community_id;
  std::optional<std::string> pair_id;
  std::string survivor_name, merged_name;
  std::map<std::string, int64_t> moved;  // per kind, what went to the survivor
  std::vector<std::string> taken;
  std::string merged_at;
  std::optional<std::string> merged_by, undone_at, undone_by;
};

enum class RunStatus { kRunning, kDone, kFailed };
std::string_view Name(RunStatus status);  // "running", "done", "failed"

struct SearchRun {
  std::string id;
  std::string territory_id, territory_code, territory_name;
  RunStatus status = RunStatus::kRunning;
  double progress = 0;
  int64_t records = 0, candidate_pairs = 0, proposed_pairs = 0, groups = 0;
  double seconds = 0;
  std::string started_at;
  std::optional<std::string> finished_at, started_by, error;
};

}  // namespace socius::dedup
