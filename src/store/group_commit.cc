#include "store/group_commit.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace socius::store {
namespace {

// The group commit whose bodies the leader's thread is running: a body calling Write() of
// the same database again would wait for its own batch. (A Write() of another database, as
// another process would make, is allowed.)
thread_local const GroupCommit* running_bodies_of = nullptr;

struct RunningBodies {
  explicit RunningBodies(const GroupCommit* of) : previous(running_bodies_of) {
    running_bodies_of = of;
  }
  ~RunningBodies() { running_bodies_of = previous; }
  const GroupCommit* previous;
};

}  // namespace

struct GroupCommit::Request {
  const TxFn* fn = nullptr;
  Status status;
  std::exception_ptr thrown;
  // Each waiter sleeps on its own condition, so that the end of a batch wakes only the
  // callers it answers and the one that leads next, not every thread queued.
  std::condition_variable wake;
  bool done = false;  // guarded by mu_: answered
  bool lead = false;  // guarded by mu_: handed the lead of the next batch
};

GroupCommit::GroupCommit(Opener open, size_t max_batch)
    : open_(std::move(open)), max_batch_(max_batch == 0 ? 1 : max_batch) {}

GroupCommit::Counters GroupCommit::counters() const {
  std::lock_guard lock(mu_);
  return counters_;
}

size_t GroupCommit::waiting() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

Status GroupCommit::Write(const TxFn& fn) {
  if (running_bodies_of == this) {
    return Status::Internal("store.nested_write: Write called inside a Write callback");
  }
  Request self;
  self.fn = &fn;
  std::unique_lock lock(mu_);
  queue_.push_back(&self);
  if (leading_) {
    self.wake.wait(lock, [&] { return self.done || self.lead; });
  } else {
    leading_ = true;  // nobody leads: this caller does, at once
  }
  if (!self.done) {
    // Lead the next batch: everyone queued so far, up to max_batch_, in arrival order.
    std::vector<Request*> batch;
    batch.reserve(std::min(queue_.size(), max_batch_));  // no allocation failure mid-way
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    ++counters_.batches;
    counters_.bodies += static_cast<int64_t>(batch.size());
    lock.unlock();
    try {
      RunBatch(batch);
    } catch (...) {
      // A failure of the backend itself (not of a body): nobody may be left waiting.
      for (Request* r : batch) {
        if (r->status.ok() && !r->thrown) r->thrown = std::current_exception();
      }
    }
    lock.lock();
    // Notified under the lock: once `done` is seen, a waiter returns and its Request is gone.
    for (Request* r : batch) {
      r->done = true;
      if (r != &self) r->wake.notify_one();
    }
    // The lead passes to the first caller that queued meanwhile, which takes everyone
    // queued behind it; leading_ stays set so that a caller arriving now queues too.
    if (queue_.empty()) {
      leading_ = false;
    } else {
      queue_.front()->lead = true;
      queue_.front()->wake.notify_one();
    }
  }
  lock.unlock();
  if (self.thrown) std::rethrow_exception(self.thrown);
  return self.status;
}

void GroupCommit::RunBatch(const std::vector<Request*>& batch) {
  std::vector<Request*> pending = batch;
  while (!pending.empty()) pending = RunOnce(pending);
}

std::vector<GroupCommit::Request*> GroupCommit::RunOnce(const std::vector<Request*>& batch) {
  auto fail_all = [&](const Status& s) {
    for (Request* r : batch) r->status = s;
    return std::vector<Request*>{};
  };
  Result<std::unique_ptr<BatchTransaction>> opened = open_();
  if (!opened.ok()) return fail_all(opened.status());
  BatchTransaction& tx = **opened;
  if (Status s = tx.Begin(); !s.ok()) return fail_all(s);

  std::vector<Request*> kept;  // bodies whose work is in the open transaction
  for (size_t i = 0; i < batch.size(); ++i) {
    Request* r = batch[i];
    r->thrown = nullptr;
    // A body that throws is a failed body: its savepoint is rolled back like any other.
    TxFn guarded = [r](Session& session) -> Status {
      try {
        return (*r->fn)(session);
      } catch (...) {
        r->thrown = std::current_exception();
        return Status::Internal("store: the transaction callback threw");
      }
    };
    BodyEnd end = BodyEnd::kKept;
    {
      RunningBodies running(this);
      r->status = tx.RunBody(guarded, &end);
    }
    if (end == BodyEnd::kKept) {
      if (r->status.ok()) kept.push_back(r);
      continue;
    }
    tx.Rollback();
    if (end == BodyEnd::kEndedByBody) {
      // Whatever the bodies before it did may or may not have been committed by it.
      if (r->status.ok()) {
        r->status = Status::Internal("store: the transaction was ended inside the callback");
      }
      for (Request* k : kept) {
        k->status = Status::Internal(
            "store: the batch was ended by another transaction's callback; outcome unknown");
      }
      return std::vector<Request*>(batch.begin() + static_cast<std::ptrdiff_t>(i) + 1, batch.end());
    }
    // kAborted: nothing of this transaction was kept; the body that met the loss keeps its
    // status, the ones before it and after it run again on a new transaction.
    std::vector<Request*> again = kept;
    again.insert(again.end(), batch.begin() + static_cast<std::ptrdiff_t>(i) + 1, batch.end());
    return again;
  }
  if (kept.empty()) {
    tx.Rollback();
    return {};
  }
  if (Status committed = tx.Commit(); !committed.ok()) {
    for (Request* k : kept) k->status = committed;
  }
  return {};
}

}  // namespace socius::store
