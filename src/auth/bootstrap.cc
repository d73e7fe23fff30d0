#include "auth/bootstrap.h"

#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/password.h"
#include "auth/repository.h"
#include "auth/rules.h"
#include "core/clock.h"
#include "core/ids.h"

namespace socius::auth {

using core::Status;

core::Result<std::optional<std::string>> EnsureFirstAdministrator(
    store::Database& db, std::optional<std::string> password_from_env) {
  int64_t users = 0;
  if (core::Status done = db.Read([&](store::Session& tx) {
        auto count = UserRepository(tx).Count();
        if (!count.ok()) return count.status();
        users = *count;
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  if (users > 0) return std::optional<std::string>();

  std::optional<std::string> one_time;
  if (password_from_env && password_from_env->empty()) password_from_env.reset();
  std::string password = password_from_env.value_or("");
  // The operator's chosen password meets the same rules as any other (the user name aside:
  // "admin" is fixed, not chosen).
  if (password_from_env) {
    SOCIUS_RETURN_IF_ERROR(ValidateNewPassword(password, "SOCIUS_ADMIN_PASSWORD"));
  }
  if (!password_from_env) {
    one_time = NewOneTimePassword();
    password = *one_time;
  }
  auto hash = HashPassword(password, PasswordCostFromEnvironment());
  if (!hash.ok()) return hash.status();

  bool created = false;
  if (core::Status done = db.Write([&](store::Session& tx) {
        created = false;  // the body may run again (store::Database::Write)
        UserRepository repo(tx);
        auto count = repo.Count();  // again, inside the write: another process may have won
        if (!count.ok()) return count.status();
        if (*count > 0) return Status::Ok();
        auto root = repo.FindTerritoryByCode(std::string(kInstallationRootCode));
        if (!root.ok()) return root.status();
        if (!root->has_value()) {
          return Status::Internal("the installation root territory is missing; run the migrations");
        }
        std::string now = core::NowUtc();
        User admin;
        admin.id = core::NewId();
        admin.username = std::string(kFirstAdministrator);
        admin.display_name = "Administrator";
        admin.language = "en";
        admin.home_territory = **root;
        admin.must_change_password = one_time.has_value();
        admin.created_at = now;
        SOCIUS_RETURN_IF_ERROR(repo.Insert(admin, *hash));
        SOCIUS_RETURN_IF_ERROR(
            repo.ReplaceRoles(admin.id, {UserRole{Role::kAdministrator, **root}}, now));
        nlohmann::json detail = {{"username", admin.username},
                                 {"one_time_password", one_time.has_value()}};
        SOCIUS_RETURN_IF_ERROR(AppendAudit(tx, nullptr,
                                           AuditEvent{"system.bootstrap_admin", "user", admin.id,
                                                      admin.home_territory.id, detail.dump()}));
        created = true;
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  if (!created) return std::optional<std::string>();
  return one_time;
}

core::Result<CreatedUser> AddUser(store::Database& db, const std::string& username,
                                  const std::string& display_name, const std::string& role,
                                  const std::string& territory_code,
                                  const std::optional<std::string>& password) {
  NewUser draft;
  draft.username = username;
  draft.display_name = display_name;
  draft.home_territory_code = territory_code;
  draft.roles = {RoleRequest{role, territory_code}};
  draft.password = password;
  return UserAccounts(db, AuthOptions{}, nullptr).Create(nullptr, draft);
}

core::Status SetPassword(store::Database& db, const std::string& username,
                         const std::string& password) {
  return UserAccounts(db, AuthOptions{}, nullptr).SetPassword(username, password);
}

core::Result<std::vector<User>> ListUsers(store::Database& db) {
  std::vector<User> all;
  if (core::Status done = db.Read([&](store::Session& tx) {
        UserQuery query;
        query.scope_roots = {"/"};
        query.limit = 1000000;
        auto users = UserRepository(tx).List(query);
        if (!users.ok()) return users.status();
        all = std::move(*users);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  return all;
}

}  // namespace socius::auth
