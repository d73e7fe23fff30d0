#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::territory {

struct ImportOptions {
  // false: any bad row and nothing is written. true: good rows (whose ancestors are good
  // too) are written and the bad ones reported.
  bool partial = false;
  const auth::Principal* actor = nullptr;  // nullptr: the system (start-up, CLI)
  std::string source;                      // the file's name, for the audit entry
};

// One rejected field of one row.
struct ImportError {
  int64_t row = 0;      // the line of the file on which the record starts (header = 1)
  std::string field;    // a column name ("level"), or "" for the record as a whole
  std::string code;     // stable: "territory.invalid_level", "territory.csv_column_count", ...
  std::string message;  // English, for the CLI and logs: unknown level "județ"
};

struct ImportReport {
  int64_t rows = 0;  // data records read
  int64_t created = 0;
  int64_t updated = 0;    // existing rows whose names changed
  int64_t unchanged = 0;  // existing rows already identical
  int64_t rejected = 0;   // rows not imported
  bool committed = false;
  std::vector<ImportError> errors;  // at most kMaxReportedErrors, file order
};

inline constexpr size_t kMaxReportedErrors = 1000;

// Imports territories from CSV (RFC 4180, UTF-8, header code,parent_code,level,name and
// optionally name_latin, in any order). Rows may name parents defined later in the file or
// already in the database. Re-importing the same file changes nothing; an existing code
// with another parent or level is an error. Reads `in` as a stream, then validates and
// writes everything in one write transaction with one `territory.import` audit entry.
// Validation failures are in the report (committed false unless partial); the Result fails
// only when the database does (Unavailable, Internal).
core::Result<ImportReport> ImportTerritoriesCsv(store::Database& db, std::istream& in,
                                                const ImportOptions& options);

}  // namespace socius::territory
