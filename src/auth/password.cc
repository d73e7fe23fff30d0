#include "auth/password.h"

#include <sodium.h>

#include <cstdlib>
#include <stdexcept>

#include "auth/tokens.h"

namespace socius::auth {
namespace {

struct Limits {
  unsigned long long ops;
  size_t mem;
};

Limits LimitsOf(PasswordCost cost) {
  if (cost == PasswordCost::kMinimum) {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

PasswordCost PasswordCostFromEnvironment() {
  const char* value = std::getenv("SOCIUS_PASSWORD_COST");
  if (value != nullptr && std::string_view(value) == "min") return PasswordCost::kMinimum;
  return PasswordCost::kInteractive;
}

core::Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  EnsureSodium();
  Limits limits = LimitsOf(cost);
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Status::Internal("argon2id hashing ran out of memory");
  }
  return std::string(encoded);
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  EnsureSodium();
  if (encoded.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(const std::string& encoded, PasswordCost cost) {
  EnsureSodium();
  Limits limits = LimitsOf(cost);
  // 1: other parameters; -1: not an argon2id string at all. Both call for a new hash.
  return crypto_pwhash_str_needs_rehash(encoded.c_str(), limits.ops, limits.mem) != 0;
}

std::string NewOneTimePassword() {
  EnsureSodium();
  std::string out;
  out.reserve(kOneTimePasswordLength);
  for (size_t i = 0; i < kOneTimePasswordLength; ++i) {
    uint32_t pick = randombytes_uniform(static_cast<uint32_t>(kOneTimePasswordAlphabet.size()));
    out.push_back(kOneTimePasswordAlphabet[pick]);
  }
  return out;
}

}  // namespace socius::auth
