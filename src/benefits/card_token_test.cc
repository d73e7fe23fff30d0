#include "benefits/card_token.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <vector>

namespace socius::benefits {
namespace {

CardPayload Seima() {
  return CardPayload{"LT-0481-2026-000123", "LT-SEIMA", core::Date{2026, 1, 1},
                     core::Date{2026, 12, 31}, core::Date{2025, 12, 20}};
}

std::string Base64Url(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.pop_back();
  return out;
}

std::string FromBase64Url(std::string_view text) {
  std::string out(text.size(), '\0');
  size_t length = 0;
  EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                              text.size(), nullptr, &length, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  out.resize(length);
  return out;
}

struct Token {
  std::string prefix, payload, signature;
  std::string Joined() const { return prefix + "." + payload + "." + signature; }
};

Token SplitToken(const std::string& token) {
  const size_t first = token.find('.');
  const size_t second = token.find('.', first + 1);
  return {token.substr(0, first), token.substr(first + 1, second - first - 1),
          token.substr(second + 1)};
}

class CardTokenTest : public testing::Test {
 protected:
  CardTokenTest() : key_(GenerateCardKey()), other_key_(GenerateCardKey()) {}

  std::string Sign(const CardPayload& payload) {
    core::Result<std::string> token = SignCard(payload, key_);
    EXPECT_TRUE(token.ok()) << token.status().ToString();
    return token.ok() ? *token : std::string();
  }

  core::Result<CardCheck> Verify(std::string_view token, core::Date today = {2026, 6, 1}) {
    return VerifyCardToken(token, {other_key_.public_key(), key_.public_key()}, today);
  }

  void ExpectFailure(std::string_view token, const std::string& code) {
    core::Result<CardCheck> check = Verify(token);
    ASSERT_FALSE(check.ok()) << token;
    EXPECT_EQ(check.status().code(), code) << token << ": " << check.status().ToString();
    EXPECT_EQ(check.status().kind(), core::StatusKind::kInvalidArgument);
  }

  CardSigningKey key_;
  CardSigningKey other_key_;
};

TEST_F(CardTokenTest, AcceptsAFreshlySignedCardAndReturnsItsPayload) {
  const std::string token = Sign(Seima());
  EXPECT_EQ(token.rfind("SC1.", 0), 0u);
  EXPECT_LT(token.size(), 220u);  // small enough for a QR code of version 10 or so
  EXPECT_EQ(token.find_first_of("=+/ "), std::string::npos);
  core::Result<CardCheck> check = Verify(token);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->payload, Seima());
  EXPECT_EQ(check->key_id, key_.public_key().KeyId());
  EXPECT_EQ(check->validity, CardValidity::kValid);
}

TEST_F(CardTokenTest, PayloadNamesTheCardButNoPerson) {
  EXPECT_EQ(FromBase64Url(SplitToken(Sign(Seima())).payload),
            "1|" + key_.public_key().KeyId() +
                "|LT-0481-2026-000123|LT-SEIMA|2026-01-01|2026-12-31|2025-12-20");
}

TEST_F(CardTokenTest, IsValidOnItsFirstAndLastDayOnly) {
  const std::string token = Sign(Seima());
  struct Day {
    core::Date today;
    CardValidity expected;
  };
  for (const Day& day :
       {Day{{2025, 12, 31}, CardValidity::kNotYetValid}, Day{{2026, 1, 1}, CardValidity::kValid},
        Day{{2026, 12, 31}, CardValidity::kValid}, Day{{2027, 1, 1}, CardValidity::kExpired}}) {
    core::Result<CardCheck> check = Verify(token, day.today);
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(check->validity, day.expected) << day.today.ToString();
  }
  EXPECT_EQ(CardValidityName(CardValidity::kValid), "valid");
  EXPECT_EQ(CardValidityName(CardValidity::kExpired), "expired");
  EXPECT_EQ(CardValidityName(CardValidity::kNotYetValid), "not_yet_valid");
}

TEST_F(CardTokenTest, RefusesEveryAlteredField) {
  const Token token = SplitToken(Sign(Seima()));
  const std::string payload = FromBase64Url(token.payload);
  // Each signed field replaced by a plausible value of the same shape.
  const std::vector<std::pair<std::string, std::string>> swaps = {
      {"LT-0481-2026-000123", "LT-0481-2026-000124"},
      {"LT-SEIMA", "LT-SENJ"},
      {"2026-01-01", "2025-01-01"},
      {"2026-12-31", "2036-12-31"},
      {"2025-12-20", "2025-12-21"}};
  for (const auto& [from, to] : swaps) {
    std::string altered = payload;
    altered.replace(altered.find(from), from.size(), to);
    ExpectFailure(Token{token.prefix, Base64Url(altered), token.signature}.Joined(),
                  "card.bad_signature");
  }
  // The key id of another published key: the signature does not match that key.
  std::string rekeyed = payload;
  rekeyed.replace(2, 16, other_key_.public_key().KeyId());
  ExpectFailure(Token{token.prefix, Base64Url(rekeyed), token.signature}.Joined(),
                "card.bad_signature");
}

TEST_F(CardTokenTest, RefusesAnAlteredSignature) {
  Token token = SplitToken(Sign(Seima()));
  std::string signature = FromBase64Url(token.signature);
  signature[10] = static_cast<char>(signature[10] ^ 0x01);
  token.signature = Base64Url(signature);
  ExpectFailure(token.Joined(), "card.bad_signature");
  // A signature made by another key over the same payload.
  core::Result<std::string> by_other = SignCard(Seima(), other_key_);
  ASSERT_TRUE(by_other.ok());
  token.signature = SplitToken(*by_other).signature;
  ExpectFailure(token.Joined(), "card.bad_signature");
}

TEST_F(CardTokenTest, RefusesAKeyThatWasNotPublished) {
  CardSigningKey stranger = GenerateCardKey();
  core::Result<std::string> token = SignCard(Seima(), stranger);
  ASSERT_TRUE(token.ok());
  ExpectFailure(*token, "card.unknown_key");
  core::Result<CardCheck> no_keys = VerifyCardToken(Sign(Seima()), {}, core::Date{2026, 6, 1});
  ASSERT_FALSE(no_keys.ok());
  EXPECT_EQ(no_keys.status().code(), "card.unknown_key");
}

TEST_F(CardTokenTest, RefusesMalformedTokens) {
  const std::string good = Sign(Seima());
  const Token parts = SplitToken(good);
  const std::string payload = FromBase64Url(parts.payload);
  auto with_payload = [&](const std::string& text) {
    return Token{parts.prefix, Base64Url(text), parts.signature}.Joined();
  };
  const std::string key_id = key_.public_key().KeyId();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty", ""},
      {"truncated", good.substr(0, good.size() - 5)},
      {"truncated to the payload", parts.prefix + "." + parts.payload},
      {"no signature", parts.prefix + "." + parts.payload + "."},
      {"four parts", good + ".x"},
      {"other prefix", "SC2." + parts.payload + "." + parts.signature},
      {"lower-case prefix", "sc1." + parts.payload + "." + parts.signature},
      {"padded payload", Token{parts.prefix, parts.payload + "=", parts.signature}.Joined()},
      {"padded signature", good + "=="},
      {"standard base64 alphabet",
       Token{parts.prefix, parts.payload + "+/", parts.signature}.Joined()},
      {"space inside", Token{parts.prefix, " " + parts.payload, parts.signature}.Joined()},
      // The signature's last character carries 2 bits and 4 zero bits: A, Q, g or w. The
      // next letter sets a bit that must be zero, a second spelling of the same bytes.
      {"non-zero trailing bits",
       good.substr(0, good.size() - 1) + static_cast<char>(good.back() + 1)},
      {"six fields", with_payload("1|" + key_id + "|LT-1|LT-SEIMA|2026-01-01|2026-12-31")},
      {"eight fields", with_payload(payload + "|Jonas")},
      {"payload version 2", with_payload("2" + payload.substr(1))},
  };
  for (const auto& [name, token] : cases) {
    SCOPED_TRACE(name);
    ExpectFailure(token, "card.malformed");
  }
}

TEST_F(CardTokenTest, RefusesAWellSignedPayloadWithABadDate) {
  // Only a signer that skipped SignCard's checks could make one; the reader still says so.
  const std::string text =
      "1|" + key_.public_key().KeyId() + "|LT-1|LT-SEIMA|2026-02-30|2026-12-31|2025-12-20";
  std::array<uint8_t, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       key_.secret().data());
  ExpectFailure(Token{"SC1", Base64Url(text),
                      Base64Url(std::string_view(reinterpret_cast<const char*>(signature.data()),
                                                 signature.size()))}
                    .Joined(),
                "card.malformed");
}

TEST_F(CardTokenTest, RefusesOverlongInputBeforeDecodingIt) {
  const std::string good = Sign(Seima());
  std::string padded = good + std::string(kMaxCardTokenLength - good.size(), 'A');
  // At the limit the token is decoded and fails on its content; one more character is
  // refused as too long.
  ExpectFailure(padded, "card.malformed");
  core::Result<CardCheck> over = Verify(padded + "A");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().detail(), "longer than any card's token");
  core::Result<CardCheck> huge = Verify(std::string(10'000'000, '.'));
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().detail(), "longer than any card's token");
}

TEST_F(CardTokenTest, RefusesToSignWhatCannotBeEncoded) {
  struct BadPayload {
    std::string name;
    CardPayload payload;
    std::string field;
  };
  auto with = [](auto change) {
    CardPayload payload = Seima();
    change(payload);
    return payload;
  };
  const std::vector<BadPayload> cases = {
      {"pipe in number", with([](CardPayload& p) { p.card_number = "LT|1"; }), "card_number"},
      {"empty number", with([](CardPayload& p) { p.card_number.clear(); }), "card_number"},
      {"long number", with([](CardPayload& p) { p.card_number = std::string(41, '1'); }),
       "card_number"},
      {"non-ASCII number", with([](CardPayload& p) { p.card_number = "LT-Š-1"; }), "card_number"},
      {"newline in number", with([](CardPayload& p) { p.card_number = "LT\n1"; }), "card_number"},
      {"pipe in scheme", with([](CardPayload& p) { p.scheme = "A|B"; }), "scheme"},
      {"long scheme", with([](CardPayload& p) { p.scheme = std::string(17, 'S'); }), "scheme"},
      {"no start date", with([](CardPayload& p) { p.valid_from = {}; }), "valid_from"},
      {"bad end date", with([](CardPayload& p) {
         p.valid_until = {2026, 2, 29};
       }),
       "valid_until"},
      {"bad issue date", with([](CardPayload& p) {
         p.issued_on = {2026, 13, 1};
       }),
       "issued_on"},
      {"ends before it starts", with([](CardPayload& p) {
         p.valid_until = {2025, 12, 31};
       }),
       "valid_until"},
  };
  for (const BadPayload& bad : cases) {
    SCOPED_TRACE(bad.name);
    core::Result<std::string> token = SignCard(bad.payload, key_);
    ASSERT_FALSE(token.ok());
    EXPECT_EQ(token.status().code(), "card.invalid_payload");
    EXPECT_EQ(token.status().field(), bad.field);
  }
  CardPayload longest = Seima();
  longest.card_number = std::string(kMaxCardNumberLength, '9');
  longest.scheme = std::string(kMaxCardSchemeLength, 'S');
  core::Result<std::string> token = SignCard(longest, key_);
  ASSERT_TRUE(token.ok());
  EXPECT_LE(token->size(), kMaxCardTokenLength);
  EXPECT_TRUE(Verify(*token).ok());
}

TEST_F(CardTokenTest, PublishedKeysRoundTrip) {
  const std::string published = CardPublicKeyBase64(key_.public_key());
  EXPECT_EQ(published.size(), 43u);
  core::Result<CardPublicKey> parsed = ParseCardPublicKey(published);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, key_.public_key());
  EXPECT_EQ(parsed->KeyId().size(), 16u);
  core::Result<CardCheck> check = VerifyCardToken(Sign(Seima()), {*parsed}, core::Date{2026, 6, 1});
  EXPECT_TRUE(check.ok());
  for (const std::string& bad :
       {std::string(), published.substr(1), published + "A", published + "=", std::string(100, 'A'),
        std::string("!") + published.substr(1)}) {
    core::Result<CardPublicKey> refused = ParseCardPublicKey(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), "card.bad_public_key");
  }
}

TEST_F(CardTokenTest, StoredSigningKeysRoundTrip) {
  const std::string stored = CardSigningKeyBase64(key_);
  EXPECT_EQ(stored.size(), 43u);
  core::Result<CardSigningKey> parsed = ParseCardSigningKey(stored);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->public_key(), key_.public_key());
  core::Result<std::string> token = SignCard(Seima(), *parsed);
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(Verify(*token).ok());
  EXPECT_NE(CardSigningKeyBase64(other_key_), stored);
  for (const std::string& bad : {std::string(), stored.substr(2), stored + "AA",
                                 std::string(100, 'A'), std::string("*") + stored.substr(1)}) {
    core::Result<CardSigningKey> refused = ParseCardSigningKey(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), "card.bad_signing_key");
  }
}

TEST_F(CardTokenTest, MovingASigningKeyKeepsItUsable) {
  const CardPublicKey public_key = key_.public_key();
  CardSigningKey moved(std::move(key_));
  CardSigningKey assigned = GenerateCardKey();
  assigned = std::move(moved);
  core::Result<std::string> token = SignCard(Seima(), assigned);
  ASSERT_TRUE(token.ok());
  EXPECT_TRUE(VerifyCardToken(*token, {public_key}, core::Date{2026, 6, 1}).ok());
}

}  // namespace
}  // namespace socius::benefits
