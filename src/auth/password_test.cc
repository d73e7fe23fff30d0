#include "auth/password.h"

#include <gtest/gtest.h>

#include <set>

#include "auth/tokens.h"

namespace socius::auth {
namespace {

TEST(PasswordTest, VerifiesTheRightPasswordOnly) {
  auto hash = HashPassword("correct horse battery", PasswordCost::kMinimum);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_EQ(hash->find("correct"), std::string::npos);
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
}

TEST(PasswordTest, SaltsEveryHash) {
  auto a = HashPassword("same password", PasswordCost::kMinimum);
  auto b = HashPassword("same password", PasswordCost::kMinimum);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(PasswordTest, MalformedHashNeverMatches) {
  EXPECT_FALSE(VerifyPassword("anything", ""));
  EXPECT_FALSE(VerifyPassword("anything", "$argon2id$v=19$garbage"));
  EXPECT_FALSE(VerifyPassword("anything", std::string(500, 'x')));
}

TEST(PasswordTest, NeedsRehashWhenTheCostChanged) {
  auto cheap = HashPassword("password123", PasswordCost::kMinimum);
  ASSERT_TRUE(cheap.ok());
  EXPECT_FALSE(PasswordNeedsRehash(*cheap, PasswordCost::kMinimum));
  EXPECT_TRUE(PasswordNeedsRehash(*cheap, PasswordCost::kInteractive));
  EXPECT_TRUE(PasswordNeedsRehash("not a hash", PasswordCost::kMinimum));
}

TEST(OneTimePasswordTest, SixteenCharactersFromTheUnambiguousAlphabet) {
  const std::string ambiguous = "0Oo1lI2Z5S8BCKPUVWXYi";
  std::set<char> seen;
  for (int i = 0; i < 200; ++i) {
    std::string otp = NewOneTimePassword();
    ASSERT_EQ(otp.size(), kOneTimePasswordLength);
    for (char c : otp) {
      ASSERT_NE(kOneTimePasswordAlphabet.find(c), std::string_view::npos) << otp;
      ASSERT_EQ(ambiguous.find(c), std::string::npos) << otp;
      seen.insert(c);
    }
  }
  // 3200 draws from 41 symbols: all of them appear unless the draw is biased.
  EXPECT_EQ(seen.size(), kOneTimePasswordAlphabet.size());
  for (char c : ambiguous) EXPECT_EQ(kOneTimePasswordAlphabet.find(c), std::string_view::npos) << c;
}

TEST(TokensTest, SessionIdIsTheSha256OfTheToken) {
  SessionToken t = NewSessionToken();
  EXPECT_EQ(t.token.size(), 43u);  // 32 bytes, unpadded base64url
  EXPECT_EQ(t.session_id, SessionIdOf(t.token));
  EXPECT_EQ(t.session_id.size(), 64u);
  EXPECT_NE(NewSessionToken().token, t.token);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokensTest, Base64UrlRoundTripsAndRejectsGarbage) {
  EXPECT_EQ(Base64UrlDecode(Base64UrlEncode("ana.pop")), "ana.pop");
  EXPECT_FALSE(Base64UrlDecode("***").has_value());
}

}  // namespace
}  // namespace socius::auth
