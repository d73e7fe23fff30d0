#include "benefits/card_token.h"

#include <sodium.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

namespace socius::benefits {
namespace {

static_assert(kCardPublicKeyBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(kCardSeedBytes == crypto_sign_SEEDBYTES);
static_assert(kCardSecretKeyBytes == crypto_sign_SECRETKEYBYTES);

constexpr std::string_view kTokenPrefix = "SC1";
constexpr std::string_view kPayloadVersion = "1";
constexpr size_t kPayloadFields = 7;
constexpr size_t kKeyIdBytes = 8;

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
  });
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string Base64Url(const unsigned char* data, size_t size) {
  EnsureSodium();
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL sodium counts in the length
  return out;
}

// Strict: the whole text must be base64url without padding, with the unused bits of the
// last character zero, so that each byte string has exactly one accepted spelling.
std::optional<std::string> FromBase64Url(std::string_view text) {
  EnsureSodium();
  std::string out(text.size() * 3 / 4 + 1, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

core::Status Malformed(std::string detail) {
  return core::Status::InvalidArgument("card.malformed", "token", std::move(detail));
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at = text.find(separator); at != std::string_view::npos;
       at = text.find(separator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Printable ASCII keeps the payload short in the QR code and free of look-alike letters;
// '|' separates the fields.
bool IsPayloadText(std::string_view text, size_t max_length) {
  return !text.empty() && text.size() <= max_length &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return c >= ' ' && c <= '~' && c != '|'; });
}

core::Status CheckPayload(const CardPayload& payload) {
  auto invalid = [](const char* field, const char* why) {
    return core::Status::InvalidArgument("card.invalid_payload", field, why);
  };
  if (!IsPayloadText(payload.card_number, kMaxCardNumberLength)) {
    return invalid("card_number", "empty, too long, or not printable ASCII without '|'");
  }
  if (!IsPayloadText(payload.scheme, kMaxCardSchemeLength)) {
    return invalid("scheme", "empty, too long, or not printable ASCII without '|'");
  }
  const std::pair<const char*, core::Date> dates[] = {{"valid_from", payload.valid_from},
                                                      {"valid_until", payload.valid_until},
                                                      {"issued_on", payload.issued_on}};
  for (const auto& [field, date] : dates) {
    if (!core::IsValidDate(date.year, date.month, date.day)) return invalid(field, "not a date");
  }
  if (payload.valid_until < payload.valid_from) {
    return invalid("valid_until", "the card would end before it starts");
  }
  return core::Status::Ok();
}

std::string CanonicalPayload(const CardPayload& payload, const std::string& key_id) {
  std::string text(kPayloadVersion);
  for (const std::string& field :
       {key_id, payload.card_number, payload.scheme, payload.valid_from.ToString(),
        payload.valid_until.ToString(), payload.issued_on.ToString()}) {
    text += '|';
    text += field;
  }
  return text;
}

core::Result<CardPayload> ParseSignedFields(const std::vector<std::string_view>& fields) {
  std::optional<core::Date> from = core::ParseDate(fields[4]);
  std::optional<core::Date> until = core::ParseDate(fields[5]);
  std::optional<core::Date> issued = core::ParseDate(fields[6]);
  if (!from || !until || !issued) return Malformed("a date is not YYYY-MM-DD");
  return CardPayload{std::string(fields[2]), std::string(fields[3]), *from, *until, *issued};
}

const CardPublicKey* FindKey(const std::vector<CardPublicKey>& known, std::string_view key_id) {
  for (const CardPublicKey& key : known) {
    if (key.KeyId() == key_id) return &key;
  }
  return nullptr;
}

}  // namespace

std::string_view CardValidityName(CardValidity validity) {
  switch (validity) {
    case CardValidity::kExpired:
      return "expired";
    case CardValidity::kNotYetValid:
      return "not_yet_valid";
    case CardValidity::kValid:
      break;
  }
  return "valid";
}

std::string CardPublicKey::KeyId() const {
  EnsureSodium();
  std::array<uint8_t, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), bytes.data(), bytes.size());
  std::string hex(kKeyIdBytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash.data(), kKeyIdBytes);
  hex.pop_back();
  return hex;
}

CardSigningKey::CardSigningKey(const std::array<uint8_t, kCardSeedBytes>& seed) {
  EnsureSodium();
  crypto_sign_seed_keypair(public_key_.bytes.data(), secret_.data(), seed.data());
}

CardSigningKey::~CardSigningKey() { sodium_memzero(secret_.data(), secret_.size()); }

CardSigningKey::CardSigningKey(CardSigningKey&& other) noexcept
    : public_key_(other.public_key_), secret_(other.secret_) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

CardSigningKey& CardSigningKey::operator=(CardSigningKey&& other) noexcept {
  if (this != &other) {
    public_key_ = other.public_key_;
    secret_ = other.secret_;
    sodium_memzero(other.secret_.data(), other.secret_.size());
  }
  return *this;
}

CardSigningKey GenerateCardKey() {
  EnsureSodium();
  std::array<uint8_t, kCardSeedBytes> seed{};
  randombytes_buf(seed.data(), seed.size());
  CardSigningKey key(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

core::Result<std::string> SignCard(const CardPayload& payload, const CardSigningKey& key) {
  SOCIUS_RETURN_IF_ERROR(CheckPayload(payload));
  const std::string text = CanonicalPayload(payload, key.public_key().KeyId());
  std::array<uint8_t, crypto_sign_BYTES> signature{};
  crypto_sign_detached(signature.data(), nullptr, Bytes(text), text.size(), key.secret().data());
  return std::string(kTokenPrefix) + "." + Base64Url(Bytes(text), text.size()) + "." +
         Base64Url(signature.data(), signature.size());
}

core::Result<CardCheck> VerifyCardToken(std::string_view token,
                                        const std::vector<CardPublicKey>& known, core::Date today) {
  if (token.size() > kMaxCardTokenLength) return Malformed("longer than any card's token");
  const std::vector<std::string_view> parts = Split(token, '.');
  if (parts.size() != 3) return Malformed("not three parts");
  if (parts[0] != kTokenPrefix) return Malformed("unknown token format");
  std::optional<std::string> text = FromBase64Url(parts[1]);
  std::optional<std::string> signature = FromBase64Url(parts[2]);
  if (!text || !signature) return Malformed("not base64url without padding");
  if (signature->size() != crypto_sign_BYTES) return Malformed("signature of the wrong size");

  const std::vector<std::string_view> fields = Split(*text, '|');
  if (fields.size() != kPayloadFields) return Malformed("wrong number of fields");
  if (fields[0] != kPayloadVersion) return Malformed("unknown payload version");
  const CardPublicKey* key = FindKey(known, fields[1]);
  if (key == nullptr) {
    return core::Status::InvalidArgument("card.unknown_key", "token",
                                         "no published key has id " + std::string(fields[1]));
  }
  if (crypto_sign_verify_detached(Bytes(*signature), Bytes(*text), text->size(),
                                  key->bytes.data()) != 0) {
    return core::Status::InvalidArgument("card.bad_signature", "token");
  }

  core::Result<CardPayload> payload = ParseSignedFields(fields);
  if (!payload.ok()) return payload.status();
  CardCheck check{std::move(*payload), std::string(fields[1]), CardValidity::kValid};
  if (today < check.payload.valid_from) {
    check.validity = CardValidity::kNotYetValid;
  } else if (today > check.payload.valid_until) {
    check.validity = CardValidity::kExpired;
  }
  return check;
}

std::string CardPublicKeyBase64(const CardPublicKey& key) {
  return Base64Url(key.bytes.data(), key.bytes.size());
}

core::Result<CardPublicKey> ParseCardPublicKey(std::string_view text) {
  std::optional<std::string> bytes =
      text.size() <= 64 ? FromBase64Url(text) : std::optional<std::string>();
  if (!bytes || bytes->size() != kCardPublicKeyBytes) {
    return core::Status::InvalidArgument("card.bad_public_key", "public_key");
  }
  CardPublicKey key;
  std::copy(bytes->begin(), bytes->end(), key.bytes.begin());
  return key;
}

std::string CardSigningKeyBase64(const CardSigningKey& key) {
  // libsodium's secret key begins with the seed.
  return Base64Url(key.secret().data(), kCardSeedBytes);
}

core::Result<CardSigningKey> ParseCardSigningKey(std::string_view text) {
  std::optional<std::string> bytes =
      text.size() <= 64 ? FromBase64Url(text) : std::optional<std::string>();
  if (!bytes || bytes->size() != kCardSeedBytes) {
    if (bytes) sodium_memzero(bytes->data(), bytes->size());
    return core::Status::InvalidArgument("card.bad_signing_key", "signing_key");
  }
  std::array<uint8_t, kCardSeedBytes> seed{};
  std::copy(bytes->begin(), bytes->end(), seed.begin());
  sodium_memzero(bytes->data(), bytes->size());
  CardSigningKey key(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

}  // namespace socius::benefits
