// The shared SQL fragments of store/sql.h on both backends, above all the tenant filter: the
// one place that keeps a worker out of another community's data.
#include "store/sql.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/database.h"
#include "testing/test_database.h"

namespace socius::store {
namespace {

class StoreSqlTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db().Write([](Session& tx) -> Status {
                      SOCIUS_RETURN_IF_ERROR(tx.ExecScript(
                          "CREATE TABLE places (code TEXT PRIMARY KEY, path TEXT NOT NULL)"));
                      // Codes that are prefixes of others, differ only in case, or hold the
                      // LIKE metacharacters % _ and the escape character !.
                      for (const char* path :
                           {"/RO/", "/RO/RO:10/", "/RO/RO:10/RO:1017/", "/RO/RO:101/",
                            "/RO/RO:101/RO:1017/", "/RO/ro:10/", "/RO/RO:1%/", "/RO/RO:1_/",
                            "/RO/RO:1!/", "/RO/RO:1!/X/", "/UA/", "/UA/UA:01/"}) {
                        std::string p = path;
                        std::string code = p.substr(0, p.size() - 1);
                        code = code.substr(code.rfind('/') + 1);
                        auto done = tx.Exec("INSERT INTO places (code, path) VALUES (?, ?)",
                                            {code + "@" + p, p});
                        if (!done.ok()) return done.status();
                      }
                      return Status::Ok();
                    })
                    .ok());
  }

  // The paths the filter lets through for `roots`, sorted.
  std::vector<std::string> Covered(const std::vector<std::string>& roots) {
    std::vector<std::string> out;
    Status s = db().Read([&](Session& tx) -> Status {
      std::vector<Value> params;
      const std::string sql =
          "SELECT path FROM places WHERE " + ScopeFilter("path", roots, params) + " ORDER BY path";
      Result<Rows> rows = tx.Query(sql, params);
      if (!rows.ok()) return rows.status();
      for (const Row& row : *rows) out.push_back(row.Text(0));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::sort(out.begin(), out.end());
    return out;
  }

  using Paths = std::vector<std::string>;
};

TEST_P(StoreSqlTest, TheRootScopeCoversEverything) {
  EXPECT_EQ(Covered({"/"}).size(), 12u);
  // With other roots beside it, and the root not first: still everything, no stray parameter.
  EXPECT_EQ(Covered({"/UA/", "/"}).size(), 12u);
}

TEST_P(StoreSqlTest, ASubtreeCoversItselfAndBelowButNotASiblingWhoseCodeItPrefixes) {
  EXPECT_EQ(Covered({"/RO/RO:10/"}), (Paths{"/RO/RO:10/", "/RO/RO:10/RO:1017/"}));
  EXPECT_EQ(Covered({"/RO/RO:101/", "/UA/UA:01/"}),
            (Paths{"/RO/RO:101/", "/RO/RO:101/RO:1017/", "/UA/UA:01/"}));
}

TEST_P(StoreSqlTest, AScopeWithoutItsTrailingSlashCoversNothing) {
  // '/RO/RO:10' would cover '/RO/RO:101/' too.
  EXPECT_EQ(Covered({"/RO/RO:10"}), Paths{});
  EXPECT_EQ(Covered({"/RO/RO:10", "/UA/UA:01/"}), (Paths{"/UA/UA:01/"}));
  EXPECT_EQ(Covered({""}), Paths{});
}

TEST_P(StoreSqlTest, NoScopeCoversNothing) { EXPECT_EQ(Covered({}), Paths{}); }

TEST_P(StoreSqlTest, CaseAndLikeMetacharactersNeverWidenAScope) {
  EXPECT_EQ(Covered({"/RO/ro:10/"}), (Paths{"/RO/ro:10/"}));
  EXPECT_EQ(Covered({"/RO/RO:1%/"}), (Paths{"/RO/RO:1%/"}));
  EXPECT_EQ(Covered({"/RO/RO:1_/"}), (Paths{"/RO/RO:1_/"}));
  EXPECT_EQ(Covered({"/RO/RO:1!/"}), (Paths{"/RO/RO:1!/", "/RO/RO:1!/X/"}));
}

TEST_P(StoreSqlTest, LikeContainingMatchesMetacharactersLiterally) {
  auto matching = [&](const std::string& text) {
    std::vector<std::string> out;
    Status s = db().Read([&](Session& tx) -> Status {
      Result<Rows> rows =
          tx.Query("SELECT path FROM places WHERE path LIKE ? ESCAPE '!' ORDER BY path",
                   {LikeContaining(text)});
      if (!rows.ok()) return rows.status();
      for (const Row& row : *rows) out.push_back(row.Text(0));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  };
  EXPECT_EQ(matching("1%"), (Paths{"/RO/RO:1%/"}));
  EXPECT_EQ(matching("1_"), (Paths{"/RO/RO:1_/"}));
  EXPECT_EQ(matching("1!/X"), (Paths{"/RO/RO:1!/X/"}));
  EXPECT_EQ(Placeholders(3), "?, ?, ?");
  EXPECT_EQ(Placeholders(0), "");
}

SOCIUS_INSTANTIATE_BACKENDS(StoreSqlTest);

}  // namespace
}  // namespace socius::store
