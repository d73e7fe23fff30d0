#pragma once

// Fresh, migrated, empty databases for tests, on SQLite and on PostgreSQL.
//
// Repository tests run on both backends by deriving from DatabaseTest and instantiating the
// suite over both dialects:
//
//   #include "testing/test_database.h"
//
//   class PersonRepositoryTest : public socius::testing::DatabaseTest {};
//
//   TEST_P(PersonRepositoryTest, FindsPersonByMatchKey) {
//     ASSERT_TRUE(db().Write([](store::Session& tx) { ... }).ok());
//   }
//
//   SOCIUS_INSTANTIATE_BACKENDS(PersonRepositoryTest);
//
// and in CMake: socius_add_test(registry_test SOURCES ... DEPS socius::registry
// socius::testing). Each test gets its own database: SQLite in a temporary file, PostgreSQL
// in a new schema (random name) of the cluster named by SOCIUS_TEST_PG_URL, dropped
// afterwards. Run the PostgreSQL variants with a throwaway cluster:
//
//   scripts/with-postgres.sh ctest --test-dir build -R registry
//
// Without SOCIUS_TEST_PG_URL the PostgreSQL variants are skipped, except when CI=true, where
// they fail: CI never silently skips PostgreSQL.
//
// A fixture that overrides SetUp must call DatabaseTest::SetUp() first and return if
// IsSkipped() or HasFatalFailure().

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "core/result.h"
#include "store/database.h"

namespace socius::testing {

// A fresh database with every migration applied and no other rows than the migrations
// insert. SQLite: a file in a new temporary folder, removed with the database. PostgreSQL:
// a new schema in the SOCIUS_TEST_PG_URL database, dropped (CASCADE) with the database.
// Unavailable("testing.pg_not_configured") when PostgreSQL is asked for and
// SOCIUS_TEST_PG_URL is unset. The result is an ordinary store::Database; destroying it
// cleans up.
core::Result<std::unique_ptr<store::Database>> OpenTestDatabase(store::Dialect dialect);

// Like OpenTestDatabase, but with no migration applied (not even schema_migrations): for
// tests of Migrate() itself.
core::Result<std::unique_ptr<store::Database>> OpenEmptyTestDatabase(store::Dialect dialect);

// True when PostgreSQL tests must not be skipped (the environment has CI=true).
bool PostgresRequired();

// "Sqlite" / "Postgres": names parameterised tests (Backends/FooTest.Bar/Sqlite).
std::string DialectName(const ::testing::TestParamInfo<store::Dialect>& info);

// A test fixture parameterised by dialect that opens a fresh database before each test.
class DatabaseTest : public ::testing::TestWithParam<store::Dialect> {
 protected:
  void SetUp() override;
  void TearDown() override;

  store::Database& db() { return *db_; }
  store::Dialect dialect() const { return GetParam(); }

  std::unique_ptr<store::Database> db_;
};

}  // namespace socius::testing

namespace socius::store {
// Lets GoogleTest print a dialect ("sqlite") in failure messages.
void PrintTo(Dialect dialect, std::ostream* out);
}  // namespace socius::store

// Runs every TEST_P of `suite` once on SQLite and once on PostgreSQL.
#define SOCIUS_INSTANTIATE_BACKENDS(suite)                                                       \
  INSTANTIATE_TEST_SUITE_P(                                                                      \
      Backends, suite,                                                                           \
      ::testing::Values(::socius::store::Dialect::kSqlite, ::socius::store::Dialect::kPostgres), \
      ::socius::testing::DialectName)
