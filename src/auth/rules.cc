#include "auth/rules.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "auth/roles.h"
#include "text/normalize.h"

namespace socius::auth {

// common_passwords.txt, embedded at build time (CMakeLists.txt).
extern const char kCommonPasswords[];

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

// The different code points of `password`, white space of any kind left out: ten spaces or
// "aaaaaaaaaa" are not passwords.
size_t DistinctNonBlankCharacters(std::string_view password) {
  std::set<int32_t> seen;
  for (int32_t c : text::CodePoints(password)) {
    if (!text::IsWhiteSpace(c)) seen.insert(c);
  }
  return seen.size();
}

// `lowered` (ASCII lower case) is in the shipped list of common passwords.
bool IsCommonPassword(const std::string& lowered) {
  static const std::unordered_set<std::string_view> common = [] {
    std::unordered_set<std::string_view> set;
    std::string_view text = kCommonPasswords;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty() && line.front() != '#') set.insert(line);
      start = end + 1;
    }
    return set;
  }();
  return common.count(lowered) > 0;
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
  // Bidirectional overrides would let one name be shown as another's.
  if (text::HasControlCharacters(display_name)) {
    return core::Status::InvalidArgument("text.control_character", "display_name",
                                         "the name holds a control character");
  }
  return core::Status::Ok();
}

core::Status ValidateNewPassword(std::string_view password, std::string_view field,
                                 std::string_view username) {
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
  if (DistinctNonBlankCharacters(password) < 4) {
    return core::Status::InvalidArgument("auth.password_too_simple", std::string(field),
                                         "fewer than 4 different characters");
  }
  const std::string lowered = UsernameKey(password);
  const std::string name = UsernameKey(username);
  // A short name (3 letters) is refused only as the whole password: "ana" may be in "banana".
  const bool contains =
      name.size() >= 4 ? lowered.find(name) != std::string::npos : lowered == name;
  if (!name.empty() && contains) {
    return core::Status::InvalidArgument("auth.password_contains_username", std::string(field),
                                         "the password contains the user name");
  }
  if (IsCommonPassword(lowered)) {
    return core::Status::InvalidArgument("auth.password_too_common", std::string(field),
                                         "one of the most common passwords");
  }
  return core::Status::Ok();
}

core::Status ValidateRoleName(std::string_view role) {
  if (ParseRole(role).has_value()) return core::Status::Ok();
  return core::Status::InvalidArgument("auth.unknown_role", "roles",
                                       "no role named '" + std::string(role) + "'");
}

}  // namespace socius::auth
