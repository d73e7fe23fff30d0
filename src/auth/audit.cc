#include "auth/audit.h"

#include <algorithm>
#include <iterator>

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

core::Status AppendAudit(store::Session& tx, const Principal* actor, const AuditEvent& event) {
  if (std::find(std::begin(kAuditActions), std::end(kAuditActions), event.action) ==
      std::end(kAuditActions)) {
    return core::Status::Internal("audit action not listed in kAuditActions: " + event.action);
  }
  // Moving the head first takes its row lock (PostgreSQL) inside the writer's transaction, so
  // concurrent appends queue here and each sees the hash its predecessor wrote.
  auto head = tx.Query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
  if (!head.ok()) return head.status();
  if (head->empty()) return core::Status::Internal("audit_head row is missing");

  AuditRecord record;
  record.seq = (*head)[0].Int(0);
  record.prev_hash = (*head)[0].Text(1);
  record.at = core::FormatUtc(std::chrono::system_clock::now());
  if (actor != nullptr) {
    record.actor_id = NullIfEmpty(actor->user_id);
    record.actor_username = NullIfEmpty(actor->username);
  }
  record.action = event.action;
  record.entity_type = event.entity_type;
  record.entity_id = NullIfEmpty(event.entity_id);
  record.territory_id = NullIfEmpty(event.territory_id);
  record.detail = event.detail_json.empty() ? "{}" : event.detail_json;
  std::string hash = AuditHash(record);

  auto inserted = tx.Exec(
      "INSERT INTO audit_log (seq, at, actor_id, actor_username, action, entity_type, entity_id, "
      "territory_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {record.seq, record.at, ToValue(record.actor_id), ToValue(record.actor_username),
       record.action, record.entity_type, ToValue(record.entity_id), ToValue(record.territory_id),
       record.detail, record.prev_hash, hash});
  if (!inserted.ok()) return inserted.status();
  auto moved = tx.Exec("UPDATE audit_head SET hash = ? WHERE id = 1", {hash});
  return moved.ok() ? core::Status::Ok() : moved.status();
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
    sql += " AND a.entity_id IN (" + store::Placeholders(query.also_entity_ids.size() + 1) + ")";
    params.emplace_back(query.entity_id);
    for (const std::string& id : query.also_entity_ids) params.emplace_back(id);
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
