#include "auth/audit.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <iterator>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "auth/repository.h"
#include "auth/tokens.h"
#include "core/clock.h"
#include "store/sql.h"

namespace socius::auth {
namespace {

using store::Row;
using store::Value;

constexpr char kGenesisHash[] = "0000000000000000000000000000000000000000000000000000000000000000";

void AppendField(std::string& out, const std::optional<std::string>& field) {
  if (!field.has_value()) {
    out += '-';
    return;
  }
  out += std::to_string(field->size());
  out += ':';
  out += *field;
}

std::optional<std::string> NullIfEmpty(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

Value ToValue(const std::optional<std::string>& text) {
  return text.has_value() ? Value(*text) : store::Null();
}

}  // namespace

std::string AuditHash(const AuditRecord& record) {
  std::string canonical;
  canonical.reserve(256 + record.detail.size());
  AppendField(canonical, std::to_string(record.seq));
  AppendField(canonical, record.at);
  AppendField(canonical, record.actor_id);
  AppendField(canonical, record.actor_username);
  AppendField(canonical, record.action);
  AppendField(canonical, record.entity_type);
  AppendField(canonical, record.entity_id);
  AppendField(canonical, record.territory_id);
  AppendField(canonical, record.detail);
  AppendField(canonical, record.prev_hash);
  return Sha256Hex(canonical);
}

namespace {

// One entry to append and who caused it (nullptr: the system).
struct ActorEvent {
  const Principal* actor;
  const AuditEvent* event;
};

// Internal (a bug) for an action not in kAuditActions.
core::Status CheckListed(const AuditEvent& event) {
  if (std::find(std::begin(kAuditActions), std::end(kAuditActions), event.action) !=
      std::end(kAuditActions)) {
    return core::Status::Ok();
  }
  return core::Status::Internal("audit action not listed in kAuditActions: " + event.action);
}

// Appends `entries` in order: the head moves past all of them at once, the chain is computed
// here, and the head takes the last hash. On PostgreSQL two statements whatever their number;
// on SQLite, in-process, one insert per entry between the two head updates.
core::Status AppendEntries(store::Session& tx, const std::vector<ActorEvent>& entries) {
  for (const ActorEvent& e : entries) SOCIUS_RETURN_IF_ERROR(CheckListed(*e.event));
  if (entries.empty()) return core::Status::Ok();
  // Moving the head first takes its row lock (PostgreSQL) inside the writer's transaction, so
  // concurrent appends queue here and each sees the hash its predecessor wrote.
  auto head = tx.Query("UPDATE audit_head SET seq = seq + ? WHERE id = 1 RETURNING seq, hash",
                       {static_cast<int64_t>(entries.size())});
  if (!head.ok()) return head.status();
  if (head->empty()) return core::Status::Internal("audit_head row is missing");

  const std::string at = core::FormatUtc(std::chrono::system_clock::now());
  int64_t seq = (*head)[0].Int(0) - static_cast<int64_t>(entries.size());
  std::string prev_hash = (*head)[0].Text(1);
  std::vector<std::vector<Value>> rows;
  rows.reserve(entries.size());
  for (const ActorEvent& e : entries) {
    AuditRecord record;
    record.seq = ++seq;
    record.prev_hash = prev_hash;
    record.at = at;
    if (e.actor != nullptr) {
      record.actor_id = NullIfEmpty(e.actor->user_id);
      record.actor_username = NullIfEmpty(e.actor->username);
    }
    record.action = e.event->action;
    record.entity_type = e.event->entity_type;
    record.entity_id = NullIfEmpty(e.event->entity_id);
    record.territory_id = NullIfEmpty(e.event->territory_id);
    record.detail = e.event->detail_json.empty() ? "{}" : e.event->detail_json;
    std::string hash = AuditHash(record);
    rows.push_back({record.seq, record.at, ToValue(record.actor_id), ToValue(record.actor_username),
                    record.action, record.entity_type, ToValue(record.entity_id),
                    ToValue(record.territory_id), record.detail, record.prev_hash, hash});
    prev_hash = std::move(hash);
  }

  constexpr std::string_view kInsert =
      "INSERT INTO audit_log (seq, at, actor_id, actor_username, action, entity_type, entity_id, "
      "territory_id, detail, prev_hash, hash) VALUES ";
  constexpr std::string_view kRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  if (tx.dialect() == store::Dialect::kPostgres) {
    // One statement, so one round trip, moves the head's hash and inserts every entry: each
    // batch of audited reads pays its round trips one after another on a shared connection.
    std::string sql = "WITH head AS (UPDATE audit_head SET hash = ? WHERE id = 1) ";
    sql += kInsert;
    std::vector<Value> params = {prev_hash};
    params.reserve(1 + rows.size() * 11);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += kRow;
      for (Value& v : rows[i]) params.push_back(std::move(v));
    }
    return tx.Exec(sql, params).status();
  }
  // SQLite runs in-process: one cached single-row statement per entry costs no round trip.
  const std::string insert_one = std::string(kInsert) + std::string(kRow);
  for (const std::vector<Value>& row : rows) {
    SOCIUS_RETURN_IF_ERROR(tx.Exec(insert_one, row).status());
  }
  return tx.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", {prev_hash}).status();
}

// The audited reads of one database waiting for their entries to be written. The first
// waiting read leads: it writes the entries of every read queued so far in one write body (one
// savepoint, one head move, one insert), while the reads that arrive meanwhile queue for the
// next. So under load the entries of many reads cost the writer one body, and on PostgreSQL a
// few round trips instead of a few per read.
class ReadAuditQueue {
 public:
  core::Status Append(store::Database& db, const Principal& actor,
                      const std::vector<AuditEvent>& events) {
    Waiter me{&actor, &events};
    std::unique_lock lock(mu_);
    queue_.push_back(&me);
    while (!me.done) {
      if (!leading_ && queue_.front() == &me) {
        Lead(db, lock);
      } else {
        me.cv.wait(lock);
      }
    }
    return me.status;
  }

 private:
  struct Waiter {
    Waiter(const Principal* a, const std::vector<AuditEvent>* e) : actor(a), events(e) {}
    const Principal* actor;
    const std::vector<AuditEvent>* events;
    std::condition_variable cv;
    core::Status status;
    bool done = false;
  };

  // At most this many entries share one body: PostgreSQL binds 11 parameters per entry.
  static constexpr size_t kMaxEntries = 512;

  // Called with the lock held and the caller first in the queue. Every waiter it takes is
  // answered, and the next leader woken, whatever happens, exceptions included: a waiter left
  // behind would hold every later audited read of the database.
  void Lead(store::Database& db, std::unique_lock<std::mutex>& lock) {
    leading_ = true;
    std::vector<Waiter*> taken;
    core::Status status;
    try {
      std::vector<ActorEvent> entries;
      while (!queue_.empty() &&
             (taken.empty() || entries.size() + queue_.front()->events->size() <= kMaxEntries)) {
        Waiter* w = queue_.front();
        for (const AuditEvent& e : *w->events) entries.push_back({w->actor, &e});
        queue_.pop_front();
        taken.push_back(w);
      }
      lock.unlock();
      status = db.Write([&](store::Session& tx) { return AppendEntries(tx, entries); });
    } catch (const std::exception& e) {
      status =
          core::Status::Internal(std::string("audit: the entries were not written: ") + e.what());
    }
    if (!lock.owns_lock()) lock.lock();
    for (Waiter* w : taken) {
      w->status = status;
      w->done = true;
      w->cv.notify_one();
    }
    leading_ = false;
    if (!queue_.empty()) queue_.front()->cv.notify_one();  // the next leader
  }

  std::mutex mu_;
  std::deque<Waiter*> queue_;  // guarded by mu_
  bool leading_ = false;       // guarded by mu_
};

// One queue per database, made on first use and kept for the life of the process (an idle
// queue holds nothing: a database opened later at the same address finds it empty).
ReadAuditQueue& QueueOf(const store::Database& db) {
  static std::mutex mu;
  static std::unordered_map<const store::Database*, std::unique_ptr<ReadAuditQueue>> queues;
  std::lock_guard lock(mu);
  std::unique_ptr<ReadAuditQueue>& queue = queues[&db];
  if (!queue) queue = std::make_unique<ReadAuditQueue>();
  return *queue;
}

}  // namespace

core::Status AppendAudit(store::Session& tx, const Principal* actor, const AuditEvent& event) {
  return AppendEntries(tx, {{actor, &event}});
}

core::Status AuditedRead(store::Database& db, const Principal& actor, const AuditedReadFn& read) {
  std::vector<AuditEvent> entries;
  SOCIUS_RETURN_IF_ERROR(db.Read([&](store::Session& tx) { return read(tx, entries); }));
  if (entries.empty()) return core::Status::Ok();
  // Checked before queueing: a bug in one read must not fail the others of its batch.
  for (const AuditEvent& entry : entries) SOCIUS_RETURN_IF_ERROR(CheckListed(entry));
  return QueueOf(db).Append(db, actor, entries);
}

core::Result<AuditVerification> VerifyAudit(store::Database& db) {
  AuditVerification result;
  core::Status status = db.Read([&](store::Session& tx) -> core::Status {
    int64_t expected_seq = 1;
    std::string prev_hash = kGenesisHash;
    auto fail = [&](int64_t seq, const char* problem) {
      result.ok = false;
      result.first_bad_seq = seq;
      result.problem = problem;
    };
    SOCIUS_RETURN_IF_ERROR(tx.ForEach(
        "SELECT seq, at, actor_id, actor_username, action, entity_type, entity_id, territory_id, "
        "detail, prev_hash, hash FROM audit_log ORDER BY seq",
        {}, [&](const Row& row) {
          AuditRecord record;
          record.seq = row.Int(0);
          record.at = row.Text(1);
          record.actor_id = row.OptText(2);
          record.actor_username = row.OptText(3);
          record.action = row.Text(4);
          record.entity_type = row.Text(5);
          record.entity_id = row.OptText(6);
          record.territory_id = row.OptText(7);
          record.detail = row.Text(8);
          record.prev_hash = row.Text(9);
          std::string stored_hash = row.Text(10);
          ++result.entries;
          if (record.seq != expected_seq) {
            fail(record.seq, "gap before");
            return false;
          }
          if (record.prev_hash != prev_hash) {
            fail(record.seq, "broken link");
            return false;
          }
          if (AuditHash(record) != stored_hash) {
            fail(record.seq, "hash mismatch");
            return false;
          }
          prev_hash = stored_hash;
          ++expected_seq;
          return true;
        }));
    if (!result.ok) return core::Status::Ok();
    auto head = tx.Query("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (!head.ok()) return head.status();
    int64_t last_seq = expected_seq - 1;
    if (head->empty() || (*head)[0].Int(0) != last_seq || (*head)[0].Text(1) != prev_hash) {
      // Entries after the last one we saw were removed (or the head was forged).
      fail(last_seq + 1, "head mismatch");
    }
    return core::Status::Ok();
  });
  if (!status.ok()) return status;
  return result;
}

core::Result<std::vector<AuditEntry>> ListAudit(store::Session& tx, const AuditQuery& query) {
  std::vector<Value> params;
  std::string sql =
      "SELECT a.seq, a.at, a.actor_id, a.actor_username, a.action, a.entity_type, a.entity_id, "
      "t.code, a.detail, a.hash, u.display_name, "
      "CASE a.entity_type "
      "WHEN 'user' THEN (SELECT eu.display_name FROM users eu WHERE eu.id = a.entity_id) "
      "WHEN 'territory' THEN (SELECT et.name FROM territories et WHERE et.id = a.entity_id) "
      "END, t.name "
      "FROM audit_log a LEFT JOIN territories t ON t.id = a.territory_id "
      "LEFT JOIN users u ON u.id = a.actor_id WHERE ";
  if (query.installation_wide) {
    sql += "1 = 1";
  } else {
    sql += "t.path IS NOT NULL AND " + store::ScopeFilter("t.path", query.scope_roots, params);
  }
  auto add_filter = [&](const char* clause, const std::string& value) {
    if (value.empty()) return;
    sql += clause;
    params.emplace_back(value);
  };
  if (!query.actor_username.empty()) {
    // User names are stored lower-case ASCII ([a-z0-9._-]), so lower-casing the input is a
    // case-insensitive match on both backends.
    std::string typed = query.actor_username;
    for (char& c : typed) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    sql += " AND LOWER(a.actor_username) LIKE ? ESCAPE '!'";
    params.emplace_back("%" + store::EscapeLike(typed) + "%");
  }
  add_filter(" AND a.entity_type = ?", query.entity_type);
  if (query.also_entity_ids.empty()) {
    add_filter(" AND a.entity_id = ?", query.entity_id);
  } else {
    sql += " AND (a.entity_id = ? OR (a.entity_id IN (" +
           store::Placeholders(query.also_entity_ids.size()) + ") AND t.path IS NOT NULL AND ";
    params.emplace_back(query.entity_id);
    for (const std::string& id : query.also_entity_ids) params.emplace_back(id);
    sql += store::ScopeFilter("t.path", query.also_scope_roots, params) + "))";
  }
  add_filter(" AND a.action = ?", query.action);
  add_filter(" AND a.at >= ?", query.from);
  add_filter(" AND a.at <= ?", query.to);
  if (query.before_seq > 0) {
    sql += " AND a.seq < ?";
    params.emplace_back(query.before_seq);
  }
  sql += " ORDER BY a.seq DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit));
  auto rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<AuditEntry> entries;
  entries.reserve(rows->size());
  for (const Row& row : *rows) {
    entries.push_back(AuditEntry{row.Int(0), row.Text(1), row.OptText(2), row.OptText(3),
                                 row.Text(4), row.Text(5), row.OptText(6), row.OptText(7),
                                 row.Text(8), row.Text(9), row.OptText(10), row.OptText(11),
                                 row.OptText(12)});
  }
  return entries;
}

}  // namespace socius::auth
