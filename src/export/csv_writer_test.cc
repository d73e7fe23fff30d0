#include "export/csv_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace socius::exporting {
namespace {

std::string OneTextCell(std::string_view value, CsvOptions options = {}) {
  CsvWriter csv(options);
  csv.Text(value);
  csv.EndRow();
  return std::move(csv).Take();
}

TEST(CsvWriter, EndsEveryRowWithCrlfAndSeparatesCells) {
  CsvWriter csv;
  csv.TextRow({"reference", "name", "amount"});
  csv.Text("P-1").Text("Ion Popescu").Money(123450, 2).EndRow();
  EXPECT_EQ(csv.str(), "reference,name,amount\r\nP-1,Ion Popescu,1234.50\r\n");
}

struct QuotingCase {
  std::string value;
  std::string expected;
};

class CsvQuoting : public testing::TestWithParam<QuotingCase> {};

TEST_P(CsvQuoting, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(OneTextCell(GetParam().value), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Cells, CsvQuoting,
                         testing::Values(QuotingCase{"plain", "plain\r\n"}, QuotingCase{"", "\r\n"},
                                         QuotingCase{"Chișinău, sector Botanica",
                                                     "\"Chișinău, sector Botanica\"\r\n"},
                                         QuotingCase{"say \"hi\"", "\"say \"\"hi\"\"\"\r\n"},
                                         QuotingCase{"two\nlines", "\"two\nlines\"\r\n"},
                                         QuotingCase{"two\r\nlines", "\"two\r\nlines\"\r\n"},
                                         QuotingCase{"Ґалина Їжак", "Ґалина Їжак\r\n"}));

class CsvFormulaGuard : public testing::TestWithParam<std::string> {};

TEST_P(CsvFormulaGuard, PrefixesTextThatASpreadsheetWouldRunWithAQuote) {
  const std::string& value = GetParam();
  std::string written = OneTextCell(value);
  std::string cell = written.substr(0, written.size() - 2);
  if (cell.front() == '"') cell = cell.substr(1, cell.size() - 2);  // quoted for its CR
  EXPECT_EQ(cell, "'" + value);
}

INSTANTIATE_TEST_SUITE_P(Starts, CsvFormulaGuard,
                         testing::Values("=1+1", "+40 721 000 000", "-2", "@SUM(A1:A9)",
                                         "\tindented", "\rreturn"));

TEST(CsvWriter, GuardsAQuotedFormulaAndDoublesItsQuotes) {
  EXPECT_EQ(OneTextCell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"\r\n");
}

TEST(CsvWriter, LeavesFormulaCharactersInsideTextAlone) {
  EXPECT_EQ(OneTextCell("a=b-c"), "a=b-c\r\n");
}

TEST(CsvWriter, WritesNegativeNumbersAsNumbers) {
  CsvWriter csv;
  csv.Integer(-42).Money(-5, 2).Money(-123450, 2).EndRow();
  EXPECT_EQ(csv.str(), "-42,-0.05,-1234.50\r\n");
}

TEST(CsvWriter, StartsWithAByteOrderMarkWhenAsked) {
  EXPECT_EQ(OneTextCell("ș", CsvOptions{.byte_order_mark = true}), "\xEF\xBB\xBFș\r\n");
  EXPECT_EQ(OneTextCell("ș"), "ș\r\n");
}

TEST(CsvWriter, UsesTheChosenSeparatorAndQuotesIt) {
  CsvWriter csv(CsvOptions{.separator = ';'});
  csv.Text("a;b").Money(150, 2).Date(core::Date{2026, 1, 5}).Empty().EndRow();
  EXPECT_EQ(csv.str(), "\"a;b\";1.50;2026-01-05;\r\n");
}

TEST(CsvWriter, QuotesANumberThatHoldsTheSeparator) {
  CsvWriter csv(CsvOptions{.separator = '.'});
  csv.Money(150, 2).Integer(7).EndRow();
  EXPECT_EQ(csv.str(), "\"1.50\".7\r\n");
}

TEST(FormatMinorUnits, IsExactForEveryAmount) {
  EXPECT_EQ(FormatMinorUnits(0, 2), "0.00");
  EXPECT_EQ(FormatMinorUnits(7, 2), "0.07");
  EXPECT_EQ(FormatMinorUnits(20301100, 2), "203011.00");
  EXPECT_EQ(FormatMinorUnits(1500, 0), "1500");
  EXPECT_EQ(FormatMinorUnits(1, 3), "0.001");
  EXPECT_EQ(FormatMinorUnits(std::numeric_limits<int64_t>::max(), 2), "92233720368547758.07");
  EXPECT_EQ(FormatMinorUnits(std::numeric_limits<int64_t>::min(), 2), "-92233720368547758.08");
  EXPECT_EQ(FormatMinorUnits(5, 12), "0.000000005");  // decimals clamped to 9
  EXPECT_EQ(FormatMinorUnits(5, -1), "5");
}

}  // namespace
}  // namespace socius::exporting
