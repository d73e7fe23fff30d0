#pragma once

// Import of persons from CSV (docs/registry-import.md): streaming, validated with the
// registry's own rules, all-or-nothing or partial, written in batches and resumable.

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "core/result.h"
#include "registry/person_index.h"
#include "store/database.h"

namespace socius::registry {

inline constexpr size_t kMaxImportProblems = 1000;
// From this probability a row is linked to the registered person it matches
// (ImportOptions::link_possible_duplicates). A warning needs dedup::Options::threshold.
inline constexpr double kLinkProbability = 0.98;

struct ImportOptions {
  // false (all-or-nothing): any rejected row and nothing is written. true: the good rows are
  // written and the rejected ones reported.
  bool partial = false;
  // Rows that look like a registered person (the deduplication engine finds them probably the
  // same, or the same name key and birth date) are skipped instead of imported with a warning.
  bool skip_possible_duplicates = false;
  // A row outside any household that is almost surely one registered person (an identifier
  // that person holds, or one match of probability ≥ kLinkProbability) is linked to that
  // person instead of written as a new one: the person's empty fields and missing identifiers
  // are filled from the row, nothing they hold is overwritten.
  bool link_possible_duplicates = false;
  // Import a file again although an import of it completed.
  bool again = false;
  // File column (compared case-insensitively) → field name or "ignore"; overrides headers.
  std::map<std::string, std::string> mapping;
  // The importer: rows must lie in its person.import scope; the audit actor. nullptr: the
  // system, over the whole installation (CLI without --actor, tests, the bench).
  const auth::Principal* actor = nullptr;
  // Narrows the scope to this path ('/RO/RO:10/') when not empty (the HTTP job's community).
  std::string scope_path;
  std::string file_name;    // for the job row and the audit entry
  std::string file_sha256;  // when known (HTTP); else computed by a first pass over `in`
  // An existing job to run (HTTP creates it at upload); empty: found by the file's SHA-256
  // (an unfinished one is resumed) or created.
  std::string job_id;
  // Rows per write transaction. Person ids are random, so every batch rewrites most index
  // pages keyed by them: fewer, larger batches write far less (a batch holds the SQLite writer
  // for well under a second at this size, and a cancel or shutdown waits for it).
  int batch_size = 20000;
  // Asked when the progress callback stops the import: true makes the stop a suspension (the
  // server shutting down) rather than a cancellation. A suspended job is left queued for the
  // next start to resume, without an audit entry (its run is not over); the report's status is
  // "suspended".
  std::function<bool()> suspended;
};

// One problem of one row. Warnings do not reject the row.
struct ImportProblem {
  int64_t row = 0;      // the physical line on which the record starts (header = 1)
  std::string field;    // a field name of the CSV format ("identifier_value"), or ""
  std::string code;     // "person.invalid_birth_date", "import.duplicate_in_file", ...
  std::string message;  // English
  std::map<std::string, std::string> params;
  bool warning = false;
  // The row's person as the file names them ("Popa Ion"), so that a report read apart from
  // the file still says whose row it is; empty for problems of the file or of no one row.
  std::string person;
};

struct ImportReport {
  std::string import_id;
  std::string status;  // done | failed | cancelled | suspended
  std::string file_sha256;
  int64_t rows_total = 0;     // data records in the file
  int64_t rows_ok = 0;        // valid (imported, linked, or to be)
  int64_t rows_rejected = 0;  // with an error, or skipped as possible duplicates
  int64_t rows_written = 0;   // persons written by this import, over all its runs
  int64_t rows_linked = 0;    // rows linked to a registered person, over all its runs
  int64_t warnings = 0;
  bool resumed = false;                 // continued an interrupted import of the same file
  std::vector<ImportProblem> problems;  // the first kMaxImportProblems, file order
};

struct ImportProgressInfo {
  std::string phase;  // "validating" or "writing"
  int64_t rows_read = 0;
  int64_t rows_total = 0;  // known once validation finished
  int64_t rows_written = 0;
};
// Called about every 1000 rows and after each committed batch. Returning false stops the
// import (status cancelled); committed batches stay, and running the file again resumes.
using ImportProgress = std::function<bool(const ImportProgressInfo&)>;

// Imports the persons of the CSV in `in` (which must be seekable: it is read twice, or three
// times when options.file_sha256 is empty). First a validation pass that writes nothing; then,
// when there is no error or options.partial, a writing pass in batches of
// options.batch_size rows, each its own transaction that also records the job's progress.
// `index`, when not null, is updated after each committed batch. One audit entry
// `person.import` per run that ends (done, failed, cancelled). Row problems are in the report;
// the Result fails with Conflict("import.already_imported") when an import of the same file
// completed (and not options.again), NotFound("import.not_found") for an unknown
// options.job_id, or the store's failure (the job is then marked failed with the problem
// "import.store_failed" if the store still takes that; its committed batches stay and running
// the file again resumes after them). Thread-safe as far as `db` and `index` are; one import
// per file at a time.
core::Result<ImportReport> ImportPersonsCsv(store::Database& db, PersonIndex* index,
                                            std::istream& in, const ImportOptions& options,
                                            const ImportProgress& on_progress = nullptr);

// The SHA-256 (hex) and size of what `in` holds, read to the end; `in` is then rewound.
core::Result<std::pair<std::string, int64_t>> HashStream(std::istream& in);

}  // namespace socius::registry
