// socius_benefits_bench: the benefits room at scale (issue 17, "Benchmarks"), on SQLite or
// PostgreSQL. Generates a fresh database (gen_benefits.h: 1,000,000 households with members
// and declared incomes, a monthly aid with its rules, 100,000 beneficiaries), then measures
// through the use cases, as an administrator and benefits officer of the whole installation:
//   - the eligibility preview of the aid over every household (Programmes::PreviewOf),
//     median and worst of --runs runs, target <= 1 s;
//   - the payment list of the month for the beneficiaries (Payments::Generate), target <= 2 s;
//   - the bank's confirmation of that list, one line per payment (Payments::Confirm), in
//     rows/s beside raw prepared single-row INSERTs of as many rows into a scratch table.
//
//   socius_benefits_bench --db sqlite:/tmp/benefits.db
//   socius_benefits_bench --db postgresql://... --households 100000 --beneficiaries 10000
//
// The database must be new. Prints one section; exits 1 on a failure (and, with --strict, on a
// missed target).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_registry_common.h"
#include "benefits/benefits.h"
#include "benefits/payments.h"
#include "gen_benefits.h"
#include "random.h"

namespace {

using socius::core::Status;
namespace bench = socius::bench;

const char* Verdict(bool met) { return met ? "ok" : "MISSED"; }

// The bank's answer to every line of a list: most paid, a few returned with the bank's note.
std::string BankFile(socius::store::Database& db, const std::string& list_id, size_t* lines) {
  std::string csv = "reference;amount;status;date;note\n";
  bench::Random r(7);
  const std::string today = socius::core::Today().ToString();
  *lines = 0;
  bench::Check(db.Read([&](socius::store::Session& tx) -> Status {
    return tx.ForEach(
        "SELECT reference, amount_minor FROM payment_lines WHERE list_id = ? ORDER BY reference",
        {list_id}, [&](const socius::store::Row& row) {
          const int64_t minor = row.Int(1);
          char amount[32];
          std::snprintf(amount, sizeof amount, "%lld,%02lld", static_cast<long long>(minor / 100),
                        static_cast<long long>(minor % 100));
          const bool returned = r.Chance(0.04);
          csv += row.Text(0) + ";" + amount + (returned ? ";returned;" : ";paid;") + today + ";" +
                 (returned ? "cont închis" : "") + "\n";
          ++*lines;
          return true;
        });
  }),
               "reading the list's lines");
  return csv;
}

// Seconds to INSERT `rows` rows one statement each (the store's cached prepared statement) in
// one transaction, into a scratch table shaped like a confirmation's changes.
double RawInserts(socius::store::Database& db, size_t rows) {
  bench::Check(db.Write([&](socius::store::Session& tx) -> Status {
    return tx
        .Exec(
            "CREATE TABLE bench_raw_confirmation (reference TEXT NOT NULL, amount_minor BIGINT "
            "NOT NULL, state TEXT NOT NULL, settled_on TEXT, bank_note TEXT)")
        .status();
  }),
               "creating the scratch table");
  const auto start = bench::Clock::now();
  bench::Check(db.Write([&](socius::store::Session& tx) -> Status {
    for (size_t i = 0; i < rows; ++i) {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO bench_raw_confirmation (reference, amount_minor, state, "
                  "settled_on, bank_note) VALUES (?, ?, ?, ?, ?)",
                  {"PL202601-RAW000-" + std::to_string(1'000'000 + i),
                   static_cast<int64_t>(60'000 + i % 997), std::string("paid"),
                   std::string("2026-12-15"), socius::store::Null()})
              .status());
    }
    return Status::Ok();
  }),
               "raw inserts");
  return bench::Seconds(start);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app(
      "Generates the benefits room at scale and measures preview, payment list and "
      "bank confirmation.");
  std::string url;
  bench::BenefitsOptions options;
  options.month = socius::core::MonthOf(socius::core::Today());
  int runs = 3;
  bool strict = false;
  bool generate_only = false;
  std::string territories_dir = bench::DefaultTerritoriesDir();
  app.add_option("--db", url, "sqlite:PATH or postgresql://... (a new database)")->required();
  app.add_option("--households", options.households, "Households (default 1000000)");
  app.add_option("--beneficiaries", options.beneficiaries,
                 "Households with an active decision paying this month (default 100000)");
  app.add_option("--seed", options.seed, "Seed");
  app.add_option("--runs", runs, "Preview runs (default 3)");
  app.add_flag("--strict", strict, "Exit 1 when a target is missed");
  app.add_flag("--generate-only", generate_only, "Write the data and stop (to study it)");
  app.add_option("--territories", territories_dir, "Folder of the territory CSV files");
  CLI11_PARSE(app, argc, argv);
  bench::SetProgramName("benefits_bench");
  runs = std::max(runs, 1);

  auto db = bench::OpenFresh(url, territories_dir);
  const std::string backend(db->dialect_name());
  std::printf("== benefits on %s (seed %llu, month %s)\n", backend.c_str(),
              static_cast<unsigned long long>(options.seed), options.month.ToString().c_str());
  std::fflush(stdout);
  const bench::GeneratedBenefits data = bench::GenerateBenefits(*db, options);
  std::printf(
      "  generated      %llu households, %llu persons, %llu declared incomes, %llu applications, "
      "%llu active decisions in %.1f s\n",
      static_cast<unsigned long long>(data.households),
      static_cast<unsigned long long>(data.persons), static_cast<unsigned long long>(data.incomes),
      static_cast<unsigned long long>(data.applications),
      static_cast<unsigned long long>(data.decisions), data.seconds);
  // Fresh statistics, as a database that has lived a while has them.
  bench::Check(db->Write([](socius::store::Session& tx) { return tx.Exec("ANALYZE").status(); }),
               "ANALYZE");
  std::fflush(stdout);
  if (generate_only) {
    std::printf("  programme      %s (territory %s)\n", data.programme_id.c_str(),
                data.country_code.c_str());
    db->Close();
    return 0;
  }
  bool met = true;

  // The preview of the aid over the whole country, several times.
  socius::benefits::Programmes programmes(*db);
  std::vector<double> seconds;
  socius::benefits::Preview preview;
  for (int i = 0; i < runs; ++i) {
    const auto start = bench::Clock::now();
    auto done =
        programmes.PreviewOf(data.administrator, data.programme_id, std::nullopt, options.month);
    seconds.push_back(bench::Seconds(start));
    bench::Check(done.status(), "preview");
    preview = *done;
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2], worst = seconds.back();
  std::printf("  preview        %lld households, %lld eligible, %lld with no income declared;",
              static_cast<long long>(preview.households), static_cast<long long>(preview.eligible),
              static_cast<long long>(preview.unknown_income));
  std::printf(" removed by rule:");
  for (int64_t n : preview.removed) std::printf(" %lld", static_cast<long long>(n));
  std::printf("\n  %-38s median %7.3f s, worst %7.3f s of %d (target <= 1 s) %s\n",
              (backend + ": eligibility preview").c_str(), median, worst, runs,
              Verdict(worst <= 1.0));
  met = met && worst <= 1.0;
  std::fflush(stdout);

  // The month's payment list.
  socius::benefits::Payments payments(*db);
  auto start = bench::Clock::now();
  auto list = payments.Generate(data.administrator, data.programme_id, options.month, std::nullopt);
  const double generate_seconds = bench::Seconds(start);
  bench::Check(list.status(), "generating the payment list");
  std::printf("  %-38s %7.3f s for %lld lines (target <= 2 s) %s\n",
              (backend + ": payment list generation").c_str(), generate_seconds,
              static_cast<long long>(list->totals.lines), Verdict(generate_seconds <= 2.0));
  met = met && generate_seconds <= 2.0;
  std::fflush(stdout);

  // The bank answers days later, when the database has statistics of the list's lines (as
  // autovacuum gathers them after so many inserts).
  bench::Check(db->Write([](socius::store::Session& tx) { return tx.Exec("ANALYZE").status(); }),
               "ANALYZE");
  // The bank's confirmation of the whole list, beside raw inserts of as many rows.
  size_t lines = 0;
  const std::string csv = BankFile(*db, list->id, &lines);
  start = bench::Clock::now();
  auto confirmed = payments.Confirm(data.administrator, list->id, csv);
  const double confirm_seconds = bench::Seconds(start);
  bench::Check(confirmed.status(), "applying the bank's confirmation");
  const double raw_seconds = RawInserts(*db, lines);
  const double confirm_rate = static_cast<double>(lines) / confirm_seconds;
  const double raw_rate = static_cast<double>(lines) / raw_seconds;
  std::printf("  %-38s %10.0f rows/s (%zu lines: %lld paid, %lld returned, %.3f s)\n",
              (backend + ": bank confirmation import").c_str(), confirm_rate, lines,
              static_cast<long long>(confirmed->paid), static_cast<long long>(confirmed->returned),
              confirm_seconds);
  std::printf("  %-38s %10.0f rows/s (%.3f s)\n", (backend + ": raw prepared INSERTs").c_str(),
              raw_rate, raw_seconds);
  std::printf("  %-38s %10.2f\n", (backend + ": confirmation / raw INSERTs").c_str(),
              confirm_rate / raw_rate);
  db->Close();
  return strict && !met ? 1 : 0;
}
