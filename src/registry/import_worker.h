#pragma once

// The server's background runner of person imports uploaded over HTTP
// (docs/registry-import.md): one thread, a queue, one import at a time.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "core/status.h"
#include "registry/import.h"
#include "registry/person_index.h"
#include "store/database.h"

namespace socius::registry {

class ImportWorker {
 public:
  // `directory` holds the uploaded files, one `<job id>.csv` each (created by Start).
  // `db` and `index` must outlive the worker. `index` may be null (tests).
  ImportWorker(store::Database& db, PersonIndex* index, std::string directory);
  ~ImportWorker();  // Stop()
  ImportWorker(const ImportWorker&) = delete;
  ImportWorker& operator=(const ImportWorker&) = delete;

  // Rows per write transaction (ImportOptions::batch_size); set before Start.
  void set_batch_size(int rows) { batch_size_ = rows; }

  // Creates the directory, queues the jobs a previous run left queued, validating or writing
  // (they resume after their last committed batch) and starts the thread. Fails when the
  // directory cannot be created or the jobs cannot be read; call once.
  core::Status Start();

  // Asks the running import to stop after its current batch, leaving its job queued so that
  // the next start resumes it, and joins the thread. Idempotent; call before `db` closes.
  void Stop();

  // Queues a job whose upload is complete (status queued). Thread-safe.
  void Enqueue(const std::string& job_id);

  enum class CancelOutcome { kNotActive, kDequeued, kStopped };
  // Cancels `job_id` if the worker holds it: a queued job leaves the queue (kDequeued; the
  // caller records the cancellation); a running one stops after its current batch and the
  // import records status cancelled, and this call waits until it has (kStopped).
  // kNotActive when the worker neither runs nor queues it. Thread-safe.
  CancelOutcome Cancel(const std::string& job_id);

  // Where the upload of `job_id` is stored.
  std::string FileOf(const std::string& job_id) const;
  const std::string& directory() const { return directory_; }

  // True once the queue is empty and nothing runs, within `timeout` (tests).
  bool WaitUntilIdle(std::chrono::milliseconds timeout);

 private:
  void Loop();
  void Run(const std::string& job_id);
  // Marks the job failed with one problem of code `code`.
  void Fail(const std::string& job_id, const std::string& code, const std::string& message);

  store::Database& db_;
  PersonIndex* index_;
  const std::string directory_;
  int batch_size_ = ImportOptions{}.batch_size;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;  // guarded by mutex_
  std::string running_;            // guarded by mutex_; "" when idle
  bool cancel_running_ = false;    // guarded by mutex_
  bool stopping_ = false;          // guarded by mutex_
  std::thread thread_;
};

}  // namespace socius::registry
