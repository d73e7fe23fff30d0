// The CSV import on both backends: validation with exact row numbers, all-or-nothing and
// partial imports, idempotent re-import, and the shipped reference files.
#include "territory/import.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "territory/repository.h"
#include "testing/test_database.h"

namespace socius::territory {
namespace {

using core::Result;
using core::Status;

class TerritoryImportTest : public testing::DatabaseTest {
 protected:
  ImportReport Import(const std::string& csv, bool partial = false) {
    std::istringstream in(csv);
    ImportOptions options;
    options.partial = partial;
    options.source = "test.csv";
    Result<ImportReport> report = ImportTerritoriesCsv(db(), in, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : ImportReport{};
  }

  std::optional<Territory> Find(const std::string& code) {
    std::optional<Territory> out;
    EXPECT_TRUE(db().Read([&](store::Session& tx) {
                      Result<Territory> t = FindByCode(tx, code);
                      if (t.ok()) out = *t;
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  int64_t Scalar(const std::string& sql, const std::vector<store::Value>& params = {}) {
    int64_t value = -1;
    EXPECT_TRUE(db().Read([&](store::Session& tx) {
                      Result<store::Rows> rows = tx.Query(sql, params);
                      if (!rows.ok()) return rows.status();
                      value = (*rows)[0].Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return value;
  }

  int64_t TerritoryRows() {
    return Scalar("SELECT COUNT(*) FROM territories WHERE code <> 'ROOT'");
  }
  int64_t ImportAudits() {
    return Scalar("SELECT COUNT(*) FROM audit_log WHERE action = ?",
                  {store::Value(std::string("territory.import"))});
  }
};

// Rows are listed children before parents on purpose.
constexpr char kSmallTree[] =
    "code,parent_code,level,name,name_latin\n"          // line 1
    "RO:1026,RO:1017,settlement,Alba Iulia,\n"          // 2
    "RO:1017,RO:10,community,Municipiul Alba Iulia,\n"  // 3
    "RO:10,RO,region,Județul Alba,\n"                   // 4
    "RO,,country,România,Romania\n";                    // 5

TEST_P(TerritoryImportTest, ImportsTreeWithParentsDefinedLaterAndComputesPaths) {
  ImportReport report = Import(kSmallTree);
  EXPECT_TRUE(report.committed);
  EXPECT_TRUE(report.errors.empty());
  EXPECT_EQ(report.rows, 4);
  EXPECT_EQ(report.created, 4);
  std::optional<Territory> settlement = Find("RO:1026");
  std::optional<Territory> community = Find("RO:1017");
  std::optional<Territory> region = Find("RO:10");
  std::optional<Territory> country = Find("RO");
  ASSERT_TRUE(settlement && community && region && country);
  EXPECT_EQ(settlement->path, "/RO/RO:10/RO:1017/RO:1026/");
  EXPECT_EQ(settlement->parent_code, "RO:1017");
  EXPECT_EQ(settlement->community_id, community->id);
  EXPECT_EQ(community->community_id, community->id);
  EXPECT_FALSE(region->community_id.has_value());
  EXPECT_FALSE(country->parent_code.has_value());
  EXPECT_EQ(country->path, "/RO/");
  EXPECT_EQ(country->name_latin, "Romania");
  EXPECT_FALSE(region->name_latin.has_value());
  EXPECT_EQ(ImportAudits(), 1);
}

TEST_P(TerritoryImportTest, ColumnsMayComeInAnyOrderAndNameLatinIsOptional) {
  ImportReport report = Import(
      "\xEF\xBB\xBFname,level,code,parent_code\r\n"
      "Moldova,country,MD,\r\n"
      "\"Anenii Noi\",district,MD:1000,MD\r\n");
  EXPECT_TRUE(report.committed);
  EXPECT_EQ(report.created, 2);
  std::optional<Territory> district = Find("MD:1000");
  ASSERT_TRUE(district);
  EXPECT_EQ(district->name, "Anenii Noi");
  EXPECT_EQ(district->level, Level::kDistrict);
}

TEST_P(TerritoryImportTest, HeaderProblemsStopTheImport) {
  ImportReport missing = Import("code,parent_code,name\nRO,,România\n");
  EXPECT_FALSE(missing.committed);
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].code, "territory.csv_missing_column");
  EXPECT_EQ(missing.errors[0].field, "level");
  EXPECT_EQ(missing.errors[0].row, 1);

  ImportReport unknown = Import("code,parent_code,level,name,judet\nRO,,country,România,x\n");
  EXPECT_FALSE(unknown.committed);
  ASSERT_EQ(unknown.errors.size(), 1u);
  EXPECT_EQ(unknown.errors[0].code, "territory.csv_unknown_column");
  EXPECT_EQ(unknown.errors[0].field, "judet");

  ImportReport empty = Import("");
  EXPECT_FALSE(empty.committed);
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].code, "territory.csv_empty");
  EXPECT_EQ(TerritoryRows(), 0);
  EXPECT_EQ(ImportAudits(), 0);
}

// One file with a mistake of every kind; the comment gives each record's line.
constexpr char kFaulty[] =
    "code,parent_code,level,name,name_latin\n"          // 1
    "RO,,country,România,\n"                            // 2
    "RO:10,RO,județ,Județul Alba,\n"                    // 3 unknown level
    "RO:1017,RO:10,community,Municipiul Alba Iulia,\n"  // 4 child of a bad row
    "RO:20,RO,region,\"Județul\nBihor\",\n"             // 5 name with a line break
    "RO:30,RO,region,Județul Cluj\n"                    // 7 four fields
    "RO:40,RO,region,Județul \xC3\x28,\n"               // 8 bad UTF-8 in name
    "RO:50,RO:99,community,Orfan,\n"                    // 9 unknown parent
    "RO:60,RO,region,Județul Dolj,\n"                   // 10 good
    "RO:61,RO:60,region,Craiova,\n"                     // 11 level not below parent
    "RO:60,RO,region,Județul Dolj bis,\n"               // 12 duplicate code
    "UA:70,RO,region,Wrong prefix,\n"                   // 13 code under another country
    "RO 80,RO,region,Spaces,\n"                         // 14 bad code
    "RO:90,RO,region,\"Județul \"\"Gorj\"\"\",\n";      // 15 good, quoted quotes

TEST_P(TerritoryImportTest, AllOrNothingReportsEveryBadRowAndWritesNothing) {
  ImportReport report = Import(kFaulty);
  EXPECT_FALSE(report.committed);
  std::vector<std::tuple<int64_t, std::string, std::string>> got;
  for (const ImportError& e : report.errors) got.emplace_back(e.row, e.field, e.code);
  const std::vector<std::tuple<int64_t, std::string, std::string>> want = {
      {3, "level", "territory.invalid_level"},
      {5, "name", "territory.invalid_name"},
      {7, "", "territory.csv_column_count"},
      {8, "name", "territory.invalid_utf8"},
      {9, "parent_code", "territory.parent_not_found"},
      {11, "level", "territory.invalid_level"},
      {12, "code", "territory.duplicate_code"},
      {13, "code", "territory.invalid_code"},
      {14, "code", "territory.invalid_code"},
  };
  EXPECT_EQ(got, want);
  EXPECT_EQ(report.errors[0].message, "unknown level \"județ\"");
  EXPECT_EQ(report.created, 0);
  EXPECT_EQ(TerritoryRows(), 0);
  EXPECT_EQ(ImportAudits(), 0);
}

TEST_P(TerritoryImportTest, PartialImportKeepsGoodRowsAndTheirDescendants) {
  ImportReport report = Import(kFaulty, /*partial=*/true);
  EXPECT_TRUE(report.committed);
  // Good: RO, RO:60, RO:90. Row 4 is rejected because its parent (row 3) is.
  EXPECT_EQ(report.created, 3);
  EXPECT_EQ(report.rows, 13);
  EXPECT_EQ(report.rejected, 10);
  bool reported_cascade = false;
  for (const ImportError& e : report.errors) {
    if (e.row == 4) {
      reported_cascade = true;
      EXPECT_EQ(e.code, "territory.parent_rejected");
      EXPECT_EQ(e.field, "parent_code");
    }
  }
  EXPECT_TRUE(reported_cascade);
  EXPECT_TRUE(Find("RO"));
  EXPECT_TRUE(Find("RO:60"));
  ASSERT_TRUE(Find("RO:90"));
  EXPECT_EQ(Find("RO:90")->name, "Județul \"Gorj\"");
  EXPECT_EQ(Find("RO:60")->name, "Județul Dolj");  // the first of the duplicates
  EXPECT_FALSE(Find("RO:10"));
  EXPECT_FALSE(Find("RO:1017"));
  EXPECT_EQ(TerritoryRows(), 3);
  EXPECT_EQ(ImportAudits(), 1);
}

TEST_P(TerritoryImportTest, ReimportIsIdempotentAndUpdatesChangedNames) {
  ASSERT_TRUE(Import(kSmallTree).committed);
  ImportReport again = Import(kSmallTree);
  EXPECT_TRUE(again.committed);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.updated, 0);
  EXPECT_EQ(again.unchanged, 4);
  EXPECT_EQ(Find("RO:10")->version, 1);

  ImportReport renamed = Import(
      "code,parent_code,level,name,name_latin\n"
      "RO:10,RO,region,Județul Alba (nou),Alba\n"
      "RO:11,RO,region,Județul Arad,\n");
  EXPECT_TRUE(renamed.committed);
  EXPECT_EQ(renamed.updated, 1);
  EXPECT_EQ(renamed.created, 1);
  std::optional<Territory> alba = Find("RO:10");
  ASSERT_TRUE(alba);
  EXPECT_EQ(alba->name, "Județul Alba (nou)");
  EXPECT_EQ(alba->name_latin, "Alba");
  EXPECT_EQ(alba->version, 2);
  EXPECT_EQ(Find("RO:11")->path, "/RO/RO:11/");
}

TEST_P(TerritoryImportTest, ExistingCodeUnderAnotherParentOrLevelIsRejected) {
  ASSERT_TRUE(Import(kSmallTree).committed);
  ImportReport moved = Import(
      "code,parent_code,level,name,name_latin\n"
      "RO:11,RO,region,Județul Arad,\n"
      "RO:1017,RO:11,community,Municipiul Alba Iulia,\n");
  EXPECT_FALSE(moved.committed);
  ASSERT_EQ(moved.errors.size(), 1u);
  EXPECT_EQ(moved.errors[0].row, 3);
  EXPECT_EQ(moved.errors[0].field, "parent_code");
  EXPECT_EQ(moved.errors[0].code, "territory.parent_mismatch");
  ImportReport relevelled = Import(
      "code,parent_code,level,name,name_latin\n"
      "RO:1017,RO:10,district,Municipiul Alba Iulia,\n");
  EXPECT_FALSE(relevelled.committed);
  ASSERT_EQ(relevelled.errors.size(), 1u);
  EXPECT_EQ(relevelled.errors[0].row, 2);
  EXPECT_EQ(relevelled.errors[0].field, "level");
  EXPECT_EQ(relevelled.errors[0].code, "territory.level_mismatch");
  EXPECT_FALSE(Find("RO:11"));
}

TEST_P(TerritoryImportTest, SettlementsMayLieWithinSettlementsButParentsMustNotLoop) {
  ImportReport report = Import(
      "code,parent_code,level,name,name_latin\n"
      "UA,,country,Україна,\n"                 // 2
      "UA:K,UA,region,Київ,\n"                 // 3
      "UA:M,UA:K,settlement,Місто,\n"          // 4
      "UA:B,UA:M,settlement,Район у місті,\n"  // 5
      "UA:X,UA:Y,settlement,Петля,\n"          // 6
      "UA:Y,UA:X,settlement,Петля,\n",         // 7
      /*partial=*/true);
  EXPECT_TRUE(report.committed);
  EXPECT_EQ(report.created, 4);
  EXPECT_EQ(report.rejected, 2);
  ASSERT_EQ(report.errors.size(), 2u);
  EXPECT_EQ(report.errors[0].row, 6);
  EXPECT_EQ(report.errors[1].row, 7);
  EXPECT_TRUE(report.errors[0].code == "territory.parent_cycle" ||
              report.errors[1].code == "territory.parent_cycle");
  std::optional<Territory> part = Find("UA:B");
  ASSERT_TRUE(part);
  EXPECT_EQ(part->path, "/UA/UA:K/UA:M/UA:B/");
}

TEST_P(TerritoryImportTest, RowsMayHangUnderExistingTerritories) {
  ASSERT_TRUE(Import(kSmallTree).committed);
  ImportReport report = Import(
      "code,parent_code,level,name,name_latin\n"
      "RO:1035,RO:1017,settlement,Bărăbanț,\n");
  EXPECT_TRUE(report.committed);
  std::optional<Territory> village = Find("RO:1035");
  ASSERT_TRUE(village);
  EXPECT_EQ(village->path, "/RO/RO:10/RO:1017/RO:1035/");
  EXPECT_EQ(village->community_id, Find("RO:1017")->id);
}

TEST_P(TerritoryImportTest, ShippedReferenceFilesImportWithTheReadmeCounts) {
  const char* env = std::getenv("SOCIUS_SOURCE_DIR");
  const std::string source_dir = env ? env : SOCIUS_TEST_SOURCE_DIR;
  const std::map<std::string, int64_t> expected = {
      {"ua", 31749}, {"ro", 16979}, {"md", 38}, {"mk", 82}, {"lt", 71}};
  int64_t total = 0;
  for (const auto& [country, rows] : expected) {
    std::ifstream in(source_dir + "/data/territories/" + country + ".csv", std::ios::binary);
    ASSERT_TRUE(in) << country;
    const auto start = std::chrono::steady_clock::now();
    ImportOptions options;
    options.source = country + ".csv";
    Result<ImportReport> report = ImportTerritoriesCsv(db(), in, options);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->committed) << country;
    EXPECT_TRUE(report->errors.empty())
        << country << " row " << report->errors[0].row << ": " << report->errors[0].message;
    EXPECT_EQ(report->rows, rows) << country;
    EXPECT_EQ(report->created, rows) << country;
    std::cout << "[ import ] " << country << ".csv: " << rows << " rows in " << ms << " ms\n";
    total += rows;
  }
  EXPECT_EQ(TerritoryRows(), total);
  // The README's per-level counts, for Ukraine and Romania.
  const auto level_count = [&](const std::string& country, const std::string& level) {
    return Scalar(
        "SELECT COUNT(*) FROM territories WHERE level = ? AND (code = ? OR "
        "substr(code, 1, 3) = ?)",
        {store::Value(level), store::Value(country), store::Value(country + ":")});
  };
  EXPECT_EQ(level_count("UA", "settlement"), 29813);
  EXPECT_EQ(level_count("UA", "community"), 1772);
  EXPECT_EQ(level_count("UA", "district"), 136);
  EXPECT_EQ(level_count("RO", "community"), 3181);
  EXPECT_EQ(level_count("RO", "settlement"), 13755);
  EXPECT_EQ(level_count("MK", "community"), 80);
  // Every settlement of Romania lies in a community.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM territories WHERE level = 'settlement' AND "
                   "community_id IS NULL AND substr(code, 1, 3) = 'RO:'"),
            0);
  // Re-importing a shipped file changes nothing.
  std::ifstream again(source_dir + "/data/territories/ro.csv", std::ios::binary);
  Result<ImportReport> second = ImportTerritoriesCsv(db(), again, ImportOptions{});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->created, 0);
  EXPECT_EQ(second->updated, 0);
  EXPECT_EQ(second->unchanged, 16979);
}

SOCIUS_INSTANTIATE_BACKENDS(TerritoryImportTest);

}  // namespace
}  // namespace socius::territory
