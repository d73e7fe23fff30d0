#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.h"
#include "auth/users.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::auth {

// The user name, territory code and role of the first administrator.
inline constexpr std::string_view kFirstAdministrator = "admin";
inline constexpr std::string_view kInstallationRootCode = "ROOT";

// If the installation has no user yet, creates `admin` ("Administrator", language en) with
// the role administrator over the installation root (territory ROOT, path '/', migration
// 0003), so over every country. With `password_from_env` (SOCIUS_ADMIN_PASSWORD; any
// non-empty text, the operator's choice) that is the password; otherwise a one-time password
// is generated, returned for printing once, and must be changed at first login. Returns
// nullopt when users already exist or the password came from the environment.
// Internal when the ROOT territory is missing (migrations not applied). Audit
// system.bootstrap_admin. Safe to call at every start; hashing happens outside the write.
core::Result<std::optional<std::string>> EnsureFirstAdministrator(
    store::Database& db, std::optional<std::string> password_from_env);

// Command-line user administration (`socius user ...`), acting as the system: no scope
// applies. Password cost from SOCIUS_PASSWORD_COST.
//
// Creates `username` with one `role` over `territory_code`, which is also the home territory.
// No password: a one-time password is generated and returned in CreatedUser. Errors as
// UserAccounts::Create.
core::Result<CreatedUser> AddUser(store::Database& db, const std::string& username,
                                  const std::string& display_name, const std::string& role,
                                  const std::string& territory_code,
                                  const std::optional<std::string>& password);
// Sets `username`'s password (no change required at next login) and ends their sessions.
core::Status SetPassword(store::Database& db, const std::string& username,
                         const std::string& password);
// Every user, by username.
core::Result<std::vector<User>> ListUsers(store::Database& db);

}  // namespace socius::auth
