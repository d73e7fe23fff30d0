#include "store/database.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "core/clock.h"
#include "store/migrations.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace socius::store {
namespace {

std::string FormatDouble(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) return {};
  return std::string(buf, end);
}

// Serialises concurrent Migrate() calls of several processes. PostgreSQL: a transaction-level
// advisory lock keyed on the schema (so test schemas of one cluster do not wait on each
// other). SQLite: Write() already holds the database's only write lock (BEGIN IMMEDIATE).
Status LockMigrations(Session& tx) {
  if (tx.dialect() != Dialect::kPostgres) return Status::Ok();
  Result<Rows> locked =
      tx.Query("SELECT pg_advisory_xact_lock(1936683369, hashtext(current_schema()))");
  return locked.ok() ? Status::Ok() : locked.status();
}

constexpr std::string_view kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " number BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

}  // namespace

std::string Row::Text(size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return FormatDouble(*d);
  return {};
}

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = values_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

Result<int64_t> Session::Exec(std::string_view sql, const std::vector<Value>& params) {
  Result<Rows> rows = Query(sql, params);
  if (!rows.ok()) return rows.status();
  return rows->affected;
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& url) {
  std::string_view u = url;
  if (u.starts_with("sqlite:")) {
    std::string_view path = u.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);
    if (path.empty() || path == ":memory:") {
      return Status::InvalidArgument("store.bad_url", "url",
                                     "sqlite: needs a file path (in-memory is not supported)");
    }
    return OpenSqlite(std::string(path));
  }
  if (u.starts_with("postgresql://") || u.starts_with("postgres://")) {
    return OpenPostgres(url);
  }
  return Status::InvalidArgument("store.bad_url", "url",
                                 "expected sqlite:PATH or postgresql://...");
}

std::string_view Database::dialect_name() const {
  return dialect() == Dialect::kSqlite ? "sqlite" : "postgresql";
}

Result<int> Database::Migrate() {
  int applied = 0;
  for (const Migration& migration : MigrationsFor(dialect())) {
    bool ran = false;
    Status s = Write([&](Session& tx) -> Status {
      ran = false;  // Write may retry this function
      SOCIUS_RETURN_IF_ERROR(LockMigrations(tx));
      SOCIUS_RETURN_IF_ERROR(tx.ExecScript(kCreateSchemaMigrations));
      Result<Rows> done =
          tx.Query("SELECT 1 FROM schema_migrations WHERE number = ?", {int64_t{migration.number}});
      if (!done.ok()) return done.status();
      if (!done->empty()) return Status::Ok();
      SOCIUS_RETURN_IF_ERROR(tx.ExecScript(migration.sql));
      Result<int64_t> recorded =
          tx.Exec("INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)",
                  {int64_t{migration.number}, migration.name, core::NowUtc()});
      if (!recorded.ok()) return recorded.status();
      ran = true;
      return Status::Ok();
    });
    if (!s.ok()) {
      return Status(std::move(s)).With("migration", std::to_string(migration.number));
    }
    if (ran) ++applied;
  }
  return applied;
}

Status Database::PublishBackup(const std::string& partial, const std::string& path) {
  Status s;
  if (link(partial.c_str(), path.c_str()) != 0) {
    s = errno == EEXIST
            ? Status::InvalidArgument("store.backup_exists", "path", path)
            : Status::Internal("backup: cannot create " + path + ": " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::remove(partial, ec);
  return s;
}

}  // namespace socius::store
