// The PostgreSQL backend: the only includer of <libpq-fe.h>.
#include "store/postgres/postgres_database.h"

#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/concurrency.h"
#include "core/ids.h"
#include "store/group_commit.h"
#include "store/postgres/placeholders.h"

extern char** environ;

namespace socius::store {
namespace {

// Type OIDs from the pg_type catalogue (stable since PostgreSQL 7).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// A serialization failure or deadlock is retried this many times before Write gives up.
constexpr int kWriteRetries = 3;
constexpr size_t kMaxPreparedStatements = 256;
// Statements with more parameters than this are not prepared (PostgresSession::Unprepared).
constexpr int kMaxPreparedParameters = 64;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;
ResultPtr Wrap(PGresult* res) { return ResultPtr(res, &PQclear); }

int64_t ParseInt(const char* text, int len) {
  int64_t out = 0;
  std::from_chars(text, text + len, out);
  return out;
}

Value ToValue(Oid type, const char* text, int len) {
  switch (type) {
    case kInt8Oid:
    case kInt2Oid:
    case kInt4Oid:
    case kOidOid:
      return ParseInt(text, len);
    case kBoolOid:
      return int64_t{text[0] == 't' ? 1 : 0};
    case kFloat4Oid:
    case kFloat8Oid:
      return std::strtod(text, nullptr);
    case kNumericOid: {
      // SUM(bigint) is numeric in PostgreSQL but an integer in SQLite: whole numbers that
      // fit come back as int64, fractions as double, so repositories see the same types.
      int64_t whole = 0;
      auto [end, ec] = std::from_chars(text, text + len, whole);
      if (ec == std::errc() && end == text + len) return whole;
      return std::strtod(text, nullptr);
    }
    default:
      return std::string(text, static_cast<size_t>(len));
  }
}

std::string FormatDouble(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, end);
}

// "Key (user_id, role)=(a, b) already exists." → "user_id,role".
std::string KeyColumns(const char* detail) {
  if (detail == nullptr) return {};
  std::string_view d = detail;
  if (!d.starts_with("Key (")) return {};
  size_t close = d.find(")=(");
  if (close == std::string_view::npos) return {};
  std::string_view columns = d.substr(5, close - 5);
  std::string out;
  for (char c : columns) {
    if (c != ' ') out += c;
  }
  return out;
}

// The pooled connection: one libpq handle and its prepared statements.
struct Connection {
  PGconn* conn = nullptr;
  std::unordered_map<std::string, std::string> prepared;  // SQL + types → statement name
  int next_statement = 0;
  // A read ended by sending its COMMIT and a pipeline sync without waiting for them (its
  // answer needs nothing from them); the next user of the connection reads them first.
  bool sync_pending = false;
  ~Connection() { PQfinish(conn); }

  bool broken() const { return PQstatus(conn) != CONNECTION_OK; }
  bool in_transaction() const { return PQtransactionStatus(conn) != PQTRANS_IDLE; }
  bool pipelined() const { return PQpipelineStatus(conn) != PQ_PIPELINE_OFF; }
  // The name of the next statement prepared on this connection.
  std::string NewStatementName() { return "socius_" + std::to_string(next_statement++); }
};

// Reads what the connection's last pipeline left (up to its sync) and leaves pipeline mode,
// so that the connection takes synchronous commands again. False when that fails (the
// connection is then to be reset).
bool SettlePipeline(Connection& c) {
  if (!c.pipelined()) return true;
  if (c.sync_pending) {
    // Results of each command end with a NULL; the sync's own result ends the pipeline.
    int nulls = 0;
    for (;;) {
      PGresult* raw = PQgetResult(c.conn);
      if (raw == nullptr) {
        if (c.broken() || ++nulls > 64) return false;
        continue;
      }
      ResultPtr res = Wrap(raw);
      if (PQresultStatus(raw) == PGRES_PIPELINE_SYNC) break;
    }
    c.sync_pending = false;
  }
  if (PQexitPipelineMode(c.conn) == 1) return true;
  ResultPtr rest = Wrap(PQgetResult(c.conn));
  return rest == nullptr && PQexitPipelineMode(c.conn) == 1;
}

void IgnoreNotice(void*, const char*) {}

Result<std::unique_ptr<Connection>> Connect(const std::string& url) {
  auto c = std::make_unique<Connection>();
  c->conn = PQconnectdb(url.c_str());
  if (c->conn == nullptr || PQstatus(c->conn) != CONNECTION_OK) {
    std::string why = c->conn != nullptr ? PQerrorMessage(c->conn) : "out of memory";
    return Status::Unavailable("store.cannot_open", why);
  }
  PQsetNoticeProcessor(c->conn, &IgnoreNotice, nullptr);
  if (PQsetClientEncoding(c->conn, "UTF8") != 0) {
    return Status::Unavailable("store.cannot_open", "cannot set client encoding UTF8");
  }
  return c;
}

// Maps a failed result to a Status. `*retryable` is set for serialization failures and
// deadlocks, which a new attempt of the whole transaction may not meet again.
Status ErrorStatus(const PGresult* res, PGconn* conn, bool* retryable) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state != nullptr ? state : "";
  std::string message = res != nullptr ? PQresultErrorMessage(res) : "";
  if (message.empty()) message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  if (PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08") ||
      sqlstate.starts_with("57P")) {
    return Status::Unavailable("store.connection_lost", message);
  }
  if (sqlstate == "23505") {
    std::string field = KeyColumns(PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL));
    if (field.empty()) {
      const char* constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
      field = constraint != nullptr ? constraint : "";
    }
    return Status::Conflict("store.unique_violation", field, message);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    *retryable = true;
    return Status::Unavailable("store.busy", message);
  }
  if (sqlstate == "55P03" || sqlstate == "57014") return Status::Unavailable("store.busy", message);
  return Status::Internal("postgresql " + sqlstate + ": " + message);
}

// Reopens a connection the server closed (restart, timeout); its prepared statements and
// pipeline state are gone with it.
void Reconnect(Connection& c) {
  PQreset(c.conn);
  c.prepared.clear();
  c.sync_pending = false;
  if (!c.broken()) {
    PQsetNoticeProcessor(c.conn, &IgnoreNotice, nullptr);
    PQsetClientEncoding(c.conn, "UTF8");
  }
}

// COMMIT of the open transaction; Internal when it had met an error (which the caller
// ignored), since the server then rolls back instead.
Status CommitTransaction(Connection& c, bool* retryable) {
  if (PQtransactionStatus(c.conn) == PQTRANS_IDLE) {
    return Status::Internal("store: the transaction was ended inside the callback");
  }
  bool aborted = PQtransactionStatus(c.conn) == PQTRANS_INERROR;
  ResultPtr res = Wrap(PQexec(c.conn, "COMMIT"));
  if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
    return ErrorStatus(res.get(), c.conn, retryable);
  }
  if (aborted || std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
    return Status::Internal("store: the transaction was rolled back after an earlier error");
  }
  return Status::Ok();
}

class PostgresSession final : public Session {
 public:
  // Runs statements on `c` as they come, inside the transaction the caller opened.
  explicit PostgresSession(Connection& c) : c_(c) {}
  // A read transaction opened with `begin` sent together with the first statement, in
  // libpq's pipeline mode, so that a read of one statement waits for one round trip (its
  // end is sent by Finish without waiting for the answer). `begin` must outlive the session.
  PostgresSession(Connection& c, const char* begin)
      : c_(c), lazy_begin_(begin), pipelined_(PQenterPipelineMode(c.conn) == 1) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  bool retryable() const { return retryable_; }

  Result<Rows> Query(std::string_view sql, const std::vector<Value>& params) override {
    if (streaming_) return UsedWhileStreaming();
    Bound bound;
    std::string rewritten;
    if (Status s = Bind(sql, params, &bound, &rewritten); !s.ok()) return s;
    if (lazy_begin_ != nullptr && pipelined_) return PipelinedQuery(rewritten, bound);
    SOCIUS_RETURN_IF_ERROR(LeavePipeline());
    if (Unprepared(bound)) {
      ResultPtr res =
          Wrap(PQexecParams(c_.conn, rewritten.c_str(), bound.count(), bound.types.data(),
                            bound.pointers.data(), nullptr, nullptr, 0));
      return RowsOf(res.get());
    }
    Result<std::string> name = Prepared(rewritten, bound);
    if (!name.ok()) return name.status();
    ResultPtr res = Wrap(PQexecPrepared(c_.conn, name->c_str(), bound.count(),
                                        bound.pointers.data(), nullptr, nullptr, 0));
    return RowsOf(res.get());
  }

  Status ForEach(std::string_view sql, const std::vector<Value>& params,
                 const std::function<bool(const Row&)>& on_row) override {
    if (streaming_) return UsedWhileStreaming();
    SOCIUS_RETURN_IF_ERROR(LeavePipeline());
    Bound bound;
    std::string rewritten;
    if (Status s = Bind(sql, params, &bound, &rewritten); !s.ok()) return s;
    if (Unprepared(bound)) {
      if (PQsendQueryParams(c_.conn, rewritten.c_str(), bound.count(), bound.types.data(),
                            bound.pointers.data(), nullptr, nullptr, 0) == 0) {
        return Fail(nullptr);
      }
    } else {
      Result<std::string> name = Prepared(rewritten, bound);
      if (!name.ok()) return name.status();
      if (PQsendQueryPrepared(c_.conn, name->c_str(), bound.count(), bound.pointers.data(), nullptr,
                              nullptr, 0) == 0) {
        return Fail(nullptr);
      }
    }
    PQsetSingleRowMode(c_.conn);
    // Rows arrive one by one; after an early stop the rest are read and dropped, since the
    // connection takes no other command until the query's results are consumed.
    streaming_ = true;
    bool wanted = true;
    Status status;
    while (PGresult* raw = PQgetResult(c_.conn)) {
      ResultPtr res = Wrap(raw);
      ExecStatusType st = PQresultStatus(raw);
      if (st == PGRES_SINGLE_TUPLE) {
        if (wanted && status.ok()) wanted = on_row(RowAt(raw, 0));
      } else if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && status.ok()) {
        status = Fail(raw);
      }
    }
    streaming_ = false;
    if (status.ok() && c_.broken()) return Fail(nullptr);
    return status;
  }

  Status ExecScript(std::string_view sql) override {
    if (streaming_) return UsedWhileStreaming();
    SOCIUS_RETURN_IF_ERROR(LeavePipeline());
    ResultPtr res = Wrap(PQexec(c_.conn, std::string(sql).c_str()));
    ExecStatusType st = res != nullptr ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY) {
      return Fail(res.get());
    }
    return Status::Ok();
  }

  // Ends a read opened with the session's `begin`, given the status of its body: sends
  // COMMIT (ROLLBACK when the body failed) and the pipeline's sync without waiting, or, when
  // the session left the pipeline, commits as any transaction. Returns the body's status, or
  // Internal when the body ignored a failed statement (its reads may be incomplete).
  Status FinishRead(Status s) {
    if (lazy_begin_ == nullptr || !begun_) {
      // Never begun (no statement ran, or a BEGIN failed): nothing to end.
      if (lazy_begin_ != nullptr && !SettlePipeline(c_)) Reconnect(c_);
      if (s.ok() && failed_) {
        return Status::Internal("store: the transaction was rolled back after an earlier error");
      }
      return s;
    }
    if (!pipelined_) {
      if (s.ok()) s = CommitTransaction(c_, &retryable_);
      if (!s.ok() && c_.in_transaction() && !c_.broken()) Wrap(PQexec(c_.conn, "ROLLBACK"));
      return s;
    }
    const char* end = s.ok() && !failed_ ? "COMMIT" : "ROLLBACK";
    if (PQsendQueryParams(c_.conn, end, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
        PQpipelineSync(c_.conn) == 1) {
      c_.sync_pending = true;
    } else {
      Reconnect(c_);  // drops the transaction with the connection
    }
    if (s.ok() && failed_) {
      return Status::Internal("store: the transaction was rolled back after an earlier error");
    }
    return s;
  }

 private:
  // Parameters in libpq's text format, kept alive for the call.
  struct Bound {
    std::vector<std::string> text;
    std::vector<const char*> pointers;
    std::vector<Oid> types;
    std::string key;  // the rewritten SQL and the parameter types: names the statement
    int count() const { return static_cast<int>(pointers.size()); }
  };

  static Status UsedWhileStreaming() {
    return Status::Internal("store: the session was used inside a ForEach callback");
  }

  Status Fail(const PGresult* res) {
    failed_ = true;
    return ErrorStatus(res, c_.conn, &retryable_);
  }

  Result<Rows> RowsOf(const PGresult* res) {
    ExecStatusType st = res != nullptr ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return Fail(res);
    Rows rows;
    int n = PQntuples(res);
    rows.rows.reserve(static_cast<size_t>(n));
    for (int r = 0; r < n; ++r) rows.rows.push_back(RowAt(res, r));
    std::string_view command = PQcmdStatus(const_cast<PGresult*>(res));
    if (!command.starts_with("SELECT")) {
      const char* tuples = PQcmdTuples(const_cast<PGresult*>(res));
      rows.affected = ParseInt(tuples, static_cast<int>(std::strlen(tuples)));
    }
    return rows;
  }

  static Row RowAt(const PGresult* res, int r) {
    int columns = PQnfields(res);
    std::vector<Value> values;
    values.reserve(static_cast<size_t>(columns));
    for (int i = 0; i < columns; ++i) {
      if (PQgetisnull(res, r, i)) {
        values.emplace_back(std::monostate{});
      } else {
        values.push_back(ToValue(PQftype(res, i), PQgetvalue(res, r, i), PQgetlength(res, r, i)));
      }
    }
    return Row(std::move(values));
  }

  // Binds `params` and rewrites `sql`'s placeholders. Integers and reals are typed (int8,
  // float8) so that `SELECT ?` gives back what was bound; text and NULL are left for the
  // server to infer, so a text parameter may meet a column of any type, as in SQLite.
  Status Bind(std::string_view sql, const std::vector<Value>& params, Bound* bound,
              std::string* rewritten) {
    int count = 0;
    *rewritten = RewritePlaceholders(sql, &count);
    if (count != static_cast<int>(params.size())) {
      return Status::Internal("store: the statement has " + std::to_string(count) +
                              " parameters, " + std::to_string(params.size()) + " given");
    }
    bound->key = *rewritten;
    bound->key += '\x1f';
    bound->text.resize(params.size());
    bound->types.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      Oid type = 0;
      if (const auto* n = std::get_if<int64_t>(&v)) {
        bound->text[i] = std::to_string(*n);
        type = kInt8Oid;
      } else if (const auto* d = std::get_if<double>(&v)) {
        bound->text[i] = FormatDouble(*d);
        type = kFloat8Oid;
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        bound->text[i] = *s;
      }
      bound->types[i] = type;
      bound->key += type == kInt8Oid ? 'i' : type == kFloat8Oid ? 'd' : 't';
    }
    for (size_t i = 0; i < params.size(); ++i) {
      bound->pointers.push_back(
          std::holds_alternative<std::monostate>(params[i]) ? nullptr : bound->text[i].c_str());
    }
    return Status::Ok();
  }

  // A statement of more than kMaxPreparedParameters parameters (a multi-row insert, a long IN
  // list) seldom comes back in the same shape: it runs unnamed, in the same round trip,
  // rather than filling the connection's prepared statements, whose overflow drops them all.
  static bool Unprepared(const Bound& bound) { return bound.count() > kMaxPreparedParameters; }

  // The name of the statement prepared on this connection for `rewritten` with the bound
  // parameter types, preparing it first when needed.
  Result<std::string> Prepared(const std::string& rewritten, const Bound& bound) {
    auto it = c_.prepared.find(bound.key);
    if (it != c_.prepared.end()) return it->second;
    std::string name = c_.NewStatementName();
    ResultPtr res = Wrap(
        PQprepare(c_.conn, name.c_str(), rewritten.c_str(), bound.count(), bound.types.data()));
    if (res == nullptr || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Fail(res.get());
    c_.prepared.emplace(bound.key, name);
    return name;
  }

  // One statement in pipeline mode: the pending BEGIN (first statement only) and the
  // statement's preparation (first use on this connection) go in the same round trip.
  Result<Rows> PipelinedQuery(const std::string& rewritten, const Bound& bound) {
    bool first = !begun_;
    Result<Rows> rows = SendPipelined(rewritten, bound);
    // (A connection the server ended may look fine until read past the first result.)
    if (first && !rows.ok() && (c_.broken() || rows.status().code() == "store.connection_lost")) {
      // The server closed an idle connection (restart, timeout): one fresh try.
      Reconnect(c_);
      begun_ = false;  // the BEGIN went with the old connection: send it again
      if (c_.broken() || PQenterPipelineMode(c_.conn) != 1) return rows;
      failed_ = false;
      rows = SendPipelined(rewritten, bound);
    }
    return rows;
  }

  Result<Rows> SendPipelined(const std::string& rewritten, const Bound& bound) {
    bool send_begin = !begun_;
    const bool unprepared = Unprepared(bound);
    std::string name;
    bool prepare = false;
    if (unprepared) {
      // sent as it is, below
    } else if (auto it = c_.prepared.find(bound.key); it != c_.prepared.end()) {
      name = it->second;
    } else {
      name = c_.NewStatementName();
      prepare = true;
    }
    bool sent =
        (!send_begin ||
         PQsendQueryParams(c_.conn, lazy_begin_, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1) &&
        (!prepare || PQsendPrepare(c_.conn, name.c_str(), rewritten.c_str(), bound.count(),
                                   bound.types.data()) == 1) &&
        (unprepared
             ? PQsendQueryParams(c_.conn, rewritten.c_str(), bound.count(), bound.types.data(),
                                 bound.pointers.data(), nullptr, nullptr, 0) == 1
             : PQsendQueryPrepared(c_.conn, name.c_str(), bound.count(), bound.pointers.data(),
                                   nullptr, nullptr, 0) == 1) &&
        PQsendFlushRequest(c_.conn) == 1 && PQflush(c_.conn) == 0;
    if (!sent) return Fail(nullptr);
    if (send_begin) begun_ = true;
    // Each command's results end with a NULL. After a failure, the server skips the rest
    // up to a sync (PGRES_PIPELINE_ABORTED): the sync is sent then, as libpq requires.
    Status failure;
    auto next = [&]() -> ResultPtr {
      ResultPtr res = Wrap(PQgetResult(c_.conn));
      if (res != nullptr) Wrap(PQgetResult(c_.conn));
      return res;
    };
    if (send_begin) {
      ResultPtr res = next();
      if (res == nullptr || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
        failure = Fail(res.get());
        begun_ = false;
      }
    }
    if (prepare) {
      ResultPtr res = next();
      if (res != nullptr && PQresultStatus(res.get()) == PGRES_COMMAND_OK) {
        c_.prepared.emplace(bound.key, name);
      } else if (failure.ok()) {
        failure = Fail(res.get());
      }
    }
    ResultPtr res = next();
    if (failure.ok()) {
      Result<Rows> rows = RowsOf(res.get());
      if (rows.ok()) return rows;
      failure = rows.status();
    }
    if (c_.broken() || failure.code() == "store.connection_lost") return failure;
    // Let the server take commands again; the transaction itself stays failed until its end.
    if (PQpipelineSync(c_.conn) == 1) c_.sync_pending = true;
    if (!SettlePipeline(c_)) {
      Reconnect(c_);
      pipelined_ = false;
      begun_ = false;
    } else if (PQenterPipelineMode(c_.conn) != 1) {
      pipelined_ = false;
    }
    return failure;
  }

  // Continues the transaction outside pipeline mode (for streaming, scripts, and every
  // statement once the pipeline could not be kept): sends the pending BEGIN, or syncs the
  // pipeline, then leaves it.
  Status LeavePipeline() {
    if (lazy_begin_ == nullptr) return Status::Ok();
    if (pipelined_) {
      pipelined_ = false;
      if (begun_) {
        if (PQpipelineSync(c_.conn) != 1) return Fail(nullptr);
        c_.sync_pending = true;
      }
      if (!SettlePipeline(c_)) return Fail(nullptr);
    }
    if (begun_) return Status::Ok();
    ResultPtr res = Wrap(PQexec(c_.conn, lazy_begin_));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK && c_.broken()) {
      Reconnect(c_);
      res = Wrap(PQexec(c_.conn, lazy_begin_));
    }
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Fail(res.get());
    begun_ = true;
    return Status::Ok();
  }

  Connection& c_;
  const char* const lazy_begin_ = nullptr;
  bool pipelined_ = false;
  bool begun_ = false;
  bool failed_ = false;  // a statement failed: the transaction cannot commit
  bool retryable_ = false;
  bool streaming_ = false;
};

// Runs one command without parameters; Ok when the server says COMMAND_OK.
Status Command(Connection& c, const char* sql, bool* retryable) {
  ResultPtr res = Wrap(PQexec(c.conn, sql));
  if (res != nullptr && PQresultStatus(res.get()) == PGRES_COMMAND_OK) return Status::Ok();
  return ErrorStatus(res.get(), c.conn, retryable);
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, int pool_size, std::unique_ptr<Connection> first)
      : url_(std::move(url)), pool_size_(pool_size), group_commit_([this] { return OpenBatch(); }) {
    idle_.push_back(std::move(first));
    open_ = 1;
  }
  ~PostgresDatabase() override { Close(); }

  Dialect dialect() const override { return Dialect::kPostgres; }

  // BEGIN goes with the first statement and COMMIT is not waited for (PostgresSession), so
  // a read of one statement costs one round trip.
  Status Read(const TxFn& fn) override {
    Result<Lease> lease = Acquire();
    if (!lease.ok()) return lease.status();
    PostgresSession session(**lease, kReadBegin);
    Status s = fn(session);
    return session.FinishRead(std::move(s));
  }
  // Group commit: concurrent writes share one transaction and one COMMIT round trip
  // (group_commit.h), on one pooled connection per batch.
  Status Write(const TxFn& fn) override { return group_commit_.Write(fn); }
  Status Backup(const std::string& path) override;

  void Close() override {
    std::unique_lock lock(mu_);
    if (closed_) return;
    closed_ = true;
    cv_.wait(lock, [&] { return open_ == static_cast<int>(idle_.size()); });
    idle_.clear();
    open_ = 0;
  }

 private:
  // A connection borrowed from the pool; returned (rolled back if a transaction is still
  // open, e.g. fn threw) when the lease ends.
  class Lease {
   public:
    Lease(PostgresDatabase* db, std::unique_ptr<Connection> c) : db_(db), c_(std::move(c)) {}
    Lease(Lease&& other) noexcept = default;
    ~Lease() {
      if (c_ != nullptr) db_->Release(std::move(c_));
    }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    PostgresDatabase* db_;
    std::unique_ptr<Connection> c_;
  };

  Result<Lease> Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return closed_ || !idle_.empty() || open_ < pool_size_; });
    if (closed_) return Status::Unavailable("store.closed", "the database is closed");
    if (!idle_.empty()) {
      std::unique_ptr<Connection> c = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      if (!SettlePipeline(*c) || c->broken()) Reconnect(*c);
      if (c->prepared.size() > kMaxPreparedStatements) {
        Wrap(PQexec(c->conn, "DEALLOCATE ALL"));
        c->prepared.clear();
      }
      return Lease(this, std::move(c));
    }
    ++open_;
    lock.unlock();
    Result<std::unique_ptr<Connection>> c = Connect(url_);
    if (!c.ok()) {
      lock.lock();
      --open_;
      cv_.notify_all();
      return c.status();
    }
    return Lease(this, std::move(*c));
  }

  void Release(std::unique_ptr<Connection> c) {
    if (c->pipelined()) {
      // A read left unfinished (its body threw): end it as a finished read ends.
      if (!c->sync_pending && !c->broken() &&
          PQsendQueryParams(c->conn, "ROLLBACK", 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
          PQpipelineSync(c->conn) == 1) {
        c->sync_pending = true;
      }
    } else if (!c->broken() && c->in_transaction()) {
      Wrap(PQexec(c->conn, "ROLLBACK"));
    }
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
    cv_.notify_all();
  }

  // The shared transaction of one group-commit batch, on a connection leased for the batch.
  class Batch final : public BatchTransaction {
   public:
    explicit Batch(Lease lease) : lease_(std::move(lease)) {}

    // BEGIN and the first body's savepoint in one round trip.
    Status Begin() override {
      Connection& c = *lease_;
      bool retryable = false;
      Status s = Command(c, kBeginWithSavepoint, &retryable);
      if (!s.ok() && c.broken()) {
        // The server closed an idle connection (restart, timeout): one fresh try.
        Reconnect(c);
        s = Command(c, kBeginWithSavepoint, &retryable);
      }
      if (s.ok()) savepoint_ = SavepointState::kFresh;
      return s;
    }

    // Each body costs one round trip beyond its own statements: the savepoint of a body that
    // succeeded is released together with the taking of the next one's, and the one left at
    // the end commits with the transaction; ROLLBACK TO keeps a savepoint, fresh for the next.
    Status RunBody(const TxFn& fn, BodyEnd* end) override {
      Connection& c = *lease_;
      *end = BodyEnd::kKept;
      bool retryable = false;
      if (savepoint_ != SavepointState::kFresh) {
        const char* take = savepoint_ == SavepointState::kUsed
                               ? "RELEASE SAVEPOINT socius_body; SAVEPOINT socius_body"
                               : "SAVEPOINT socius_body";
        if (Status s = Command(c, take, &retryable); !s.ok()) {
          *end = BodyEnd::kAborted;
          return s;
        }
        savepoint_ = SavepointState::kFresh;
      }
      // A serialization failure or deadlock runs fn again from its savepoint.
      for (int attempt = 0;; ++attempt) {
        PostgresSession session(c);
        Status s = fn(session);
        PGTransactionStatusType state = PQtransactionStatus(c.conn);
        if (c.broken() || state == PQTRANS_UNKNOWN) {
          *end = BodyEnd::kAborted;
          return s.ok() ? Status::Unavailable("store.connection_lost", "connection lost") : s;
        }
        if (state == PQTRANS_IDLE) {
          *end = BodyEnd::kEndedByBody;
          return s.ok() ? Status::Internal("store: the transaction was ended inside the callback")
                        : s;
        }
        if (s.ok() && state == PQTRANS_INERROR) {
          // fn met an error and ignored it: its work cannot be kept.
          s = Status::Internal("store: the transaction was rolled back after an earlier error");
        }
        if (s.ok()) {
          savepoint_ = SavepointState::kUsed;
          return s;
        }
        if (Status undone = Command(c, "ROLLBACK TO SAVEPOINT socius_body", &retryable);
            !undone.ok()) {
          *end = BodyEnd::kAborted;
          return s;
        }
        if (session.retryable() && attempt < kWriteRetries) continue;
        return s;
      }
    }

    Status Commit() override {
      bool retryable = false;
      return CommitTransaction(*lease_, &retryable);
    }

    void Rollback() override {
      Connection& c = *lease_;
      if (!c.broken() && c.in_transaction()) Wrap(PQexec(c.conn, "ROLLBACK"));
    }

   private:
    static constexpr const char* kBeginWithSavepoint =
        "BEGIN ISOLATION LEVEL READ COMMITTED; SAVEPOINT socius_body";
    // kFresh: socius_body is taken and holds nothing; kUsed: it holds a kept body's work.
    enum class SavepointState { kNone, kFresh, kUsed };

    Lease lease_;  // rolls back whatever is still open when returned to the pool
    SavepointState savepoint_ = SavepointState::kNone;
  };

  static constexpr const char* kReadBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

  Result<std::unique_ptr<BatchTransaction>> OpenBatch() {
    Result<Lease> lease = Acquire();
    if (!lease.ok()) return lease.status();
    return std::unique_ptr<BatchTransaction>(std::make_unique<Batch>(std::move(*lease)));
  }

  const std::string url_;
  const int pool_size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  bool closed_ = false;

  GroupCommit group_commit_;
};

// pg_dump from PATH, else from the Debian PostgreSQL 15 package; empty if neither exists.
std::string FindPgDump() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest = path;
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      std::string_view dir = rest.substr(0, colon);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
      if (dir.empty()) continue;
      fs::path candidate = fs::path(dir) / "pg_dump";
      if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  if (access("/usr/lib/postgresql/15/bin/pg_dump", X_OK) == 0) {
    return "/usr/lib/postgresql/15/bin/pg_dump";
  }
  return {};
}

Status PostgresDatabase::Backup(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec)) return Status::InvalidArgument("store.backup_exists", "path", path);
  std::string pg_dump = FindPgDump();
  if (pg_dump.empty()) {
    return Status::Unavailable("store.backup_tool_missing", "pg_dump not found on PATH");
  }
  // Dump only the schema in use when it is not the default one (as in tests, which isolate
  // themselves in schemas of a shared database).
  std::string schema;
  Status s = Read([&](Session& tx) -> Status {
    Result<Rows> rows = tx.Query("SELECT current_schema()");
    if (!rows.ok()) return rows.status();
    if (!rows->empty()) schema = (*rows)[0].Text(0);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  std::string partial = path + ".partial-" + core::RandomHex(6);

  std::vector<std::string> args = {pg_dump, "--no-owner", "--no-privileges", "--dbname=" + url_,
                                   "--file=" + partial};
  if (!schema.empty() && schema != "public") args.push_back("--schema=" + schema);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, pg_dump.c_str(), nullptr, nullptr, argv.data(), environ);
  if (rc != 0) return Status::Internal("backup: cannot run pg_dump: " + std::string(strerror(rc)));
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    fs::remove(partial, ec);
    return Status::Internal("backup: pg_dump failed (status " + std::to_string(wstatus) + ")");
  }
  return PublishBackup(partial, path);
}

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, PostgresOptions options) {
  std::string pool_text;
  std::string libpq_url = TakeUrlParameter(url, "pool_size", &pool_text);
  int pool_size = options.pool_size;
  if (!pool_text.empty()) {
    auto [end, ec] =
        std::from_chars(pool_text.data(), pool_text.data() + pool_text.size(), pool_size);
    if (ec != std::errc() || end != pool_text.data() + pool_text.size() || pool_size <= 0) {
      return Status::InvalidArgument("store.bad_url", "url", "pool_size must be a positive number");
    }
  }
  // Requests wait on round trips, not on this process's cores: a connection for each request
  // the server lets wait at once (a group-commit batch holds one of them).
  if (pool_size <= 0) pool_size = core::DefaultWaitingRequests();
  Result<std::unique_ptr<Connection>> first = Connect(libpq_url);
  if (!first.ok()) return first.status();
  return std::unique_ptr<Database>(
      std::make_unique<PostgresDatabase>(libpq_url, pool_size, std::move(*first)));
}

}  // namespace socius::store
