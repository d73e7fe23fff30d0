#include "app/serve.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "assessments/questionnaires.h"
#include "assessments/routes.h"
#include "auth/bootstrap.h"
#include "auth/routes.h"
#include "auth/sessions.h"
#include "benefits/card_routes.h"
#include "benefits/routes.h"
#include "cases/routes.h"
#include "core/clock.h"
#include "core/log.h"
#include "dedup/routes.h"
#include "http/router.h"
#include "http/server.h"
#include "registry/import_routes.h"
#include "registry/import_worker.h"
#include "registry/index_refresh.h"
#include "registry/routes.h"
#include "reports/routes.h"
#include "services/public_routes.h"
#include "services/routes.h"
#include "services/services.h"
#include "territory/import.h"
#include "territory/repository.h"
#include "territory/routes.h"

namespace socius::app {

namespace fs = std::filesystem;

namespace {

fs::path BinaryDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path(".") : exe.parent_path();
}

bool IsDir(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// "127.0.0.1:8080", "[::1]:0", "localhost:80" → address and port.
core::Status ParseListen(const std::string& listen, http::ServerOptions* out) {
  const size_t colon = listen.rfind(':');
  const auto bad = [&] {
    return core::Status::InvalidArgument("app.bad_listen", "listen",
                                         "expected ADDR:PORT, got \"" + listen + "\"");
  };
  if (colon == std::string::npos || colon == 0) return bad();
  std::string address = listen.substr(0, colon);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  const std::string port_text = listen.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return bad();
  }
  out->address = address;
  out->port = static_cast<uint16_t>(port);
  return core::Status::Ok();
}

// Where uploaded import files wait for the worker: SOCIUS_IMPORTS_DIR, else imports/ beside
// the SQLite file, else a folder of the temporary directory named after the database.
std::string ImportsDir(const std::string& db_url) {
  if (const char* env = std::getenv("SOCIUS_IMPORTS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  if (db_url.starts_with("sqlite:")) {
    return (fs::absolute(fs::path(db_url.substr(7))).parent_path() / "imports").string();
  }
  std::error_code ec;
  fs::path tmp = fs::temp_directory_path(ec);
  if (ec) tmp = "/tmp";
  return (tmp / ("socius-imports-" + std::to_string(std::hash<std::string>{}(db_url)))).string();
}

}  // namespace

std::string DefaultStaticDir() {
  const std::vector<fs::path> candidates = {fs::path(SOCIUS_SOURCE_DIR) / "web" / "dist",
                                            BinaryDir() / "web" / "dist", BinaryDir() / "web"};
  for (const fs::path& dir : candidates) {
    if (IsDir(dir)) return dir.string();
  }
  return "";
}

std::string DefaultDataDir() {
  const fs::path source = fs::path(SOCIUS_SOURCE_DIR) / "data";
  if (IsDir(source)) return source.string();
  return (BinaryDir() / "data").string();
}

core::Status LoadTerritoriesIfEmpty(store::Database& db, const std::string& data_dir) {
  // Rows written before the collation key existed get it (and a search form with match keys).
  SOCIUS_RETURN_IF_ERROR(db.Write([](store::Session& tx) {
    core::Result<int64_t> filled = territory::FillDerivedNames(tx);
    if (!filled.ok()) return filled.status();
    if (*filled > 1) spdlog::info("territories: sort and search keys computed for {}", *filled);
    return core::Status::Ok();
  }));
  int64_t countries = 0;
  SOCIUS_RETURN_IF_ERROR(db.Read([&](store::Session& tx) {
    core::Result<int64_t> n = territory::CountCountries(tx);
    if (!n.ok()) return n.status();
    countries = *n;
    return core::Status::Ok();
  }));
  if (countries > 0) return core::Status::Ok();
  const auto start = std::chrono::steady_clock::now();
  core::Result<int64_t> rows = LoadShippedTerritories(db, data_dir);
  if (!rows.ok()) {
    if (rows.status().kind() == core::StatusKind::kNotFound) {
      spdlog::warn(
          "no territory reference data in {}: the installation starts without "
          "countries (add them with `socius territory import`)",
          data_dir);
      return core::Status::Ok();
    }
    return rows.status();
  }
  const auto ms = core::MillisecondsSince(start);
  spdlog::info("loaded {} territories from {} in {} ms", *rows, data_dir, ms);
  return core::Status::Ok();
}

core::Result<int64_t> LoadShippedTerritories(store::Database& db, const std::string& data_dir) {
  fs::path dir = fs::path(data_dir) / "territories";
  if (!IsDir(dir)) dir = data_dir;
  if (!IsDir(dir)) return core::Status::NotFound("app.no_data_dir", "no folder " + data_dir);
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv") {
      files.push_back(entry.path());
    }
  }
  if (files.empty())
    return core::Status::NotFound("app.no_data_dir", "no *.csv in " + dir.string());
  std::sort(files.begin(), files.end());
  int64_t total = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    territory::ImportOptions options;
    options.source = file.filename().string();
    core::Result<territory::ImportReport> report = territory::ImportTerritoriesCsv(db, in, options);
    if (!report.ok()) return report.status();
    if (!report->committed) {
      const territory::ImportError& first = report->errors.front();
      return core::Status::InvalidArgument(
          first.code, first.field,
          file.string() + " row " + std::to_string(first.row) + ": " + first.message);
    }
    spdlog::info("territories: {}: {} rows, {} created", options.source, report->rows,
                 report->created);
    total += report->created;
  }
  return total;
}

int RunServe(const CommonOptions& common, const ServeOptions& options) {
  http::ServerOptions server_options;
  if (core::Result<http::TrustedProxies> proxies =
          http::TrustedProxies::Parse(options.trusted_proxies);
      proxies.ok()) {
    server_options.trusted_proxies = std::move(*proxies);
  } else {
    PrintError("serve: --trusted-proxies", proxies.status());
    return kExitUsage;
  }
  if (core::Status s = ParseListen(options.listen, &server_options); !s.ok()) {
    PrintError("serve: --listen", s);
    return kExitUsage;
  }
  server_options.threads = options.threads;
  server_options.static_dir = options.static_dir.empty() ? DefaultStaticDir() : options.static_dir;
  if (server_options.static_dir.empty())
    spdlog::warn("no built web app found: serving the API only");
  const std::string data_dir = options.data_dir.empty() ? DefaultDataDir() : options.data_dir;
  // The day "today" is, for visits and deadlines: set TZ to the installation's zone.
  spdlog::info("time zone: {}", core::TimeZoneName());

  auto opened = OpenDatabase(common, "serve");
  if (!opened.ok()) return ExitCodeOf(opened.status());
  std::unique_ptr<store::Database> db = std::move(*opened);
  int exit_code = kExitOk;
  {
    if (core::Status s = LoadTerritoriesIfEmpty(*db, data_dir); !s.ok()) {
      PrintError("serve: loading territories", s);
      db->Close();
      return ExitCodeOf(s);
    }
    std::optional<std::string> env_password;
    if (const char* env = std::getenv("SOCIUS_ADMIN_PASSWORD"); env != nullptr && *env != '\0') {
      env_password = env;
    }
    core::Result<std::optional<std::string>> admin =
        auth::EnsureFirstAdministrator(*db, env_password);
    if (!admin.ok()) {
      PrintError("serve: first administrator", admin.status());
      db->Close();
      return ExitCodeOf(admin.status());
    }
    if (*admin) {
      std::cout << "First administrator: " << auth::kFirstAdministrator
                << ", one-time password: " << **admin << " (change it at first login)" << std::endl;
    }

    // The questionnaires shipped with the server, stored once per code and version.
    if (core::Status s = assessments::Questionnaires::InstallShipped(*db); !s.ok()) {
      PrintError("serve: shipped questionnaires", s);
      db->Close();
      return ExitCodeOf(s);
    }

    // The search index of the person registry, rebuilt from the database at every start.
    registry::PersonIndex person_index;
    // Before Load: the first refresh then covers what is written while the index loads.
    registry::IndexRefresh index_refresh(*db, person_index);
    const auto index_started = std::chrono::steady_clock::now();
    if (core::Status s = person_index.Load(*db); !s.ok()) {
      PrintError("serve: person index", s);
      db->Close();
      return ExitCodeOf(s);
    }
    spdlog::info("person index: {} persons, {} MiB, loaded in {} ms", person_index.Stats().persons,
                 person_index.Stats().memory_bytes >> 20, core::MillisecondsSince(index_started));

    auth::AuthOptions auth_options;
    auth_options.secure_cookies = options.secure_cookies;
    auth::Sessions sessions(*db, auth_options);
    http::Router router(auth::MakeAuthenticator(sessions));
    const std::string dialect(db->dialect_name());
    router.Add("GET", "/api/v1/health", http::Guard::Public(), [dialect](http::Request&) {
      return core::Result<http::Response>(http::Response::JsonBody(
          200, http::Json{{"status", "ok"}, {"version", PROJECT_VERSION}, {"database", dialect}}));
    });
    auth::RegisterAuthRoutes(router, sessions);
    territory::RegisterTerritoryRoutes(router, *db);
    registry::RegisterRegistryRoutes(router, *db, person_index);
    // Referrals target the services room's catalogue; that room files its enrolments on cases.
    const services::ReferralCatalogue catalogue;
    cases::RegisterCaseRoutes(router, *db, &catalogue);
    // Person imports uploaded over HTTP run on one background thread; their files live in
    // imports/ beside the SQLite file, or in a temporary folder for PostgreSQL.
    registry::ImportWorker import_worker(*db, &person_index, ImportsDir(common.db_url));
    if (core::Status s = import_worker.Start(); !s.ok()) {
      PrintError("serve: person imports", s);
      db->Close();
      return ExitCodeOf(s);
    }
    registry::RegisterImportRoutes(router, *db, person_index, import_worker);
    assessments::RegisterAssessmentRoutes(router, *db);
    services::RegisterServiceRoutes(router, *db);
    services::RegisterPublicServiceRoutes(router, *db);
    benefits::RegisterBenefitRoutes(router, *db);
    benefits::RegisterCardRoutes(router, *db);
    reports::RegisterReportRoutes(router, *db, options.report_min_cell);
    // Searches for duplicates run on threads of their own; a run a stopped server left
    // behind is marked failed first.
    dedup::Deduplication deduplication(*db, person_index);
    if (core::Status s = deduplication.FailInterruptedRuns(); !s.ok()) {
      PrintError("serve: duplicate searches", s);
      db->Close();
      return ExitCodeOf(s);
    }
    dedup::RegisterDedupRoutes(router, deduplication);
    index_refresh.Start();

    http::Server server(server_options, router);
    if (core::Status s = server.Start(); !s.ok()) {
      PrintError("serve: " + options.listen, s);
      exit_code = kExitOther;
    } else {
      std::string host = server_options.address;
      if (host.find(':') != std::string::npos) host = "[" + host + "]";
      std::cout << "Socius listening on http://" << host << ":" << server.port() << std::endl;
      spdlog::info(
          "serving {} with database {}",
          server_options.static_dir.empty() ? std::string("the API") : server_options.static_dir,
          RedactUrl(common.db_url));
      server.Run();
      spdlog::info("stopped");
    }
    // Both threads use the database: stop them before it closes.
    index_refresh.Stop();
    import_worker.Stop();
  }
  db->Close();
  return exit_code;
}

}  // namespace socius::app
