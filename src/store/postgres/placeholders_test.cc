#include "store/postgres/placeholders.h"

#include <gtest/gtest.h>

namespace socius::store {
namespace {

struct Case {
  const char* sql;
  const char* want;
  int count;
};

class StoreRewritePlaceholdersTest : public ::testing::TestWithParam<Case> {};

TEST_P(StoreRewritePlaceholdersTest, NumbersOnlyPlaceholdersOutsideQuotesAndComments) {
  int count = -1;
  EXPECT_EQ(RewritePlaceholders(GetParam().sql, &count), GetParam().want);
  EXPECT_EQ(count, GetParam().count);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StoreRewritePlaceholdersTest,
    ::testing::Values(Case{"SELECT 1", "SELECT 1", 0}, Case{"SELECT ?, ?", "SELECT $1, $2", 2},
                      Case{"UPDATE t SET a = ? WHERE b = '?' AND c = ?",
                           "UPDATE t SET a = $1 WHERE b = '?' AND c = $2", 2},
                      Case{"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
                      Case{"SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1},
                      Case{"SELECT \"wh?at\" FROM t WHERE x = ?",
                           "SELECT \"wh?at\" FROM t WHERE x = $1", 1},
                      Case{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
                      Case{"SELECT /* a ? /* nested ? */ still ? */ ?",
                           "SELECT /* a ? /* nested ? */ still ? */ $1", 1},
                      Case{"DO $$ BEGIN RAISE '?'; END $$; SELECT ?",
                           "DO $$ BEGIN RAISE '?'; END $$; SELECT $1", 1},
                      Case{"SELECT $tag$ ? $tag$, ?", "SELECT $tag$ ? $tag$, $1", 1},
                      Case{"SELECT 'Ștefan ?', ?", "SELECT 'Ștefan ?', $1", 1},
                      Case{"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0}));

TEST(StoreTakeUrlParameterTest, RemovesOnlyTheNamedParameter) {
  std::string value;
  EXPECT_EQ(TakeUrlParameter("postgresql://u@h/db?pool_size=8&options=-csearch_path%3Ds",
                             "pool_size", &value),
            "postgresql://u@h/db?options=-csearch_path%3Ds");
  EXPECT_EQ(value, "8");
  EXPECT_EQ(TakeUrlParameter("postgresql://u@h/db?a=1&pool_size=3", "pool_size", &value),
            "postgresql://u@h/db?a=1");
  EXPECT_EQ(value, "3");
  EXPECT_EQ(TakeUrlParameter("postgresql://u@h/db?pool_size=3", "pool_size", &value),
            "postgresql://u@h/db");
  EXPECT_EQ(TakeUrlParameter("postgresql://u@h/db?pool_sizes=3", "pool_size", &value),
            "postgresql://u@h/db?pool_sizes=3");
  EXPECT_EQ(value, "");
  EXPECT_EQ(TakeUrlParameter("postgresql://u@h/db", "pool_size", &value), "postgresql://u@h/db");
}

}  // namespace
}  // namespace socius::store
