#pragma once

#include <string>
#include <string_view>

#include "auth/model.h"
#include "core/status.h"

namespace socius::auth {

// The languages a user may choose (and messages exist in).
inline constexpr std::string_view kLanguages[] = {"en", "ro", "uk", "mk", "lt", "ru"};
inline constexpr size_t kMinPasswordLength = 10;
inline constexpr size_t kMaxPasswordLength = 1024;  // argon2 takes any length; bound the work
inline constexpr size_t kMaxDisplayNameLength = 200;

// Ok if `username` is 3..64 characters of [a-z0-9._-] in either case;
// else InvalidArgument("user.invalid_username", "username").
core::Status ValidateUsername(std::string_view username);
// The uniqueness key: the username lower-cased ("Ana.Pop" and "ana.pop" are one user).
std::string UsernameKey(std::string_view username);
// InvalidArgument("user.invalid_language", "language") unless one of kLanguages.
core::Status ValidateLanguage(std::string_view language);
// InvalidArgument("user.invalid_display_name", "display_name") when blank.
core::Status ValidateDisplayName(std::string_view display_name);
// A new password for an account, else InvalidArgument in `field`: at least
// kMinPasswordLength characters (code points) ("auth.password_too_short", param `min`), at
// most kMaxPasswordLength bytes ("auth.password_too_long"), at least 4 different characters
// and not only white space ("auth.password_too_simple"), not the user name nor, for names of 4
// characters or more, containing it ("auth.password_contains_username"; `username` may be
// empty when unknown), and not one of
// the common passwords shipped in common_passwords.txt, ignoring case
// ("auth.password_too_common").
core::Status ValidateNewPassword(std::string_view password, std::string_view field,
                                 std::string_view username = {});
// Ok, or InvalidArgument("auth.unknown_role", "roles") naming the role in detail.
core::Status ValidateRoleName(std::string_view role);

}  // namespace socius::auth
