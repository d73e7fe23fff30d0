#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/password.h"
#include "auth/roles.h"
#include "core/clock.h"

namespace socius::auth {

// A territory as the auth room needs it: where a user lives and where a grant reaches.
struct TerritoryRef {
  std::string id;
  std::string code;
  std::string name;
  std::string path;  // '/RO/RO:10/': the subtree is every path with this prefix
};

// One role held by a user over one territory, with the territory spelled out.
struct UserRole {
  Role role;
  TerritoryRef territory;
};

// A user account as the API shows it (docs/api-contract.md, "User"). Never the password hash.
struct User {
  std::string id;
  std::string username;  // as typed; unique case-insensitively
  std::string display_name;
  std::string language = "en";
  TerritoryRef home_territory;
  bool active = true;
  bool must_change_password = false;
  std::optional<std::string> locked_until;  // ISO 8601 UTC; locked while in the future
  std::vector<UserRole> roles;
  int64_t version = 1;
  std::string created_at;
  std::optional<std::string> last_login_at;

  // True while a lockout after failed logins lasts, at instant `now_utc` (FormatUtc form).
  bool LockedAt(const std::string& now_utc) const {
    return locked_until.has_value() && *locked_until > now_utc;
  }
};

// A role to grant, as a request names it.
struct RoleRequest {
  std::string role;            // wire name, checked against ParseRole
  std::string territory_code;  // official code
};

// What an administrator (or the CLI) supplies to create a user.
struct NewUser {
  std::string username;
  std::string display_name;
  std::string language = "en";
  std::string home_territory_code;
  std::vector<RoleRequest> roles;
  // Empty: a one-time password is generated and must be changed at first login.
  std::optional<std::string> password;
};

// A partial update (PATCH): only the fields present change.
struct UserChange {
  std::optional<std::string> display_name;
  std::optional<std::string> language;
  std::optional<bool> active;
  std::optional<std::vector<RoleRequest>> roles;  // replaces the whole set
  bool unlock = false;                            // clears a lockout and the failure count
};

// A page of users or audit entries; next_cursor is opaque and absent on the last page.
template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

// The knobs of sessions, logins and passwords. Defaults are the production values.
struct AuthOptions {
  bool secure_cookies = false;  // add "; Secure" to the session cookie (--secure-cookies)
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  // last_seen_at is written at most this often per session, not on every request.
  std::chrono::seconds touch_interval{60};
  // How long a resolved principal is served from memory before the database is asked again
  // (other processes' logouts and role changes become visible within this time).
  std::chrono::milliseconds principal_cache_ttl{5000};
  int max_failed_logins = 5;
  std::chrono::seconds lockout{15 * 60};
  int max_attempts_per_ip = 20;  // failed logins per attempt_window, per client IP
  std::chrono::seconds attempt_window{60};
  PasswordCost password_cost = PasswordCostFromEnvironment();
  // The clock; tests inject one to step over timeouts.
  std::function<core::TimePoint()> clock = [] { return std::chrono::system_clock::now(); };
};

}  // namespace socius::auth
