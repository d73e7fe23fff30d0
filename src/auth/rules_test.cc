#include "auth/rules.h"

#include <gtest/gtest.h>

namespace socius::auth {
namespace {

TEST(UsernameTest, AcceptsThreeToSixtyFourOfTheAllowedCharacters) {
  for (const std::string& ok : {std::string("ana"), std::string("Ana.Pop"),
                                std::string("ion_popescu-2"), std::string(64, 'a')}) {
    EXPECT_TRUE(ValidateUsername(ok).ok()) << ok;
  }
}

TEST(UsernameTest, RejectsShortLongAndForeignCharacters) {
  for (std::string bad : {std::string("ab"), std::string(65, 'a'), std::string("ana pop"),
                          std::string("ана"), std::string("ana@x"), std::string("")}) {
    core::Status s = ValidateUsername(bad);
    EXPECT_EQ(s.code(), "user.invalid_username") << bad;
    EXPECT_EQ(s.field(), "username");
  }
}

TEST(UsernameTest, KeyIgnoresCase) {
  EXPECT_EQ(UsernameKey("Ana.POP"), "ana.pop");
  EXPECT_EQ(UsernameKey("ana.pop"), UsernameKey("ANA.Pop"));
}

TEST(PasswordRuleTest, CountsCharactersNotBytes) {
  EXPECT_EQ(ValidateNewPassword("short", "new_password").code(), "auth.password_too_short");
  EXPECT_EQ(ValidateNewPassword("short", "new_password").field(), "new_password");
  // Nine Cyrillic letters are 18 bytes but still too short.
  EXPECT_EQ(ValidateNewPassword("пароль123", "password").code(), "auth.password_too_short");
  EXPECT_TRUE(ValidateNewPassword("пароль1234", "password").ok());
  EXPECT_EQ(ValidateNewPassword(std::string(1025, 'x'), "password").code(),
            "auth.password_too_long");
}

TEST(PasswordRuleTest, RefusesBlankRepeatedNameAndCommonPasswords) {
  EXPECT_EQ(ValidateNewPassword("          ", "password").code(), "auth.password_too_simple");
  EXPECT_EQ(
      ValidateNewPassword("\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0 \t\t \n ", "password").code(),
      "auth.password_too_simple");
  EXPECT_EQ(ValidateNewPassword("aaaaaaaaaaaa", "password").code(), "auth.password_too_simple");
  EXPECT_EQ(ValidateNewPassword("abababababab", "password").field(), "password");
  EXPECT_EQ(ValidateNewPassword("Ana.Popescu-2026", "new_password", "ana.popescu").code(),
            "auth.password_contains_username");
  EXPECT_EQ(ValidateNewPassword("xx-ANA.POPESCU", "password", "ana.popescu").code(),
            "auth.password_contains_username");
  for (const char* common : {"qwertyuiop", "1234567890", "Password123", "PASSWORD123"}) {
    EXPECT_EQ(ValidateNewPassword(common, "password").code(), "auth.password_too_common") << common;
  }
  EXPECT_TRUE(ValidateNewPassword("Ana-Password-12", "password", "ana.popescu").ok());
  EXPECT_TRUE(ValidateNewPassword("ceai de tei 1981", "password", "ion").ok());
}

TEST(DisplayNameTest, RefusesBidirectionalOverrides) {
  EXPECT_TRUE(ValidateDisplayName("Ana Popescu").ok());
  EXPECT_TRUE(ValidateDisplayName("Олена Коваль").ok());
  // U+202E RIGHT-TO-LEFT OVERRIDE would show "Ana \u202Enimda" as "Ana admin".
  EXPECT_EQ(ValidateDisplayName("Ana \xE2\x80\xAEnimda").code(), "text.control_character");
  EXPECT_EQ(ValidateDisplayName("Ana \xE2\x81\xA6x").field(), "display_name");  // U+2066
  EXPECT_EQ(ValidateDisplayName("Ana\x01").code(), "text.control_character");
}

TEST(LanguageTest, OnlyTheSixLanguages) {
  for (const char* ok : {"en", "ro", "uk", "mk", "lt", "ru"})
    EXPECT_TRUE(ValidateLanguage(ok).ok());
  for (const char* bad : {"", "de", "EN", "ua"}) {
    EXPECT_EQ(ValidateLanguage(bad).code(), "user.invalid_language") << bad;
  }
}

TEST(RoleNameTest, UnknownRoleIsNamed) {
  EXPECT_TRUE(ValidateRoleName("auditor").ok());
  core::Status s = ValidateRoleName("superuser");
  EXPECT_EQ(s.code(), "auth.unknown_role");
  EXPECT_EQ(s.field(), "roles");
}

TEST(DisplayNameTest, BlankIsRejected) {
  EXPECT_EQ(ValidateDisplayName("  ").code(), "user.invalid_display_name");
  EXPECT_TRUE(ValidateDisplayName("Ana Pop").ok());
}

}  // namespace
}  // namespace socius::auth
