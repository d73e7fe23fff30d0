#include "export/xlsx_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "export/pdf_probe.h"

namespace socius::exporting {
namespace {

using probe::ReadZipMember;

XlsxWorkbook PaymentList() {
  XlsxWorkbook workbook;
  XlsxSheet& sheet = workbook.AddSheet(
      "Payments", {{"Reference", 14}, {"Beneficiary", 30}, {"Amount", 12}, {"Paid on", 12}});
  sheet.AddRow({std::string("P-000001"), std::string("Ștefan Țurcanu"), XlsxMoney{123450, 2},
                core::Date{2026, 1, 15}});
  sheet.AddRow({std::string("=1+1"), std::string("Оксана Ґрабовська"), XlsxMoney{-5, 2}});
  XlsxSheet& totals = workbook.AddSheet("Totals", {{"Households", 12}});
  totals.AddRow({int64_t{255}});
  return workbook;
}

TEST(XlsxWorkbook, IsAZipWithOneWorksheetPerSheet) {
  core::Result<std::string> xlsx = PaymentList().Build();
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_EQ(xlsx->substr(0, 4), std::string("PK\x03\x04", 4));
  std::optional<std::string> workbook = ReadZipMember(*xlsx, "xl/workbook.xml");
  ASSERT_TRUE(workbook.has_value());
  EXPECT_NE(workbook->find("name=\"Payments\""), std::string::npos);
  EXPECT_NE(workbook->find("name=\"Totals\""), std::string::npos);
  std::optional<std::string> totals = ReadZipMember(*xlsx, "xl/worksheets/sheet2.xml");
  ASSERT_TRUE(totals.has_value());
  EXPECT_NE(totals->find("<v>255</v>"), std::string::npos);
}

TEST(XlsxWorkbook, FreezesABoldHeaderAndSetsColumnWidths) {
  core::Result<std::string> xlsx = PaymentList().Build();
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  std::optional<std::string> sheet = ReadZipMember(*xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.has_value());
  EXPECT_NE(sheet->find("ySplit=\"1\""), std::string::npos) << *sheet;
  EXPECT_NE(sheet->find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet->find("<col min=\"2\" max=\"2\" width=\"30.7109375\""), std::string::npos)
      << *sheet;
  std::optional<std::string> styles = ReadZipMember(*xlsx, "xl/styles.xml");
  ASSERT_TRUE(styles.has_value());
  EXPECT_NE(styles->find("<b/>"), std::string::npos);
}

TEST(XlsxWorkbook, WritesAmountsAndDatesAsFormattedNumbers) {
  core::Result<std::string> xlsx = PaymentList().Build();
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  std::optional<std::string> sheet = ReadZipMember(*xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.has_value());
  EXPECT_NE(sheet->find("<v>1234.5</v>"), std::string::npos) << *sheet;
  EXPECT_NE(sheet->find("<v>-0.05</v>"), std::string::npos);
  EXPECT_NE(sheet->find("<v>46037</v>"), std::string::npos);  // 2026-01-15 as a day number
  std::optional<std::string> styles = ReadZipMember(*xlsx, "xl/styles.xml");
  ASSERT_TRUE(styles.has_value());
  EXPECT_NE(styles->find("formatCode=\"#,##0.00\""), std::string::npos) << *styles;
  EXPECT_NE(styles->find("formatCode=\"yyyy-mm-dd\""), std::string::npos);
}

TEST(XlsxWorkbook, KeepsTextAsTextEvenWhenItLooksLikeAFormula) {
  core::Result<std::string> xlsx = PaymentList().Build();
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  std::optional<std::string> strings = ReadZipMember(*xlsx, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings.has_value());
  EXPECT_NE(strings->find("Ștefan Țurcanu"), std::string::npos);
  EXPECT_NE(strings->find("Оксана Ґрабовська"), std::string::npos);
  EXPECT_NE(strings->find("<t>=1+1</t>"), std::string::npos);
  std::optional<std::string> sheet = ReadZipMember(*xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.has_value());
  EXPECT_EQ(sheet->find("<f>"), std::string::npos);
}

TEST(XlsxWorkbook, LeavesNoTemporaryFileBehind) {
  std::filesystem::path dir = std::filesystem::path(testing::TempDir()) / "xlsx_tmp_left";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  setenv("TMPDIR", dir.c_str(), 1);
  core::Result<std::string> built = PaymentList().Build();
  XlsxWorkbook bad;
  bad.AddSheet("Bad", {{"A", 10}}).AddRow({std::string("a"), std::string("b")});
  core::Result<std::string> failed = bad.Build();
  unsetenv("TMPDIR");
  EXPECT_TRUE(built.ok());
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}

TEST(XlsxWorkbook, ReportsAMissingTemporaryDirectoryAsUnavailable) {
  setenv("TMPDIR", "/nonexistent/socius", 1);
  core::Result<std::string> xlsx = PaymentList().Build();
  unsetenv("TMPDIR");
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.status().kind(), core::StatusKind::kUnavailable);
  EXPECT_EQ(xlsx.status().code(), "xlsx.temporary_file");
}

struct BadWorkbookCase {
  std::string name;
  XlsxWorkbook workbook;
  std::string code;
  std::string field;
};

std::vector<BadWorkbookCase> BadWorkbooks() {
  std::vector<BadWorkbookCase> cases;
  cases.push_back({"NoSheets", XlsxWorkbook(), "xlsx.no_sheets", ""});
  auto one_cell = [](std::string sheet_name, XlsxCell cell) {
    XlsxWorkbook workbook;
    workbook.AddSheet(std::move(sheet_name), {{"A", 10}}).AddRow({std::move(cell)});
    return workbook;
  };
  cases.push_back({"EmptySheetName", one_cell("", int64_t{1}), "xlsx.bad_sheet_name", ""});
  cases.push_back({"LongSheetName", one_cell(std::string(32, 'x'), int64_t{1}),
                   "xlsx.bad_sheet_name", std::string(32, 'x')});
  cases.push_back(
      {"SlashInSheetName", one_cell("2026/01", int64_t{1}), "xlsx.bad_sheet_name", "2026/01"});
  cases.push_back(
      {"ApostropheSheetName", one_cell("'quoted'", int64_t{1}), "xlsx.bad_sheet_name", "'quoted'"});
  XlsxWorkbook twice;
  twice.AddSheet("Same", {{"A", 10}});
  twice.AddSheet("Same", {{"A", 10}});
  cases.push_back({"SheetNameUsedTwice", std::move(twice), "xlsx.bad_sheet_name", "Same"});
  cases.push_back(
      {"TextTooLong", one_cell("S", std::string(32768, 'a')), "xlsx.text_too_long", "S!R2C1"});
  cases.push_back(
      {"TooManyDecimals", one_cell("S", XlsxMoney{1, 5}), "xlsx.bad_decimals", "S!R2C1"});
  cases.push_back(
      {"NegativeDecimals", one_cell("S", XlsxMoney{1, -1}), "xlsx.bad_decimals", "S!R2C1"});
  cases.push_back({"DateBefore1900", one_cell("S", core::Date{1899, 12, 31}),
                   "xlsx.date_out_of_range", "S!R2C1"});
  XlsxWorkbook long_row;
  long_row.AddSheet("S", {{"A", 10}}).AddRow({int64_t{1}, int64_t{2}});
  cases.push_back({"RowLongerThanHeader", std::move(long_row), "xlsx.row_too_long", "S!R2C2"});
  XlsxWorkbook wide;
  wide.AddSheet("S", std::vector<XlsxColumn>(16385, XlsxColumn{"A", 5}));
  cases.push_back({"TooManyColumns", std::move(wide), "xlsx.row_too_long", "S"});
  XlsxWorkbook tall;
  XlsxSheet& tall_sheet = tall.AddSheet("S", {{"A", 10}});
  for (int i = 0; i < 1048576; ++i) tall_sheet.AddRow({});
  cases.push_back({"TooManyRows", std::move(tall), "xlsx.too_many_rows", "S"});
  return cases;
}

TEST(XlsxWorkbook, RefusesWhatASpreadsheetCannotHold) {
  for (BadWorkbookCase& bad : BadWorkbooks()) {
    SCOPED_TRACE(bad.name);
    core::Result<std::string> xlsx = bad.workbook.Build();
    ASSERT_FALSE(xlsx.ok());
    EXPECT_EQ(xlsx.status().kind(), core::StatusKind::kInvalidArgument);
    EXPECT_EQ(xlsx.status().code(), bad.code);
    EXPECT_EQ(xlsx.status().field(), bad.field);
  }
}

}  // namespace
}  // namespace socius::exporting
