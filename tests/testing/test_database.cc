#include "testing/test_database.h"

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "core/ids.h"

namespace socius::testing {
namespace {

namespace fs = std::filesystem;
using core::Result;
using core::Status;
using store::Database;
using store::Session;
using store::TxFn;

// Passes every call to the real database and removes what the test created when destroyed.
class ThrowawayDatabase final : public Database {
 public:
  ThrowawayDatabase(std::unique_ptr<Database> inner, fs::path folder)
      : inner_(std::move(inner)), folder_(std::move(folder)) {}
  ThrowawayDatabase(std::unique_ptr<Database> inner, std::string admin_url, std::string schema)
      : inner_(std::move(inner)), admin_url_(std::move(admin_url)), schema_(std::move(schema)) {}

  ~ThrowawayDatabase() override {
    inner_->Close();
    inner_.reset();
    if (!folder_.empty()) {
      std::error_code ec;
      fs::remove_all(folder_, ec);
    }
    if (!schema_.empty()) {
      Result<std::unique_ptr<Database>> admin = Database::Open(admin_url_);
      if (admin.ok()) {
        (void)(*admin)->Write([&](Session& tx) {
          return tx.ExecScript("DROP SCHEMA IF EXISTS \"" + schema_ + "\" CASCADE");
        });
      }
    }
  }

  store::Dialect dialect() const override { return inner_->dialect(); }
  Status Read(const TxFn& fn) override { return inner_->Read(fn); }
  Status Write(const TxFn& fn) override { return inner_->Write(fn); }
  Status Backup(const std::string& path) override { return inner_->Backup(path); }
  void Close() override { inner_->Close(); }

 private:
  std::unique_ptr<Database> inner_;
  fs::path folder_;
  std::string admin_url_;
  std::string schema_;
};

Result<std::unique_ptr<Database>> Migrated(std::unique_ptr<Database> db, bool migrate) {
  if (!migrate) return db;
  Result<int> applied = db->Migrate();
  if (!applied.ok()) return applied.status();
  return db;
}

Result<std::unique_ptr<Database>> OpenSqlite(bool migrate) {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  fs::path folder = base / ("socius-test-" + core::RandomHex(8));
  fs::create_directories(folder, ec);
  if (ec) return Status::Unavailable("testing.tmp", folder.string() + ": " + ec.message());
  Result<std::unique_ptr<Database>> db = Database::Open("sqlite:" + (folder / "test.db").string());
  if (!db.ok()) {
    fs::remove_all(folder, ec);
    return db.status();
  }
  return Migrated(std::make_unique<ThrowawayDatabase>(std::move(*db), folder), migrate);
}

// `url` with `param` added to its query string.
std::string WithParameter(const std::string& url, const std::string& param) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + param;
}

Result<std::unique_ptr<Database>> OpenPostgres(bool migrate) {
  const char* url = std::getenv("SOCIUS_TEST_PG_URL");
  if (url == nullptr || *url == '\0') {
    return Status::Unavailable("testing.pg_not_configured",
                               "SOCIUS_TEST_PG_URL is not set (see scripts/with-postgres.sh)");
  }
  std::string schema = "test_" + core::RandomHex(8);
  {
    Result<std::unique_ptr<Database>> admin = Database::Open(url);
    if (!admin.ok()) return admin.status();
    Status s = (*admin)->Write(
        [&](Session& tx) { return tx.ExecScript("CREATE SCHEMA \"" + schema + "\""); });
    if (!s.ok()) return s;
  }
  // A small pool: many test processes share one cluster.
  Result<std::unique_ptr<Database>> db =
      Database::Open(WithParameter(url, "options=-csearch_path%3D" + schema + "&pool_size=6"));
  if (!db.ok()) return db.status();
  return Migrated(std::make_unique<ThrowawayDatabase>(std::move(*db), url, schema), migrate);
}

}  // namespace

Result<std::unique_ptr<Database>> OpenTestDatabase(store::Dialect dialect) {
  return dialect == store::Dialect::kSqlite ? OpenSqlite(true) : OpenPostgres(true);
}

Result<std::unique_ptr<Database>> OpenEmptyTestDatabase(store::Dialect dialect) {
  return dialect == store::Dialect::kSqlite ? OpenSqlite(false) : OpenPostgres(false);
}

bool PostgresRequired() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

std::string DialectName(const ::testing::TestParamInfo<store::Dialect>& info) {
  return info.param == store::Dialect::kSqlite ? "Sqlite" : "Postgres";
}

void DatabaseTest::SetUp() {
  Result<std::unique_ptr<Database>> db = OpenTestDatabase(GetParam());
  if (!db.ok() && db.status().code() == "testing.pg_not_configured") {
    if (PostgresRequired()) {
      FAIL() << "CI=true but SOCIUS_TEST_PG_URL is unset: run the tests under "
                "scripts/with-postgres.sh";
    }
    GTEST_SKIP() << "PostgreSQL variant skipped: SOCIUS_TEST_PG_URL is unset";
  }
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  db_ = std::move(*db);
}

void DatabaseTest::TearDown() { db_.reset(); }

}  // namespace socius::testing

namespace socius::store {
void PrintTo(Dialect dialect, std::ostream* out) {
  *out << (dialect == Dialect::kSqlite ? "sqlite" : "postgresql");
}
}  // namespace socius::store
