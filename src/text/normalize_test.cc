#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>

namespace socius::text {
namespace {

struct Utf8Case {
  std::string text;
  bool valid;
};

TEST(IsValidUtf8, AcceptsWellFormedAndRejectsIllFormedSequences) {
  const Utf8Case cases[] = {
      {"", true},
      {"Ion Popescu", true},
      {"Ștefan Țurcanu", true},     // 2-byte sequences
      {"Поліщук Ѓорѓи", true},      // Cyrillic
      {"\xE2\x82\xAC", true},       // € (3 bytes)
      {"\xF0\x9F\x98\x80", true},   // 😀 (4 bytes)
      {"\x80", false},              // lone continuation byte
      {"abc\xFF", false},           // byte never used in UTF-8
      {"\xC0\xAF", false},          // overlong '/'
      {"\xE0\x80\xAF", false},      // overlong, 3 bytes
      {"\xED\xA0\x80", false},      // UTF-16 surrogate U+D800
      {"\xF4\x90\x80\x80", false},  // beyond U+10FFFF
      {"\xE2\x82", false},          // truncated sequence
      {"Popescu\xC3", false},       // truncated at the end
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsValidUtf8(c.text), c.valid) << c.text;
    EXPECT_EQ(ValidateUtf8(c.text, "family_name").ok(), c.valid) << c.text;
  }
}

TEST(ValidateUtf8, NamesTheFieldAndStableCode) {
  core::Status s = ValidateUtf8("bad\xFF", "family_name");
  EXPECT_EQ(s.kind(), core::StatusKind::kInvalidArgument);
  EXPECT_EQ(s.code(), "text.invalid_utf8");
  EXPECT_EQ(s.field(), "family_name");
}

TEST(ToNfc, ComposesDecomposedLetters) {
  const std::pair<std::string, std::string> cases[] = {
      {"s\xCC\xA6", "\xC8\x99"},            // s + comma below -> ș
      {"S\xCC\xA6tefan", "\xC8\x98tefan"},  // Ș
      {"\xD0\x98\xCC\x86", "\xD0\x99"},     // И + breve -> Й
      {"e\xCC\x81", "\xC3\xA9"},            // é
      {"Popescu", "Popescu"},
      {"\xEF\xAC\x81lip", "\xEF\xAC\x81lip"},  // NFC keeps the ﬁ ligature
  };
  for (const auto& [in, want] : cases) {
    auto r = ToNfc(in);
    ASSERT_TRUE(r.ok()) << in;
    EXPECT_EQ(*r, want) << in;
  }
}

TEST(ToNfkc, FoldsCompatibilityForms) {
  const std::pair<std::string, std::string> cases[] = {
      {"\xEF\xAC\x81lip", "filip"},                                  // ﬁ ligature
      {"\xEF\xBC\xA9\xEF\xBD\x96\xEF\xBD\x81\xEF\xBD\x8E", "Ivan"},  // full-width Ｉｖａｎ
      {"s\xCC\xA6", "\xC8\x99"},                                     // also composes
  };
  for (const auto& [in, want] : cases) {
    auto r = ToNfkc(in);
    ASSERT_TRUE(r.ok()) << in;
    EXPECT_EQ(*r, want) << in;
  }
}

TEST(ToNfc, RejectsIllFormedUtf8NamingTheField) {
  for (auto* normalize : {&ToNfc, &ToNfkc}) {
    auto r = normalize("Ion\xC3", "given_name");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), "text.invalid_utf8");
    EXPECT_EQ(r.status().field(), "given_name");
  }
}

TEST(HasControlCharacters, FindsC0C1DelAndBidiControls) {
  const std::pair<std::string, bool> cases[] = {
      {"Ion Popescu", false},
      {"Ștefan-Țurcanu O'Neil", false},
      {"Поліщук", false},
      {"Ion\tPopescu", true},
      {"Ion\nPopescu", true},
      {std::string("Ion\0Pop", 7), true},
      {"Ion\x7F", true},      // DEL
      {"Ion\xC2\x85", true},  // NEL (C1)
      {"Ion\xC2\x9B", true},  // CSI (C1)
      {"abc\xE2\x80\xAE"
       "cba",
       true},                     // RIGHT-TO-LEFT OVERRIDE
      {"abc\xE2\x81\xA6", true},  // LEFT-TO-RIGHT ISOLATE
      {"abc\xE2\x80\x8F", true},  // RIGHT-TO-LEFT MARK
      {"abc\xFF", true},          // ill-formed byte
  };
  for (const auto& [text, has] : cases) EXPECT_EQ(HasControlCharacters(text), has) << text;
}

TEST(RemoveControlCharacters, DropsControlsAndKeepsWordsApart) {
  const std::pair<std::string, std::string> cases[] = {
      {"Ion\tPopescu", "Ion Popescu"},
      {"Ion\r\nPopescu", "Ion  Popescu"},
      {"Ion\x7F", "Ion"},
      {"abc\xE2\x80\xAE"
       "cba",
       "abccba"},
      {"Ștefan", "Ștefan"},
      {"a\xFF"
       "b",
       "ab"},
  };
  for (const auto& [in, want] : cases) {
    EXPECT_EQ(RemoveControlCharacters(in), want) << in;
    EXPECT_FALSE(HasControlCharacters(RemoveControlCharacters(in))) << in;
  }
}

TEST(CodePointLength, CountsCodePointsNotBytes) {
  const std::pair<std::string, size_t> cases[] = {
      {"", 0},
      {"Ion", 3},
      {"Ștefan", 6},
      {"Поліщук", 7},
      {"\xF0\x9F\x98\x80", 1},
      {"s\xCC\xA6", 2},
      {"a\xFF"
       "b",
       3},
  };
  for (const auto& [text, length] : cases) EXPECT_EQ(CodePointLength(text), length) << text;
}

TEST(CleanField, TrimsCollapsesSpacesAndComposes) {
  const std::pair<std::string, std::string> cases[] = {
      {"  Ion   Popescu ", "Ion Popescu"},
      {"S\xCC\xA6tefan", "\xC8\x98tefan"},
      {"\xC2\xA0Олена\xE2\x80\x83Поліщук", "Олена Поліщук"},  // NBSP and EM SPACE
      {"Jean-Pierre", "Jean-Pierre"},
  };
  for (const auto& [in, want] : cases) {
    auto r = CleanField(in, "given_name", 200);
    ASSERT_TRUE(r.ok()) << in << " " << r.status().ToString();
    EXPECT_EQ(*r, want);
  }
}

TEST(CleanField, RejectsBadInputWithStableCodeAndField) {
  struct Case {
    std::string text;
    size_t max;
    std::string code;
  };
  const Case cases[] = {
      {"", 200, "text.empty"},
      {"   \xC2\xA0 ", 200, "text.empty"},
      {std::string(10'000, 'a'), 200, "text.too_long"},
      {"Ionel", 4, "text.too_long"},
      {"Поліщук", 6, "text.too_long"},
      {"Ion\tPopescu", 200, "text.control_character"},
      {"Ion\xE2\x80\xAE", 200, "text.control_character"},
      {"Ion\xC3\x28", 200, "text.invalid_utf8"},
  };
  for (const auto& c : cases) {
    auto r = CleanField(c.text, "family_name", c.max);
    ASSERT_FALSE(r.ok()) << c.text.substr(0, 20);
    EXPECT_EQ(r.status().code(), c.code) << c.text.substr(0, 20);
    EXPECT_EQ(r.status().field(), "family_name");
  }
  EXPECT_EQ(CleanField("Ionel", "x", 4).status().params().at("max"), "4");
}

TEST(CleanField, AcceptsExactlyTheLimit) {
  EXPECT_TRUE(CleanField("Поліщ", "family_name", 5).ok());
  EXPECT_FALSE(CleanField("Поліщу", "family_name", 5).ok());
}

}  // namespace
}  // namespace socius::text
