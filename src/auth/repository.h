#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/model.h"
#include "auth/principal.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::auth {

// SQL over users, role_assignments, sessions and (read-only) territories. Every method runs
// inside the transaction whose Session it was given; none opens one. Not thread-safe (a
// Session never is). Failures are the store's: Unavailable("store.busy"), Internal, and the
// codes named below.

// What a login needs to know of an account, before and after checking the password.
struct LoginRecord {
  std::string user_id;
  std::string username;
  std::string password_hash;
  std::string home_territory_id;
  bool active = true;
  int64_t failed_logins = 0;
  std::optional<std::string> locked_until;
};

// The filters of a user listing; the caller's scope is mandatory.
struct UserQuery {
  std::vector<std::string> scope_roots;  // ScopePaths(caller, user.read)
  std::string text;                      // username or display-name substring, any case
  std::string after_username_key;        // cursor: strictly after this key
  int limit = 50;
};

class UserRepository {
 public:
  explicit UserRepository(store::Session& tx) : tx_(tx) {}

  core::Result<std::optional<User>> FindById(const std::string& id);
  core::Result<std::optional<User>> FindByUsername(const std::string& username);
  core::Result<std::optional<LoginRecord>> FindLogin(const std::string& username);
  // Up to query.limit users ordered by username key; the roles of each filled in.
  core::Result<std::vector<User>> List(const UserQuery& query);
  core::Result<int64_t> Count();
  // The user's grants with territory paths: what a Principal carries.
  core::Result<std::vector<RoleGrant>> GrantsOf(const std::string& user_id);

  // Inserts `user` (id, username, display name, language, home territory id, flags, times
  // taken from it) with `password_hash`. Conflict("user.duplicate_username", "username")
  // when the username exists in any case.
  core::Status Insert(const User& user, const std::string& password_hash);
  // Writes display name, language and active of `user`, clears the lockout when `unlock`,
  // and bumps the version, if the stored version is still `user.version`. False when stale.
  core::Result<bool> Update(const User& user, bool unlock, const std::string& now);
  // Replaces all role assignments of `user_id` with `roles` (territory ids resolved).
  core::Status ReplaceRoles(const std::string& user_id, const std::vector<UserRole>& roles,
                            const std::string& now);
  // Sets the password (and must_change_password); bumps the version, clears any lockout.
  core::Status SetPassword(const std::string& user_id, const std::string& password_hash,
                           bool must_change, const std::string& now);
  // Counts one more failed login; when it reaches `threshold` the account is locked until
  // `lock_until` and the count starts again from 0. Returns the new locked_until, if locked.
  core::Result<std::optional<std::string>> RecordFailedLogin(const std::string& user_id,
                                                             int threshold,
                                                             const std::string& lock_until);
  // Clears failures and lockout, notes the login time; replaces the hash when one is given
  // (rehash after a cost change).
  core::Status RecordLogin(const std::string& user_id, const std::string& now,
                           const std::optional<std::string>& new_password_hash);

  core::Result<std::optional<TerritoryRef>> FindTerritoryByCode(const std::string& code);

 private:
  core::Status FillRoles(std::vector<User>& users);
  core::Result<std::optional<User>> FindOne(const std::string& where, const store::Value& key);

  store::Session& tx_;
};

// A session row with the account fields a principal needs.
struct StoredSession {
  std::string id;  // SHA-256 hex of the cookie token
  std::string user_id;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;  // the absolute end
  std::string client_ip;
  std::string user_agent;
  // From users:
  std::string username;
  std::string display_name;
  std::string language;
  bool must_change_password = false;
  bool active = true;
};

class SessionRepository {
 public:
  explicit SessionRepository(store::Session& tx) : tx_(tx) {}

  core::Status Insert(const StoredSession& session);
  core::Result<std::optional<StoredSession>> Find(const std::string& id);
  // Moves last_seen_at forward (never back).
  core::Status Touch(const std::string& id, const std::string& last_seen_at);
  core::Status Delete(const std::string& id);
  // Ends every session of the user except `keep_id` (may be empty). Returns how many.
  core::Result<int64_t> DeleteAllOf(const std::string& user_id, const std::string& keep_id);
  // Ends the user's sessions that are past their absolute end or idle since before
  // `idle_cutoff`.
  core::Status DeleteStaleOf(const std::string& user_id, const std::string& now,
                             const std::string& idle_cutoff);

 private:
  store::Session& tx_;
};

}  // namespace socius::auth
