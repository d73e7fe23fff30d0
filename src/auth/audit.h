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
  std::string action;        // 'user.create', 'territory.update', 'person.read', ...
  std::string entity_type;   // 'user', 'territory', 'person', ...
  std::string entity_id;
  std::string territory_id;  // where the record lives (tenant), may be empty
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
core::Result<AuditVerification> VerifyAudit(store::Database& db);

}  // namespace socius::auth
