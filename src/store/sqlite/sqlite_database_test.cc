#include "store/sqlite/sqlite_database.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/ids.h"

namespace socius::store {
namespace {

namespace fs = std::filesystem;

class StoreSqliteTest : public ::testing::Test {
 protected:
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(folder_, ec);
  }
  std::string Pragma(Database& db, const std::string& name) {
    std::string out;
    Status s = db.Read([&](Session& tx) -> Status {
      Result<Rows> rows = tx.Query("PRAGMA " + name);
      if (!rows.ok()) return rows.status();
      out = (*rows)[0].Text(0);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }
  fs::path folder_ = fs::temp_directory_path() / ("socius-sqlite-" + core::RandomHex(6));
};

TEST_F(StoreSqliteTest, OpenCreatesTheFolderAndSetsDurableWalMode) {
  fs::path file = folder_ / "var" / "socius.db";
  Result<std::unique_ptr<Database>> db = Database::Open("sqlite:" + file.string());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_TRUE(fs::exists(file));
  EXPECT_EQ((*db)->dialect_name(), "sqlite");
  EXPECT_EQ(Pragma(**db, "journal_mode"), "wal");
  EXPECT_EQ(Pragma(**db, "synchronous"), "2");  // FULL
  EXPECT_EQ(Pragma(**db, "foreign_keys"), "1");
  EXPECT_EQ(Pragma(**db, "busy_timeout"), "5000");
}

TEST_F(StoreSqliteTest, WritesSurviveReopening) {
  std::string url = "sqlite:" + (folder_ / "a.db").string();
  {
    Result<std::unique_ptr<Database>> db = Database::Open(url);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Write([](Session& tx) {
                      return tx.ExecScript("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('ș');");
                    })
                    .ok());
  }
  Result<std::unique_ptr<Database>> db = Database::Open(url);
  ASSERT_TRUE(db.ok());
  Status s = (*db)->Read([](Session& tx) -> Status {
    Result<Rows> rows = tx.Query("SELECT x FROM t");
    if (!rows.ok()) return rows.status();
    EXPECT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0].Text(0), "ș");
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(StoreSqliteTest, AWriterInAnotherConnectionMakesWritesBusyAfterTheTimeout) {
  std::string url = "sqlite:" + (folder_ / "b.db").string();
  Result<std::unique_ptr<Database>> first = Database::Open(url);
  Result<std::unique_ptr<Database>> second = Database::Open(url);
  ASSERT_TRUE(first.ok() && second.ok());
  Status inner;
  Status outer = (*first)->Write([&](Session&) {
    // `second` is another connection to the same file, as another process would be.
    inner = (*second)->Write([](Session&) { return Status::Ok(); });
    return Status::Ok();
  });
  EXPECT_TRUE(outer.ok());
  EXPECT_EQ(inner.code(), "store.busy");
  EXPECT_EQ(inner.kind(), core::StatusKind::kUnavailable);
}

TEST_F(StoreSqliteTest, QueryRefusesSeveralStatements) {
  Result<std::unique_ptr<Database>> db = Database::Open("sqlite:" + (folder_ / "c.db").string());
  ASSERT_TRUE(db.ok());
  Status s = (*db)->Read([](Session& tx) { return tx.Query("SELECT 1; SELECT 2").status(); });
  EXPECT_EQ(s.kind(), core::StatusKind::kInternal);
  s = (*db)->Read([](Session& tx) { return tx.Query("SELECT 1; -- trailing comment").status(); });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

}  // namespace
}  // namespace socius::store
