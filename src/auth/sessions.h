#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/model.h"
#include "auth/principal.h"
#include "auth/throttle.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::auth {

inline constexpr std::string_view kSessionCookie = "socius_session";

struct LoginAttempt {
  std::string username;
  std::string password;
  std::string client_ip;
  std::string user_agent;
};

struct LoginOutcome {
  std::string token;  // goes into the cookie only; never stored or logged
  Principal principal;
  User user;
};

// Server-side sessions: login with throttling and lockout, resolving a cookie to a principal
// on every request, logout and password change. One per process, shared by the
// authenticator and the routes; outlives both. Thread-safe.
//
// Resolving is the hot path: a principal once read is served from memory for
// options.principal_cache_ttl, and last_seen_at is written at most once per
// options.touch_interval, so most authenticated requests touch no database at all. Changes
// made through this object (or reported with ForgetUser) take effect at once in this process;
// those of other processes within the cache TTL.
class Sessions {
 public:
  Sessions(store::Database& db, AuthOptions options);
  Sessions(const Sessions&) = delete;
  Sessions& operator=(const Sessions&) = delete;

  // Checks the credentials and opens a session.
  //   ResourceExhausted("auth.too_many_attempts") when the client IP failed
  //     max_attempts_per_ip times in attempt_window (successful logins do not count);
  //     ResourceExhausted("auth.locked") while the account is locked. Both carry param
  //     "retry_after" (whole seconds).
  //   Unauthenticated("auth.invalid_credentials") for an unknown user, a wrong password or
  //     an inactive account alike, taking the same time (a dummy hash is verified).
  // The password is hashed and verified outside any transaction. Writes session.login or
  // session.login_failed to the audit log; the fifth failure in a row locks the account.
  core::Result<LoginOutcome> Login(const LoginAttempt& attempt);

  // The principal of a cookie token. Unauthenticated("auth.unauthenticated") when there is
  // no such session (or the account was deactivated), "auth.session_expired" after
  // idle_timeout without requests or absolute_timeout after login.
  core::Result<Principal> Resolve(std::string_view token);

  // Ends the caller's session; audit session.logout.
  core::Status Logout(const Principal& who);

  // Changes the caller's own password and ends their other sessions.
  //   InvalidArgument "auth.password_too_short" (new_password), "auth.password_unchanged"
  //   (new_password), "auth.wrong_password" (current_password). Audit user.password_change.
  core::Status ChangePassword(const Principal& who, const std::string& current_password,
                              const std::string& new_password);

  // Drops every cached principal of `user_id`: call after changing the user's roles,
  // language, activity or password, after the change committed.
  void ForgetUser(const std::string& user_id);

  // The Set-Cookie values that open and clear the session cookie.
  std::string SessionCookie(const std::string& token) const;
  std::string ClearedCookie() const;

  store::Database& database() { return db_; }
  const AuthOptions& options() const { return options_; }

 private:
  struct Cached {
    Principal principal;
    core::TimePoint loaded_at;
    core::TimePoint expires_at;
    core::TimePoint last_seen;         // the latest request seen by this process
    core::TimePoint last_seen_stored;  // what sessions.last_seen_at holds
  };

  const std::string& DummyHash();
  core::Result<Principal> Load(const std::string& session_id, core::TimePoint now);
  // Marks activity on an entry (cached ones under mutex_); true if last_seen_at is due.
  bool MarkSeen(Cached& entry, core::TimePoint now);
  bool Expired(const Cached& entry, core::TimePoint now) const;
  void Touch(const std::string& session_id, core::TimePoint now);
  void EndExpired(const std::string& session_id);
  void SweepLocked(core::TimePoint now);
  void Remember(const std::string& session_id, Cached entry, uint64_t generation);

  store::Database& db_;
  const AuthOptions options_;
  AttemptWindow attempts_by_ip_;
  NameLockout names_without_account_;

  std::once_flag dummy_once_;
  std::string dummy_hash_;

  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;
  uint64_t generation_ = 0;  // bumped by every ForgetUser: older reads are not cached
  core::TimePoint last_sweep_{};
};

}  // namespace socius::auth
