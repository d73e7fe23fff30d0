#pragma once

// The SQL of the person import: job rows (person_imports), their problems, and the batch
// writes. Every function runs in the caller's transaction, the same SQL on both backends.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "dedup/engine.h"
#include "registry/import.h"
#include "registry/model.h"
#include "store/database.h"

namespace socius::registry {

// One import job as stored.
struct ImportJob {
  std::string id;
  std::string file_name;
  std::string file_sha256;
  int64_t size = 0;
  int64_t bytes_received = 0;
  std::string status;  // uploading | queued | validating | writing | done | failed | cancelled
  std::string mode;    // all_or_nothing | partial
  std::string options_json = "{}";
  int64_t rows_total = 0;
  int64_t rows_read = 0;
  int64_t rows_ok = 0;
  int64_t rows_rejected = 0;
  int64_t rows_written = 0;
  int64_t rows_linked = 0;  // rows linked to a registered person instead of written
  int64_t last_committed_row = 0;
  std::optional<std::string> created_by;
  std::optional<std::string> scope_territory_id;
  std::string scope_path = "/";
  std::string scope_code;  // filled on reads ("" for the whole installation)
  std::string created_at;
  std::string updated_at;
};

// Sets created_at/updated_at and inserts.
core::Status InsertImportJob(store::Session& tx, ImportJob& job);
// nullopt when there is none.
core::Result<std::optional<ImportJob>> FindImportJob(store::Session& tx, const std::string& id);
// Every job of the file, newest first.
core::Result<std::vector<ImportJob>> FindImportJobsBySha256(store::Session& tx,
                                                            const std::string& sha256);
// Writes the counters, status and bytes_received of `job`; sets updated_at.
core::Status UpdateImportJob(store::Session& tx, ImportJob& job);
// Jobs created by `user_id` (NULL-safe: "" lists the system's), newest first, before the
// keyset cursor `before` (created_at + '\x1f' + id; "" from the newest).
core::Result<std::vector<ImportJob>> ListImportJobs(store::Session& tx, const std::string& user_id,
                                                    const std::string& before, int limit);

// Replaces the stored problems of a job with `problems` (at most kMaxImportProblems kept).
core::Status ReplaceImportProblems(store::Session& tx, const std::string& import_id,
                                   const std::vector<ImportProblem>& problems);
core::Result<std::vector<ImportProblem>> LoadImportProblems(store::Session& tx,
                                                            const std::string& import_id);

// Of `identifiers` (scheme, value), those some registered person already holds.
core::Result<std::set<std::pair<std::string, std::string>>> FindHeldIdentifiers(
    store::Session& tx, const std::vector<std::pair<std::string, std::string>>& identifiers);

// Who holds an identifier, and where.
struct IdentifierHolder {
  std::string person_id;
  std::string community_path;
};
// Of `identifiers` (scheme, value), those some registered person holds, with the holder.
core::Result<std::map<std::pair<std::string, std::string>, IdentifierHolder>> FindIdentifierHolders(
    store::Session& tx, const std::vector<std::pair<std::string, std::string>>& identifiers);

// A registered person a row may be: the fields the deduplication engine compares, the name key
// and where they are.
struct MatchCandidate {
  dedup::PersonFields fields;  // fields.id is the person's id
  std::string name_key;
  std::string community_path;
};
// The persons not merged away, born on one of `birth_dates` or whose name key is one of
// `name_keys`, each once, without their identifiers; none written by the import `import_id`
// (a resumed import does not meet its own rows).
core::Result<std::vector<MatchCandidate>> FindMatchCandidates(
    store::Session& tx, const std::vector<std::string>& birth_dates,
    const std::vector<std::string>& name_keys, const std::string& import_id);
// Fills fields.identifiers of each of `candidates` (the few that scored high without them).
core::Status LoadCandidateIdentifiers(store::Session& tx, std::vector<MatchCandidate*>& candidates);

// A registered person that a row may duplicate.
struct SimilarPerson {
  std::string id;
  std::string name_key;
  std::string birth_date;  // "" when none
  std::string community_id;
};
// Persons whose name key is one of `name_keys`.
core::Result<std::vector<SimilarPerson>> FindPersonsByNameKey(
    store::Session& tx, const std::vector<std::string>& name_keys);

// A person written by an import, and the row of the file it came from.
struct ImportedPerson {
  Person* person = nullptr;
  int64_t source_row = 0;
};
// Inserts imported persons (all fields set and validated, created_at set, household_id
// possibly set) with their identifiers, marked (import_id, source_row), at version 1.
// On PostgreSQL several rows share one statement (and one round trip). Their households must
// exist.
core::Status InsertImportedPersons(store::Session& tx, const std::vector<ImportedPerson>& persons,
                                   const std::string& import_id);
// True when a household with this id exists.
core::Result<bool> ImportedHouseholdExists(store::Session& tx, const std::string& household_id);
// Creates the households (known not to exist; id, community, settlement, address, head and
// created_by set) at version 1.
core::Status InsertImportedHouseholds(store::Session& tx, const std::vector<Household>& households);
// A membership written by an import.
struct ImportedMember {
  std::string household_id;
  std::string person_id;
  Relationship relationship = Relationship::kHead;
  std::string community_id;
};
// Adds the members (persons and households exist). Heads are not set.
core::Status InsertImportedMembers(store::Session& tx, const std::vector<ImportedMember>& members);
// Makes `person_id` the head of the household.
core::Status SetImportedHouseholdHead(store::Session& tx, const std::string& household_id,
                                      const std::string& person_id);

// Jobs in one of `statuses`, oldest first (the worker re-queues them at start).
core::Result<std::vector<ImportJob>> FindImportJobsByStatus(
    store::Session& tx, const std::vector<std::string>& statuses);
// Writes the mode and options of a job still uploading (a reopened job takes the new ones).
core::Status UpdateImportJobOptions(store::Session& tx, const ImportJob& job);

// The territory an HTTP import job is scoped to.
struct ImportScope {
  std::string id;
  std::string code;
  std::string path;
};
// By code (any level); nullopt when there is none.
core::Result<std::optional<ImportScope>> FindImportScope(store::Session& tx,
                                                         const std::string& code);
// By path ('/RO/RO:10/'); nullopt when there is none.
core::Result<std::optional<ImportScope>> FindImportScopeByPath(store::Session& tx,
                                                               const std::string& path);

// Persons whose updated_at is at or after `since`, with it (the refresh's watermark), for
// refreshing the search index.
core::Status ForEachIndexRowUpdatedSince(
    store::Session& tx, const std::string& since,
    const std::function<void(const IndexRow&, const std::string& updated_at)>& on_row);

}  // namespace socius::registry
