#include "territory/rules.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace socius::territory {
namespace {

using core::Result;
using core::Status;

TEST(CodeShape, AcceptsCountryAndPrefixedCodes) {
  for (const char* code : {"RO", "UA", "RO:1017", "MK:MK-101", "UA:UA01020010000048857", "LT:LT-AL",
                           "MD:1000", "RO:a.b_c-d:9"}) {
    EXPECT_TRUE(CheckCodeShape(code).ok()) << code;
  }
}

TEST(CodeShape, RejectsMalformedCodes) {
  for (const char* code : {"", "R", "ro", "ROU", "RO:", "RO-1017", "1017", "RO:10 17", "RO:10/17",
                           "RO:Județ", "Ro:10", ":10", "RO:%", "ROOT"}) {
    Status s = CheckCodeShape(code);
    EXPECT_FALSE(s.ok()) << code;
    EXPECT_EQ(s.code(), "territory.invalid_code") << code;
    EXPECT_EQ(s.field(), "code");
  }
  EXPECT_TRUE(CheckCodeShape("RO:" + std::string(61, '1')).ok());
  EXPECT_FALSE(CheckCodeShape("RO:" + std::string(62, '1')).ok());
}

TEST(CodeUnderParent, MustCarryTheParentsCountryPrefix) {
  EXPECT_TRUE(CheckCodeUnder("RO:10", std::string("RO")).ok());
  EXPECT_TRUE(CheckCodeUnder("RO:1017", std::string("RO:10")).ok());
  EXPECT_EQ(CheckCodeUnder("UA:10", std::string("RO:10")).code(), "territory.invalid_code");
  EXPECT_EQ(CheckCodeUnder("RO", std::string("RO")).code(), "territory.invalid_code");
  EXPECT_TRUE(CheckCodeUnder("MD", std::nullopt).ok());
  EXPECT_EQ(CheckCodeUnder("MD:1000", std::nullopt).code(), "territory.invalid_code");
}

TEST(Levels, ParseAndNameRoundTrip) {
  for (Level level :
       {Level::kCountry, Level::kRegion, Level::kDistrict, Level::kCommunity, Level::kSettlement}) {
    EXPECT_EQ(ParseLevel(Name(level)), level);
  }
  EXPECT_FALSE(ParseLevel("județ").has_value());
  EXPECT_FALSE(ParseLevel("Country").has_value());
  EXPECT_FALSE(ParseLevel("").has_value());
}

TEST(Levels, ChildMustBeBelowParentAndMaySkip) {
  EXPECT_TRUE(CheckLevelUnder(Level::kRegion, Level::kCountry).ok());
  EXPECT_TRUE(CheckLevelUnder(Level::kCommunity, Level::kCountry).ok());  // skips two rungs
  EXPECT_TRUE(CheckLevelUnder(Level::kSettlement, Level::kCommunity).ok());
  EXPECT_TRUE(CheckLevelUnder(Level::kSettlement, Level::kSettlement).ok());  // city district
  EXPECT_EQ(CheckLevelUnder(Level::kRegion, Level::kRegion).code(), "territory.invalid_level");
  EXPECT_EQ(CheckLevelUnder(Level::kCommunity, Level::kCommunity).code(),
            "territory.invalid_level");
  EXPECT_EQ(CheckLevelUnder(Level::kRegion, Level::kCommunity).code(), "territory.invalid_level");
  EXPECT_EQ(CheckLevelUnder(Level::kCountry, Level::kCountry).code(), "territory.invalid_level");
  EXPECT_TRUE(CheckLevelUnder(Level::kCountry, std::nullopt).ok());
  Status s = CheckLevelUnder(Level::kRegion, std::nullopt);
  EXPECT_EQ(s.code(), "territory.parent_required");
  EXPECT_EQ(s.field(), "parent_code");
}

TEST(Names, AreTrimmedAndChecked) {
  Result<std::string> name = CleanName("  Alba Iulia\t");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "Alba Iulia");
  EXPECT_EQ(CleanName("   ").status().code(), "territory.invalid_name");
  EXPECT_EQ(CleanName("Alba\x01Iulia").status().code(), "territory.invalid_name");
  EXPECT_EQ(CleanName("Alba\nIulia").status().code(), "territory.invalid_name");
  EXPECT_EQ(CleanName("Alba\xC2\x85Iulia").status().code(), "territory.invalid_name");  // NEL
  // Bidirectional controls (U+202E, U+2067) would let one name display as another.
  EXPECT_EQ(CleanName("Alba \xE2\x80\xAE"
                      "ailuI")
                .status()
                .code(),
            "territory.invalid_name");
  EXPECT_EQ(CleanName("Alba \xE2\x81\xA7x").status().code(), "territory.invalid_name");
  EXPECT_EQ(CleanName("Alba\xC3").status().code(), "territory.invalid_utf8");
  // 200 code points of Cyrillic (400 bytes) are fine; 201 are not.
  std::string cyrillic;
  for (int i = 0; i < 200; ++i) cyrillic += "ж";
  EXPECT_TRUE(CleanName(cyrillic).ok());
  EXPECT_EQ(CleanName(cyrillic + "ж").status().code(), "territory.invalid_name");
  Result<std::optional<std::string>> latin = CleanOptionalName("  ", "name_latin");
  ASSERT_TRUE(latin.ok());
  EXPECT_FALSE(latin->has_value());
}

TEST(Utf8, RejectsOverlongSurrogatesAndTruncation) {
  EXPECT_TRUE(IsValidUtf8("Județul Alba, Вінницька, Ѓорче Петров"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Paths, AreBuiltFromCodes) {
  EXPECT_EQ(PathOf("", "RO"), "/RO/");
  EXPECT_EQ(PathOf("/RO/RO:10/", "RO:1017"), "/RO/RO:10/RO:1017/");
  EXPECT_EQ(CodesOnPath("/RO/RO:10/RO:1017/"),
            (std::vector<std::string>{"RO", "RO:10", "RO:1017"}));
  EXPECT_TRUE(CodesOnPath("/").empty());
}

TEST(Scope, CoversSubtreeAndAncestorsOnly) {
  const std::vector<std::string> scope = {"/RO/RO:10/"};
  EXPECT_TRUE(InScope("/RO/RO:10/", scope));
  EXPECT_TRUE(InScope("/RO/RO:10/RO:1017/", scope));
  EXPECT_TRUE(InScope("/RO/", scope));  // ancestor
  EXPECT_FALSE(InScope("/RO/RO:101/", scope));
  EXPECT_FALSE(InScope("/RO/RO:20/", scope));
  EXPECT_FALSE(InScope("/UA/", scope));
  EXPECT_TRUE(InScope("/UA/", {"/"}));
  EXPECT_FALSE(InScope("/RO/", {}));
}

TEST(SearchFolding, FoldsLatinCyrillicAndApostrophes) {
  EXPECT_EQ(FoldForSearch("JUDEȚUL ALBA"), "județul alba");
  EXPECT_EQ(FoldForSearch("ŞIŢ ĂÂÎ"), "şiţ ăâî");
  EXPECT_EQ(FoldForSearch("ВІННИЦЬКА Ґ Ї Є"), "вінницька ґ ї є");
  EXPECT_EQ(FoldForSearch("ЃОРЧЕ ЌЕ ЅЏЉЊЈ"), "ѓорче ќе ѕџљњј");
  EXPECT_EQ(FoldForSearch("ŠIAULIŲ ĄČĘĖĮŪŽ"), "šiaulių ąčęėįūž");
  EXPECT_EQ(FoldForSearch("Кам’янець"), "кам'янець");
  EXPECT_EQ(SearchKeyOf("Велес", std::string("Veles")).rfind("велес\nveles\n", 0), 0u);
}

TEST(SearchFolding, LatinSpellingsFindCyrillicNames) {
  // The match key of a Latin spelling is a substring of the Cyrillic name's search form.
  for (const auto& [name, typed] :
       std::vector<std::pair<std::string, std::string>>{{"Петрівка", "Petrivka"},
                                                        {"Буча", "Bucha"},
                                                        {"Петрівська", "petrivs"},
                                                        {"Шевченкове", "Shevchenkove"}}) {
    const std::string key = SearchKeyOf(name, std::nullopt);
    const std::vector<std::string> patterns = SearchPatternsOf(typed);
    bool found = false;
    for (const std::string& pattern : patterns) found |= key.find(pattern) != std::string::npos;
    EXPECT_TRUE(found) << name << " / " << typed;
  }
  EXPECT_EQ(SearchPatternsOf("alba"), (std::vector<std::string>{"alba"}));
  EXPECT_EQ(SearchPatternsOf("ro:10"), (std::vector<std::string>{"ro:10"}));
}

}  // namespace
}  // namespace socius::territory
