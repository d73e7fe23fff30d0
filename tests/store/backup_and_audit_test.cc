// Conformance of Backup and of the append-only audit log; PostgreSQL connection recovery.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/ids.h"
#include "store/database.h"
#include "testing/test_database.h"

namespace socius::store {
namespace {

namespace fs = std::filesystem;
using core::StatusKind;

bool PgDumpAvailable() {
  return std::system("command -v pg_dump >/dev/null 2>&1") == 0 ||
         fs::exists("/usr/lib/postgresql/15/bin/pg_dump");
}

class StoreBackupTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    folder_ = fs::temp_directory_path() / ("socius-backup-" + core::RandomHex(6));
    ASSERT_TRUE(
        db().Write([](Session& tx) -> Status {
              SOCIUS_RETURN_IF_ERROR(
                  tx.ExecScript("CREATE TABLE people (id BIGINT PRIMARY KEY, name TEXT NOT NULL)"));
              for (int64_t i = 1; i <= 50; ++i) {
                SOCIUS_RETURN_IF_ERROR(tx.Exec("INSERT INTO people (id, name) VALUES (?, ?)",
                                               {i, "Олена Ковальчук " + std::to_string(i)})
                                           .status());
              }
              return Status::Ok();
            })
            .ok());
  }
  void TearDown() override {
    std::error_code ec;
    if (!folder_.empty()) fs::remove_all(folder_, ec);
    DatabaseTest::TearDown();
  }

  fs::path folder_;
};

TEST_P(StoreBackupTest, ProducesACopyWithTheDataAndRefusesToOverwrite) {
  if (dialect() == Dialect::kPostgres && !PgDumpAvailable()) {
    // CI covers the PostgreSQL backup: there a missing pg_dump is a failure, not a skip.
    if (testing::PostgresRequired()) FAIL() << "CI=true but pg_dump is not installed";
    GTEST_SKIP() << "no pg_dump";
  }
  // The target folder does not exist yet: Backup creates it.
  std::string path = (folder_ / "nested" / "copy.bak").string();
  // A writer keeps going during the backup: the copy is a consistent snapshot regardless.
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int64_t i = 1000; !done && i < 1200; ++i) {
      (void)db().Write([&](Session& tx) {
        return tx.Exec("INSERT INTO people (id, name) VALUES (?, 'later')", {i}).status();
      });
    }
  });
  Status s = db().Backup(path);
  done = true;
  writer.join();
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_TRUE(fs::exists(path));

  if (dialect() == Dialect::kSqlite) {
    Result<std::unique_ptr<Database>> copy = Database::Open("sqlite:" + path);
    ASSERT_TRUE(copy.ok()) << copy.status().ToString();
    Status read = (*copy)->Read([](Session& tx) -> Status {
      Result<Rows> rows = tx.Query("SELECT COUNT(*), MAX(name) FROM people WHERE name <> 'later'");
      if (!rows.ok()) return rows.status();
      EXPECT_EQ((*rows)[0].Int(0), 50);
      EXPECT_EQ((*rows)[0].Text(1), "Олена Ковальчук 9");
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
  } else {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("CREATE TABLE"), std::string::npos);
    EXPECT_NE(text.str().find("Олена Ковальчук 50"), std::string::npos);
  }

  Status again = db().Backup(path);
  EXPECT_EQ(again.kind(), StatusKind::kInvalidArgument);
  EXPECT_EQ(again.code(), "store.backup_exists");
  // Nothing but the backup itself is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(folder_ / "nested"), fs::directory_iterator()), 1);
}

SOCIUS_INSTANTIATE_BACKENDS(StoreBackupTest);

class StoreAuditLogTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db().Write([](Session& tx) {
                      return tx
                          .Exec(
                              "INSERT INTO audit_log (seq, at, action, entity_type, "
                              "prev_hash, hash) VALUES (1, '2026-01-01T00:00:00.000Z', "
                              "'user.create', 'user', 'p', 'h')")
                          .status();
                    })
                    .ok());
  }

  Status Write(const std::string& sql) {
    return db().Write([&](Session& tx) { return tx.ExecScript(sql); });
  }

  std::string Action() {
    std::string out;
    EXPECT_TRUE(db().Read([&](Session& tx) -> Status {
                      Result<Rows> rows = tx.Query("SELECT action FROM audit_log WHERE seq = 1");
                      if (!rows.ok()) return rows.status();
                      out = rows->empty() ? "" : (*rows)[0].Text(0);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }
};

TEST_P(StoreAuditLogTest, RejectsUpdateAndDeleteOfEntries) {
  Status update = Write("UPDATE audit_log SET action = 'forged' WHERE seq = 1");
  EXPECT_FALSE(update.ok());
  EXPECT_NE(update.detail().find("append-only"), std::string::npos) << update.ToString();
  Status remove = Write("DELETE FROM audit_log WHERE seq = 1");
  EXPECT_FALSE(remove.ok());
  EXPECT_EQ(Action(), "user.create");
  // Appending still works.
  EXPECT_TRUE(Write("INSERT INTO audit_log (seq, at, action, entity_type, prev_hash, hash) "
                    "VALUES (2, 't', 'user.update', 'user', 'h', 'h2')")
                  .ok());
}

TEST_P(StoreAuditLogTest, TheTriggersAreWhatProtectsTheLog) {
  std::string on = dialect() == Dialect::kPostgres ? " ON audit_log" : "";
  ASSERT_TRUE(Write("DROP TRIGGER audit_log_no_update" + on).ok());
  EXPECT_TRUE(Write("UPDATE audit_log SET action = 'forged' WHERE seq = 1").ok());
  EXPECT_EQ(Action(), "forged");
  EXPECT_FALSE(Write("DELETE FROM audit_log WHERE seq = 1").ok());
  ASSERT_TRUE(Write("DROP TRIGGER audit_log_no_delete" + on).ok());
  EXPECT_TRUE(Write("DELETE FROM audit_log WHERE seq = 1").ok());
  EXPECT_EQ(Action(), "");
}

SOCIUS_INSTANTIATE_BACKENDS(StoreAuditLogTest);

// PostgreSQL only: a connection the server dropped is re-established on next use, and a
// deadlock is retried transparently by Write.
class StorePostgresRecoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("SOCIUS_TEST_PG_URL");
    if (url == nullptr || *url == '\0') {
      if (testing::PostgresRequired()) FAIL() << "CI=true but SOCIUS_TEST_PG_URL is unset";
      GTEST_SKIP() << "SOCIUS_TEST_PG_URL is unset";
    }
    url_ = url;
  }
  std::string url_;
};

TEST_F(StorePostgresRecoveryTest, ReconnectsAfterTheServerDropsTheConnection) {
  Result<std::unique_ptr<Database>> db = Database::Open(url_ + "?pool_size=1");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  int64_t pid = 0;
  ASSERT_TRUE((*db)
                  ->Read([&](Session& tx) -> Status {
                    Result<Rows> rows = tx.Query("SELECT pg_backend_pid()");
                    if (!rows.ok()) return rows.status();
                    pid = (*rows)[0].Int(0);
                    return Status::Ok();
                  })
                  .ok());
  Result<std::unique_ptr<Database>> other = Database::Open(url_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)
                  ->Write([&](Session& tx) {
                    return tx.Query("SELECT pg_terminate_backend(?::integer)", {pid}).status();
                  })
                  .ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  int64_t new_pid = 0;
  std::string read_only;
  Status s = (*db)->Read([&](Session& tx) -> Status {
    Result<Rows> rows = tx.Query("SELECT pg_backend_pid()");
    if (!rows.ok()) return rows.status();
    new_pid = (*rows)[0].Int(0);
    // Whether the loss shows when the pool hands the connection out or at the first
    // statement, the read runs in its own read-only transaction on the new connection.
    Result<Rows> mode = tx.Query("SELECT current_setting('transaction_read_only')");
    if (!mode.ok()) return mode.status();
    read_only = (*mode)[0].Text(0);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_NE(new_pid, pid);
  EXPECT_EQ(read_only, "on");
}

// A read sends BEGIN with its first statement and leaves its COMMIT to be read by the next
// user of the connection: on a pool of one, whatever a read did (fail a statement, stream,
// throw, run nothing) leaves the connection fit for the next read and write.
TEST_F(StorePostgresRecoveryTest, ReadsLeaveTheirConnectionReadyForTheNextTransaction) {
  Result<std::unique_ptr<Database>> db = Database::Open(url_ + "?pool_size=1");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto one = [&](const char* sql) {
    int64_t out = -1;
    Status s = (*db)->Read([&](Session& tx) -> Status {
      Result<Rows> first = tx.Query("SELECT 1");
      if (!first.ok()) return first.status();
      Result<Rows> rows = tx.Query(sql);
      if (!rows.ok()) return rows.status();
      out = (*rows)[0].Int(0);
      return Status::Ok();
    });
    return s.ok() ? out : -1;
  };
  EXPECT_EQ(one("SELECT 2"), 2);
  Status ignored = (*db)->Read([&](Session& tx) -> Status {
    (void)tx.Query("SELECT no_such_column FROM no_such_table");
    return Status::Ok();
  });
  EXPECT_EQ(ignored.code(), "internal");
  EXPECT_EQ(one("SELECT 3"), 3);
  EXPECT_TRUE((*db)->Read([](Session&) { return Status::Ok(); }).ok());
  EXPECT_THROW((void)(*db)->Read([](Session& tx) -> Status {
    (void)tx.Query("SELECT 1");
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  int64_t streamed = 0;
  EXPECT_TRUE((*db)
                  ->Read([&](Session& tx) {
                    SOCIUS_RETURN_IF_ERROR(tx.Query("SELECT 1").status());
                    return tx.ForEach("SELECT generate_series(1, 3)", {}, [&](const Row& row) {
                      streamed += row.Int(0);
                      return true;
                    });
                  })
                  .ok());
  EXPECT_EQ(streamed, 6);
  EXPECT_EQ(one("SELECT 4"), 4);
  EXPECT_TRUE(
      (*db)->Write([](Session& tx) { return tx.ExecScript("CREATE TEMP TABLE t (n int)"); }).ok());
  EXPECT_EQ(one("SELECT 5"), 5);
}

TEST_F(StorePostgresRecoveryTest, RetriesAWriteThatLostADeadlock) {
  Result<std::unique_ptr<Database>> db = testing::OpenTestDatabase(Dialect::kPostgres);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)
                  ->Write([](Session& tx) {
                    return tx.ExecScript(
                        "CREATE TABLE locks (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);"
                        "INSERT INTO locks VALUES (1, 0), (2, 0);");
                  })
                  .ok());
  // The writes of one Database share group-commit batches and never deadlock each other: the
  // other party is a second Database on the same schema, as another process would be.
  std::string schema;
  ASSERT_TRUE((*db)
                  ->Read([&](Session& tx) -> Status {
                    Result<Rows> rows = tx.Query("SELECT current_schema()");
                    if (!rows.ok()) return rows.status();
                    schema = (*rows)[0].Text(0);
                    return Status::Ok();
                  })
                  .ok());
  std::string url = url_;
  url += (url.find('?') == std::string::npos ? "?" : "&");
  url += "options=-csearch_path%3D" + schema;
  Result<std::unique_ptr<Database>> other = Database::Open(url);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  std::latch both_hold_one(2);
  std::atomic<int> attempts{0};
  auto transfer = [&](Database& on, int64_t first, int64_t second) {
    bool first_attempt = true;
    return on.Write([&](Session& tx) -> Status {
      ++attempts;
      SOCIUS_RETURN_IF_ERROR(tx.Exec("UPDATE locks SET n = n + 1 WHERE id = ?", {first}).status());
      if (first_attempt) {
        first_attempt = false;
        both_hold_one.arrive_and_wait();  // each holds one row and now wants the other
      }
      return tx.Exec("UPDATE locks SET n = n + 1 WHERE id = ?", {second}).status();
    });
  };
  Status a;
  Status b;
  std::thread ta([&] { a = transfer(**db, 1, 2); });
  std::thread tb([&] { b = transfer(**other, 2, 1); });
  ta.join();
  tb.join();
  EXPECT_TRUE(a.ok()) << a.ToString();
  EXPECT_TRUE(b.ok()) << b.ToString();
  // The deadlock's victim ran again (under heavy load both may detect it and both retry).
  EXPECT_GE(attempts.load(), 3);
  Status s = (*db)->Read([](Session& tx) -> Status {
    Result<Rows> rows = tx.Query("SELECT SUM(n) FROM locks");
    if (!rows.ok()) return rows.status();
    EXPECT_EQ((*rows)[0].Int(0), 4);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

}  // namespace
}  // namespace socius::store
