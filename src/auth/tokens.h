#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace socius::auth {

// Initialises libsodium once; throws std::runtime_error if it cannot (a start-up failure).
// Every function here calls it, so callers need not.
void EnsureSodium();

// `bytes` bytes from libsodium's CSPRNG as unpadded base64url. Thread-safe.
std::string RandomToken(size_t bytes);

// Unpadded base64url of any bytes, and back (nullopt when malformed). For opaque cursors.
std::string Base64UrlEncode(std::string_view data);
std::optional<std::string> Base64UrlDecode(std::string_view text);

// SHA-256 of `data` as 64 lowercase hex digits. Thread-safe.
std::string Sha256Hex(std::string_view data);

// SHA-256 of data given in pieces (a file too large to hold). Not thread-safe.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  void Update(std::string_view data);
  // 64 lowercase hex digits of everything given so far; the stream then starts again.
  std::string HexDigest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A new session: the cookie token (32 random bytes, base64url) goes to the browser, only its
// SHA-256 (the session id) is stored, so a copy of the database cannot be replayed as cookies.
struct SessionToken {
  std::string token;
  std::string session_id;
};
SessionToken NewSessionToken();
// The session id a cookie token stands for.
std::string SessionIdOf(std::string_view token);

}  // namespace socius::auth
