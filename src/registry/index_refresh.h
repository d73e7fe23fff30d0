#pragma once

// Keeps the server's PersonIndex in step with persons written by other processes (the
// `socius import persons` CLI): a thread that every few seconds reads the persons updated
// since the last pass and upserts them.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"
#include "registry/person_index.h"
#include "store/database.h"

namespace socius::registry {

class IndexRefresh {
 public:
  // Writers stamp updated_at before they commit, so a pass re-reads this much before the
  // newest updated_at it has seen: a transaction committing late is not missed. Upserts of
  // versions the index holds are ignored, so re-reading costs little.
  static constexpr std::chrono::seconds kOverlap{10};

  // `db` and `index` must outlive this. The first pass reads what was updated since a little
  // before construction (kOverlap), so construct it before PersonIndex::Load.
  IndexRefresh(store::Database& db, PersonIndex& index,
               std::chrono::milliseconds period = std::chrono::seconds(3));
  ~IndexRefresh();  // Stop()
  IndexRefresh(const IndexRefresh&) = delete;
  IndexRefresh& operator=(const IndexRefresh&) = delete;

  // Runs Refresh every `period` on a thread until Stop. Call once.
  void Start();
  // Wakes and joins the thread. Idempotent; call before `db` closes.
  void Stop();

  // One pass: upserts every person updated since the last pass (minus kOverlap) and returns
  // how many rows it read, or the store's failure (the next pass tries again from the same
  // point). Thread-safe with respect to the thread (passes are serialised).
  core::Result<int64_t> Refresh();

 private:
  void Loop();

  store::Database& db_;
  PersonIndex& index_;
  const std::chrono::milliseconds period_;

  std::mutex pass_mutex_;  // one pass at a time
  std::string newest_;     // guarded by pass_mutex_: the newest updated_at seen

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace socius::registry
