#include "core/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace socius::core {
namespace {

std::vector<CsvRecord> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRecord> out;
  CsvRecord record;
  while (reader.Next(&record)) out.push_back(record);
  return out;
}

using Fields = std::vector<std::string>;

TEST(Csv, ReadsPlainRecordsWithLineNumbers) {
  auto records = ReadAll("a,b,c\n1,2,3\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(records[1].fields, (Fields{"1", "2", "3"}));
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].line, 2);
}

TEST(Csv, SkipsByteOrderMark) {
  auto records = ReadAll(
      "\xEF\xBB\xBF"
      "code,name\nRO,România\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[0], "code");
  EXPECT_EQ(records[1].fields[1], "România");
}

TEST(Csv, HandlesCrlfAndMissingFinalNewline) {
  auto records = ReadAll("a,b\r\n1,2\r\n3,4");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(records[2].fields, (Fields{"3", "4"}));
  EXPECT_EQ(records[2].line, 3);
}

TEST(Csv, ReadsBareCarriageReturnsAsLineEnds) {
  auto records = ReadAll("a,b\r1,\"x\ry\"\r\r3,4\r");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (Fields{"1", "x\ry"}));
  EXPECT_EQ(records[2].fields, (Fields{"3", "4"}));
  EXPECT_EQ(records[2].line, 5);

  auto resynchronised = ReadAll("a,b\r\"x\"y,z\rok,1\r");
  ASSERT_EQ(resynchronised.size(), 3u);
  EXPECT_FALSE(resynchronised[1].malformed.empty());
  EXPECT_EQ(resynchronised[2].fields, (Fields{"ok", "1"}));
  EXPECT_EQ(resynchronised[2].line, 3);
}

TEST(Csv, QuotedFieldsKeepCommasQuotesAndNewlines) {
  auto records = ReadAll("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,1\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].fields, (Fields{"x, y", "say \"hi\""}));
  EXPECT_EQ(records[2].fields, (Fields{"two\nlines", "z"}));
  EXPECT_EQ(records[2].line, 3);
  EXPECT_EQ(records[3].line, 5);  // the record after an embedded newline
  EXPECT_TRUE(records[2].malformed.empty());
}

TEST(Csv, EmptyFieldsAndTrailingComma) {
  auto records = ReadAll("RO,,country,România,\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"RO", "", "country", "România", ""}));
}

TEST(Csv, SkipsBlankLinesButCountsThem) {
  auto records = ReadAll("a\n\n\r\nb\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 4);
}

TEST(Csv, ReportsBadQuotingAndResynchronises) {
  auto records = ReadAll("a,b\n\"x\"y,z\nok,1\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_FALSE(records[1].malformed.empty());
  EXPECT_EQ(records[2].fields, (Fields{"ok", "1"}));
  EXPECT_EQ(records[2].line, 3);

  auto unterminated = ReadAll("a,b\n\"never closed,1\n");
  ASSERT_EQ(unterminated.size(), 2u);
  EXPECT_FALSE(unterminated[1].malformed.empty());

  auto stray = ReadAll("a,b\nx\"y,1\n");
  ASSERT_EQ(stray.size(), 2u);
  EXPECT_FALSE(stray[1].malformed.empty());
}

TEST(Csv, PassesBytesThrough) {
  auto records = ReadAll("a\n\xC3\x28\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields[0], "\xC3\x28");
}

TEST(Csv, EmptyInputHasNoRecords) {
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\xEF\xBB\xBF").empty());
}

}  // namespace
}  // namespace socius::core
