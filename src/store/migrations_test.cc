#include "store/migrations.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "store/migrations_embedded.h"

namespace socius::store {
namespace {

TEST(StoreMigrationsTest, EveryFileFollowsTheNamingConvention) {
  const std::regex convention(R"(\d{4}_[a-z0-9_]+(\.sqlite|\.postgres)?\.sql)");
  ASSERT_FALSE(EmbeddedMigrationFiles().empty());
  for (const EmbeddedMigrationFile& file : EmbeddedMigrationFiles()) {
    EXPECT_TRUE(std::regex_match(std::string(file.file_name), convention)) << file.file_name;
    EXPECT_FALSE(file.sql.empty()) << file.file_name;
  }
}

// Numbers may leave gaps (teams reserve ranges); Migrate applies whatever is missing.
TEST(StoreMigrationsTest, NumbersStartAtOneAndAscendOnBothBackends) {
  for (Dialect dialect : {Dialect::kSqlite, Dialect::kPostgres}) {
    std::vector<Migration> migrations = MigrationsFor(dialect);
    ASSERT_FALSE(migrations.empty());
    EXPECT_EQ(migrations[0].number, 1);
    for (size_t i = 1; i < migrations.size(); ++i) {
      EXPECT_LT(migrations[i - 1].number, migrations[i].number);
    }
  }
}

TEST(StoreMigrationsTest, EveryNumberHasAMigrationOnBothBackends) {
  std::set<int> sqlite;
  std::set<int> postgres;
  for (const Migration& m : MigrationsFor(Dialect::kSqlite)) sqlite.insert(m.number);
  for (const Migration& m : MigrationsFor(Dialect::kPostgres)) postgres.insert(m.number);
  EXPECT_EQ(sqlite, postgres);
}

TEST(StoreMigrationsTest, BackendSpecificFileReplacesTheSharedOne) {
  std::vector<Migration> sqlite = MigrationsFor(Dialect::kSqlite);
  std::vector<Migration> postgres = MigrationsFor(Dialect::kPostgres);
  ASSERT_GE(sqlite.size(), 2u);
  ASSERT_GE(postgres.size(), 2u);
  EXPECT_EQ(sqlite[0].name, "foundation");
  EXPECT_EQ(sqlite[0].sql, postgres[0].sql);
  EXPECT_EQ(sqlite[1].name, "audit_append_only");
  EXPECT_EQ(postgres[1].name, "audit_append_only");
  EXPECT_NE(sqlite[1].sql.find("RAISE(ABORT"), std::string::npos);
  EXPECT_NE(postgres[1].sql.find("plpgsql"), std::string::npos);
}

TEST(StoreMigrationsTest, OneNamePerNumber) {
  std::map<std::string, std::set<std::string>> names;  // number → names
  for (const EmbeddedMigrationFile& file : EmbeddedMigrationFiles()) {
    std::string name(file.file_name);
    std::string stem = name.substr(0, name.find('.'));
    names[name.substr(0, 4)].insert(stem);
  }
  for (const auto& [number, stems] : names) EXPECT_EQ(stems.size(), 1u) << number;
}

}  // namespace
}  // namespace socius::store
