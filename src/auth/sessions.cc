#include "auth/sessions.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/password.h"
#include "auth/repository.h"
#include "auth/rules.h"
#include "auth/tokens.h"
#include "core/clock.h"
#include "core/log.h"

namespace socius::auth {
namespace {

using core::Status;
using core::TimePoint;

constexpr size_t kMaxAuditedUsername = 64;

std::string Seconds(std::chrono::nanoseconds d) {
  auto s = std::chrono::ceil<std::chrono::seconds>(d);
  return std::to_string(std::max<int64_t>(s.count(), 1));
}

Status InvalidCredentials() {
  return Status::Unauthenticated("auth.invalid_credentials", "wrong username or password");
}

std::string LoginFailedDetail(const std::string& username, const std::string& reason,
                              const std::string& client_ip) {
  nlohmann::json detail = {{"username", username.substr(0, kMaxAuditedUsername)},
                           {"reason", reason},
                           {"client_ip", client_ip}};
  return detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Sessions::Sessions(store::Database& db, AuthOptions options)
    : db_(db),
      options_(std::move(options)),
      attempts_by_ip_(options_.max_attempts_per_ip, options_.attempt_window),
      names_without_account_(options_.max_failed_logins, options_.lockout) {}

const std::string& Sessions::DummyHash() {
  std::call_once(dummy_once_, [this] {
    auto hash = HashPassword(RandomToken(16), options_.password_cost);
    dummy_hash_ = hash.ok() ? *hash : std::string();
  });
  return dummy_hash_;
}

core::Result<LoginOutcome> Sessions::Login(const LoginAttempt& attempt) {
  TimePoint now = options_.clock();
  if (auto wait = attempts_by_ip_.Blocked(attempt.client_ip, now)) {
    return Status::ResourceExhausted("auth.too_many_attempts", "too many logins from this address")
        .With("retry_after", std::to_string(wait->count()));
  }
  std::string now_utc = core::FormatUtc(now);

  std::optional<LoginRecord> record;
  if (attempt.username.size() <= 64) {
    if (core::Status done = db_.Read([&](store::Session& tx) {
          auto found = UserRepository(tx).FindLogin(attempt.username);
          if (!found.ok()) return found.status();
          record = std::move(*found);
          return Status::Ok();
        });
        !done.ok()) {
      return done;
    }
  }
  if (record && record->locked_until && *record->locked_until > now_utc) {
    auto until = core::ParseUtc(*record->locked_until);
    return Status::ResourceExhausted("auth.locked", "account locked after failed logins")
        .With("retry_after", Seconds(until ? *until - now : options_.lockout));
  }
  // A name without an active account locks exactly as an account does (docs/api-contract.md).
  const bool has_account = record && record->active;
  const std::string name_key = UsernameKey(attempt.username.substr(0, 256));
  if (!has_account) {
    if (auto wait = names_without_account_.LockedFor(name_key, now)) {
      return Status::ResourceExhausted("auth.locked", "account locked after failed logins")
          .With("retry_after", std::to_string(wait->count()));
    }
  }

  // The slow part, outside any transaction. An unknown user costs the same as a known one.
  bool matches = attempt.password.size() <= kMaxPasswordLength &&
                 VerifyPassword(attempt.password, record ? record->password_hash : DummyHash());
  if (!record || !matches || !record->active) {
    (void)attempts_by_ip_.Record(attempt.client_ip, now);
    std::string reason = !record ? "unknown_user" : !record->active ? "inactive" : "wrong_password";
    if (!has_account && names_without_account_.RecordFailure(name_key, now)) reason += ", locked";
    if (core::Status done = db_.Write([&](store::Session& tx) {
          // A body may run again (store::Database::Write): it changes nothing outside.
          std::string why = reason;
          if (has_account) {
            std::string lock_until = core::FormatUtc(now + options_.lockout);
            auto locked = UserRepository(tx).RecordFailedLogin(
                record->user_id, options_.max_failed_logins, lock_until);
            if (!locked.ok()) return locked.status();
            if (locked->has_value()) why += ", locked";
          }
          AuditEvent event{"session.login_failed", "user", record ? record->user_id : "",
                           record ? record->home_territory_id : "",
                           LoginFailedDetail(attempt.username, why, attempt.client_ip)};
          return AppendAudit(tx, nullptr, event);
        });
        !done.ok()) {
      return done;
    }
    return InvalidCredentials();
  }

  std::optional<std::string> rehashed;
  if (PasswordNeedsRehash(record->password_hash, options_.password_cost)) {
    auto hash = HashPassword(attempt.password, options_.password_cost);
    if (hash.ok()) rehashed = std::move(*hash);
  }

  SessionToken token = NewSessionToken();
  LoginOutcome outcome;
  outcome.token = token.token;
  if (core::Status done = db_.Write([&](store::Session& tx) {
        SessionRepository sessions(tx);
        UserRepository users(tx);
        SOCIUS_RETURN_IF_ERROR(sessions.DeleteStaleOf(
            record->user_id, now_utc, core::FormatUtc(now - options_.idle_timeout)));
        StoredSession stored;
        stored.id = token.session_id;
        stored.user_id = record->user_id;
        stored.csrf_token = RandomToken(32);
        stored.created_at = now_utc;
        stored.last_seen_at = now_utc;
        stored.expires_at = core::FormatUtc(now + options_.absolute_timeout);
        stored.client_ip = attempt.client_ip;
        stored.user_agent = attempt.user_agent.substr(0, 512);
        SOCIUS_RETURN_IF_ERROR(sessions.Insert(stored));
        SOCIUS_RETURN_IF_ERROR(users.RecordLogin(record->user_id, now_utc, rehashed));

        auto user = users.FindById(record->user_id);
        if (!user.ok()) return user.status();
        if (!user->has_value()) return Status::Internal("user vanished during login");
        outcome.user = std::move(**user);
        auto grants = users.GrantsOf(record->user_id);
        if (!grants.ok()) return grants.status();
        Principal& p = outcome.principal;
        p.user_id = outcome.user.id;
        p.username = outcome.user.username;
        p.display_name = outcome.user.display_name;
        p.language = outcome.user.language;
        p.must_change_password = outcome.user.must_change_password;
        p.grants = std::move(*grants);
        p.session_id = stored.id;
        p.csrf_token = stored.csrf_token;
        nlohmann::json detail = {{"client_ip", attempt.client_ip}};
        return AppendAudit(tx, &p,
                           AuditEvent{"session.login", "user", p.user_id,
                                      outcome.user.home_territory.id, detail.dump()});
      });
      !done.ok()) {
    return done;
  }

  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation = generation_;
  }
  Remember(token.session_id,
           Cached{outcome.principal, now, now + options_.absolute_timeout, now, now}, generation);
  spdlog::info("login user={} ip={}", outcome.principal.username, attempt.client_ip);
  return outcome;
}

core::Result<Principal> Sessions::Resolve(std::string_view token) {
  if (token.empty() || token.size() > 128) {
    return Status::Unauthenticated("auth.unauthenticated", "no session cookie");
  }
  std::string session_id = SessionIdOf(token);
  TimePoint now = options_.clock();
  bool touch = false;
  bool expired = false;
  std::optional<Principal> principal;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(session_id);
    if (it != cache_.end() && now - it->second.loaded_at < options_.principal_cache_ttl) {
      if (Expired(it->second, now)) {
        cache_.erase(it);
        expired = true;
      } else {
        touch = MarkSeen(it->second, now);
        principal = it->second.principal;
      }
    }
  }
  if (expired) {
    EndExpired(session_id);
    return Status::Unauthenticated("auth.session_expired", "session expired");
  }
  if (principal) {
    if (touch) Touch(session_id, now);
    return std::move(*principal);
  }
  return Load(session_id, now);
}

core::Result<Principal> Sessions::Load(const std::string& session_id, TimePoint now) {
  uint64_t generation;
  std::optional<TimePoint> seen_here;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation = generation_;
    auto it = cache_.find(session_id);
    if (it != cache_.end()) seen_here = it->second.last_seen;
  }
  std::optional<StoredSession> stored;
  std::vector<RoleGrant> grants;
  if (core::Status done = db_.Read([&](store::Session& tx) {
        auto found = SessionRepository(tx).Find(session_id);
        if (!found.ok()) return found.status();
        stored = std::move(*found);
        if (!stored) return Status::Ok();
        auto held = UserRepository(tx).GrantsOf(stored->user_id);
        if (!held.ok()) return held.status();
        grants = std::move(*held);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  if (!stored || !stored->active) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cache_.erase(session_id);
    }
    if (stored) EndExpired(session_id);
    return Status::Unauthenticated("auth.unauthenticated", "no such session");
  }

  Cached entry;
  entry.loaded_at = now;
  entry.expires_at = core::ParseUtc(stored->expires_at).value_or(TimePoint{});
  entry.last_seen_stored = core::ParseUtc(stored->last_seen_at).value_or(TimePoint{});
  entry.last_seen = std::max(entry.last_seen_stored, seen_here.value_or(TimePoint{}));
  Principal& p = entry.principal;
  p.user_id = stored->user_id;
  p.username = stored->username;
  p.display_name = stored->display_name;
  p.language = stored->language;
  p.must_change_password = stored->must_change_password;
  p.grants = std::move(grants);
  p.session_id = stored->id;
  p.csrf_token = stored->csrf_token;

  if (Expired(entry, now)) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      cache_.erase(session_id);
    }
    EndExpired(session_id);
    return Status::Unauthenticated("auth.session_expired", "session expired");
  }
  bool touch = MarkSeen(entry, now);
  Principal out = entry.principal;
  Remember(session_id, std::move(entry), generation);
  if (touch) Touch(session_id, now);
  return out;
}

bool Sessions::Expired(const Cached& entry, TimePoint now) const {
  return now >= entry.expires_at || now - entry.last_seen > options_.idle_timeout;
}

bool Sessions::MarkSeen(Cached& entry, TimePoint now) {
  if (now > entry.last_seen) entry.last_seen = now;
  if (now - entry.last_seen_stored < options_.touch_interval) return false;
  // Claimed here, under the lock, so that one thread writes and the others do not.
  entry.last_seen_stored = now;
  return true;
}

void Sessions::Remember(const std::string& session_id, Cached entry, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  // A ForgetUser since our read means what we read may be stale: serve it once, keep it not.
  if (generation != generation_) return;
  if (entry.loaded_at - last_sweep_ > options_.touch_interval) SweepLocked(entry.loaded_at);
  cache_[session_id] = std::move(entry);
}

void Sessions::SweepLocked(TimePoint now) {
  last_sweep_ = now;
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (Expired(it->second, now)) {
      it = cache_.erase(it);
    } else {
      ++it;
    }
  }
}

void Sessions::Touch(const std::string& session_id, TimePoint now) {
  // Best effort: a failed touch only makes the session look idle a minute earlier.
  Status s = db_.Write([&](store::Session& tx) {
    return SessionRepository(tx).Touch(session_id, core::FormatUtc(now));
  });
  if (!s.ok()) spdlog::warn("session touch failed: {}", s.ToString());
}

void Sessions::EndExpired(const std::string& session_id) {
  Status s =
      db_.Write([&](store::Session& tx) { return SessionRepository(tx).Delete(session_id); });
  if (!s.ok()) spdlog::warn("ending an expired session failed: {}", s.ToString());
}

core::Status Sessions::Logout(const Principal& who) {
  Status s = db_.Write([&](store::Session& tx) {
    SOCIUS_RETURN_IF_ERROR(SessionRepository(tx).Delete(who.session_id));
    auto home = UserRepository(tx).FindLogin(who.username);
    if (!home.ok()) return home.status();
    std::string territory = home->has_value() ? (*home)->home_territory_id : "";
    return AppendAudit(tx, &who, AuditEvent{"session.logout", "user", who.user_id, territory});
  });
  std::lock_guard<std::mutex> lock(mutex_);
  cache_.erase(who.session_id);
  return s;
}

core::Status Sessions::ChangePassword(const Principal& who, const std::string& current_password,
                                      const std::string& new_password) {
  SOCIUS_RETURN_IF_ERROR(ValidateNewPassword(new_password, "new_password", who.username));
  if (new_password == current_password) {
    return Status::InvalidArgument("auth.password_unchanged", "new_password",
                                   "the new password equals the current one");
  }
  std::optional<LoginRecord> record;
  if (core::Status done = db_.Read([&](store::Session& tx) {
        auto found = UserRepository(tx).FindLogin(who.username);
        if (!found.ok()) return found.status();
        record = std::move(*found);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  if (!record || record->user_id != who.user_id) {
    return Status::Unauthenticated("auth.unauthenticated", "account gone");
  }
  if (current_password.size() > kMaxPasswordLength ||
      !VerifyPassword(current_password, record->password_hash)) {
    return Status::InvalidArgument("auth.wrong_password", "current_password",
                                   "the current password is wrong");
  }
  auto hash = HashPassword(new_password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  std::string now_utc = core::FormatUtc(options_.clock());
  if (core::Status done = db_.Write([&](store::Session& tx) {
        SOCIUS_RETURN_IF_ERROR(UserRepository(tx).SetPassword(who.user_id, *hash, false, now_utc));
        auto ended = SessionRepository(tx).DeleteAllOf(who.user_id, who.session_id);
        if (!ended.ok()) return ended.status();
        nlohmann::json detail = {{"other_sessions_ended", *ended}};
        return AppendAudit(tx, &who,
                           AuditEvent{"user.password_change", "user", who.user_id,
                                      record->home_territory_id, detail.dump()});
      });
      !done.ok()) {
    return done;
  }
  ForgetUser(who.user_id);
  return Status::Ok();
}

void Sessions::ForgetUser(const std::string& user_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  for (auto it = cache_.begin(); it != cache_.end();) {
    if (it->second.principal.user_id == user_id) {
      it = cache_.erase(it);
    } else {
      ++it;
    }
  }
}

std::string Sessions::SessionCookie(const std::string& token) const {
  std::string cookie =
      std::string(kSessionCookie) + "=" + token + "; HttpOnly; SameSite=Strict; Path=/";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

std::string Sessions::ClearedCookie() const {
  std::string cookie =
      std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
  if (options_.secure_cookies) cookie += "; Secure";
  return cookie;
}

}  // namespace socius::auth
