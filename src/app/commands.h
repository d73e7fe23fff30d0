#pragma once

// The one-shot subcommands. Each opens the database, does its work, closes it and returns
// the process exit code (app/cli.h), having printed what went wrong on stderr.

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
int RunBackup(const CommonOptions& common, const std::string& file);
int RunAuditVerify(const CommonOptions& common);

}  // namespace socius::app
