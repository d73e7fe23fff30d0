// GroupCommit with a recording transaction: which bodies share a batch, what each caller
// is told, and that a failing or throwing body never costs another its commit.
#include "store/group_commit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace socius::store {
namespace {

// Stands in for a Session: the bodies of these tests never touch it.
class NoSession final : public Session {
 public:
  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<Rows> Query(std::string_view, const std::vector<Value>&) override { return Rows{}; }
  Status ForEach(std::string_view, const std::vector<Value>&,
                 const std::function<bool(const Row&)>&) override {
    return Status::Ok();
  }
  Status ExecScript(std::string_view) override { return Status::Ok(); }
};

// What the fake "database" holds: the tags written by committed bodies.
struct Ledger {
  std::mutex mu;
  std::vector<std::string> committed;
  int commits = 0;
  int attempts = 0;
  int fail_attempt = -1;  // the commit attempt (0, 1, ...) that fails
};

// Bodies write tags with Tag(); a body's tags are kept when it succeeds, undone when it
// fails (its savepoint), and reach the ledger at Commit.
thread_local std::vector<std::string>* current_body = nullptr;
void Tag(const std::string& tag) { current_body->push_back(tag); }

class FakeBatch final : public BatchTransaction {
 public:
  explicit FakeBatch(Ledger& ledger) : ledger_(ledger) {}
  Status Begin() override { return Status::Ok(); }
  Status RunBody(const TxFn& fn, BodyEnd* end) override {
    *end = BodyEnd::kKept;
    std::vector<std::string> tags;
    current_body = &tags;
    NoSession session;
    Status s = fn(session);
    current_body = nullptr;
    if (std::find(tags.begin(), tags.end(), "connection lost") != tags.end()) {
      // The whole transaction is gone (a lost connection, an I/O error).
      *end = BodyEnd::kAborted;
      pending_.clear();
      return Status::Unavailable("store.connection_lost", "connection lost");
    }
    if (s.ok()) pending_.insert(pending_.end(), tags.begin(), tags.end());
    return s;
  }
  Status Commit() override {
    std::lock_guard lock(ledger_.mu);
    if (ledger_.attempts++ == ledger_.fail_attempt) {
      return Status::Unavailable("store.disk_full", "no space");
    }
    ++ledger_.commits;
    ledger_.committed.insert(ledger_.committed.end(), pending_.begin(), pending_.end());
    return Status::Ok();
  }
  void Rollback() override { pending_.clear(); }

 private:
  Ledger& ledger_;
  std::vector<std::string> pending_;
};

class GroupCommitTest : public ::testing::Test {
 protected:
  GroupCommit::Opener Opener() {
    return [this]() -> Result<std::unique_ptr<BatchTransaction>> {
      return std::unique_ptr<BatchTransaction>(std::make_unique<FakeBatch>(ledger_));
    };
  }

  // Starts a writer whose body holds its batch open until `release`, then waits until
  // `queued` more callers wait behind it: they are the next batch.
  void HoldFirstBatch(GroupCommit& gc, std::latch& release, std::thread& holder) {
    std::latch running(1);
    holder = std::thread([&] {
      Status s = gc.Write([&](Session&) {
        Tag("holder");
        running.count_down();
        release.wait();
        return Status::Ok();
      });
      EXPECT_TRUE(s.ok()) << s.ToString();
    });
    running.wait();
  }

  static void WaitUntilQueued(GroupCommit& gc, size_t n) {
    while (gc.waiting() < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  Ledger ledger_;
};

TEST_F(GroupCommitTest, AFailingBodyLeavesTheOthersOfItsBatchCommitted) {
  GroupCommit gc(Opener());
  std::latch release(1);
  std::thread holder;
  HoldFirstBatch(gc, release, holder);
  Status ok_a, refused, ok_b;
  std::thread a([&] {
    ok_a = gc.Write([](Session&) {
      Tag("a");
      return Status::Ok();
    });
  });
  WaitUntilQueued(gc, 1);
  std::thread b([&] {
    refused = gc.Write([](Session&) {
      Tag("refused");
      return Status::InvalidArgument("test.refused", "amount");
    });
  });
  WaitUntilQueued(gc, 2);
  std::thread c([&] {
    ok_b = gc.Write([](Session&) {
      Tag("b");
      return Status::Ok();
    });
  });
  WaitUntilQueued(gc, 3);
  release.count_down();
  for (std::thread* t : {&holder, &a, &b, &c}) t->join();

  EXPECT_TRUE(ok_a.ok()) << ok_a.ToString();
  EXPECT_TRUE(ok_b.ok()) << ok_b.ToString();
  EXPECT_EQ(refused.code(), "test.refused");
  EXPECT_EQ(refused.field(), "amount");
  EXPECT_EQ(ledger_.committed, (std::vector<std::string>{"holder", "a", "b"}));
  EXPECT_EQ(ledger_.commits, 2);  // the holder's batch, then a, refused and b together
  EXPECT_EQ(gc.counters().batches, 2);
  EXPECT_EQ(gc.counters().bodies, 4);
}

TEST_F(GroupCommitTest, ALostTransactionRunsTheOtherBodiesAgainAndCommitsEachOnce) {
  GroupCommit gc(Opener());
  std::latch release(1);
  std::thread holder;
  HoldFirstBatch(gc, release, holder);
  std::atomic<int> runs_of_a = 0, runs_of_c = 0;
  Status ok_a, lost, ok_c;
  std::thread a([&] {
    ok_a = gc.Write([&](Session&) {
      ++runs_of_a;
      Tag("a");
      return Status::Ok();
    });
  });
  WaitUntilQueued(gc, 1);
  std::thread b([&] {
    lost = gc.Write([](Session&) {
      Tag("connection lost");
      return Status::Ok();
    });
  });
  WaitUntilQueued(gc, 2);
  std::thread c([&] {
    ok_c = gc.Write([&](Session&) {
      ++runs_of_c;
      Tag("c");
      return Status::Ok();
    });
  });
  WaitUntilQueued(gc, 3);
  release.count_down();
  for (std::thread* t : {&holder, &a, &b, &c}) t->join();

  EXPECT_TRUE(ok_a.ok()) << ok_a.ToString();
  EXPECT_TRUE(ok_c.ok()) << ok_c.ToString();
  EXPECT_EQ(lost.code(), "store.connection_lost");
  // a ran in the lost transaction and again in the next one, c only in the next one (the
  // loss came before it); each is committed once, the body that met the loss never.
  EXPECT_EQ(runs_of_a, 2);
  EXPECT_EQ(runs_of_c, 1);
  EXPECT_EQ(ledger_.committed, (std::vector<std::string>{"holder", "a", "c"}));
  EXPECT_EQ(ledger_.commits, 2);
}

TEST_F(GroupCommitTest, AThrowingBodyRethrowsInItsCallerOnly) {
  GroupCommit gc(Opener());
  std::latch release(1);
  std::thread holder;
  HoldFirstBatch(gc, release, holder);
  bool threw = false;
  Status ok;
  std::thread a([&] {
    try {
      (void)gc.Write([](Session&) -> Status {
        Tag("thrower");
        throw std::runtime_error("bug");
      });
    } catch (const std::runtime_error&) {
      threw = true;
    }
  });
  WaitUntilQueued(gc, 1);
  std::thread b([&] {
    ok = gc.Write([](Session&) {
      Tag("b");
      return Status::Ok();
    });
  });
  WaitUntilQueued(gc, 2);
  release.count_down();
  for (std::thread* t : {&holder, &a, &b}) t->join();
  EXPECT_TRUE(threw);
  EXPECT_TRUE(ok.ok()) << ok.ToString();
  EXPECT_EQ(ledger_.committed, (std::vector<std::string>{"holder", "b"}));
}

TEST_F(GroupCommitTest, AFailedCommitFailsEveryBodyOfTheBatch) {
  GroupCommit gc(Opener());
  std::latch release(1);
  std::thread holder;
  HoldFirstBatch(gc, release, holder);
  Status a_status, b_status;
  std::thread a([&] {
    a_status = gc.Write([](Session&) {
      Tag("a");
      return Status::Ok();
    });
  });
  WaitUntilQueued(gc, 1);
  std::thread b([&] {
    b_status = gc.Write([](Session&) {
      Tag("b");
      return Status::Ok();
    });
  });
  WaitUntilQueued(gc, 2);
  {
    std::lock_guard lock(ledger_.mu);
    ledger_.fail_attempt = 1;  // the second batch's: a and b
  }
  release.count_down();
  for (std::thread* t : {&holder, &a, &b}) t->join();
  EXPECT_EQ(a_status.code(), "store.disk_full");
  EXPECT_EQ(b_status.code(), "store.disk_full");
  EXPECT_EQ(ledger_.committed, (std::vector<std::string>{"holder"}));
}

TEST_F(GroupCommitTest, ManyConcurrentWritersShareBatchesAndAllCommit) {
  GroupCommit gc(Opener());
  constexpr int kThreads = 8;
  constexpr int kWrites = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        Status s = gc.Write([&](Session&) {
          Tag(std::to_string(t) + "." + std::to_string(i));
          return Status::Ok();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(ledger_.committed.size(), size_t{kThreads * kWrites});
  EXPECT_EQ(gc.counters().bodies, kThreads * kWrites);
  EXPECT_LE(gc.counters().batches, gc.counters().bodies);
}

TEST_F(GroupCommitTest, AWriteInsideABodyIsRefusedRatherThanWaitingOnItself) {
  GroupCommit gc(Opener());
  Status inner;
  Status outer = gc.Write([&](Session&) {
    inner = gc.Write([](Session&) { return Status::Ok(); });
    return Status::Ok();
  });
  EXPECT_TRUE(outer.ok());
  EXPECT_EQ(inner.kind(), core::StatusKind::kInternal);
}

}  // namespace
}  // namespace socius::store
