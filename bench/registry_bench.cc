// socius_registry_bench: the registry's figures at scale (issue 3's benchmark).
//
//   socius_registry_bench --persons 1000000 --queries 2000 --seed 1
//
// 1. Generates the persons in-process (person_gen.h) and loads them into a SQLite database
//    in a temporary folder (raw INSERTs, prepared, 100,000 persons per transaction).
// 2. Builds the PersonIndex from the database: time, IndexStats::memory_bytes and the
//    process's RSS before and after.
// 3. Runs the search queries a social worker types (person_gen.h VariantKinds) through
//    registry::SearchPersons, 10 results a page, once scoped to the expected person's region
//    and once installation-wide: p50/p99/max latency and recall@10, overall and per kind.
//    A query counts as found when the expected person is in the first 10 hits, or when the
//    10th hit is a person the query cannot tell from it (a "twin": the same name words typed,
//    in any order, the same birth year/date when typed), so that it ranks level with a hit
//    shown: "Melnyk Ivan" has more than ten exact namesakes in a million, and no ranking can
//    pick one. The strict figure (expected person on the page) is printed too.
// 4. Import rate: registry::ImportPersonsCsv of --import-rows rows of the same generator
//    into a fresh database, beside the raw insert of the same rows (prepared statements, one
//    transaction, random record ids and the import's marks as the import writes them; and, for
//    reference, with ids in key order), on SQLite (best of --import-runs alternating runs) and,
//    when SOCIUS_TEST_PG_URL is set, on PostgreSQL (one run).
//
// --keep-db PATH keeps the loaded SQLite database (for `socius serve` memory figures in
// bench/run.sh). Prints figures; never fails on timing.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench_registry_common.h"
#include "core/ids.h"
#include "person_gen.h"
#include "registry/import.h"
#include "registry/person_index.h"
#include "registry/rules.h"
#include "registry/search.h"
#include "store/database.h"

namespace {

namespace fs = std::filesystem;
using socius::bench::AsPerson;
using socius::bench::Check;
using socius::bench::Clock;
using socius::bench::Communities;
using socius::bench::GeneratedPerson;
using socius::bench::InsertRaw;
using socius::bench::LatencyStats;
using socius::bench::OpenFresh;
using socius::bench::QueryVariant;
using socius::bench::RawRowIds;
using socius::bench::Seconds;
using socius::core::Status;

// Import rate: ImportPersonsCsv vs raw prepared INSERTs of the same rows, one transaction.
// With `runs` > 1 the three measurements alternate run after run and each keeps its best time:
// on a shared machine a burst of load then slows one run, not one side of the ratio.
void MeasureImport(const std::string& label, const std::string& url, bool fresh_each,
                   const std::string& work, const std::string& territories_dir,
                   const socius::bench::Territories& territories, uint64_t seed, uint64_t rows,
                   int runs) {
  // The rows as a CSV file (the import reads a seekable stream) and in memory for raw inserts.
  const std::string csv_path = work + "/import-" + label + ".csv";
  std::vector<GeneratedPerson> persons;
  {
    std::ofstream csv(csv_path, std::ios::binary);
    socius::bench::WriteCsvHeader(csv);
    socius::bench::PersonGenerator gen(territories, seed, socius::core::Date{2026, 1, 1});
    for (uint64_t i = 0; i < rows; ++i) {
      persons.push_back(gen.Next());
      socius::bench::WriteCsvRow(csv, persons.back());
    }
    // Households cut by the end of the sample lose their head only if the head came last,
    // which cannot happen (the head comes first).
  }

  // The raw insert, twice: with random record ids and the import's marks, as the import
  // writes the rows (the baseline), and with the generator's ids, which carry the ordinal and
  // so arrive in key order (a reference: every index on an id then grows at its end).
  std::vector<RawRowIds> import_like_ids;
  {
    const std::string import_id = socius::core::NewId();
    std::unordered_map<uint64_t, std::string> households;
    for (size_t i = 0; i < persons.size(); ++i) {
      RawRowIds ids;
      ids.person = socius::core::NewId();
      if (persons[i].household != 0) {
        auto [it, added] = households.try_emplace(persons[i].household);
        if (added) it->second = socius::core::NewId();
        ids.household = it->second;
      }
      ids.import_id = import_id;
      ids.source_row = static_cast<int64_t>(i) + 2;  // the header is row 1
      import_like_ids.push_back(std::move(ids));
    }
  }
  // The match keys, computed once (the raw inserts take them ready, outside the clock).
  std::vector<std::string> keys;
  keys.reserve(persons.size());
  for (const GeneratedPerson& p : persons) {
    keys.push_back(socius::registry::PersonNameKey(AsPerson(p)));
  }
  // A fresh SQLite file per measurement and run.
  auto fresh_url = [&](const std::string& name) {
    const std::string path = work + "/" + name + "-" + label + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
    return "sqlite:" + path;
  };
  auto raw_insert = [&](const std::string& kind, bool random_ids) {
    const std::string raw_url = fresh_each ? fresh_url("raw-" + kind) : url;
    auto db = OpenFresh(raw_url, territories_dir);
    auto communities = Communities(*db);
    const auto start = Clock::now();
    Status s = db->Write([&](socius::store::Session& tx) -> Status {
      for (size_t i = 0; i < persons.size(); ++i) {
        const socius::bench::CommunityRow& community = communities.at(persons[i].community->code);
        SOCIUS_RETURN_IF_ERROR(
            random_ids ? InsertRaw(tx, import_like_ids[i], persons[i], community, keys[i])
                       : InsertRaw(tx, seed, persons[i], community, keys[i]));
      }
      if (!fresh_each) return Status::Conflict("bench.rollback", "", "leave the database clean");
      return Status::Ok();
    });
    const double seconds = Seconds(start);
    if (s.code() != "bench.rollback") Check(s, "raw insert " + kind + " " + label);
    db->Close();
    return seconds;
  };
  auto import_file = [&](int64_t& written, std::string& status) {
    const std::string import_url = fresh_each ? fresh_url("import") : url;
    auto db = OpenFresh(import_url, territories_dir);
    std::ifstream in(csv_path, std::ios::binary);
    socius::registry::ImportOptions options;
    options.file_name = fs::path(csv_path).filename().string();
    options.partial = true;
    options.again = true;
    const auto start = Clock::now();
    auto report = socius::registry::ImportPersonsCsv(*db, nullptr, in, options);
    const double seconds = Seconds(start);
    Check(report.status(), "import " + label);
    written = report->rows_written;
    status = report->status;
    if (report->rows_rejected > 0 && !report->problems.empty()) {
      const auto& p = report->problems.front();
      std::printf("  (import %s: %lld rows rejected; first: row %lld %s %s: %s)\n", label.c_str(),
                  static_cast<long long>(report->rows_rejected), static_cast<long long>(p.row),
                  p.field.c_str(), p.code.c_str(), p.message.c_str());
    }
    db->Close();
    return seconds;
  };
  double raw_seconds = 0, ordered_seconds = 0, import_seconds = 0;
  int64_t written = 0;
  std::string status;
  std::string run_ratios;
  for (int run = 0; run < runs; ++run) {
    const double raw = raw_insert("random-ids", true);
    const double ordered = raw_insert("ordered-ids", false);
    const double imported = import_file(written, status);
    char ratio[16];
    std::snprintf(ratio, sizeof ratio, " %.2f",
                  (static_cast<double>(written) / imported) / (static_cast<double>(rows) / raw));
    run_ratios += ratio;
    raw_seconds = run == 0 ? raw : std::min(raw_seconds, raw);
    ordered_seconds = run == 0 ? ordered : std::min(ordered_seconds, ordered);
    import_seconds = run == 0 ? imported : std::min(import_seconds, imported);
  }
  if (runs > 1) {
    std::printf("  %-10s best of %d alternating runs; ratio of each run:%s\n", label.c_str(), runs,
                run_ratios.c_str());
  }
  const double raw_rate = static_cast<double>(rows) / raw_seconds;
  const double ordered_rate = static_cast<double>(rows) / ordered_seconds;
  const double import_rate = static_cast<double>(written) / import_seconds;
  std::printf(
      "  %-10s raw insert  %8llu rows in %7.2f s = %9.0f rows/s (random ids, as imported)%s\n",
      label.c_str(), static_cast<unsigned long long>(rows), raw_seconds, raw_rate,
      fresh_each ? "" : " (rolled back)");
  std::printf("  %-10s raw insert  %8llu rows in %7.2f s = %9.0f rows/s (ids in key order)%s\n",
              label.c_str(), static_cast<unsigned long long>(rows), ordered_seconds, ordered_rate,
              fresh_each ? "" : " (rolled back)");
  std::printf(
      "  %-10s CSV import  %8lld rows in %7.2f s = %9.0f rows/s (status %s, incl. "
      "validation pass and file hash)\n",
      label.c_str(), static_cast<long long>(written), import_seconds, import_rate, status.c_str());
  std::printf("  %-10s ratio import / raw = %.2f%s; against ids in key order %.2f\n", label.c_str(),
              import_rate / raw_rate, label == "sqlite" ? " (target >= 0.40)" : "",
              import_rate / ordered_rate);
}

}  // namespace

int main(int argc, char** argv) {
  socius::bench::SetProgramName("registry_bench");
  CLI::App app("Registry benchmark: load, index, search latency and recall, import rate.");
  uint64_t persons = 1'000'000;
  uint64_t queries = 2000;
  uint64_t seed = 1;
  uint64_t import_rows = 0;
  int import_runs = 3;
  size_t limit = 10;
  std::string keep_db;
  std::string territories_dir = socius::bench::DefaultTerritoriesDir();
  bool show_misses = false;
  app.add_option("--persons", persons, "Persons to generate and load");
  app.add_option("--queries", queries, "About how many search queries (each run in 2 scopes)");
  app.add_option("--seed", seed, "Seed of the generated data");
  app.add_option("--import-rows", import_rows,
                 "Rows for the import-rate measurement (default min(persons, 100000); 0 skips)");
  app.add_option("--import-runs", import_runs,
                 "SQLite import measurements, alternating with the raw inserts (best of each)");
  app.add_option("--limit", limit, "Page size of each search (recall is @limit)");
  app.add_option("--keep-db", keep_db, "Keep the loaded SQLite database at this path");
  app.add_option("--territories", territories_dir, "Folder of the territory CSV files");
  app.add_flag("--show-misses", show_misses, "Print every query whose person was not found");
  CLI11_PARSE(app, argc, argv);
  if (!app.count("--import-rows")) import_rows = std::min<uint64_t>(persons, 100'000);

  auto territories = socius::bench::LoadTerritories(territories_dir);
  Check(territories.status(), "territories");
  for (const std::string& note : territories->notes) std::printf("note: %s\n", note.c_str());

  const fs::path work =
      fs::temp_directory_path() / ("socius-registry-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  const std::string db_path = keep_db.empty() ? (work / "registry.db").string() : keep_db;
  if (!keep_db.empty()) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(keep_db + suffix, ec);
  }
  std::printf("registry benchmark: %llu persons, ~%llu queries, seed %llu, page %zu, db %s\n",
              static_cast<unsigned long long>(persons), static_cast<unsigned long long>(queries),
              static_cast<unsigned long long>(seed), limit, db_path.c_str());

  // 1. Generate and load.
  const long rss_start = socius::bench::RssKiB();
  auto db = OpenFresh("sqlite:" + db_path, territories_dir);
  socius::bench::GeneratedRegistry registry =
      socius::bench::LoadGeneratedRegistry(*db, *territories, seed, persons, queries);
  std::vector<socius::bench::Truth>& truth = registry.truth;
  const std::vector<QueryVariant>& variants = registry.variants;
  const std::vector<std::string>& variant_region = registry.variant_region;
  socius::bench::PrintLoad(registry, persons);

  // 2. Build the index.
  const long rss_before = socius::bench::RssKiB();
  socius::registry::PersonIndex index;
  const auto index_start = Clock::now();
  Check(index.Load(*db), "index load");
  const double index_seconds = Seconds(index_start);
  const long rss_after = socius::bench::RssKiB();
  const socius::registry::IndexStats stats = index.Stats();
  std::printf("\n== index (PersonIndex::Load from the database)\n");
  std::printf("  built in              %.2f s\n", index_seconds);
  std::printf("  persons / words       %zu / %zu distinct name words, %zu communities\n",
              stats.persons, stats.words, stats.communities);
  std::printf("  index memory_bytes    %.1f MiB\n",
              static_cast<double>(stats.memory_bytes) / 1048576.0);
  std::printf(
      "  process RSS           %.1f MiB before, %.1f MiB after (+%.1f MiB); %.1f MiB at "
      "start (the bench also holds %zu truth records)\n",
      rss_before / 1024.0, rss_after / 1024.0, (rss_after - rss_before) / 1024.0,
      rss_start / 1024.0, truth.size());

  // 3. Search.
  std::map<std::string, LatencyStats> by_kind;
  LatencyStats region_all;
  LatencyStats global_all;
  std::vector<std::string> misses;
  // Warm-up: the page cache and the per-thread scratch of the index.
  for (size_t i = 0; i < std::min<size_t>(variants.size(), 50); ++i) {
    (void)socius::registry::SearchPersons(*db, index, variants[i].query, {"/"}, 0, limit);
  }
  for (size_t i = 0; i < variants.size(); ++i) {
    const QueryVariant& v = variants[i];
    for (int pass = 0; pass < 2; ++pass) {
      const std::vector<std::string> scope = {pass == 0 ? variant_region[i] : std::string("/")};
      const auto start = Clock::now();
      auto page = socius::registry::SearchPersons(*db, index, v.query, scope, 0, limit);
      const double ms = Seconds(start) * 1000.0;
      Check(page.status(), "search " + v.query);
      std::vector<std::optional<uint64_t>> ordinals;
      for (const auto& hit : page->items) {
        ordinals.push_back(socius::bench::OrdinalOfPersonId(hit.person.id));
      }
      const auto [hit, strict] = socius::bench::JudgePage(v, ordinals, limit, truth);
      (pass == 0 ? region_all : global_all).Add(ms, hit, strict);
      by_kind[v.kind + (pass == 0 ? " (region)" : " (all)")].Add(ms, hit, strict);
      if (!hit && pass == 1) {
        std::ostringstream line;
        line << v.kind << "\t" << v.query << "\texpected " << v.ordinal << " "
             << truth[v.ordinal].family << " " << truth[v.ordinal].given << " "
             << truth[v.ordinal].patronymic << " " << truth[v.ordinal].birth.ToString() << "\tgot";
        for (const auto& hit_row : page->items) {
          line << " [" << hit_row.person.family_name << " " << hit_row.person.given_name << " "
               << (hit_row.person.birth_date ? hit_row.person.birth_date->ToString() : "") << " "
               << socius::registry::Name(hit_row.kind) << "]";
        }
        misses.push_back(line.str());
      }
    }
  }
  std::printf(
      "\n== search (registry::SearchPersons, page of %zu, 1 thread; targets at 1M: p50 <= "
      "5 ms, p99 <= 30 ms, recall@10 >= 0.98)\n",
      limit);
  PrintStats("scope: region", region_all);
  PrintStats("scope: installation", global_all);
  for (auto& [kind, s] : by_kind) PrintStats(kind, s);
  if (show_misses) {
    for (const std::string& m : misses) std::printf("  miss: %s\n", m.c_str());
  } else if (!misses.empty()) {
    for (size_t i = 0; i < std::min<size_t>(misses.size(), 10); ++i) {
      std::printf("  miss: %s\n", misses[i].c_str());
    }
  }
  truth.clear();
  truth.shrink_to_fit();
  db->Close();
  db.reset();

  // 4. Import rate.
  if (import_rows > 0) {
    std::printf("\n== import (%llu rows of the same generator, seed %llu)\n",
                static_cast<unsigned long long>(import_rows),
                static_cast<unsigned long long>(seed + 1));
    MeasureImport("sqlite", "", true, work.string(), territories_dir, *territories, seed + 1,
                  import_rows, import_runs);
    if (const char* pg = std::getenv("SOCIUS_TEST_PG_URL"); pg != nullptr && *pg != '\0') {
      // One run: each takes minutes at 200,000 rows, and PostgreSQL has no target.
      MeasureImport("postgresql", pg, false, work.string(), territories_dir, *territories, seed + 2,
                    import_rows, 1);
    } else {
      std::printf("  postgresql: SOCIUS_TEST_PG_URL not set, skipped\n");
    }
  }
  std::error_code ec;
  fs::remove_all(work, ec);
  return 0;
}
