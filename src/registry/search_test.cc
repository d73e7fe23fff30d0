#include "registry/search.h"

#include <gtest/gtest.h>

#include "text/match_key.h"

namespace socius::registry {
namespace {

constexpr core::Date kToday{2026, 3, 1};

TEST(ParseSearchTextTest, SplitsNamesYearsDatesAndIdentifiers) {
  ParsedSearch p = ParseSearchText("Поліщук Olha 1984", kToday);
  ASSERT_EQ(p.index.words.size(), 2u);
  EXPECT_EQ(p.index.words[0], text::NameMatchKey("Polishchuk"));
  EXPECT_EQ(p.index.birth_year, 1984);
  EXPECT_TRUE(p.identifier_values.empty());

  p = ParseSearchText("07.03.1984", kToday);
  EXPECT_EQ(p.index.birth_date, (core::Date{1984, 3, 7}));
  EXPECT_TRUE(p.index.words.empty());
  p = ParseSearchText("1984-03-07", kToday);
  EXPECT_EQ(p.index.birth_date, (core::Date{1984, 3, 7}));

  p = ParseSearchText(" 1984030712345 ", kToday);
  EXPECT_EQ(p.identifier_values, (std::vector<std::string>{"1984030712345", "19840307-12345"}));
  p = ParseSearchText("19840307-12345", kToday);
  EXPECT_EQ(p.identifier_values, (std::vector<std::string>{"19840307-12345"}));

  p = ParseSearchText("3024", kToday);  // not a plausible year, not an identifier
  EXPECT_TRUE(p.empty());
  EXPECT_TRUE(ParseSearchText("   ", kToday).empty());
}

}  // namespace
}  // namespace socius::registry
