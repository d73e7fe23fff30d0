#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace socius::benefits {

// The large-family card's QR code carries a signed token that a shop or a museum checks
// offline with the scheme's published public key. It names no one: it says which card, of
// which scheme, valid from when to when, and nothing a reader could use to learn who holds
// it. Revocation is not in the token; the public verification page asks the database.
//
// Token: "SC1.<payload>.<signature>", both parts base64url without padding, where payload is
// "1|<key id>|<card number>|<scheme>|<valid from>|<valid until>|<issued on>" (dates
// YYYY-MM-DD) and the signature is Ed25519 over the payload's bytes.

inline constexpr size_t kCardPublicKeyBytes = 32;
inline constexpr size_t kCardSeedBytes = 32;
inline constexpr size_t kCardSecretKeyBytes = 64;
// Past this a token is refused before any decoding: real ones are about 210 characters.
inline constexpr size_t kMaxCardTokenLength = 512;
inline constexpr size_t kMaxCardNumberLength = 40;
inline constexpr size_t kMaxCardSchemeLength = 16;

struct CardPublicKey {
  std::array<uint8_t, kCardPublicKeyBytes> bytes{};

  // The first 8 bytes of the key's SHA-256 in hex: names the key in a token, so that keys can
  // be rotated and old cards still checked against the key that signed them.
  std::string KeyId() const;
  bool operator==(const CardPublicKey&) const = default;
};

// The scheme's private signing key. Kept as its 32-byte seed, from which libsodium derives
// the key pair; wiped from memory when the object goes. Move-only.
class CardSigningKey {
 public:
  explicit CardSigningKey(const std::array<uint8_t, kCardSeedBytes>& seed);
  ~CardSigningKey();
  CardSigningKey(CardSigningKey&& other) noexcept;
  CardSigningKey& operator=(CardSigningKey&& other) noexcept;
  CardSigningKey(const CardSigningKey&) = delete;
  CardSigningKey& operator=(const CardSigningKey&) = delete;

  const CardPublicKey& public_key() const { return public_key_; }
  // libsodium's 64-byte secret key (seed followed by the public key).
  const std::array<uint8_t, kCardSecretKeyBytes>& secret() const { return secret_; }

 private:
  CardPublicKey public_key_;
  std::array<uint8_t, kCardSecretKeyBytes> secret_{};
};

// What a card's QR code says. Card number and scheme are printable ASCII without '|'.
struct CardPayload {
  std::string card_number;  // "LT-0481-2026-000123"
  std::string scheme;       // the programme's short code, "LT-SEIMA"
  core::Date valid_from;
  core::Date valid_until;  // the last day it is valid
  core::Date issued_on;
  bool operator==(const CardPayload&) const = default;
};

enum class CardValidity { kValid, kExpired, kNotYetValid };
// "valid", "expired", "not_yet_valid": the words the public verification answers with.
std::string_view CardValidityName(CardValidity validity);

struct CardCheck {
  CardPayload payload;
  std::string key_id;  // which published key signed it
  CardValidity validity = CardValidity::kValid;
};

// A new signing key from libsodium's CSPRNG.
CardSigningKey GenerateCardKey();

// Signs `payload` with `key`. InvalidArgument card.invalid_payload (field: card_number,
// scheme, valid_until) when a text is empty, too long, or holds anything but printable ASCII
// other than '|', or when the card ends before it starts.
core::Result<std::string> SignCard(const CardPayload& payload, const CardSigningKey& key);

// Checks a token read from a card against the scheme's published keys, for the day `today`.
// Fails, all InvalidArgument, with card.malformed (too long, not three parts, unknown format
// version, bad base64url, wrong field count, bad date, a signature of the wrong size),
// card.unknown_key (signed by none of `known`) or card.bad_signature (payload or signature
// altered). A well-signed token out of its dates is not a failure: see CardCheck::validity.
// The work done before the signature is checked is bounded by kMaxCardTokenLength.
core::Result<CardCheck> VerifyCardToken(std::string_view token,
                                        const std::vector<CardPublicKey>& known, core::Date today);

// Public keys as published (web page, printed leaflet): base64url without padding,
// 43 characters. ParseCardPublicKey fails with InvalidArgument card.bad_public_key.
std::string CardPublicKeyBase64(const CardPublicKey& key);
core::Result<CardPublicKey> ParseCardPublicKey(std::string_view text);

// The signing key as the installation stores it (its seed, base64url without padding,
// 43 characters); a secret. ParseCardSigningKey fails with InvalidArgument
// card.bad_signing_key.
std::string CardSigningKeyBase64(const CardSigningKey& key);
core::Result<CardSigningKey> ParseCardSigningKey(std::string_view text);

}  // namespace socius::benefits
