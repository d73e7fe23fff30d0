// Listing, search, scope and updates of territories on both backends.
#include "territory/repository.h"

#include <gtest/gtest.h>

#include <sstream>

#include "territory/import.h"
#include "territory/rules.h"
#include "testing/test_database.h"

namespace socius::territory {
namespace {

using core::Result;
using core::Status;

constexpr char kTree[] =
    "code,parent_code,level,name,name_latin\n"
    "RO,,country,România,\n"
    "RO:10,RO,region,Județul Alba,\n"
    "RO:1017,RO:10,community,Municipiul Alba Iulia,\n"
    "RO:1026,RO:1017,settlement,Alba Iulia,\n"
    "RO:1035,RO:1017,settlement,Bărăbanț,\n"
    "RO:20,RO,region,Județul Arad,\n"
    "RO:A_1,RO,region,Underscore,\n"
    "RO:AB1,RO,region,Lookalike,\n"
    "UA,,country,Україна,Ukraina\n"
    "UA:05,UA,region,Вінницька,\n"
    "UA:0501,UA:05,community,Кам’янецька,\n"
    "MK,,country,Северна Македонија,Severna Makedonija\n"
    "MK:MK-101,MK,community,Велес,Veles\n";

class TerritoryRepositoryTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::istringstream in(kTree);
    Result<ImportReport> report = ImportTerritoriesCsv(db(), in, ImportOptions{});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_TRUE(report->committed);
  }

  // The codes of one page.
  std::vector<std::string> Codes(ListQuery query, std::optional<std::string>* last = nullptr) {
    std::vector<std::string> codes;
    Status s = db().Read([&](store::Session& tx) {
      Result<TerritoryPage> page = ListTerritories(tx, query);
      if (!page.ok()) return page.status();
      for (const Territory& t : page->items) codes.push_back(t.code);
      if (last) *last = page->last_code;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return codes;
  }

  std::string IdOf(const std::string& code) {
    std::string id;
    EXPECT_TRUE(db().Read([&](store::Session& tx) {
                      Result<Territory> t = FindByCode(tx, code);
                      if (!t.ok()) return t.status();
                      id = t->id;
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }

  static ListQuery Query(std::vector<std::string> scope) {
    ListQuery q;
    q.scope_paths = std::move(scope);
    return q;
  }
};

using CodeList = std::vector<std::string>;

TEST_P(TerritoryRepositoryTest, FindsByCodeOrReportsNotFound) {
  Status s = db().Read([](store::Session& tx) {
    Result<Territory> t = FindByCode(tx, "RO:1026");
    EXPECT_TRUE(t.ok());
    if (t.ok()) {
      EXPECT_EQ(t->name, "Alba Iulia");
      EXPECT_EQ(t->level, Level::kSettlement);
      EXPECT_EQ(t->parent_code, "RO:1017");
    }
    Result<Territory> none = FindByCode(tx, "RO:9999");
    EXPECT_EQ(none.status().code(), "territory.not_found");
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_P(TerritoryRepositoryTest, TopOfInstallationIsTheCountriesWithoutRoot) {
  // By name: Latin before Cyrillic (România, Северна Македонија, Україна).
  EXPECT_EQ(Codes(Query({"/"})), (CodeList{"RO", "MK", "UA"}));
  EXPECT_TRUE(Codes(Query({})).empty());
  Status s = db().Read([](store::Session& tx) {
    Result<int64_t> n = CountCountries(tx);
    EXPECT_TRUE(n.ok());
    if (n.ok()) {
      EXPECT_EQ(*n, 3);
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_P(TerritoryRepositoryTest, ListsChildrenPageByPage) {
  ListQuery q = Query({"/"});
  q.parent_id = IdOf("RO");
  q.limit = 2;
  std::optional<std::string> last;
  EXPECT_EQ(Codes(q, &last), (CodeList{"RO:10", "RO:20"}));
  ASSERT_TRUE(last);
  q.after_code = *last;
  EXPECT_EQ(Codes(q, &last), (CodeList{"RO:AB1", "RO:A_1"}));  // Lookalike, Underscore
  ASSERT_FALSE(last.has_value());
}

TEST_P(TerritoryRepositoryTest, ScopeShowsSubtreeAndAncestorsOnly) {
  const std::vector<std::string> scope = {"/RO/RO:10/"};
  EXPECT_EQ(Codes(Query(scope)), (CodeList{"RO"}));
  ListQuery children = Query(scope);
  children.parent_id = IdOf("RO");
  EXPECT_EQ(Codes(children), (CodeList{"RO:10"}));
  children.parent_id = IdOf("RO:1017");
  EXPECT_EQ(Codes(children), (CodeList{"RO:1026", "RO:1035"}));
  ListQuery search = Query(scope);
  search.search = "a";
  // By name: Alba Iulia, Bărăbanț, Județul Alba, Municipiul Alba Iulia, România.
  EXPECT_EQ(Codes(search), (CodeList{"RO:1026", "RO:1035", "RO:10", "RO:1017", "RO"}));
}

TEST_P(TerritoryRepositoryTest, ScopeDoesNotWidenOnUnderscoreOrCase) {
  ListQuery q = Query({"/RO/RO:A_1/"});
  q.parent_id = IdOf("RO");
  EXPECT_EQ(Codes(q), (CodeList{"RO:A_1"}));
  ListQuery lower = Query({"/RO/RO:ab1/"});
  lower.parent_id = IdOf("RO");
  EXPECT_TRUE(Codes(lower).empty());
}

TEST_P(TerritoryRepositoryTest, SearchMatchesCodePrefixAndNameAnyCase) {
  ListQuery q = Query({"/"});
  q.search = "ro:10";  // by name: Alba Iulia, Bărăbanț, Județul Alba, Municipiul Alba Iulia
  EXPECT_EQ(Codes(q), (CodeList{"RO:1026", "RO:1035", "RO:10", "RO:1017"}));
  q.search = "ВІННИЦ";
  EXPECT_EQ(Codes(q), (CodeList{"UA:05"}));
  q.search = "кам'ян";  // typed apostrophe finds the stored U+2019
  EXPECT_EQ(Codes(q), (CodeList{"UA:0501"}));
  q.search = "BĂRĂ";
  EXPECT_EQ(Codes(q), (CodeList{"RO:1035"}));
  q.search = "veles";  // the Latin name
  EXPECT_EQ(Codes(q), (CodeList{"MK:MK-101"}));
  q.search = "100%";
  EXPECT_TRUE(Codes(q).empty());
  q.search = "alba";
  q.level = Level::kSettlement;
  EXPECT_EQ(Codes(q), (CodeList{"RO:1026"}));
  q.level.reset();
  q.within_path = "/RO/RO:10/RO:1017/";
  EXPECT_EQ(Codes(q), (CodeList{"RO:1026"}));
}

TEST_P(TerritoryRepositoryTest, ListsByNameWithTotalAndAncestors) {
  ListQuery q = Query({"/"});
  q.level = Level::kRegion;
  q.limit = 2;
  std::optional<std::string> last;
  EXPECT_EQ(Codes(q, &last), (CodeList{"RO:10", "RO:20"}));
  ASSERT_TRUE(last);
  q.after_code = *last;
  EXPECT_EQ(Codes(q, &last), (CodeList{"RO:AB1", "RO:A_1"}));
  q.after_code = *last;
  EXPECT_EQ(Codes(q, &last), (CodeList{"UA:05"}));
  EXPECT_FALSE(last.has_value());

  Status s = db().Read([](store::Session& tx) {
    ListQuery regions;
    regions.scope_paths = {"/"};
    regions.level = Level::kRegion;
    regions.limit = 2;
    Result<TerritoryPage> page = ListTerritories(tx, regions);
    EXPECT_TRUE(page.ok());
    if (page.ok()) {
      EXPECT_EQ(page->total, 5);
    }
    Result<Territory> alba = FindByCode(tx, "RO:1026");
    EXPECT_TRUE(alba.ok());
    if (alba.ok()) {
      std::vector<std::string> above;
      for (const TerritoryRef& a : alba->ancestors) above.push_back(a.code + " " + a.name);
      EXPECT_EQ(above,
                (CodeList{"RO România", "RO:10 Județul Alba", "RO:1017 Municipiul Alba Iulia"}));
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST_P(TerritoryRepositoryTest, LatinSpellingFindsCyrillicName) {
  ListQuery q = Query({"/"});
  q.search = "Vinnytska";
  EXPECT_EQ(Codes(q), (CodeList{"UA:05"}));
  q.search = "Kamianets";
  EXPECT_EQ(Codes(q), (CodeList{"UA:0501"}));
}

TEST_P(TerritoryRepositoryTest, UpdatesNamesWithOptimisticVersion) {
  Status s = db().Write([](store::Session& tx) {
    Result<Territory> t = UpdateTerritoryNames(tx, "RO:20", 1, "Județul Arad (nou)", "Arad");
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (t.ok()) {
      EXPECT_EQ(t->version, 2);
      EXPECT_EQ(t->name_latin, "Arad");
    }
    Result<Territory> stale = UpdateTerritoryNames(tx, "RO:20", 1, "Again", std::nullopt);
    EXPECT_EQ(stale.status().code(), "conflict.stale_version");
    Result<Territory> missing = UpdateTerritoryNames(tx, "RO:99", 1, "X", std::nullopt);
    EXPECT_EQ(missing.status().code(), "territory.not_found");
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok());
  ListQuery q = Query({"/"});
  q.search = "(NOU)";
  EXPECT_EQ(Codes(q), (CodeList{"RO:20"}));
}

TEST_P(TerritoryRepositoryTest, InsertRejectsDuplicateCode) {
  Status s = db().Write([&](store::Session& tx) {
    Territory t;
    t.id = "dup-id-000000000000000";
    t.code = "RO:20";
    t.name = "Twice";
    t.level = Level::kRegion;
    t.parent_id = IdOf("RO");
    t.path = "/RO/RO:20/";
    return InsertTerritory(tx, t);
  });
  EXPECT_EQ(s.code(), "territory.duplicate_code");
}

SOCIUS_INSTANTIATE_BACKENDS(TerritoryRepositoryTest);

}  // namespace
}  // namespace socius::territory
