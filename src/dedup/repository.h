#pragma once

// The SQL of the deduplication room: runs, pairs and merges, and the records a run reads.
// Every function runs inside the caller's transaction, with the same SQL on SQLite and
// PostgreSQL. `scope` arguments are auth::ScopePaths of person.merge: a pair or a merge is
// seen only when both persons' communities lie in the scope.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "dedup/engine.h"
#include "dedup/model.h"
#include "store/database.h"

namespace socius::dedup {

using Scope = std::vector<std::string>;

// --- runs ---
core::Status InsertRun(store::Session& tx, const SearchRun& run);
core::Status UpdateRunProgress(store::Session& tx, const std::string& id, double progress);
core::Status FinishRun(store::Session& tx, const SearchRun& run, const std::string& model_json);
core::Status FailRun(store::Session& tx, const std::string& id, const std::string& error);
// Runs left "running" by a process that stopped: failed, with `error`.
core::Status FailInterruptedRuns(store::Session& tx, const std::string& error);
// A running run over `path` or over a territory above or below it.
core::Result<std::optional<std::string>> RunningRunOver(store::Session& tx,
                                                        const std::string& path);
// NotFound("dedup.run_not_found") when missing or its territory is outside `scope`.
core::Result<SearchRun> FindRun(store::Session& tx, const std::string& id, const Scope& scope);
// The latest `limit` runs over territories under `path` within `scope`, newest first.
core::Result<std::vector<SearchRun>> ListRuns(store::Session& tx, const std::string& path,
                                              const Scope& scope, int limit);
// The trained weights of the latest finished run (any territory), if any.
core::Result<std::optional<std::string>> LatestModel(store::Session& tx);

// --- what a run reads ---
// Every person (not merged) under `path`, as the engine sees them, with their ids and
// communities in the same order.
struct Population {
  std::vector<Record> records;
  std::vector<std::string> communities;  // parallel to records
};
core::Result<Population> LoadPopulation(store::Session& tx, const std::string& path);
// The pairs (person_a, person_b) under `path` that are no longer open (decided).
core::Result<std::vector<std::pair<std::string, std::string>>> DecidedPairs(
    store::Session& tx, const std::string& path);

// --- pairs ---
// Stores a proposed pair: a new one as open; one already open gets the new score; a decided
// one is left as it is.
core::Status UpsertPair(store::Session& tx, const DuplicatePair& pair);
// Open pairs under `path` that the run `run_id` did not propose again: deleted.
core::Result<int64_t> DropStalePairs(store::Session& tx, const std::string& run_id,
                                     const std::string& path);

struct PairQuery {
  std::string path;  // territory; both persons under it
  PairStatus status = PairStatus::kOpen;
  double min_probability = 0;
  std::string after;  // cursor ("" from the start)
  int limit = 50;
};
struct PairPage {
  std::vector<DuplicatePair> items;
  std::optional<std::string> next;
};
core::Result<PairPage> ListPairs(store::Session& tx, const PairQuery& query, const Scope& scope);
// NotFound("duplicate.not_found").
core::Result<DuplicatePair> FindPair(store::Session& tx, const std::string& id, const Scope& scope);
// The pair of the two persons (either order), whatever the scope.
core::Result<std::optional<DuplicatePair>> FindPairOf(store::Session& tx, const std::string& x,
                                                      const std::string& y);
// Sets the status of the pair at `version` (Conflict("conflict.stale_version") otherwise).
core::Status SetPairStatus(store::Session& tx, const std::string& id, int64_t version,
                           PairStatus status, const std::optional<std::string>& decided_by,
                           const std::optional<std::string>& merge_id);
// The open pairs of `person_id` other than `except_id`.
core::Result<std::vector<std::string>> OpenPairsOf(store::Session& tx, const std::string& person_id,
                                                   const std::string& except_id);

// Summaries of the persons with `ids`, merged ones included (a merged pair shows both).
core::Result<std::map<std::string, registry::PersonSummary>> PersonSummaries(
    store::Session& tx, const std::vector<std::string>& ids);

// --- merges ---
core::Status InsertMerge(store::Session& tx, const Merge& merge, const std::string& before,
                         const std::string& moved_rows);
// NotFound("merge.not_found"). `before` and `moved_rows` (JSON) when asked.
core::Result<Merge> FindMerge(store::Session& tx, const std::string& id, const Scope& scope,
                              std::string* before = nullptr, std::string* moved_rows = nullptr);
struct MergePage {
  std::vector<Merge> items;
  std::optional<std::string> next;
};
core::Result<MergePage> ListMerges(store::Session& tx, const std::string& path, const Scope& scope,
                                   const std::string& after, int limit);
core::Status MarkUndone(store::Session& tx, const std::string& id, int64_t version,
                        const std::optional<std::string>& by);

}  // namespace socius::dedup
