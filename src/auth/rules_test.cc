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
