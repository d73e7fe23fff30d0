#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "store/database.h"

namespace socius::auth {

// One thing that happened to one record.
struct AuditEvent {
  std::string action;       // 'user.create', 'territory.update', 'person.read', ...
  std::string entity_type;  // 'user', 'territory', 'person', ...
  std::string entity_id;
  std::string territory_id;        // where the record lives (tenant), may be empty
  std::string detail_json = "{}";  // a JSON object: changed fields (never passwords)
};

// Appends `event` by `actor` (nullptr: the system) to the hash-chained audit log, inside the
// caller's write transaction so that the record and its audit entry commit together.
core::Status AppendAudit(store::Session& tx, const Principal* actor, const AuditEvent& event);

struct AuditVerification {
  bool ok = true;
  int64_t entries = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem;        // English: "hash mismatch", "gap before", "head mismatch"
};

// Recomputes the chain from the first entry; detects altered, inserted, deleted and
// truncated entries.
// Runs in one read transaction (a snapshot); streams the log, so memory stays flat.
core::Result<AuditVerification> VerifyAudit(store::Database& db);

// The hash of one entry: SHA-256 hex over a length-prefixed serialisation of seq, at,
// actor_id, actor_username, action, entity_type, entity_id, territory_id, detail and
// prev_hash ("<bytes>:<text>" per field, "-" for NULL), so no two entries serialise alike.
struct AuditRecord {
  int64_t seq = 0;
  std::string at;
  std::optional<std::string> actor_id;
  std::optional<std::string> actor_username;
  std::string action;
  std::string entity_type;
  std::optional<std::string> entity_id;
  std::optional<std::string> territory_id;
  std::string detail = "{}";
  std::string prev_hash;
};
std::string AuditHash(const AuditRecord& record);

// One entry as the API shows it.
struct AuditEntry {
  int64_t seq = 0;
  std::string at;
  std::optional<std::string> actor_id;
  std::optional<std::string> actor_username;
  std::string action;
  std::string entity_type;
  std::optional<std::string> entity_id;
  std::optional<std::string> territory_code;
  std::string detail_json;
  std::string hash;
};

// Filters of the audit listing. Only entries whose territory lies in scope_roots are listed;
// entries without a territory only when installation_wide.
struct AuditQuery {
  std::vector<std::string> scope_roots;  // ScopePaths(caller, audit.read)
  bool installation_wide = false;
  std::string actor_username;  // exact, as stored; empty: any
  std::string entity_type;
  std::string entity_id;
  std::string action;
  std::string from;        // ISO 8601 UTC, inclusive; empty: open
  std::string to;          // ISO 8601 UTC, inclusive; empty: open
  int64_t before_seq = 0;  // cursor: only entries older than this; 0: from the newest
  int limit = 50;
};

// Newest first, at most query.limit entries. Runs in the caller's transaction.
core::Result<std::vector<AuditEntry>> ListAudit(store::Session& tx, const AuditQuery& query);

}  // namespace socius::auth
