#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.h"

namespace socius::store {

// How a body left the shared transaction of its batch.
enum class BodyEnd {
  kKept,        // the transaction is usable: the body's work is kept (ok) or undone (failed)
  kAborted,     // the whole transaction was rolled back (connection lost, failed rollback)
  kEndedByBody  // the body itself ended the transaction (COMMIT/ROLLBACK in fn): a bug
};

// One transaction on a backend's writer connection, shared by the bodies of one batch. Used
// by one thread at a time (the batch's leader); dropped (rolling back whatever is open) when
// the batch ends.
class BatchTransaction {
 public:
  virtual ~BatchTransaction() = default;
  virtual Status Begin() = 0;
  // Runs `fn` inside a savepoint of the open transaction: on success the savepoint is
  // released, on failure rolled back, so a failing body leaves no trace and the others of
  // the batch are untouched. Returns fn's status; `*end` says whether the transaction is
  // still usable.
  virtual Status RunBody(const TxFn& fn, BodyEnd* end) = 0;
  // One COMMIT for the whole batch: durable when it returns ok.
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
};

// Group commit: concurrent Write() callers join the next batch; the batch's bodies run one
// at a time, each in its own savepoint, inside one transaction that commits with one flush
// (SQLite) or one round trip (PostgreSQL). Each caller returns only when its batch is
// durable. While one batch commits, the next one gathers, so under load a commit costs its
// flush once per batch instead of once per request; alone, a caller commits at once.
//
// The first waiting caller leads the batch: it runs every body on its own thread and
// commits. A body that throws rolls back to its savepoint and the exception is rethrown in
// its caller's thread. A failed COMMIT fails every body of that batch. When the shared
// transaction is lost mid-batch (kAborted), the bodies not yet answered run again in a new
// transaction, so a body may run more than once; it must not have effects outside the
// transaction (as PostgreSQL's retries already required).
//
// Thread-safe. A body must not call Write() of the same database: that returns
// Internal("store.nested_write") instead of waiting on itself.
class GroupCommit {
 public:
  using Opener = std::function<Result<std::unique_ptr<BatchTransaction>>()>;

  // `open` is called by each batch's leader to start its transaction on the writer
  // connection (and may return Unavailable("store.closed")). `max_batch` bounds how many
  // bodies share one transaction, and so the latency one batch adds to its last body.
  explicit GroupCommit(Opener open, size_t max_batch = 128);

  Status Write(const TxFn& fn);

  // Batches run so far (committed or not), and bodies run in them; for tests and logs.
  struct Counters {
    int64_t batches = 0;
    int64_t bodies = 0;
  };
  Counters counters() const;
  // Callers queued behind the running batch; for tests.
  size_t waiting() const;

 private:
  struct Request;

  void RunBatch(const std::vector<Request*>& batch);
  // One attempt on one transaction; returns the requests to run again in a new one.
  std::vector<Request*> RunOnce(const std::vector<Request*>& batch);

  const Opener open_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::deque<Request*> queue_;  // guarded by mu_
  bool leading_ = false;        // guarded by mu_: a batch runs or its next leader is woken
  Counters counters_;           // guarded by mu_
};

}  // namespace socius::store
