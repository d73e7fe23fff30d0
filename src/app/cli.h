#pragma once

// What the subcommands of the `socius` binary share: settings, exit codes, error lines.

#include <memory>
#include <string>

#include "core/result.h"
#include "core/status.h"
#include "store/database.h"

namespace socius::app {

// Exit codes of every subcommand; `socius --help` lists them.
enum ExitCode : int {
  kExitOk = 0,
  kExitOther = 1,
  kExitUsage = 2,         // bad command line (CLI11)
  kExitInvalidInput = 3,  // a bad file or value: CSV row, role, password
  kExitNotFound = 4,      // no such file, user or territory
  kExitConflict = 5,      // already exists: user name, backup file
  kExitUnavailable = 6,   // the database cannot be opened or is busy
  kExitAuditBroken = 7,   // `audit verify` found the chain broken
};

// The exit code for a failure of kind `status.kind()`.
int ExitCodeOf(const core::Status& status);

// Prints "socius: <what>: <message>" on stderr; <message> is the status in English.
void PrintError(const std::string& what, const core::Status& status);
void PrintError(const std::string& what, const std::string& message);

// Settings common to every subcommand.
struct CommonOptions {
  std::string db_url = "sqlite:var/socius.db";
  std::string log_level = "info";
};

// Opens the database named by `options` and, with `migrate`, applies pending migrations;
// prints the reason on failure (the password of a URL masked).
core::Result<std::unique_ptr<store::Database>> OpenDatabase(const CommonOptions& options,
                                                            const std::string& what,
                                                            bool migrate = true);

// "postgresql://user:secret@host/db" → "postgresql://user:***@host/db".
std::string RedactUrl(const std::string& url);

}  // namespace socius::app
