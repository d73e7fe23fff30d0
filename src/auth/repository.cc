#include "auth/repository.h"

#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "auth/rules.h"
#include "core/ids.h"
#include "store/sql.h"

namespace socius::auth {
namespace {

using store::Row;
using store::Rows;
using store::Value;

constexpr std::string_view kUserFields =
    "SELECT u.id, u.username, u.display_name, u.language, u.active, u.must_change_password, "
    "u.locked_until, u.version, u.created_at, u.last_login_at, "
    "t.id, t.code, t.name, t.path ";
constexpr std::string_view kUserTables =
    "FROM users u JOIN territories t ON t.id = u.home_territory_id ";

User UserFromRow(const Row& row) {
  User user;
  user.id = row.Text(0);
  user.username = row.Text(1);
  user.display_name = row.Text(2);
  user.language = row.Text(3);
  user.active = row.Int(4) != 0;
  user.must_change_password = row.Int(5) != 0;
  user.locked_until = row.OptText(6);
  user.version = row.Int(7);
  user.created_at = row.Text(8);
  user.last_login_at = row.OptText(9);
  user.home_territory = TerritoryRef{row.Text(10), row.Text(11), row.Text(12), row.Text(13)};
  return user;
}

// Adds to `user` the role of a row whose columns from `first` on are the role and its
// territory's id, code, name and path; a role this build does not know grants nothing.
void AddRole(User& user, const Row& row, size_t first) {
  std::optional<Role> role = ParseRole(row.Text(first));
  if (!role) return;
  user.roles.push_back(UserRole{*role, TerritoryRef{row.Text(first + 1), row.Text(first + 2),
                                                    row.Text(first + 3), row.Text(first + 4)}});
}

}  // namespace

// ---- users -------------------------------------------------------------------------------

// One user with their roles in one query (a row per role, or one row without a role): the
// hot path of every user read, where a second query is a second round trip on PostgreSQL.
core::Result<std::optional<User>> UserRepository::FindOne(const std::string& where,
                                                          const Value& key) {
  auto rows = tx_.Query(std::string(kUserFields) + ", ra.role, rt.id, rt.code, rt.name, rt.path " +
                            std::string(kUserTables) +
                            "LEFT JOIN role_assignments ra ON ra.user_id = u.id "
                            "LEFT JOIN territories rt ON rt.id = ra.territory_id WHERE " +
                            where + " ORDER BY rt.path, ra.role",
                        {key});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<User>();
  User user = UserFromRow((*rows)[0]);
  for (const Row& row : *rows) {
    if (!row.IsNull(14)) AddRole(user, row, 14);  // NULL: no role at all
  }
  return std::optional<User>(std::move(user));
}

core::Result<std::optional<User>> UserRepository::FindById(const std::string& id) {
  return FindOne("u.id = ?", id);
}

core::Result<std::optional<User>> UserRepository::FindByUsername(const std::string& username) {
  return FindOne("u.username_key = ?", UsernameKey(username));
}

core::Result<std::optional<LoginRecord>> UserRepository::FindLogin(const std::string& username) {
  auto rows = tx_.Query(
      "SELECT id, username, password_hash, home_territory_id, active, failed_logins, "
      "locked_until FROM users WHERE username_key = ?",
      {UsernameKey(username)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<LoginRecord>();
  const Row& row = (*rows)[0];
  LoginRecord record;
  record.user_id = row.Text(0);
  record.username = row.Text(1);
  record.password_hash = row.Text(2);
  record.home_territory_id = row.Text(3);
  record.active = row.Int(4) != 0;
  record.failed_logins = row.Int(5);
  record.locked_until = row.OptText(6);
  return std::optional<LoginRecord>(std::move(record));
}

core::Result<std::vector<User>> UserRepository::List(const UserQuery& query) {
  std::vector<Value> params;
  std::string sql = std::string(kUserFields) + std::string(kUserTables) + "WHERE " +
                    store::ScopeFilter("t.path", query.scope_roots, params);
  if (!query.text.empty()) {
    sql += " AND (u.username_key LIKE ? ESCAPE '!' OR lower(u.display_name) LIKE ? ESCAPE '!')";
    params.emplace_back(store::LikeContaining(UsernameKey(query.text)));
    params.emplace_back(store::LikeContaining(UsernameKey(query.text)));
  }
  if (!query.after_username_key.empty()) {
    sql += " AND u.username_key > ?";
    params.emplace_back(query.after_username_key);
  }
  sql += " ORDER BY u.username_key LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit));
  auto rows = tx_.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<User> users;
  users.reserve(rows->size());
  for (const Row& row : *rows) users.push_back(UserFromRow(row));
  SOCIUS_RETURN_IF_ERROR(FillRoles(users));
  return users;
}

core::Status UserRepository::FillRoles(std::vector<User>& users) {
  if (users.empty()) return core::Status::Ok();
  std::vector<Value> params;
  std::map<std::string, User*> by_id;
  for (User& user : users) {
    params.emplace_back(user.id);
    by_id[user.id] = &user;
  }
  auto rows = tx_.Query(
      "SELECT ra.user_id, ra.role, t.id, t.code, t.name, t.path FROM role_assignments ra "
      "JOIN territories t ON t.id = ra.territory_id WHERE ra.user_id IN (" +
          store::Placeholders(params.size()) + ") ORDER BY t.path, ra.role",
      params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) AddRole(*by_id[row.Text(0)], row, 1);
  return core::Status::Ok();
}

core::Result<int64_t> UserRepository::Count() {
  auto rows = tx_.Query("SELECT COUNT(*) FROM users");
  if (!rows.ok()) return rows.status();
  return (*rows)[0].Int(0);
}

core::Result<std::vector<RoleGrant>> UserRepository::GrantsOf(const std::string& user_id) {
  auto rows = tx_.Query(
      "SELECT ra.role, t.id, t.code, t.path FROM role_assignments ra "
      "JOIN territories t ON t.id = ra.territory_id WHERE ra.user_id = ? "
      "ORDER BY t.path, ra.role",
      {user_id});
  if (!rows.ok()) return rows.status();
  std::vector<RoleGrant> grants;
  for (const Row& row : *rows) {
    std::optional<Role> role = ParseRole(row.Text(0));
    if (!role) continue;
    grants.push_back(RoleGrant{*role, row.Text(1), row.Text(2), row.Text(3)});
  }
  return grants;
}

core::Status UserRepository::Insert(const User& user, const std::string& password_hash) {
  auto inserted = tx_.Exec(
      "INSERT INTO users (id, username, username_key, display_name, password_hash, language, "
      "home_territory_id, active, must_change_password, failed_logins, password_changed_at, "
      "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
      {user.id, user.username, UsernameKey(user.username), user.display_name, password_hash,
       user.language, user.home_territory.id, int64_t{user.active ? 1 : 0},
       int64_t{user.must_change_password ? 1 : 0}, user.created_at, user.version, user.created_at,
       user.created_at});
  if (!inserted.ok()) {
    if (inserted.status().code() == "store.unique_violation") {
      return core::Status::Conflict("user.duplicate_username", "username",
                                    "username taken (case-insensitively)");
    }
    return inserted.status();
  }
  return core::Status::Ok();
}

core::Result<bool> UserRepository::Update(const User& user, bool unlock, const std::string& now) {
  std::string sql =
      "UPDATE users SET display_name = ?, language = ?, active = ?, version = version + 1, "
      "updated_at = ?";
  if (unlock) sql += ", failed_logins = 0, locked_until = NULL";
  sql += " WHERE id = ? AND version = ?";
  auto changed = tx_.Exec(sql, {user.display_name, user.language, int64_t{user.active ? 1 : 0}, now,
                                user.id, user.version});
  if (!changed.ok()) return changed.status();
  return *changed == 1;
}

core::Status UserRepository::ReplaceRoles(const std::string& user_id,
                                          const std::vector<UserRole>& roles,
                                          const std::string& now) {
  auto deleted = tx_.Exec("DELETE FROM role_assignments WHERE user_id = ?", {user_id});
  if (!deleted.ok()) return deleted.status();
  // The same role twice over one territory is one grant. Deduplicated here, because a
  // unique violation would abort a PostgreSQL transaction.
  std::set<std::pair<Role, std::string>> seen;
  for (const UserRole& role : roles) {
    if (!seen.emplace(role.role, role.territory.id).second) continue;
    auto inserted = tx_.Exec(
        "INSERT INTO role_assignments (id, user_id, role, territory_id, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {core::NewId(), user_id, std::string(Name(role.role)), role.territory.id, now});
    if (!inserted.ok()) return inserted.status();
  }
  return core::Status::Ok();
}

core::Status UserRepository::SetPassword(const std::string& user_id,
                                         const std::string& password_hash, bool must_change,
                                         const std::string& now) {
  auto changed = tx_.Exec(
      "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, "
      "failed_logins = 0, locked_until = NULL, version = version + 1, updated_at = ? "
      "WHERE id = ?",
      {password_hash, int64_t{must_change ? 1 : 0}, now, now, user_id});
  if (!changed.ok()) return changed.status();
  if (*changed != 1) return core::Status::NotFound("user.not_found");
  return core::Status::Ok();
}

core::Result<std::optional<std::string>> UserRepository::RecordFailedLogin(
    const std::string& user_id, int threshold, const std::string& lock_until) {
  // Both CASEs read the row's old failed_logins, on SQLite as on PostgreSQL.
  auto rows = tx_.Query(
      "UPDATE users SET "
      "locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END, "
      "failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END "
      "WHERE id = ? RETURNING locked_until",
      {int64_t{threshold}, lock_until, int64_t{threshold}, user_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  std::optional<std::string> locked = (*rows)[0].OptText(0);
  if (locked.has_value() && *locked == lock_until) return locked;
  return std::optional<std::string>();
}

core::Status UserRepository::RecordLogin(const std::string& user_id, const std::string& now,
                                         const std::optional<std::string>& new_password_hash) {
  core::Result<int64_t> changed =
      new_password_hash.has_value()
          ? tx_.Exec(
                "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?, "
                "password_hash = ? WHERE id = ?",
                {now, *new_password_hash, user_id})
          : tx_.Exec(
                "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? "
                "WHERE id = ?",
                {now, user_id});
  return changed.ok() ? core::Status::Ok() : changed.status();
}

core::Result<std::optional<TerritoryRef>> UserRepository::FindTerritoryByCode(
    const std::string& code) {
  auto rows = tx_.Query("SELECT id, code, name, path FROM territories WHERE code = ?", {code});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<TerritoryRef>();
  const Row& row = (*rows)[0];
  return std::optional<TerritoryRef>(
      TerritoryRef{row.Text(0), row.Text(1), row.Text(2), row.Text(3)});
}

// ---- sessions ----------------------------------------------------------------------------

core::Status SessionRepository::Insert(const StoredSession& session) {
  auto inserted = tx_.Exec(
      "INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, "
      "client_ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {session.id, session.user_id, session.csrf_token, session.created_at, session.last_seen_at,
       session.expires_at, session.client_ip, session.user_agent});
  return inserted.ok() ? core::Status::Ok() : inserted.status();
}

core::Result<std::optional<StoredSession>> SessionRepository::Find(const std::string& id) {
  auto rows = tx_.Query(
      "SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, "
      "s.client_ip, s.user_agent, u.username, u.display_name, u.language, "
      "u.must_change_password, u.active "
      "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?",
      {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StoredSession>();
  const Row& row = (*rows)[0];
  StoredSession session;
  session.id = row.Text(0);
  session.user_id = row.Text(1);
  session.csrf_token = row.Text(2);
  session.created_at = row.Text(3);
  session.last_seen_at = row.Text(4);
  session.expires_at = row.Text(5);
  session.client_ip = row.Text(6);
  session.user_agent = row.Text(7);
  session.username = row.Text(8);
  session.display_name = row.Text(9);
  session.language = row.Text(10);
  session.must_change_password = row.Int(11) != 0;
  session.active = row.Int(12) != 0;
  return std::optional<StoredSession>(std::move(session));
}

core::Status SessionRepository::Touch(const std::string& id, const std::string& last_seen_at) {
  auto changed = tx_.Exec("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?",
                          {last_seen_at, id, last_seen_at});
  return changed.ok() ? core::Status::Ok() : changed.status();
}

core::Status SessionRepository::Delete(const std::string& id) {
  auto deleted = tx_.Exec("DELETE FROM sessions WHERE id = ?", {id});
  return deleted.ok() ? core::Status::Ok() : deleted.status();
}

core::Result<int64_t> SessionRepository::DeleteAllOf(const std::string& user_id,
                                                     const std::string& keep_id) {
  return tx_.Exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", {user_id, keep_id});
}

core::Status SessionRepository::DeleteStaleOf(const std::string& user_id, const std::string& now,
                                              const std::string& idle_cutoff) {
  auto deleted =
      tx_.Exec("DELETE FROM sessions WHERE user_id = ? AND (expires_at <= ? OR last_seen_at < ?)",
               {user_id, now, idle_cutoff});
  return deleted.ok() ? core::Status::Ok() : deleted.status();
}

}  // namespace socius::auth
