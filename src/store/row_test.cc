#include <gtest/gtest.h>

#include "store/database.h"

namespace socius::store {
namespace {

TEST(StoreRowTest, TextFormatsNumbersAndGivesEmptyForNull) {
  Row row({Value(int64_t{-42}), Value(2.5), Value(std::string("Ștefan")), Null()});
  EXPECT_EQ(row.Text(0), "-42");
  EXPECT_EQ(row.Text(1), "2.5");
  EXPECT_EQ(row.Text(2), "Ștefan");
  EXPECT_EQ(row.Text(3), "");
}

TEST(StoreRowTest, IntParsesTextAndTruncatesReals) {
  Row row({Value(std::string("9007199254740993")), Value(3.9), Null(), Value(int64_t{7})});
  EXPECT_EQ(row.Int(0), 9007199254740993);
  EXPECT_EQ(row.Int(1), 3);
  EXPECT_EQ(row.Int(2), 0);
  EXPECT_EQ(row.Int(3), 7);
}

TEST(StoreRowTest, RealAcceptsIntegersAndText) {
  Row row({Value(int64_t{3}), Value(std::string("0.25")), Null()});
  EXPECT_DOUBLE_EQ(row.Real(0), 3.0);
  EXPECT_DOUBLE_EQ(row.Real(1), 0.25);
  EXPECT_DOUBLE_EQ(row.Real(2), 0.0);
}

TEST(StoreRowTest, OptTextIsEmptyOnlyForNull) {
  Row row({Value(std::string()), Null()});
  ASSERT_TRUE(row.OptText(0).has_value());
  EXPECT_EQ(*row.OptText(0), "");
  EXPECT_FALSE(row.OptText(1).has_value());
  EXPECT_TRUE(row.IsNull(1));
  EXPECT_FALSE(row.IsNull(0));
}

TEST(StoreDatabaseOpenTest, RejectsUnknownUrlScheme) {
  auto db = Database::Open("mysql://localhost/x");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), "store.bad_url");
  EXPECT_EQ(Database::Open("sqlite:").status().code(), "store.bad_url");
  EXPECT_EQ(Database::Open("sqlite::memory:").status().code(), "store.bad_url");
}

TEST(StoreDatabaseOpenTest, UnreachablePostgresIsUnavailable) {
  auto db = Database::Open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().kind(), core::StatusKind::kUnavailable);
  EXPECT_EQ(db.status().code(), "store.cannot_open");
}

TEST(StoreDatabaseOpenTest, RejectsMalformedPoolSize) {
  auto db = Database::Open("postgresql://nobody@127.0.0.1:1/none?pool_size=zero");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), "store.bad_url");
}

}  // namespace
}  // namespace socius::store
