#include "auth/rules.h"

#include <algorithm>

#include "auth/roles.h"

namespace socius::auth {
namespace {

bool IsUsernameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

size_t CodePoints(std::string_view utf8) {
  // Continuation bytes (10xxxxxx) do not start a code point.
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

core::Status ValidateUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 64 ||
      !std::all_of(username.begin(), username.end(), IsUsernameChar)) {
    return core::Status::InvalidArgument("user.invalid_username", "username",
                                         "3 to 64 characters of a-z 0-9 . _ -");
  }
  return core::Status::Ok();
}

std::string UsernameKey(std::string_view username) {
  std::string key(username);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

core::Status ValidateLanguage(std::string_view language) {
  if (std::find(std::begin(kLanguages), std::end(kLanguages), language) != std::end(kLanguages)) {
    return core::Status::Ok();
  }
  return core::Status::InvalidArgument("user.invalid_language", "language",
                                       "one of en, ro, uk, mk, lt, ru");
}

core::Status ValidateDisplayName(std::string_view display_name) {
  bool blank = std::all_of(display_name.begin(), display_name.end(),
                           [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  if (blank) {
    return core::Status::InvalidArgument("user.invalid_display_name", "display_name",
                                         "a display name is required");
  }
  return core::Status::Ok();
}

core::Status ValidateNewPassword(std::string_view password, std::string_view field) {
  if (CodePoints(password) < kMinPasswordLength) {
    return core::Status::InvalidArgument("auth.password_too_short", std::string(field),
                                         "at least 10 characters")
        .With("min", std::to_string(kMinPasswordLength));
  }
  if (password.size() > kMaxPasswordLength) {
    return core::Status::InvalidArgument("auth.password_too_long", std::string(field),
                                         "at most 1024 bytes")
        .With("max", std::to_string(kMaxPasswordLength));
  }
  return core::Status::Ok();
}

core::Status ValidateRoleName(std::string_view role) {
  if (ParseRole(role).has_value()) return core::Status::Ok();
  return core::Status::InvalidArgument("auth.unknown_role", "roles",
                                       "no role named '" + std::string(role) + "'");
}

}  // namespace socius::auth
