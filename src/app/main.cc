// The `socius` binary: the command line and the composition root of the server.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/commands.h"
#include "app/dedup_command.h"
#include "app/report_command.h"
#include "app/serve.h"
#include "core/log.h"

namespace {

constexpr char kFooter[] = R"(Exit codes:
  0  success
  1  other failure (a bug, an address already in use, ...)
  2  bad command line
  3  invalid input (a bad CSV row, role, password or value)
  4  not found (file, user, territory)
  5  conflict (the user name or backup file already exists, demo: the database holds data)
  6  database unavailable (cannot open, busy)
  7  audit verify: the audit chain is broken

Environment: SOCIUS_DB, SOCIUS_LISTEN, SOCIUS_STATIC_DIR, SOCIUS_DATA_DIR, SOCIUS_TRUSTED_PROXIES,
SOCIUS_REPORT_MIN_CELL, SOCIUS_ADMIN_PASSWORD (the first administrator's password at first start).)";

}  // namespace

int main(int argc, char** argv) {
  using socius::app::CommonOptions;
  CLI::App app{"Socius: the information system of community social services.", "socius"};
  app.footer(kFooter);
  app.require_subcommand(1);
  // Common options (--db, --log-level) may also follow the subcommand: `socius serve --db X`.
  app.fallthrough();
  CommonOptions common;
  app.add_option("--db", common.db_url, "Database: sqlite:PATH or postgresql://...")
      ->envname("SOCIUS_DB")
      ->capture_default_str();
  app.add_option("--log-level", common.log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();

  socius::app::ServeOptions serve;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Run the HTTP server until SIGTERM/SIGINT.");
  serve_cmd->add_option("--listen", serve.listen, "ADDR:PORT (port 0: any free port)")
      ->envname("SOCIUS_LISTEN")
      ->capture_default_str();
  serve_cmd->add_option("--static", serve.static_dir, "The built web app (default: web/dist)")
      ->envname("SOCIUS_STATIC_DIR");
  serve_cmd
      ->add_option("--data-dir", serve.data_dir,
                   "Reference data (territories/*.csv) loaded into an empty installation")
      ->envname("SOCIUS_DATA_DIR");
  serve_cmd
      ->add_option(
          "--threads", serve.threads,
          "Worker threads, which also wait on the database (0: four per core, at least 16)")
      ->check(CLI::Range(0, 256));
  serve_cmd
      ->add_option("--trusted-proxies", serve.trusted_proxies,
                   "Reverse proxies believed about X-Forwarded-For: addresses or networks, "
                   "comma-separated (e.g. 127.0.0.1,::1)")
      ->envname("SOCIUS_TRUSTED_PROXIES");
  serve_cmd
      ->add_option("--report-min-cell", serve.report_min_cell,
                   "The smallest count a report shows to who may not see names (analysts)")
      ->envname("SOCIUS_REPORT_MIN_CELL")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  serve_cmd->add_flag("--secure-cookies", serve.secure_cookies,
                      "Mark the session cookie Secure (behind HTTPS)");

  CLI::App* migrate_cmd = app.add_subcommand("migrate", "Apply pending database migrations.");

  CLI::App* user_cmd = app.add_subcommand("user", "Manage user accounts.");
  user_cmd->require_subcommand(1);
  socius::app::UserAddOptions user_add;
  CLI::App* user_add_cmd = user_cmd->add_subcommand(
      "add", "Create a user; prints a one-time password unless --password-stdin.");
  user_add_cmd->add_option("USERNAME", user_add.username)->required();
  user_add_cmd->add_option("--role", user_add.role, "social_worker, administrator, ...")
      ->required();
  user_add_cmd
      ->add_option("--territory", user_add.territory_code,
                   "Territory code of the role and the home territory")
      ->required();
  user_add_cmd->add_option("--display-name", user_add.display_name);
  user_add_cmd->add_flag("--password-stdin", user_add.password_stdin,
                         "Read the password from the first line of stdin");
  std::string passwd_user;
  CLI::App* user_passwd_cmd =
      user_cmd->add_subcommand("passwd", "Set a password, read from the first line of stdin.");
  user_passwd_cmd->add_option("USERNAME", passwd_user)->required();
  CLI::App* user_list_cmd = user_cmd->add_subcommand("list", "List every user.");

  CLI::App* territory_cmd = app.add_subcommand("territory", "Manage the territory tree.");
  territory_cmd->require_subcommand(1);
  std::string import_file;
  bool import_partial = false;
  CLI::App* import_cmd = territory_cmd->add_subcommand(
      "import", "Import territories from CSV (code,parent_code,level,name,name_latin).");
  import_cmd->add_option("FILE", import_file)->required();
  import_cmd->add_flag("--partial", import_partial,
                       "Import the good rows and report the bad ones (default: all or nothing)");

  CLI::App* import_top_cmd = app.add_subcommand("import", "Import records from files.");
  import_top_cmd->require_subcommand(1);
  socius::app::PersonImportOptions person_import;
  std::vector<std::string> person_import_map;
  CLI::App* import_persons_cmd = import_top_cmd->add_subcommand(
      "persons",
      "Import persons from CSV (docs/registry-import.md). Rows are validated first; nothing is "
      "written when one is bad unless --partial. An interrupted import of the same file resumes. "
      "A running server sees the new persons in search after its next index refresh (a few "
      "seconds) or restart.");
  import_persons_cmd->add_option("FILE", person_import.file)->required();
  import_persons_cmd->add_flag("--partial", person_import.partial,
                               "Import the good rows and report the bad ones");
  import_persons_cmd->add_option("--map", person_import_map,
                                 "COLUMN=FIELD (or COLUMN=ignore); repeatable");
  import_persons_cmd->add_option("--actor", person_import.actor,
                                 "Import as this user: scope (person.import) and audit actor");
  import_persons_cmd->add_flag("--skip-possible-duplicates", person_import.skip_possible_duplicates,
                               "Skip rows that look like a registered person");
  import_persons_cmd->add_flag(
      "--link-possible-duplicates", person_import.link_possible_duplicates,
      "Link a row that is almost surely a registered person to that person instead of "
      "registering it again (fills only what the person lacks)");
  import_persons_cmd->add_flag("--again", person_import.again,
                               "Import a file again although it was imported");

  std::string backup_file;
  CLI::App* backup_cmd =
      app.add_subcommand("backup", "Write an online, consistent copy of the database.");
  backup_cmd->add_option("FILE", backup_file)->required();

  CLI::App* audit_cmd = app.add_subcommand("audit", "Check the audit log.");
  audit_cmd->require_subcommand(1);
  CLI::App* audit_verify_cmd =
      audit_cmd->add_subcommand("verify", "Recompute the hash chain; exit 7 if broken.");

  socius::app::ReportMonthlyOptions report_monthly;
  CLI::App* report_cmd = app.add_subcommand("report", "Write reports as files.");
  report_cmd->require_subcommand(1);
  CLI::App* report_monthly_cmd = report_cmd->add_subcommand(
      "monthly", "The monthly activity report of a territory, every figure shown.");
  report_monthly_cmd->add_option("--territory", report_monthly.territory_code, "Territory code")
      ->required();
  report_monthly_cmd->add_option("--month", report_monthly.month, "YYYY-MM")->required();
  report_monthly_cmd->add_option("--format", report_monthly.format, "csv, xlsx or pdf")
      ->check(CLI::IsMember({"csv", "xlsx", "pdf"}))
      ->required();
  report_monthly_cmd->add_option("--out", report_monthly.out, "The file to write")->required();
  report_monthly_cmd->add_option("--language", report_monthly.language, "en, ro, uk, mk, lt or ru")
      ->check(CLI::IsMember({"en", "ro", "uk", "mk", "lt", "ru"}))
      ->capture_default_str();

  std::string dedup_territory;
  CLI::App* dedup_cmd = app.add_subcommand("dedup", "Find persons registered twice.");
  dedup_cmd->require_subcommand(1);
  CLI::App* dedup_run_cmd = dedup_cmd->add_subcommand(
      "run", "Compare every person under a territory and propose the likely duplicates.");
  dedup_run_cmd->add_option("--territory", dedup_territory, "Territory code")->required();

  socius::app::DemoCommandOptions demo;
  CLI::App* demo_cmd = app.add_subcommand(
      "demo",
      "Fill an empty database with two demo communities (a Moldovan commune, a Ukrainian "
      "hromada) and a year of their work; prints the staff's one-time passwords once.");
  demo_cmd->add_option("--seed", demo.seed, "The same seed gives the same data")
      ->capture_default_str();
  demo_cmd->add_option("--today", demo.today,
                       "YYYY-MM-DD: the last day of the year of activity (default: today)");

  CLI::App* version_cmd = app.add_subcommand("version", "Print the version.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return socius::app::kExitUsage;
  }

  socius::core::InitLogging(common.log_level);
  if (*version_cmd) {
    std::cout << "socius " << PROJECT_VERSION << std::endl;
    return 0;
  }
  if (*serve_cmd) return socius::app::RunServe(common, serve);
  if (*migrate_cmd) return socius::app::RunMigrate(common);
  if (*dedup_run_cmd) return socius::app::RunDedup(common, dedup_territory);
  if (*user_add_cmd) return socius::app::RunUserAdd(common, user_add);
  if (*user_passwd_cmd) return socius::app::RunUserPasswd(common, passwd_user);
  if (*user_list_cmd) return socius::app::RunUserList(common);
  if (*import_cmd) return socius::app::RunTerritoryImport(common, import_file, import_partial);
  if (*import_persons_cmd) {
    for (const std::string& pair : person_import_map) {
      const size_t eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "socius: import persons: --map needs COLUMN=FIELD, got " << pair << std::endl;
        return socius::app::kExitUsage;
      }
      person_import.mapping[pair.substr(0, eq)] = pair.substr(eq + 1);
    }
    return socius::app::RunPersonImport(common, person_import);
  }
  if (*backup_cmd) return socius::app::RunBackup(common, backup_file);
  if (*audit_verify_cmd) return socius::app::RunAuditVerify(common);
  if (*report_monthly_cmd) return socius::app::RunReportMonthly(common, report_monthly);
  if (*demo_cmd) return socius::app::RunDemo(common, demo);
  return socius::app::kExitUsage;
}
