#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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

// Every action the server writes to the audit log. AppendAudit refuses any other, so this
// list, docs/openapi.yaml's AuditAction and the web's filter (tests/api/audit_actions.test.js
// keeps the three equal) always name every action there is.
inline constexpr std::string_view kAuditActions[] = {
    "session.login",
    "session.login_failed",
    "session.logout",
    "user.password_change",
    "user.create",
    "user.update",
    "user.password_reset",
    "territory.create",
    "territory.update",
    "territory.import",
    "person.read",
    "person.create",
    "person.update",
    "person.import",
    "person.household_join",
    "person.household_leave",
    "household.create",
    "household.update",
    "system.bootstrap_admin",
    "case.read",
    "case.create",
    "case.update",
    "case.state_change",
    "case.closure_decision",
    "case.reassign",
    "case.note",
    "case.plan_change",
    "case.referral",
    "contact.create",
    "contact.update",
    "case_settings.update",
    "case.transfer",
    // The assessments room.
    "questionnaire.create",
    "assessment.read",
    "assessment.create",
    "assessment.update",
    "assessment.finish",
    // The services room.
    "provider.create",
    "provider.update",
    "service.create",
    "service.update",
    "enrolment.create",
    "enrolment.state_change",
    "help_request.create",
    "help_request.resolve",
    "provider.staff_add",
    "provider.staff_remove",
    "enrolment.staff_read",
    "attendance.record",
    // The benefits room.
    "programme.create",
    "programme.update",
    "programme.budget_update",
    "programme.preview",
    "benefit.eligibility_check",
    "application.create",
    "application.read",
    "application.update",
    "application.withdraw",
    "decision.create",
    "decision.state_change",
    "payment_list.create",
    "payment_list.read",
    "payment_list.export",
    "payment_list.confirm",
    // The large-family card.
    "card.issue",
    "card.revoke",
    "card.print",
    // Reports: the records behind a figure, exports and the aggregate-export mapping.
    "report.drill_down",
    "report.export",
    "report.dhis2_export",
    "report.mapping_update",
    // Deduplication.
    "person.merge",
    "person.unmerge",
    "duplicate.not_same",
    "duplicate.reopen",
    "dedup.run",
};

// Appends `event` by `actor` (nullptr: the system) to the hash-chained audit log, inside the
// caller's write transaction so that the record and its audit entry commit together.
// Internal (a bug) for an action not in kAuditActions.
core::Status AppendAudit(store::Session& tx, const Principal* actor, const AuditEvent& event);

// A read of records whose reading is itself audited (a person's card, a case file): `read`
// runs in a read transaction, beside other reads and off the writer, and adds to `entries` the
// audit entries that record it (none: nothing to record, e.g. a summary only). They are then
// appended in a write of their own, which group commit batches with the other writes, and
// AuditedRead returns only once they are durable: nothing read leaves the server unrecorded.
// Returns read's status when it fails (nothing is appended), else the append's. Never call it
// inside a write body: it waits for a write of its own.
using AuditedReadFn =
    std::function<core::Status(store::Session& tx, std::vector<AuditEvent>& entries)>;
core::Status AuditedRead(store::Database& db, const Principal& actor, const AuditedReadFn& read);

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
  // Names resolved for display, null when the record is gone or has no name the audit may
  // show: the actor's display name, the record's name (users and territories only: persons'
  // names stay in the registry, whose screens audit who reads them), the territory's name.
  std::optional<std::string> actor_display_name;
  std::optional<std::string> entity_name;
  std::optional<std::string> territory_name;
};

// Filters of the audit listing. Only entries whose territory lies in scope_roots are listed;
// entries without a territory only when installation_wide.
struct AuditQuery {
  std::vector<std::string> scope_roots;  // ScopePaths(caller, audit.read)
  bool installation_wide = false;
  std::string actor_username;  // part of the user name, any case; empty: any
  std::string entity_type;
  std::string entity_id;
  // Also entries about these ids whose territory lies under `also_scope_roots` (a person's
  // history includes what happened to the records merged into it, where the reader may look).
  std::vector<std::string> also_entity_ids;
  std::vector<std::string> also_scope_roots;
  std::string action;
  std::string from;        // ISO 8601 UTC, inclusive; empty: open
  std::string to;          // ISO 8601 UTC, inclusive; empty: open
  int64_t before_seq = 0;  // cursor: only entries older than this; 0: from the newest
  int limit = 50;
};

// Newest first, at most query.limit entries. Runs in the caller's transaction.
core::Result<std::vector<AuditEntry>> ListAudit(store::Session& tx, const AuditQuery& query);

}  // namespace socius::auth
