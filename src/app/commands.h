#pragma once

// The one-shot subcommands. Each opens the database, does its work, closes it and returns
// the process exit code (app/cli.h), having printed what went wrong on stderr.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "app/cli.h"

namespace socius::app {

int RunMigrate(const CommonOptions& common);

struct UserAddOptions {
  std::string username;
  std::string role;
  std::string territory_code;
  std::string display_name;  // empty: the user name
  bool password_stdin = false;
};
int RunUserAdd(const CommonOptions& common, const UserAddOptions& options);
// Reads the new password from the first line of stdin.
int RunUserPasswd(const CommonOptions& common, const std::string& username);
int RunUserList(const CommonOptions& common);

int RunTerritoryImport(const CommonOptions& common, const std::string& file, bool partial);
struct PersonImportOptions {
  std::string file;
  bool partial = false;
  bool skip_possible_duplicates = false;
  bool link_possible_duplicates = false;
  bool again = false;
  std::map<std::string, std::string> mapping;  // from --map COLUMN=FIELD
  std::string actor;                           // username; empty: the system
};
// `import persons`: docs/registry-import.md. Exit 0, 3 (rejected rows, nothing written),
// 4 (no file or actor), 5 (already imported), 6 (database unavailable).
int RunPersonImport(const CommonOptions& common, const PersonImportOptions& options);

int RunBackup(const CommonOptions& common, const std::string& file);

struct DemoCommandOptions {
  uint64_t seed = 20261206;
  std::string today;  // YYYY-MM-DD; empty: today
};
// `demo`: fills an empty database with the two demo communities (demo/demo.h) and prints the
// staff's one-time passwords once, then the counts. Exit 0; 2 (bad --today); 3 (--today in the
// future); 5 (the database holds users or persons); 6 (database unavailable).
int RunDemo(const CommonOptions& common, const DemoCommandOptions& options);
int RunAuditVerify(const CommonOptions& common);

}  // namespace socius::app
