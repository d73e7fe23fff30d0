#pragma once

// The use cases of deduplication (docs/dedup-api.md): possible duplicates and their review,
// merges and their undo, batch runs. Each opens its transaction, checks the caller's
// permission and scope (person.merge over both persons; dedup.run to start a run), audits in
// the transaction that makes the change and keeps the person search index in step after the
// commit. A null principal is the command line (installation-wide, audited as the system).
// Thread-safe.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "auth/principal.h"
#include "core/result.h"
#include "dedup/engine.h"
#include "dedup/model.h"
#include "dedup/repository.h"
#include "registry/person_index.h"
#include "store/database.h"

namespace socius::dedup {

struct PairListRequest {
  std::optional<std::string> territory_code;  // default: the caller's whole scope
  PairStatus status = PairStatus::kOpen;
  double min_probability = 0;
  std::string after;
  int limit = 50;
};

struct MergeResult {
  Merge merge;
  registry::Person survivor;
};

class Deduplication {
 public:
  // `db` and `index` must outlive this object. `options` are the engine's (threshold ...).
  Deduplication(store::Database& db, registry::PersonIndex& index, Options options = {});
  ~Deduplication();  // waits for running runs
  Deduplication(const Deduplication&) = delete;
  Deduplication& operator=(const Deduplication&) = delete;

  core::Result<PairPage> ListPairs(const auth::Principal& who, const PairListRequest& request);
  // Both whole records, audited as two person.read ("view": "duplicate").
  core::Result<PairDetail> GetPair(const auth::Principal& who, const std::string& id);
  core::Result<DuplicatePair> Decide(const auth::Principal& who, const std::string& id,
                                     int64_t version, PairStatus status);

  core::Result<MergeResult> MergePersons(const auth::Principal& who, const MergeRequest& request);
  core::Result<Merge> Undo(const auth::Principal& who, const std::string& id, int64_t version);
  core::Result<MergePage> ListMerges(const auth::Principal& who,
                                     const std::optional<std::string>& territory_code,
                                     const std::string& after, int limit);
  core::Result<Merge> GetMerge(const auth::Principal& who, const std::string& id);

  // Records a run over the territory and starts it on a thread of its own.
  // Conflict("dedup.run_in_progress") while one over the same part of the tree runs.
  core::Result<SearchRun> StartRun(const auth::Principal& who, const std::string& territory_code);
  core::Result<SearchRun> GetRun(const auth::Principal& who, const std::string& id);
  core::Result<std::vector<SearchRun>> ListRuns(const auth::Principal& who,
                                                const std::optional<std::string>& territory_code);
  // A whole run on the calling thread (the command line): `who` null is the system.
  // `progress` gets the share done now and then.
  core::Result<SearchRun> RunNow(const auth::Principal* who, const std::string& territory_code,
                                 const std::function<void(double)>& progress = nullptr);

  // Marks runs left "running" by a server that stopped as failed. The server calls it once at
  // start, before it accepts requests (never the command line: a server may be running one).
  core::Status FailInterruptedRuns();

  // The engine's options, trained weights of the latest run included (for the check on entry).
  Options EntryOptions();

 private:
  core::Result<SearchRun> Begin(const auth::Principal* who, const std::string& territory_code);
  core::Status Execute(SearchRun& run, const std::string& path,
                       const std::function<void(double)>& progress);

  store::Database& db_;
  registry::PersonIndex& index_;
  const Options options_;
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;  // guarded by threads_mutex_
};

}  // namespace socius::dedup
