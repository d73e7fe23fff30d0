#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace socius::store {

using core::Result;
using core::Status;

// A bound parameter or a column value. Text is UTF-8. Booleans are stored as 0/1 integers
// and instants as ISO 8601 UTC text, so that one SQL text runs on both backends.
using Value = std::variant<std::monostate, int64_t, double, std::string>;
inline Value Null() { return std::monostate{}; }

// One result row. Column access by position, in the order of the SELECT list.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  // Text of column i; numbers are formatted; NULL gives "".
  std::string Text(size_t i) const;
  // Integer of column i; text is parsed; NULL gives 0.
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  std::optional<std::string> OptText(size_t i) const {
    return IsNull(i) ? std::nullopt : std::optional<std::string>(Text(i));
  }
  const Value& at(size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

struct Rows {
  std::vector<Row> rows;
  int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
  bool empty() const { return rows.empty(); }
  size_t size() const { return rows.size(); }
  const Row& operator[](size_t i) const { return rows[i]; }
  auto begin() const { return rows.begin(); }
  auto end() const { return rows.end(); }
};

enum class Dialect { kSqlite, kPostgres };

// A connection lent for the length of one transaction. SQL uses `?` placeholders on both
// backends (PostgreSQL's are rewritten to $n). Not thread-safe; never kept past the callback.
//
// Failures map to Status: a unique-constraint violation → Conflict("store.unique_violation",
// field = the key's column names, comma-separated, alike on both backends: "code",
// "user_id,role,territory_id"; the constraint name when the key is an expression), a
// busy/locked database → Unavailable("store.busy"), a dropped PostgreSQL connection →
// Unavailable("store.connection_lost"), anything else → Internal with the backend's message.
class Session {
 public:
  virtual ~Session() = default;
  virtual Dialect dialect() const = 0;
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Streams rows to `on_row` without holding them all in memory; stop early by returning
  // false from `on_row`. `on_row` must not use this session (Internal error if it does):
  // collect what you need and query after ForEach returns.
  virtual Status ForEach(std::string_view sql, const std::vector<Value>& params,
                         const std::function<bool(const Row&)>& on_row) = 0;
  // Runs `sql` (possibly several statements, no parameters).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Convenience: Query and keep only the affected count.
  Result<int64_t> Exec(std::string_view sql, const std::vector<Value>& params = {});
};

using TxFn = std::function<Status(Session&)>;

// The storage of one installation. Thread-safe: call from any number of threads.
//
// SQLite: WAL, foreign keys on, busy timeout, synchronous=FULL; readers in parallel on their
// own connections. PostgreSQL: a pool of libpq connections; writes run at READ COMMITTED; a
// read sends its BEGIN with its first statement and does not wait for its COMMIT (one round
// trip for a read of one statement).
// Both: writes go through group commit (group_commit.h): concurrent Write calls join one
// batch whose bodies run one at a time, each in its own savepoint, and which commits with one
// flush (SQLite) or one round trip (PostgreSQL).
class Database {
 public:
  virtual ~Database() = default;

  // Opens "sqlite:PATH" (creating the file and its folder) or "postgresql://..." /
  // "postgres://...". InvalidArgument("store.bad_url") for anything else;
  // Unavailable("store.cannot_open") when the database cannot be reached.
  static Result<std::unique_ptr<Database>> Open(const std::string& url);

  virtual Dialect dialect() const = 0;
  // "sqlite" or "postgresql".
  std::string_view dialect_name() const;

  // Runs `fn` in a read-only transaction (a consistent snapshot; PostgreSQL: REPEATABLE READ
  // READ ONLY). Returns fn's Status.
  virtual Status Read(const TxFn& fn) = 0;
  // Runs `fn` in a read-write transaction, committed only if fn returns ok (and made
  // durable before Write returns); otherwise rolled back, leaving no trace. Returns fn's
  // Status, or the COMMIT's failure. fn may share its transaction with other callers' (group
  // commit: fn runs in a savepoint, on another thread, and sees their work committed or not
  // but never their failures); it runs again when the shared transaction is lost before it
  // committed, and on PostgreSQL after a serialization failure or deadlock (up to 3 more
  // times), so fn must not have effects outside the transaction. fn must not call Write
  // (Internal "store.nested_write").
  virtual Status Write(const TxFn& fn) = 0;

  // Applies the migrations of src/store/migrations not yet applied, in order, each in its
  // own transaction, recording them in schema_migrations. Returns how many were applied.
  Result<int> Migrate();

  // An online, consistent copy to `path`: SQLite's backup API (a database file), or for
  // PostgreSQL a SQL dump made with pg_dump. Writers may continue meanwhile.
  virtual Status Backup(const std::string& path) = 0;

  // Checkpoints and closes connections; later calls fail. Idempotent.
  virtual void Close() = 0;

 protected:
  // The last step of a backend's Backup, which writes its copy to the private name `partial`
  // first so that `path` never holds a partial copy: links `partial` into place as `path`
  // without overwriting, then removes `partial` whatever the outcome.
  // InvalidArgument("store.backup_exists", "path") when `path` exists; Internal when the link
  // fails otherwise.
  static Status PublishBackup(const std::string& partial, const std::string& path);
};

}  // namespace socius::store
