#include "auth/users.h"

#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "auth/audit.h"
#include "auth/password.h"
#include "auth/permissions.h"
#include "auth/repository.h"
#include "auth/rules.h"
#include "auth/sessions.h"
#include "auth/tokens.h"
#include "core/clock.h"
#include "core/ids.h"

namespace socius::auth {
namespace {

using core::Status;
using Json = nlohmann::json;

bool MaySee(const Principal* actor, const std::string& path) {
  return actor == nullptr || Allows(*actor, Permission::kUserRead, path);
}

bool MayWrite(const Principal* actor, const std::string& path) {
  return actor == nullptr || Allows(*actor, Permission::kUserWrite, path);
}

Status UserNotFound() { return Status::NotFound("user.not_found", "no such user in scope"); }

Status Forbidden(const std::string& what) {
  return Status::PermissionDenied("auth.forbidden", what + " is outside your user.write scope");
}

Json RolesJson(const std::vector<UserRole>& roles) {
  Json out = Json::array();
  for (const UserRole& r : roles) {
    out.push_back({{"role", Name(r.role)}, {"territory_code", r.territory.code}});
  }
  return out;
}

Status ValidateRoleRequests(const std::vector<RoleRequest>& requests) {
  for (const RoleRequest& r : requests) SOCIUS_RETURN_IF_ERROR(ValidateRoleName(r.role));
  return Status::Ok();
}

// Resolves the territories of `requests` (validated role names).
core::Result<std::vector<UserRole>> ResolveRoles(UserRepository& users,
                                                 const std::vector<RoleRequest>& requests) {
  std::vector<UserRole> roles;
  for (const RoleRequest& r : requests) {
    auto territory = users.FindTerritoryByCode(r.territory_code);
    if (!territory.ok()) return territory.status();
    if (!territory->has_value()) {
      return Status::NotFound("territory.not_found", "no territory " + r.territory_code)
          .With("code", r.territory_code);
    }
    roles.push_back(UserRole{*ParseRole(r.role), std::move(**territory)});
  }
  return roles;
}

using GrantKey = std::tuple<Role, std::string>;

std::set<GrantKey> KeysOf(const std::vector<UserRole>& roles) {
  std::set<GrantKey> keys;
  for (const UserRole& r : roles) keys.emplace(r.role, r.territory.id);
  return keys;
}

// Every grant added or taken away must lie inside the actor's user.write scope.
Status CheckRoleChange(const Principal* actor, const std::vector<UserRole>& before,
                       const std::vector<UserRole>& after) {
  std::set<GrantKey> old_keys = KeysOf(before);
  std::set<GrantKey> new_keys = KeysOf(after);
  for (const UserRole& r : after) {
    if (!old_keys.count({r.role, r.territory.id}) && !MayWrite(actor, r.territory.path)) {
      return Forbidden("granting " + std::string(Name(r.role)) + " over " + r.territory.code);
    }
  }
  for (const UserRole& r : before) {
    if (!new_keys.count({r.role, r.territory.id}) && !MayWrite(actor, r.territory.path)) {
      return Forbidden("removing " + std::string(Name(r.role)) + " over " + r.territory.code);
    }
  }
  return Status::Ok();
}

}  // namespace

namespace {

core::Result<Principal> PrincipalOf(store::Database& db, bool by_id, const std::string& key) {
  Principal who;
  Status read = db.Read([&](store::Session& tx) -> Status {
    UserRepository users(tx);
    auto user = by_id ? users.FindById(key) : users.FindByUsername(key);
    if (!user.ok()) return user.status();
    if (!*user) return UserNotFound();
    who.user_id = (*user)->id;
    who.username = (*user)->username;
    who.display_name = (*user)->display_name;
    who.language = (*user)->language;
    auto grants = users.GrantsOf(who.user_id);
    if (!grants.ok()) return grants.status();
    who.grants = std::move(*grants);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return who;
}

}  // namespace

core::Result<Principal> PrincipalOfUser(store::Database& db, const std::string& id) {
  return PrincipalOf(db, true, id);
}

core::Result<std::optional<Principal>> ActivePrincipalIn(store::Session& tx,
                                                         const std::string& id) {
  UserRepository users(tx);
  auto user = users.FindById(id);
  if (!user.ok()) return user.status();
  if (!*user || !(*user)->active) return std::optional<Principal>();
  Principal who;
  who.user_id = (*user)->id;
  who.username = (*user)->username;
  who.display_name = (*user)->display_name;
  who.language = (*user)->language;
  auto grants = users.GrantsOf(who.user_id);
  if (!grants.ok()) return grants.status();
  who.grants = std::move(*grants);
  return std::optional<Principal>(std::move(who));
}

core::Result<Principal> PrincipalOfUsername(store::Database& db, const std::string& username) {
  return PrincipalOf(db, false, username);
}

UserAccounts::UserAccounts(store::Database& db, const AuthOptions& options, Sessions* sessions)
    : db_(db), options_(options), sessions_(sessions) {}

void UserAccounts::Forget(const std::string& user_id) {
  if (sessions_ != nullptr) sessions_->ForgetUser(user_id);
}

core::Result<Page<User>> UserAccounts::List(const Principal* actor, const std::string& text,
                                            int limit, const std::string& cursor) {
  UserQuery query;
  query.scope_roots = actor == nullptr
                          ? std::vector<std::string>{std::string(kInstallationRootPath)}
                          : ScopePaths(*actor, Permission::kUserRead);
  query.text = text;
  query.limit = limit + 1;  // one more tells whether there is a next page
  if (!cursor.empty()) {
    auto key = Base64UrlDecode(cursor);
    if (!key || key->empty()) {
      return Status::InvalidArgument("request.invalid_query", "cursor", "not one of our cursors")
          .With("name", "cursor");
    }
    query.after_username_key = *key;
  }
  Page<User> page;
  if (core::Status done = db_.Read([&](store::Session& tx) {
        auto users = UserRepository(tx).List(query);
        if (!users.ok()) return users.status();
        page.items = std::move(*users);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.resize(static_cast<size_t>(limit));
    page.next_cursor = Base64UrlEncode(UsernameKey(page.items.back().username));
  }
  return page;
}

core::Result<User> UserAccounts::Get(const Principal* actor, const std::string& id) {
  if (!core::LooksLikeId(id)) return UserNotFound();
  std::optional<User> user;
  if (core::Status done = db_.Read([&](store::Session& tx) {
        auto found = UserRepository(tx).FindById(id);
        if (!found.ok()) return found.status();
        user = std::move(*found);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  if (!user || !MaySee(actor, user->home_territory.path)) return UserNotFound();
  return std::move(*user);
}

core::Result<CreatedUser> UserAccounts::Create(const Principal* actor, const NewUser& draft) {
  SOCIUS_RETURN_IF_ERROR(ValidateUsername(draft.username));
  SOCIUS_RETURN_IF_ERROR(ValidateDisplayName(draft.display_name));
  SOCIUS_RETURN_IF_ERROR(ValidateLanguage(draft.language));
  SOCIUS_RETURN_IF_ERROR(ValidateRoleRequests(draft.roles));
  if (draft.password) {
    SOCIUS_RETURN_IF_ERROR(ValidateNewPassword(*draft.password, "password", draft.username));
  }

  CreatedUser created;
  std::string password = draft.password.value_or("");
  if (!draft.password) {
    created.one_time_password = NewOneTimePassword();
    password = *created.one_time_password;
  }
  auto hash = HashPassword(password, options_.password_cost);
  if (!hash.ok()) return hash.status();

  std::string now = core::FormatUtc(options_.clock());
  if (core::Status done = db_.Write([&](store::Session& tx) {
        UserRepository users(tx);
        auto home = users.FindTerritoryByCode(draft.home_territory_code);
        if (!home.ok()) return home.status();
        if (!home->has_value()) {
          return Status::NotFound("territory.not_found",
                                  "no territory " + draft.home_territory_code)
              .With("code", draft.home_territory_code);
        }
        if (!MayWrite(actor, (*home)->path)) return Forbidden("home territory " + (*home)->code);
        auto roles = ResolveRoles(users, draft.roles);
        if (!roles.ok()) return roles.status();
        SOCIUS_RETURN_IF_ERROR(CheckRoleChange(actor, {}, *roles));

        User user;
        user.id = core::NewId();
        user.username = draft.username;
        user.display_name = draft.display_name;
        user.language = draft.language;
        user.home_territory = **home;
        user.must_change_password = !draft.password.has_value();
        user.created_at = now;
        SOCIUS_RETURN_IF_ERROR(users.Insert(user, *hash));
        SOCIUS_RETURN_IF_ERROR(users.ReplaceRoles(user.id, *roles, now));
        Json detail = {{"username", user.username},
                       {"display_name", user.display_name},
                       {"home_territory_code", user.home_territory.code},
                       {"roles", RolesJson(*roles)},
                       {"one_time_password", !draft.password.has_value()}};
        SOCIUS_RETURN_IF_ERROR(AppendAudit(
            tx, actor,
            AuditEvent{"user.create", "user", user.id, user.home_territory.id, detail.dump()}));
        auto stored = users.FindById(user.id);
        if (!stored.ok()) return stored.status();
        created.user = std::move(**stored);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  return created;
}

core::Result<User> UserAccounts::WritableUser(store::Session& tx, const Principal* actor,
                                              const std::string& id) {
  if (!core::LooksLikeId(id)) return UserNotFound();
  auto found = UserRepository(tx).FindById(id);
  if (!found.ok()) return found.status();
  if (!found->has_value() || !MaySee(actor, (*found)->home_territory.path)) return UserNotFound();
  if (!MayWrite(actor, (*found)->home_territory.path)) {
    return Forbidden("user " + (*found)->username);
  }
  // Whoever can reset a password or deactivate an account can become its holder, so the
  // actor must reach at least as far as the target: every grant the target holds.
  for (const UserRole& r : (*found)->roles) {
    if (!MayWrite(actor, r.territory.path)) {
      return Forbidden("user " + (*found)->username + ", who holds " + std::string(Name(r.role)) +
                       " over " + r.territory.code + ",");
    }
  }
  return std::move(**found);
}

core::Result<User> UserAccounts::Update(const Principal* actor, const std::string& id,
                                        int64_t expected_version, const UserChange& change) {
  if (change.display_name) SOCIUS_RETURN_IF_ERROR(ValidateDisplayName(*change.display_name));
  if (change.language) SOCIUS_RETURN_IF_ERROR(ValidateLanguage(*change.language));
  if (change.roles) SOCIUS_RETURN_IF_ERROR(ValidateRoleRequests(*change.roles));

  std::string now = core::FormatUtc(options_.clock());
  std::optional<User> result;
  if (core::Status done = db_.Write([&](store::Session& tx) {
        auto loaded = WritableUser(tx, actor, id);
        if (!loaded.ok()) return loaded.status();
        User user = std::move(*loaded);
        if (user.version != expected_version) {
          return Status::Conflict("conflict.stale_version", "", "the user changed meanwhile")
              .With("version", std::to_string(user.version));
        }
        UserRepository users(tx);
        Json detail = Json::object();
        if (change.display_name && *change.display_name != user.display_name) {
          detail["display_name"] = *change.display_name;
          user.display_name = *change.display_name;
        }
        if (change.language && *change.language != user.language) {
          detail["language"] = *change.language;
          user.language = *change.language;
        }
        bool deactivated = false;
        if (change.active && *change.active != user.active) {
          detail["active"] = *change.active;
          deactivated = !*change.active;
          user.active = *change.active;
        }
        if (change.unlock) detail["unlock"] = true;
        std::optional<std::vector<UserRole>> roles;
        if (change.roles) {
          auto resolved = ResolveRoles(users, *change.roles);
          if (!resolved.ok()) return resolved.status();
          SOCIUS_RETURN_IF_ERROR(CheckRoleChange(actor, user.roles, *resolved));
          if (KeysOf(*resolved) != KeysOf(user.roles)) {
            detail["roles"] = RolesJson(*resolved);
            roles = std::move(*resolved);
          }
        }
        auto updated = users.Update(user, change.unlock, now);
        if (!updated.ok()) return updated.status();
        if (!*updated) return Status::Conflict("conflict.stale_version", "", "the user changed");
        if (roles) SOCIUS_RETURN_IF_ERROR(users.ReplaceRoles(user.id, *roles, now));
        if (deactivated) {
          auto ended = SessionRepository(tx).DeleteAllOf(user.id, "");
          if (!ended.ok()) return ended.status();
        }
        SOCIUS_RETURN_IF_ERROR(AppendAudit(
            tx, actor,
            AuditEvent{"user.update", "user", user.id, user.home_territory.id, detail.dump()}));
        auto stored = users.FindById(user.id);
        if (!stored.ok()) return stored.status();
        result = std::move(*stored);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  Forget(id);
  return std::move(*result);
}

core::Result<User> UserAccounts::SetOwnLanguage(const Principal& who, const std::string& language) {
  SOCIUS_RETURN_IF_ERROR(ValidateLanguage(language));
  std::string now = core::FormatUtc(options_.clock());
  std::optional<User> result;
  if (core::Status done = db_.Write([&](store::Session& tx) {
        UserRepository users(tx);
        auto found = users.FindById(who.user_id);
        if (!found.ok()) return found.status();
        if (!*found) return Status::Unauthenticated("auth.unauthenticated", "account gone");
        User user = std::move(**found);
        if (user.language != language) {
          user.language = language;
          auto updated = users.Update(user, /*unlock=*/false, now);
          if (!updated.ok()) return updated.status();
          if (!*updated) return Status::Conflict("conflict.stale_version", "", "the user changed");
          Json detail{{"language", language}};
          SOCIUS_RETURN_IF_ERROR(AppendAudit(
              tx, &who,
              AuditEvent{"user.update", "user", user.id, user.home_territory.id, detail.dump()}));
          auto stored = users.FindById(user.id);
          if (!stored.ok()) return stored.status();
          user = std::move(**stored);
        }
        result = std::move(user);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  Forget(who.user_id);
  return std::move(*result);
}

core::Result<std::string> UserAccounts::ResetPassword(const Principal* actor,
                                                      const std::string& id) {
  std::string password = NewOneTimePassword();
  auto hash = HashPassword(password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  std::string now = core::FormatUtc(options_.clock());
  if (core::Status done = db_.Write([&](store::Session& tx) {
        auto user = WritableUser(tx, actor, id);
        if (!user.ok()) return user.status();
        SOCIUS_RETURN_IF_ERROR(UserRepository(tx).SetPassword(user->id, *hash, true, now));
        auto ended = SessionRepository(tx).DeleteAllOf(user->id, "");
        if (!ended.ok()) return ended.status();
        Json detail = {{"one_time_password", true}, {"sessions_ended", *ended}};
        return AppendAudit(tx, actor,
                           AuditEvent{"user.password_reset", "user", user->id,
                                      user->home_territory.id, detail.dump()});
      });
      !done.ok()) {
    return done;
  }
  Forget(id);
  return password;
}

core::Status UserAccounts::SetPassword(const std::string& username, const std::string& password) {
  SOCIUS_RETURN_IF_ERROR(ValidateNewPassword(password, "password", username));
  auto hash = HashPassword(password, options_.password_cost);
  if (!hash.ok()) return hash.status();
  std::string now = core::FormatUtc(options_.clock());
  std::string user_id;
  if (core::Status done = db_.Write([&](store::Session& tx) {
        UserRepository users(tx);
        auto user = users.FindByUsername(username);
        if (!user.ok()) return user.status();
        if (!user->has_value()) return UserNotFound();
        user_id = (*user)->id;
        SOCIUS_RETURN_IF_ERROR(users.SetPassword(user_id, *hash, false, now));
        auto ended = SessionRepository(tx).DeleteAllOf(user_id, "");
        if (!ended.ok()) return ended.status();
        Json detail = {{"one_time_password", false}, {"sessions_ended", *ended}, {"via", "cli"}};
        return AppendAudit(tx, nullptr,
                           AuditEvent{"user.password_reset", "user", user_id,
                                      (*user)->home_territory.id, detail.dump()});
      });
      !done.ok()) {
    return done;
  }
  Forget(user_id);
  return Status::Ok();
}

}  // namespace socius::auth
