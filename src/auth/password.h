#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace socius::auth {

// How much work one argon2id hash costs.
//   kInteractive: libsodium's OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE (production).
//   kMinimum: OPSLIMIT_MIN / MEMLIMIT_MIN, for tests only.
// The environment variable SOCIUS_PASSWORD_COST=min selects kMinimum (test runs set it so
// that hashing does not dominate them); anything else, or unset, is kInteractive.
enum class PasswordCost { kInteractive, kMinimum };
PasswordCost PasswordCostFromEnvironment();

// argon2id in libsodium's encoded form ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), with a
// fresh random salt. Slow on purpose: never call it inside a database write transaction.
// Internal when libsodium cannot allocate the memory the cost asks for. Thread-safe.
core::Result<std::string> HashPassword(std::string_view password, PasswordCost cost);

// True if `password` matches `encoded` (as written by HashPassword). A malformed `encoded`
// never matches. Takes as long as a hash of the same cost. Thread-safe.
bool VerifyPassword(std::string_view password, const std::string& encoded);

// True if `encoded` was made with a cost other than `cost` (so a successful login rehashes).
bool PasswordNeedsRehash(const std::string& encoded, PasswordCost cost);

// A one-time password: kOneTimePasswordLength characters drawn uniformly from
// kOneTimePasswordAlphabet, which leaves out look-alikes so that it
// can be read out over the phone: no 0/O/o, 1/l/I, 2/Z, 5/S, 8/B, and no capital that looks
// like its small letter (C/c, K/k, P/p, U/u, V/v, W/w, X/x, Y/y). 16 of 41 symbols: 85 bits.
// Thread-safe.
inline constexpr size_t kOneTimePasswordLength = 16;
inline constexpr std::string_view kOneTimePasswordAlphabet =
    "abcdefghjkmnpqrstuvwxyzADEFGHJLMNQRT34679";
std::string NewOneTimePassword();

}  // namespace socius::auth
