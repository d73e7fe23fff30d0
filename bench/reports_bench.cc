// socius_reports_bench: the monthly activity report at scale (issue 18, "Benchmarks"), on
// SQLite or PostgreSQL. Generates a fresh database (gen_reports.h: one region with 10,000,000
// contacts, 300,000 cases and 2,000,000 payment lines over 24 months, and the rest of what the
// report counts), then measures, warm, best and median of --runs runs:
//   - the limit: plain SELECT count(*) over contacts, payment_lines and cases (the sum of the
//     three scans' times), what reading those tables once costs on this machine;
//   - the monthly report of the region for the last month (Reports::MonthlyAsSystem: the
//     month, the month before and the same month a year before), target <= 1 s;
//   - the dashboard's 12-month series of the region (Reports::SeriesOf, as an administrator of
//     the whole installation), target <= 2 s.
//
//   socius_reports_bench --db sqlite:/tmp/reports.db
//   socius_reports_bench --db postgresql://... --contacts 1000000 --cases 30000 --payments 200000
//
// The database must be new. Prints one section; exits 1 on a failure (and, with --strict, on a
// missed target).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "auth/roles.h"
#include "bench_registry_common.h"
#include "core/figures.h"
#include "gen_reports.h"
#include "reports/reports.h"

namespace {

using socius::core::Status;
namespace bench = socius::bench;

struct Timing {
  double best = 0, median = 0;
};

// `runs` timed calls of `fn` after one untimed (the cache warm, as on a server in use).
Timing Measure(int runs, const std::function<void()>& fn) {
  fn();
  std::vector<double> seconds;
  for (int i = 0; i < runs; ++i) {
    const auto start = bench::Clock::now();
    fn();
    seconds.push_back(bench::Seconds(start));
  }
  std::sort(seconds.begin(), seconds.end());
  return {seconds.front(), seconds[seconds.size() / 2]};
}

int64_t Count(socius::store::Database& db, const std::string& table) {
  int64_t n = 0;
  bench::Check(db.Read([&](socius::store::Session& tx) -> Status {
    auto rows = tx.Query("SELECT count(*) FROM " + table);
    if (!rows.ok()) return rows.status();
    n = (*rows)[0].Int(0);
    return Status::Ok();
  }),
               "counting " + table);
  return n;
}

void PrintGenerated(const bench::GeneratedReports& data, const bench::ReportsOptions& options) {
  auto n = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  std::printf("  region         %s %s, %zu communities, %d months up to %s\n",
              data.region_code.c_str(), data.region_name.c_str(), data.communities, options.months,
              options.last_month.ToString().c_str());
  std::printf(
      "  generated      in %.1f s (of which %.1f s building the indexes of contacts and "
      "payment lines)\n",
      data.seconds, data.index_seconds);
  std::printf("  registry       %llu households, %llu persons, %llu users\n", n(data.households),
              n(data.persons), n(data.users));
  std::printf("  cases          %llu cases, %llu plan goals, %llu plan actions, %llu referrals\n",
              n(data.cases), n(data.goals), n(data.actions), n(data.referrals));
  std::printf("  contacts       %llu; %llu screenings; %llu services, %llu enrolments\n",
              n(data.contacts), n(data.screenings), n(data.services), n(data.enrolments));
  std::printf(
      "  benefits       %llu applications, %llu decisions, %llu payment lists, %llu "
      "payment lines, %llu cards\n",
      n(data.applications), n(data.decisions), n(data.payment_lists), n(data.payments),
      n(data.cards));
}

// What a database written with --generate-only holds: its region (the programmes' territory)
// and its administrator.
bench::GeneratedReports Existing(socius::store::Database& db,
                                 const bench::ReportsOptions& options) {
  bench::GeneratedReports out;
  bench::Check(db.Read([&](socius::store::Session& tx) -> Status {
    auto rows = tx.Query(
        "SELECT t.code, t.name, u.id FROM programmes p JOIN territories t ON t.id = "
        "p.territory_id JOIN users u ON u.username_key = 'reports-admin' ORDER BY t.code LIMIT 1");
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("bench.not_generated", "db");
    out.region_code = options.region.empty() ? (*rows)[0].Text(0) : options.region;
    out.region_name = (*rows)[0].Text(1);
    out.administrator.user_id = (*rows)[0].Text(2);
    return Status::Ok();
  }),
               "reading the generated region (written with --generate-only?)");
  out.administrator.username = "reports-admin";
  out.administrator.language = "ro";
  out.administrator.grants.push_back({socius::auth::Role::kAdministrator, "root", "ROOT", "/"});
  std::printf("  region         %s %s (generated before)\n", out.region_code.c_str(),
              out.region_name.c_str());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "Generates a region's records at scale and measures the monthly report and the dashboard "
      "series beside plain scans of the same tables.");
  std::string url;
  bench::ReportsOptions options;
  options.last_month = socius::core::AddMonths(socius::core::MonthOf(socius::core::Today()), -1);
  int runs = 5;
  int series_months = 12;
  bool strict = false;
  bool generate_only = false;
  bool existing = false;
  std::string territories_dir = bench::DefaultTerritoriesDir();
  app.add_option("--db", url, "sqlite:PATH or postgresql://... (a new database)")->required();
  app.add_option("--contacts", options.contacts, "Contacts (default 10000000)");
  app.add_option("--cases", options.cases, "Cases (default 300000)");
  app.add_option("--payments", options.payments, "Payment lines (default 2000000)");
  app.add_option("--region", options.region,
                 "Region code (default: the Romanian county with most communities)");
  app.add_option("--seed", options.seed, "Seed");
  app.add_option("--runs", runs, "Timed runs of each figure (default 5)");
  app.add_option("--series-months", series_months, "Months of the dashboard series (default 12)");
  app.add_flag("--strict", strict, "Exit 1 when a target is missed");
  app.add_flag("--generate-only", generate_only, "Write the data and stop (to study it)");
  app.add_flag("--existing", existing,
               "Measure a database written before with --generate-only (after a VACUUM, say)");
  app.add_option("--territories", territories_dir, "Folder of the territory CSV files");
  CLI11_PARSE(app, argc, argv);
  bench::SetProgramName("reports_bench");
  runs = std::max(runs, 1);

  auto db = bench::OpenFresh(url, territories_dir);
  const std::string backend(db->dialect_name());
  const std::string month = options.last_month.ToString();
  std::printf("== reports on %s (seed %llu, month %s)\n", backend.c_str(),
              static_cast<unsigned long long>(options.seed), month.c_str());
  std::fflush(stdout);
  const bench::GeneratedReports data =
      existing ? Existing(*db, options) : bench::GenerateReports(*db, options);
  if (!existing) PrintGenerated(data, options);
  // Fresh statistics, as a database that has lived a while has them.
  if (!existing) {
    bench::Check(db->Write([](socius::store::Session& tx) { return tx.Exec("ANALYZE").status(); }),
                 "ANALYZE");
  }
  std::fflush(stdout);
  if (generate_only) {
    std::printf("  region code    %s\n", data.region_code.c_str());
    db->Close();
    return 0;
  }

  // The limit: each table read once, in the same run.
  const std::vector<std::string> tables = {"contacts", "payment_lines", "cases"};
  std::vector<Timing> scans;
  double limit_best = 0, limit_median = 0;
  for (const std::string& table : tables) {
    int64_t rows = 0;
    scans.push_back(Measure(runs, [&] { rows = Count(*db, table); }));
    limit_best += scans.back().best;
    limit_median += scans.back().median;
    std::printf("  %-40s %9lld rows  best %7.3f s, median %7.3f s\n",
                ("SELECT count(*) FROM " + table).c_str(), static_cast<long long>(rows),
                scans.back().best, scans.back().median);
  }
  std::fflush(stdout);

  socius::reports::Reports reports(*db);
  size_t figures = 0;
  const Timing monthly = Measure(runs, [&] {
    auto report = reports.MonthlyAsSystem(data.region_code, options.last_month);
    bench::Check(report.status(), "the monthly report");
    figures = report->figures.size();
  });
  size_t series_rows = 0;
  const Timing series = Measure(runs, [&] {
    auto report =
        reports.SeriesOf(data.administrator, data.region_code, options.last_month, series_months);
    bench::Check(report.status(), "the series");
    series_rows = report->series.size();
  });
  std::printf("  monthly report: %zu figures (with breakdowns); series: %zu rows of %d months\n",
              figures, series_rows, series_months);

  bool met = true;
  std::printf("\n  %-44s %9s %9s %9s %8s %s\n", "figure", "best s", "median s", "x limit", "target",
              "verdict");
  auto line = [&](const std::string& label, const Timing& t, double target) {
    const bool ok = target <= 0 || t.median <= target;
    char goal[16] = "";
    if (target > 0) std::snprintf(goal, sizeof goal, "<= %.0f s", target);
    std::printf("  %-44s %9.3f %9.3f %9.2f %8s %s\n", (backend + ": " + label).c_str(), t.best,
                t.median, limit_median > 0 ? t.median / limit_median : 0.0, goal,
                target > 0 ? (ok ? "PASS" : "FAIL") : "");
    met = met && ok;
  };
  line("limit: count(*) of the three tables", {limit_best, limit_median}, 0);
  line("monthly report of " + data.region_code + " " + month, monthly, 1.0);
  line(std::to_string(series_months) + "-month dashboard series", series, 2.0);
  std::fflush(stdout);
  db->Close();
  return strict && !met ? 1 : 0;
}
