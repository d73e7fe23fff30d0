#include "app/commands.h"

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "app/serve.h"
#include "auth/audit.h"
#include "auth/bootstrap.h"
#include "auth/users.h"
#include "core/clock.h"
#include "core/log.h"
#include "demo/demo.h"
#include "registry/import.h"
#include "territory/import.h"

namespace socius::app {

namespace {

// The first line of stdin, without its line ending; echo off when stdin is a terminal.
std::optional<std::string> ReadPasswordLine(const std::string& prompt) {
  const bool tty = isatty(STDIN_FILENO) == 1;
  termios saved{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << std::endl;
  }
  if (!got && line.empty()) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// `text` followed by spaces up to `width` characters (UTF-8 code points, so that Cyrillic
// names line up too).
std::string Padded(const std::string& text, size_t width) {
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80 ? 1 : 0;
  return text + std::string(chars < width ? width - chars : 1, ' ');
}

}  // namespace

int RunMigrate(const CommonOptions& common) {
  auto db = OpenDatabase(common, "migrate", /*migrate=*/false);
  if (!db.ok()) return ExitCodeOf(db.status());
  core::Result<int> applied = (*db)->Migrate();
  (*db)->Close();
  if (!applied.ok()) {
    PrintError("migrate", applied.status());
    return ExitCodeOf(applied.status());
  }
  std::cout << "Applied " << *applied << " migration(s); the database is up to date." << std::endl;
  return kExitOk;
}

int RunUserAdd(const CommonOptions& common, const UserAddOptions& options) {
  const std::string what = "user add " + options.username;
  std::optional<std::string> password;
  if (options.password_stdin) {
    password = ReadPasswordLine("Password: ");
    if (!password || password->empty()) {
      PrintError(what, "no password on stdin");
      return kExitInvalidInput;
    }
  }
  auto db = OpenDatabase(common, what);
  if (!db.ok()) return ExitCodeOf(db.status());
  core::Result<auth::CreatedUser> created =
      auth::AddUser(**db, options.username,
                    options.display_name.empty() ? options.username : options.display_name,
                    options.role, options.territory_code, password);
  (*db)->Close();
  if (!created.ok()) {
    PrintError(what, created.status());
    return ExitCodeOf(created.status());
  }
  std::cout << "Created user " << created->user.username << " (" << options.role << " over "
            << options.territory_code << ")." << std::endl;
  if (created->one_time_password) {
    std::cout << "One-time password for " << created->user.username << ": "
              << *created->one_time_password << " (change it at first login)" << std::endl;
  }
  return kExitOk;
}

int RunUserPasswd(const CommonOptions& common, const std::string& username) {
  const std::string what = "user passwd " + username;
  std::optional<std::string> password = ReadPasswordLine("New password: ");
  if (!password || password->empty()) {
    PrintError(what, "no password on stdin");
    return kExitInvalidInput;
  }
  auto db = OpenDatabase(common, what);
  if (!db.ok()) return ExitCodeOf(db.status());
  core::Status status = auth::SetPassword(**db, username, *password);
  (*db)->Close();
  if (!status.ok()) {
    PrintError(what, status);
    return ExitCodeOf(status);
  }
  std::cout << "Password of " << username << " changed; their sessions are ended." << std::endl;
  return kExitOk;
}

int RunUserList(const CommonOptions& common) {
  auto db = OpenDatabase(common, "user list");
  if (!db.ok()) return ExitCodeOf(db.status());
  core::Result<std::vector<auth::User>> users = auth::ListUsers(**db);
  (*db)->Close();
  if (!users.ok()) {
    PrintError("user list", users.status());
    return ExitCodeOf(users.status());
  }
  for (const auth::User& user : *users) {
    std::cout << user.username << "\t" << user.display_name << "\t"
              << (user.active ? "active" : "inactive") << "\t";
    for (size_t i = 0; i < user.roles.size(); ++i) {
      if (i > 0) std::cout << ",";
      std::cout << auth::Name(user.roles[i].role) << "@" << user.roles[i].territory.code;
    }
    std::cout << "\n";
  }
  std::cout << std::flush;
  return kExitOk;
}

int RunTerritoryImport(const CommonOptions& common, const std::string& file, bool partial) {
  const std::string what = "territory import";
  const std::string name = std::filesystem::path(file).filename().string();
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    PrintError(what, file + ": cannot open the file");
    return kExitNotFound;
  }
  auto db = OpenDatabase(common, what);
  if (!db.ok()) return ExitCodeOf(db.status());
  territory::ImportOptions options;
  options.partial = partial;
  options.source = name;
  const auto start = std::chrono::steady_clock::now();
  core::Result<territory::ImportReport> report = territory::ImportTerritoriesCsv(**db, in, options);
  const auto ms = core::MillisecondsSince(start);
  (*db)->Close();
  if (!report.ok()) {
    PrintError(what + ": " + name, report.status());
    return ExitCodeOf(report.status());
  }
  for (const territory::ImportError& e : report->errors) {
    std::string where = name + " row " + std::to_string(e.row);
    if (!e.field.empty()) where += " field " + e.field;
    PrintError(what, where + ": " + e.message + " (" + e.code + ")");
  }
  if (report->rejected > static_cast<int64_t>(report->errors.size())) {
    PrintError(what, name + ": " + std::to_string(report->rejected) + " rows rejected, the first " +
                         std::to_string(report->errors.size()) + " listed");
  }
  if (!report->committed) {
    PrintError(what, name + ": nothing imported (" + std::to_string(report->rejected) +
                         " bad rows; --partial imports the good ones)");
    return kExitInvalidInput;
  }
  std::cout << name << ": " << report->rows << " rows, " << report->created << " created, "
            << report->updated << " updated, " << report->unchanged << " unchanged, "
            << report->rejected << " rejected (" << ms << " ms)" << std::endl;
  return kExitOk;
}

int RunPersonImport(const CommonOptions& common, const PersonImportOptions& options) {
  const std::string what = "import persons";
  const std::string name = options.file;
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    PrintError(what, name + ": cannot open the file");
    return kExitNotFound;
  }
  auto db = OpenDatabase(common, what);
  if (!db.ok()) return ExitCodeOf(db.status());
  std::optional<auth::Principal> actor;
  if (!options.actor.empty()) {
    core::Result<auth::Principal> who = auth::PrincipalOfUsername(**db, options.actor);
    core::Status found = who.ok() ? core::Status::Ok() : who.status();
    if (who.ok()) actor = std::move(*who);
    if (!found.ok()) {
      (*db)->Close();
      PrintError(what, found);
      return ExitCodeOf(found);
    }
  }
  registry::ImportOptions import;
  import.partial = options.partial;
  import.skip_possible_duplicates = options.skip_possible_duplicates;
  import.link_possible_duplicates = options.link_possible_duplicates;
  import.again = options.again;
  import.mapping = options.mapping;
  import.actor = actor ? &*actor : nullptr;
  import.file_name = std::filesystem::path(options.file).filename().string();
  auto last = std::chrono::steady_clock::now();
  const auto start = last;
  core::Result<registry::ImportReport> report = registry::ImportPersonsCsv(
      **db, nullptr, in, import, [&](const registry::ImportProgressInfo& p) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last >= std::chrono::seconds(2)) {
          last = now;
          std::cerr << "socius: " << what << ": " << p.phase << " " << p.rows_read << " rows";
          if (p.phase == "writing") {
            std::cerr << ", " << p.rows_written << " of " << p.rows_total << " written";
          }
          std::cerr << std::endl;
        }
        return true;
      });
  const auto ms = core::MillisecondsSince(start);
  (*db)->Close();
  if (!report.ok()) {
    PrintError(what + ": " + name, report.status());
    return ExitCodeOf(report.status());
  }
  for (const registry::ImportProblem& p : report->problems) {
    std::string where = name + " row " + std::to_string(p.row);
    if (!p.person.empty()) where += " (" + p.person + ")";
    if (!p.field.empty()) where += " field " + p.field;
    PrintError(what,
               where + ": " + (p.warning ? "warning: " : "") + p.message + " (" + p.code + ")");
  }
  std::cout << name << ": " << report->status << ", " << report->rows_total << " rows, "
            << report->rows_written << " written, " << report->rows_rejected << " rejected, "
            << (options.link_possible_duplicates
                    ? std::to_string(report->rows_linked) + " linked to registered persons, "
                    : "")
            << report->warnings << " warnings" << (report->resumed ? " (resumed)" : "") << " ("
            << ms << " ms, import " << report->import_id << ")" << std::endl;
  if (report->status == "failed") {
    PrintError(what, name + ": nothing imported (" + std::to_string(report->rows_rejected) +
                         " bad rows; --partial imports the good ones)");
    return kExitInvalidInput;
  }
  return kExitOk;
}

int RunBackup(const CommonOptions& common, const std::string& file) {
  auto db = OpenDatabase(common, "backup", /*migrate=*/false);
  if (!db.ok()) return ExitCodeOf(db.status());
  core::Status status = (*db)->Backup(file);
  (*db)->Close();
  if (!status.ok()) {
    PrintError("backup: " + file, status);
    // An existing target file is a conflict, whatever kind the store gives it.
    return status.code() == "store.backup_exists" ? kExitConflict : ExitCodeOf(status);
  }
  std::cout << "Backup written to " << file << std::endl;
  return kExitOk;
}

int RunAuditVerify(const CommonOptions& common) {
  auto db = OpenDatabase(common, "audit verify", /*migrate=*/false);
  if (!db.ok()) return ExitCodeOf(db.status());
  core::Result<auth::AuditVerification> result = auth::VerifyAudit(**db);
  (*db)->Close();
  if (!result.ok()) {
    PrintError("audit verify", result.status());
    return ExitCodeOf(result.status());
  }
  if (!result->ok) {
    PrintError("audit verify", "the chain is broken at seq " +
                                   std::to_string(result->first_bad_seq) + ": " + result->problem);
    std::cout << "first_bad_seq=" << result->first_bad_seq << std::endl;
    return kExitAuditBroken;
  }
  std::cout << "Audit log intact: " << result->entries << " entries." << std::endl;
  return kExitOk;
}

int RunDemo(const CommonOptions& common, const DemoCommandOptions& options) {
  const std::string what = "demo";
  demo::DemoOptions demo_options;
  demo_options.seed = options.seed;
  demo_options.today = core::Today();
  if (!options.today.empty()) {
    std::optional<core::Date> today = core::ParseDate(options.today);
    if (!today) {
      PrintError(what + ": --today", "expected YYYY-MM-DD, got \"" + options.today + "\"");
      return kExitUsage;
    }
    demo_options.today = *today;
  }
  if (const char* env = std::getenv("SOCIUS_ADMIN_PASSWORD"); env != nullptr && *env != '\0') {
    demo_options.admin_password = env;
  }
  auto db = OpenDatabase(common, what);
  if (!db.ok()) return ExitCodeOf(db.status());
  const std::string where = what + ": " + RedactUrl(common.db_url);
  core::Result<bool> holds = demo::HoldsData(**db);
  if (holds.ok() && *holds) {
    (*db)->Close();
    PrintError(where,
               "the database already holds data (users or persons); the demo fills only "
               "an empty database: give a new SQLite file or an empty PostgreSQL database");
    return kExitConflict;
  }
  const auto start = std::chrono::steady_clock::now();
  // The shipped reference territories, as the first `serve` loads them.
  core::Status loaded =
      holds.ok() ? LoadTerritoriesIfEmpty(**db, DefaultDataDir()) : holds.status();
  if (!loaded.ok()) {
    (*db)->Close();
    PrintError(where + ": territories", loaded);
    return ExitCodeOf(loaded);
  }
  core::Result<demo::DemoReport> report = demo::FillDemo(**db, demo_options);
  const auto ms = core::MillisecondsSince(start);
  (*db)->Close();
  if (!report.ok()) {
    // Where the demo stopped: the community and its step.
    std::string at = where;
    for (const char* param : {"community", "step"}) {
      const auto found = report.status().params().find(param);
      if (found != report.status().params().end()) at += ": " + found->second;
    }
    PrintError(at, report.status());
    return ExitCodeOf(report.status());
  }
  std::cout << "Demo installation ready in " << (ms + 500) / 1000 << " s (seed " << options.seed
            << ", activity up to " << demo_options.today.ToString() << ").\n\n"
            << "Staff accounts. The passwords are shown only now and are one-time passwords:\n"
            << "each user chooses their own at first login (as with `socius user add`).\n\n"
            << "  " << Padded("username", 20) << Padded("role", 18) << Padded("community", 14)
            << "password\n";
  for (const demo::DemoUser& user : report->users) {
    std::cout << "  " << Padded(user.username, 20) << Padded(user.role, 18)
              << Padded(user.community, 14) << user.password << "\n";
  }
  std::cout << "\nRecords created:\n";
  for (const auto& [kind, count] : report->counts) {
    std::cout << "  " << Padded(kind, 16) << std::setw(7) << count << "\n";
  }
  std::cout << std::flush;
  return kExitOk;
}

}  // namespace socius::app
