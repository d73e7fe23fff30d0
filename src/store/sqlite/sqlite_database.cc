// The SQLite backend: the only includer of <sqlite3.h>.
#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/ids.h"
#include "store/group_commit.h"

namespace socius::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr size_t kMaxCachedStatements = 512;

// "UNIQUE constraint failed: role_assignments.user_id, role_assignments.role" → "user_id,role";
// "UNIQUE constraint failed: index 'people_key'" → "people_key".
std::string UniqueFieldFromMessage(std::string_view message) {
  constexpr std::string_view kPrefix = "constraint failed: ";
  size_t at = message.find(kPrefix);
  if (at == std::string_view::npos) return {};
  std::string_view rest = message.substr(at + kPrefix.size());
  if (rest.starts_with("index '")) {
    rest.remove_prefix(7);
    return std::string(rest.substr(0, rest.find('\'')));
  }
  std::string out;
  while (!rest.empty()) {
    size_t comma = rest.find(", ");
    std::string_view column = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    size_t dot = column.rfind('.');
    if (dot != std::string_view::npos) column.remove_prefix(dot + 1);
    if (!out.empty()) out += ',';
    out.append(column);
  }
  return out;
}

Status ErrorStatus(sqlite3* db, int rc) {
  int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Status::Conflict("store.unique_violation", UniqueFieldFromMessage(message), message);
  }
  int primary = extended & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Status::Unavailable("store.busy", message);
  }
  return Status::Internal("sqlite: " + message);
}

// One sqlite3 handle with its cache of prepared statements. Used by one thread at a time.
class Connection {
 public:
  ~Connection() {
    for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.stmt);
    sqlite3_close_v2(db_);
  }

  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool reader) {
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<Connection> conn(new Connection(db));
    if (rc != SQLITE_OK) {
      return Status::Unavailable("store.cannot_open", path + ": " + sqlite3_errstr(rc));
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    // Each reader keeps 16 MiB of pages (the default is 2 MiB), so a screen that reads a few
    // hundred scattered rows (a worker's caseload) finds them in memory. No memory map: a
    // reader whose next transaction sees a newer commit drops its map with its cache, and
    // unmapping costs every core a TLB flush, once per read under a stream of audited reads
    // (bench: audited person reads +17 %, case file +23 %, caseload +10 % without the map).
    std::string pragmas =
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA mmap_size = 0;";
    if (reader) pragmas += " PRAGMA query_only = ON; PRAGMA cache_size = -16384;";
    if (Status s = conn->Exec(pragmas); !s.ok()) {
      return Status::Unavailable("store.cannot_open", path + ": " + s.detail());
    }
    if (!reader) {
      // 64 MiB of page cache for the one writer (the default is 2 MiB): a large write, such
      // as an import batch inserting under random ids, otherwise spills dirty pages to the
      // WAL mid-transaction and reads evicted ones back. Durability is unchanged.
      if (Status s = conn->Exec("PRAGMA cache_size = -65536"); !s.ok()) {
        return Status::Unavailable("store.cannot_open", path + ": " + s.detail());
      }
      std::string mode;
      Status s = conn->Exec("PRAGMA journal_mode = WAL", &mode);
      if (!s.ok() || mode != "wal") {
        return Status::Unavailable("store.cannot_open",
                                   path + ": cannot switch to WAL " + s.detail() + mode);
      }
    }
    return conn;
  }

  sqlite3* db() const { return db_; }

  // Runs statements without parameters; `first_value` receives the first column of the
  // last row returned, if asked for.
  Status Exec(const std::string& sql, std::string* first_value = nullptr) {
    char* error = nullptr;
    auto keep_first = [](void* out, int columns, char** values, char**) {
      if (out != nullptr && columns > 0 && values[0] != nullptr) {
        *static_cast<std::string*>(out) = values[0];
      }
      return 0;
    };
    int rc = sqlite3_exec(db_, sql.c_str(), keep_first, first_value, &error);
    sqlite3_free(error);
    return rc == SQLITE_OK ? Status::Ok() : ErrorStatus(db_, rc);
  }

  // A statement ready to bind: the cached one for `sql`, or when that one is busy (a query
  // run from inside ForEach over the same text) a private one finalised after use.
  class Statement {
   public:
    Statement(Connection* owner, sqlite3_stmt* stmt, bool cached)
        : owner_(owner), stmt_(stmt), cached_(cached) {}
    Statement(Statement&& other) noexcept
        : owner_(other.owner_),
          stmt_(std::exchange(other.stmt_, nullptr)),
          cached_(other.cached_) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;
    ~Statement() {
      if (stmt_ == nullptr) return;
      if (cached_) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
        owner_->in_use_.erase(stmt_);
      } else {
        sqlite3_finalize(stmt_);
      }
    }
    sqlite3_stmt* get() const { return stmt_; }

   private:
    Connection* owner_;
    sqlite3_stmt* stmt_;
    bool cached_;
  };

  // Runs one parameterless statement (BEGIN, COMMIT) through the cache: prepared once per
  // connection rather than parsed again at every transaction, which the read path feels.
  Status StepCached(std::string_view sql) {
    Result<Statement> stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    int rc = sqlite3_step(stmt->get());
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::Ok() : ErrorStatus(db_, rc);
  }

  Result<Statement> Prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end() && !in_use_.contains(it->second.stmt)) {
      in_use_.insert(it->second.stmt);
      return Statement(this, it->second.stmt, true);
    }
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return ErrorStatus(db_, rc);
    if (stmt == nullptr) return Status::Internal("sqlite: empty statement");
    if (Status s = CheckNothingFollows(sql, tail); !s.ok()) {
      sqlite3_finalize(stmt);
      return s;
    }
    if (it != cache_.end()) return Statement(this, stmt, false);
    if (cache_.size() >= kMaxCachedStatements && in_use_.empty()) {
      for (auto& [text, entry] : cache_) sqlite3_finalize(entry.stmt);
      cache_.clear();
    }
    cache_.emplace(std::string(sql), CacheEntry{stmt});
    in_use_.insert(stmt);
    return Statement(this, stmt, true);
  }

 private:
  struct CacheEntry {
    sqlite3_stmt* stmt;
  };

  explicit Connection(sqlite3* db) : db_(db) {}

  Status CheckNothingFollows(std::string_view sql, const char* tail) {
    size_t used = static_cast<size_t>(tail - sql.data());
    std::string_view rest = sql.substr(std::min(used, sql.size()));
    while (!rest.empty()) {
      sqlite3_stmt* next = nullptr;
      const char* next_tail = nullptr;
      int rc =
          sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &next, &next_tail);
      sqlite3_finalize(next);
      if (rc != SQLITE_OK || next != nullptr) {
        return Status::Internal("sqlite: Query takes one statement; use ExecScript for several");
      }
      rest = rest.substr(static_cast<size_t>(next_tail - rest.data()));
      if (next_tail == rest.data() && !rest.empty()) break;
    }
    return Status::Ok();
  }

  sqlite3* db_;
  std::unordered_map<std::string, CacheEntry> cache_;
  std::unordered_set<sqlite3_stmt*> in_use_;
};

Value ColumnValue(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
      return int64_t{sqlite3_column_int64(stmt, i)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, i);
    case SQLITE_NULL:
      return std::monostate{};
    default: {  // TEXT or BLOB
      const void* data = sqlite3_column_blob(stmt, i);
      int size = sqlite3_column_bytes(stmt, i);
      return std::string(static_cast<const char*>(data), static_cast<size_t>(size));
    }
  }
}

class SqliteSession final : public Session {
 public:
  explicit SqliteSession(Connection& conn) : conn_(conn) {}

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    if (streaming_) return UsedWhileStreaming();
    Rows rows;
    Status s = Run(
        sql, params,
        [&](Row row) {
          rows.rows.push_back(std::move(row));
          return true;
        },
        &rows.affected);
    if (!s.ok()) return s;
    return rows;
  }

  Status ForEach(std::string_view sql, const std::vector<Value>& params,
                 const std::function<bool(const Row&)>& on_row) override {
    if (streaming_) return UsedWhileStreaming();
    streaming_ = true;
    Status s = Run(
        sql, params, [&](Row row) { return on_row(row); }, nullptr);
    streaming_ = false;
    return s;
  }

  Status ExecScript(std::string_view sql) override {
    if (streaming_) return UsedWhileStreaming();
    return conn_.Exec(std::string(sql));
  }

 private:
  static Status UsedWhileStreaming() {
    return Status::Internal("store: the session was used inside a ForEach callback");
  }

  template <typename OnRow>
  Status Run(std::string_view sql, const std::vector<Value>& params, OnRow on_row,
             int64_t* affected) {
    Result<Connection::Statement> prepared = conn_.Prepare(sql);
    if (!prepared.ok()) return prepared.status();
    sqlite3_stmt* stmt = prepared->get();
    if (Status s = Bind(stmt, params); !s.ok()) return s;
    sqlite3* db = conn_.db();
    int64_t changes_before = sqlite3_total_changes64(db);
    int columns = sqlite3_column_count(stmt);
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return ErrorStatus(db, rc);
      std::vector<Value> values;
      values.reserve(static_cast<size_t>(columns));
      for (int i = 0; i < columns; ++i) values.push_back(ColumnValue(stmt, i));
      if (!on_row(Row(std::move(values)))) return Status::Ok();
    }
    if (affected != nullptr) {
      *affected = sqlite3_total_changes64(db) == changes_before ? 0 : sqlite3_changes64(db);
    }
    return Status::Ok();
  }

  static Status Bind(sqlite3_stmt* stmt, const std::vector<Value>& params) {
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size())) {
      return Status::Internal("store: the statement has " + std::to_string(expected) +
                              " parameters, " + std::to_string(params.size()) + " given");
    }
    for (int i = 0; i < expected; ++i) {
      const Value& v = params[static_cast<size_t>(i)];
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, i + 1, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, i + 1, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        // The parameters outlive the statement's use, so SQLite need not copy them.
        rc = sqlite3_bind_text64(stmt, i + 1, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, i + 1);
      }
      if (rc != SQLITE_OK) return ErrorStatus(sqlite3_db_handle(stmt), rc);
    }
    return Status::Ok();
  }

  Connection& conn_;
  bool streaming_ = false;
};

// Ends whatever transaction `conn` is still in (fn returned early or threw).
void RollBackIfOpen(Connection& conn) {
  if (sqlite3_get_autocommit(conn.db()) == 0) (void)conn.Exec("ROLLBACK");
}

// Runs `fn` between `begin` and COMMIT (ROLLBACK when fn or COMMIT fails).
Status RunTransaction(Connection& conn, const char* begin, const TxFn& fn) {
  SOCIUS_RETURN_IF_ERROR(conn.StepCached(begin));
  struct Guard {
    Connection& conn;
    ~Guard() { RollBackIfOpen(conn); }
  } guard{conn};
  SqliteSession session(conn);
  Status s = fn(session);
  if (!s.ok()) return s;
  if (sqlite3_get_autocommit(conn.db()) != 0) {
    return Status::Internal("store: the transaction was ended inside the callback");
  }
  return conn.StepCached("COMMIT");
}

// The shared transaction of one group-commit batch on the writer connection, which it holds
// (write lock) for the length of the batch.
class SqliteBatch final : public BatchTransaction {
 public:
  SqliteBatch(std::unique_lock<std::mutex> lock, Connection& conn)
      : lock_(std::move(lock)), conn_(conn) {}
  ~SqliteBatch() override { RollBackIfOpen(conn_); }

  Status Begin() override { return conn_.StepCached("BEGIN IMMEDIATE"); }

  Status RunBody(const TxFn& fn, BodyEnd* end) override {
    *end = BodyEnd::kKept;
    if (Status s = conn_.StepCached("SAVEPOINT socius_body"); !s.ok()) {
      *end = BodyEnd::kAborted;
      return s;
    }
    SqliteSession session(conn_);
    Status s = fn(session);
    if (sqlite3_get_autocommit(conn_.db()) != 0) {
      // fn ended the transaction itself, or SQLite rolled it back after an I/O error.
      *end = s.ok() ? BodyEnd::kEndedByBody : BodyEnd::kAborted;
      return s.ok() ? Status::Internal("store: the transaction was ended inside the callback") : s;
    }
    if (s.ok()) {
      Status released = conn_.StepCached("RELEASE socius_body");
      if (released.ok()) return s;
      s = released;
    }
    Status undone = conn_.StepCached("ROLLBACK TO socius_body");
    if (undone.ok()) undone = conn_.StepCached("RELEASE socius_body");
    if (!undone.ok()) *end = BodyEnd::kAborted;
    return s;
  }

  Status Commit() override { return conn_.StepCached("COMMIT"); }
  void Rollback() override { RollBackIfOpen(conn_); }

 private:
  std::unique_lock<std::mutex> lock_;
  Connection& conn_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::unique_ptr<Connection> writer, int max_readers)
      : path_(std::move(path)),
        writer_(std::move(writer)),
        max_readers_(max_readers),
        group_commit_([this] { return OpenBatch(); }) {}
  ~SqliteDatabase() override { Close(); }

  Dialect dialect() const override { return Dialect::kSqlite; }

  // Group commit: concurrent writes share one transaction and one WAL flush (group_commit.h).
  Status Write(const TxFn& fn) override { return group_commit_.Write(fn); }

  Status Read(const TxFn& fn) override {
    Result<std::unique_ptr<Connection>> reader = AcquireReader();
    if (!reader.ok()) return reader.status();
    ReaderLease lease{this, std::move(*reader)};
    return RunTransaction(*lease.conn, "BEGIN", fn);
  }

  Status Backup(const std::string& path) override;

  void Close() override {
    {
      std::unique_lock lock(pool_mu_);
      if (closed_) return;
      closed_ = true;
      pool_cv_.wait(lock, [&] { return readers_out_ == 0; });
      idle_readers_.clear();
    }
    std::lock_guard lock(write_mu_);
    if (writer_ != nullptr) {
      (void)writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
      writer_.reset();
    }
  }

 private:
  // Gives a reader connection back to the pool however the transaction ends.
  struct ReaderLease {
    SqliteDatabase* db;
    std::unique_ptr<Connection> conn;
    ~ReaderLease() { db->ReleaseReader(std::move(conn)); }
  };

  static Status Closed() { return Status::Unavailable("store.closed", "the database is closed"); }

  Result<std::unique_ptr<BatchTransaction>> OpenBatch() {
    std::unique_lock lock(write_mu_);
    if (writer_ == nullptr) return Closed();
    Connection& conn = *writer_;
    return std::unique_ptr<BatchTransaction>(std::make_unique<SqliteBatch>(std::move(lock), conn));
  }

  Result<std::unique_ptr<Connection>> AcquireReader() {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(
        lock, [&] { return closed_ || !idle_readers_.empty() || readers_open_ < max_readers_; });
    if (closed_) return Closed();
    ++readers_out_;
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
    ++readers_open_;
    lock.unlock();
    Result<std::unique_ptr<Connection>> opened = Connection::Open(path_, /*reader=*/true);
    if (!opened.ok()) {
      lock.lock();
      --readers_open_;
      --readers_out_;
      pool_cv_.notify_all();
    }
    return opened;
  }

  void ReleaseReader(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(pool_mu_);
    --readers_out_;
    if (closed_) {
      --readers_open_;
    } else {
      idle_readers_.push_back(std::move(conn));
    }
    pool_cv_.notify_all();
  }

  const std::string path_;
  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;  // guarded by write_mu_

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  const int max_readers_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int readers_open_ = 0;
  int readers_out_ = 0;
  bool closed_ = false;

  GroupCommit group_commit_;
};

Status SqliteDatabase::Backup(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec)) return Status::InvalidArgument("store.backup_exists", "path", path);
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  // Copy to a private name, then link it into place: `path` never holds a partial copy and
  // an existing file is never overwritten, even by a racing backup.
  std::string partial = path + ".partial-" + core::RandomHex(6);

  Result<std::unique_ptr<Connection>> reader = AcquireReader();
  if (!reader.ok()) return reader.status();
  ReaderLease source{this, std::move(*reader)};
  sqlite3* dest = nullptr;
  int rc =
      sqlite3_open_v2(partial.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Status s;
  if (rc != SQLITE_OK) {
    s = Status::Unavailable("store.cannot_open", partial + ": " + sqlite3_errstr(rc));
  } else {
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.conn->db(), "main");
    if (backup == nullptr) {
      s = ErrorStatus(dest, sqlite3_errcode(dest));
    } else {
      // One step copies every page inside one read transaction: a consistent snapshot, and
      // in WAL mode writers carry on meanwhile.
      for (int attempt = 0;; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 100) {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          continue;
        }
        break;
      }
      int finish = sqlite3_backup_finish(backup);
      if (rc != SQLITE_DONE) {
        s = ErrorStatus(nullptr, rc);
      } else if (finish != SQLITE_OK) {
        s = ErrorStatus(dest, finish);
      }
    }
  }
  sqlite3_close_v2(dest);
  if (!s.ok()) {
    fs::remove(partial, ec);
    return s;
  }
  return PublishBackup(partial, path);
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, SqliteOptions options) {
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return Status::Unavailable("store.cannot_open", parent.string() + ": " + ec.message());
  }
  Result<std::unique_ptr<Connection>> writer = Connection::Open(path, /*reader=*/false);
  if (!writer.ok()) return writer.status();
  int max_readers = options.max_readers;
  if (max_readers <= 0) {
    max_readers = std::max(8, 4 * static_cast<int>(std::thread::hardware_concurrency()));
  }
  return std::unique_ptr<Database>(
      std::make_unique<SqliteDatabase>(path, std::move(*writer), max_readers));
}

}  // namespace socius::store
