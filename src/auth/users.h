#pragma once

#include <optional>
#include <string>

#include "auth/model.h"
#include "auth/principal.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::auth {

class Sessions;

// A user as the principal of work done on their behalf outside a request (an import job, the
// command line's --actor), with the grants they hold now, by id or by user name.
// NotFound("user.not_found") when there is no such user. Runs in its own read transaction.
core::Result<Principal> PrincipalOfUser(store::Database& db, const std::string& id);
core::Result<Principal> PrincipalOfUsername(store::Database& db, const std::string& username);
// The same inside the caller's transaction, for an active user only (nullopt for an unknown or
// deactivated one): what another room checks before it makes someone responsible for work.
core::Result<std::optional<Principal>> ActivePrincipalIn(store::Session& tx, const std::string& id);

struct CreatedUser {
  User user;
  std::optional<std::string> one_time_password;  // when no password was given
};

// Managing user accounts, with the scope rules of docs/api-contract.md:
//  - `actor` sees (and lists) only users whose home territory lies in its user.read scope;
//    others, and unknown ids, are NotFound("user.not_found");
//  - changing a user in any way (update, unlock, deactivation, password reset) needs
//    user.write over the user's home territory and over the territory of every role the user
//    holds (an actor never acts on someone who reaches further), and every role granted or
//    taken away must be over a territory inside the actor's user.write scope; otherwise
//    PermissionDenied("auth.forbidden").
// An `actor` of nullptr is the system (the command line on the server): no scope applies.
// Passwords are hashed before the write transaction opens. Every change is audited in the
// transaction that makes it. Thread-safe.
class UserAccounts {
 public:
  // `sessions` (may be null, e.g. in the CLI) learns of changes that affect logged-in users.
  UserAccounts(store::Database& db, const AuthOptions& options, Sessions* sessions);

  // Users in scope, by username; `cursor` is a previous page's next_cursor.
  // InvalidArgument("request.invalid_query", "cursor") for a cursor we did not make.
  core::Result<Page<User>> List(const Principal* actor, const std::string& text, int limit,
                                const std::string& cursor);
  core::Result<User> Get(const Principal* actor, const std::string& id);

  // InvalidArgument user.invalid_username / user.invalid_display_name /
  // user.invalid_language / auth.unknown_role / auth.password_too_short;
  // NotFound("territory.not_found"); Conflict("user.duplicate_username"); auth.forbidden.
  // Audit user.create.
  core::Result<CreatedUser> Create(const Principal* actor, const NewUser& draft);

  // Applies `change` if the user's version is still `expected_version`
  // (Conflict "conflict.stale_version" otherwise). Deactivating ends the user's sessions.
  // Audit user.update with the changed fields.
  core::Result<User> Update(const Principal* actor, const std::string& id, int64_t expected_version,
                            const UserChange& change);

  // The signed-in user's own language ("ro", "uk", "mk", "lt", "ru", "en"): needs no
  // permission, only a session, and no version (a preference the user alone sets).
  // InvalidArgument("user.invalid_language", "language"). Audit user.update when it changes.
  core::Result<User> SetOwnLanguage(const Principal& who, const std::string& language);

  // A new one-time password (must be changed at next login); ends the user's sessions and
  // clears a lockout. Audit user.password_reset.
  core::Result<std::string> ResetPassword(const Principal* actor, const std::string& id);

  // Sets a chosen password (the command line's `user passwd`): no change required at login.
  // NotFound("user.not_found"); auth.password_too_short. Audit user.password_reset.
  core::Status SetPassword(const std::string& username, const std::string& password);

 private:
  // Loads `id` and checks that `actor` may see it (NotFound) and change it (forbidden).
  static core::Result<User> WritableUser(store::Session& tx, const Principal* actor,
                                         const std::string& id);
  void Forget(const std::string& user_id);

  store::Database& db_;
  const AuthOptions options_;
  Sessions* sessions_;
};

}  // namespace socius::auth
