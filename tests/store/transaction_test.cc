// Conformance of Database transactions: rollback, concurrency, snapshots, closing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <latch>
#include <thread>
#include <vector>

#include "store/database.h"
#include "store/migrations.h"
#include "testing/test_database.h"

namespace socius::store {
namespace {

using core::StatusKind;

class StoreTransactionTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db().Write([](Session& tx) {
                      return tx.ExecScript(
                          "CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL);"
                          "INSERT INTO accounts (id, balance) VALUES (1, 1000), (2, 0);");
                    })
                    .ok());
  }

  int64_t Balance(int64_t id) {
    int64_t out = -1;
    Status s = db().Read([&](Session& tx) {
      Result<Rows> rows = tx.Query("SELECT balance FROM accounts WHERE id = ?", {id});
      if (!rows.ok()) return rows.status();
      out = rows->empty() ? -1 : (*rows)[0].Int(0);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }
};

TEST_P(StoreTransactionTest, CommitsWhenTheCallbackSucceeds) {
  ASSERT_TRUE(db().Write([](Session& tx) {
                    return tx.Exec("UPDATE accounts SET balance = 5 WHERE id = 2").status();
                  })
                  .ok());
  EXPECT_EQ(Balance(2), 5);
}

TEST_P(StoreTransactionTest, RollsBackAndReturnsTheCallbacksFailure) {
  Status s = db().Write([](Session& tx) -> Status {
    SOCIUS_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET balance = 0 WHERE id = 1").status());
    return Status::InvalidArgument("test.refused", "amount");
  });
  EXPECT_EQ(s.code(), "test.refused");
  EXPECT_EQ(s.field(), "amount");
  EXPECT_EQ(Balance(1), 1000);
}

TEST_P(StoreTransactionTest, RollsBackWhenAStatementFails) {
  Status s = db().Write([](Session& tx) -> Status {
    SOCIUS_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET balance = 1 WHERE id = 1").status());
    return tx.Exec("INSERT INTO accounts (id, balance) VALUES (2, 0)").status();
  });
  EXPECT_EQ(s.code(), "store.unique_violation");
  EXPECT_EQ(Balance(1), 1000);
}

TEST_P(StoreTransactionTest, RollsBackWhenTheCallbackThrows) {
  EXPECT_THROW((void)db().Write([](Session& tx) -> Status {
    (void)tx.Exec("UPDATE accounts SET balance = 3 WHERE id = 1");
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_EQ(Balance(1), 1000);
  EXPECT_TRUE(db().Write([](Session& tx) {
                    return tx.Exec("UPDATE accounts SET balance = 4 WHERE id = 2").status();
                  })
                  .ok());
  EXPECT_EQ(Balance(2), 4);
}

TEST_P(StoreTransactionTest, ConcurrentWritersLoseNoIncrement) {
  constexpr int kThreads = 4;
  constexpr int kIncrements = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        Status s = db().Write([](Session& tx) {
          return tx.Exec("UPDATE accounts SET balance = balance + 1 WHERE id = 2").status();
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Balance(2), kThreads * kIncrements);
}

// Group commit: writers queued behind a running write share the next transaction. One of
// them failing (a statement error and a refusal) must cost the others nothing.
TEST_P(StoreTransactionTest, AFailingWriterLeavesTheOthersOfItsBatchCommitted) {
  std::latch holding(1);
  std::latch release(1);
  std::thread holder([&] {
    Status s = db().Write([&](Session& tx) -> Status {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO accounts (id, balance) VALUES (10, 10)").status());
      holding.count_down();
      release.wait();
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
  });
  holding.wait();
  constexpr int kWriters = 6;
  std::vector<Status> results(kWriters);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      results[w] = db().Write([w](Session& tx) -> Status {
        SOCIUS_RETURN_IF_ERROR(tx.Exec("INSERT INTO accounts (id, balance) VALUES (?, ?)",
                                       {int64_t{100 + w}, int64_t{w}})
                                   .status());
        if (w == 2) return tx.Exec("INSERT INTO accounts (id, balance) VALUES (1, 0)").status();
        if (w == 4) return Status::InvalidArgument("test.refused", "amount");
        return Status::Ok();
      });
    });
  }
  // Let the writers queue behind the holder so that they form one batch.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  release.count_down();
  holder.join();
  for (std::thread& t : writers) t.join();
  for (int w = 0; w < kWriters; ++w) {
    if (w == 2) {
      EXPECT_EQ(results[w].code(), "store.unique_violation");
      EXPECT_EQ(Balance(100 + w), -1) << "the failed writer's first insert must be undone";
    } else if (w == 4) {
      EXPECT_EQ(results[w].code(), "test.refused");
      EXPECT_EQ(Balance(100 + w), -1);
    } else {
      EXPECT_TRUE(results[w].ok()) << w << ": " << results[w].ToString();
      EXPECT_EQ(Balance(100 + w), w);
    }
  }
  EXPECT_EQ(Balance(10), 10);
  EXPECT_EQ(Balance(1), 1000);
}

TEST_P(StoreTransactionTest, ReadersSeeAConsistentSnapshotWhileAWriterMovesMoney) {
  std::atomic<bool> done{false};
  std::atomic<int> transfers{0};
  std::thread writer([&] {
    while (!done) {
      Status s = db().Write([](Session& tx) -> Status {
        SOCIUS_RETURN_IF_ERROR(
            tx.Exec("UPDATE accounts SET balance = balance - 1 WHERE id = 1").status());
        return tx.Exec("UPDATE accounts SET balance = balance + 1 WHERE id = 2").status();
      });
      if (!s.ok()) break;
      if (++transfers >= 900) break;
    }
  });
  std::atomic<int> inconsistent{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      for (int i = 0; i < 60; ++i) {
        Status s = db().Read([&](Session& tx) -> Status {
          // Two statements: both must see the same moment.
          Result<Rows> first = tx.Query("SELECT balance FROM accounts WHERE id = 1");
          if (!first.ok()) return first.status();
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
          Result<Rows> second = tx.Query("SELECT balance FROM accounts WHERE id = 2");
          if (!second.ok()) return second.status();
          if ((*first)[0].Int(0) + (*second)[0].Int(0) != 1000) ++inconsistent;
          return Status::Ok();
        });
        EXPECT_TRUE(s.ok()) << s.ToString();
        ++reads;
      }
    });
  }
  for (std::thread& t : readers) t.join();
  done = true;
  writer.join();
  EXPECT_EQ(reads.load(), 180);
  EXPECT_GT(transfers.load(), 0);
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_EQ(Balance(1) + Balance(2), 1000);
}

TEST_P(StoreTransactionTest, ReadsProceedWhileAWriteIsOpenAndDoNotSeeIt) {
  std::latch written(1);
  std::latch read_done(1);
  std::thread writer([&] {
    Status s = db().Write([&](Session& tx) -> Status {
      SOCIUS_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET balance = 0 WHERE id = 1").status());
      written.count_down();
      read_done.wait();  // held open until the reader has finished
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
  });
  written.wait();
  EXPECT_EQ(Balance(1), 1000);
  read_done.count_down();
  writer.join();
  EXPECT_EQ(Balance(1), 0);
}

TEST_P(StoreTransactionTest, ClosedDatabaseRefusesWork) {
  db().Close();
  db().Close();  // idempotent
  Status s = db().Read([](Session&) { return Status::Ok(); });
  EXPECT_EQ(s.kind(), StatusKind::kUnavailable);
  EXPECT_EQ(s.code(), "store.closed");
  s = db().Write([](Session&) { return Status::Ok(); });
  EXPECT_EQ(s.code(), "store.closed");
}

SOCIUS_INSTANTIATE_BACKENDS(StoreTransactionTest);

class StoreMigrateTest : public ::testing::TestWithParam<Dialect> {};

TEST_P(StoreMigrateTest, ConcurrentMigrateCallsApplyEachMigrationOnce) {
  Result<std::unique_ptr<Database>> db = testing::OpenEmptyTestDatabase(GetParam());
  if (!db.ok() && db.status().code() == "testing.pg_not_configured" &&
      !testing::PostgresRequired()) {
    GTEST_SKIP() << "SOCIUS_TEST_PG_URL is unset";
  }
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  constexpr int kThreads = 4;
  std::atomic<int> applied{0};
  std::atomic<int> failed{0};
  std::latch start(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      Result<int> n = (*db)->Migrate();
      if (n.ok()) {
        applied += *n;
      } else {
        ADD_FAILURE() << n.status().ToString();
        ++failed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(applied.load(), static_cast<int>(MigrationsFor(GetParam()).size()));
  Result<int> again = (*db)->Migrate();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreMigrateTest,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         testing::DialectName);

}  // namespace
}  // namespace socius::store
