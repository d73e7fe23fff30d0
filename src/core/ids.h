#pragma once

#include <string>

namespace socius::core {

// A new opaque, non-guessable record identifier: 22 characters of base64url from 128 bits
// of the kernel's CSPRNG. Thread-safe.
std::string NewId();

// `bytes` random bytes from the kernel's CSPRNG, as lowercase hex. Thread-safe.
std::string RandomHex(size_t bytes);

// True if `id` has the shape NewId produces (so a malformed id in a URL is a 404 early).
bool LooksLikeId(const std::string& id);

}  // namespace socius::core
