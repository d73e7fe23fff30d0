// socius_index_choice_bench: the person search index, chosen by measurement (ADR 0001).
//
//   socius_index_choice_bench --persons 1000000 --queries 2000 --seed 1
//
// Generates the registry of socius_registry_bench (same generator, seed and queries) into a
// SQLite database, then builds and asks three indexes over the same name match keys (the
// rows registry::PersonIndex::Load streams: registry::PersonNameKey, birth date):
//   A  the in-process registry::PersonIndex (PersonIndex::Load, PersonIndex::Search);
//   B  SQLite FTS5, tokenize='trigram', in a database file of its own (index_candidates.h);
//   C  PostgreSQL pg_trgm, a GIN gin_trgm_ops index, when SOCIUS_TEST_PG_URL is set.
// For each: build time, index size, search p50/p99 latency and recall@10, overall and per
// query kind, judged as socius_registry_bench judges (bench_registry_common.h JudgePage).
//
// All three answer the same queries, parsed as registry::SearchPersons parses them (the match
// keys of the query computed before the clock starts), installation-wide and one thread: A
// with the scope "/", B and C with no territory filter at all. Each answers with ranked person
// ids; no summaries are read (SearchPersons adds one read of the page's summaries). The
// identifier queries are left out: they are answered from person_identifiers whatever the
// name index. Prints figures; never fails on timing, exits 1 on a real failure.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench_registry_common.h"
#include "index_candidates.h"
#include "person_gen.h"
#include "registry/person_index.h"
#include "registry/search.h"

namespace {

namespace fs = std::filesystem;
using socius::bench::BuildFigures;
using socius::bench::Clock;
using socius::bench::LatencyStats;
using socius::bench::NameSearch;
using socius::bench::OrdinalPage;
using socius::bench::QueryVariant;
using socius::bench::Seconds;

// Candidate A behind the interface of B and C.
class PersonIndexSearch : public NameSearch {
 public:
  explicit PersonIndexSearch(const socius::registry::PersonIndex& index) : index_(index) {}
  OrdinalPage Search(const socius::registry::IndexQuery& query, size_t limit) override {
    OrdinalPage page;
    for (const socius::registry::IndexHit& hit : index_.Search(query, {"/"}, limit)) {
      page.push_back(socius::bench::OrdinalOfPersonId(hit.id));
    }
    return page;
  }

 private:
  const socius::registry::PersonIndex& index_;
};

struct Query {
  const QueryVariant* variant;
  socius::registry::IndexQuery index;
};

struct Measured {
  std::string tag;  // "A", "B", ...
  std::string name;
  BuildFigures build;
  LatencyStats all;
  std::map<std::string, LatencyStats> by_kind;
};

void Run(NameSearch& search, const std::vector<Query>& queries, size_t limit,
         const std::vector<socius::bench::Truth>& truth, Measured& out) {
  // Warm-up: caches, prepared statements, per-thread scratch.
  for (size_t i = 0; i < std::min<size_t>(queries.size(), 50); ++i) {
    (void)search.Search(queries[i].index, limit);
  }
  for (const Query& q : queries) {
    const auto start = Clock::now();
    const OrdinalPage page = search.Search(q.index, limit);
    const double ms = Seconds(start) * 1000.0;
    const auto [hit, strict] = socius::bench::JudgePage(*q.variant, page, limit, truth);
    out.all.Add(ms, hit, strict);
    out.by_kind[q.variant->kind].Add(ms, hit, strict);
  }
  std::printf("  search (page of %zu, installation-wide, 1 thread):\n", limit);
  socius::bench::PrintStats("all kinds", out.all);
  for (const std::string& kind : socius::bench::VariantKinds()) {
    if (out.by_kind.contains(kind)) socius::bench::PrintStats(kind, out.by_kind[kind]);
  }
}

void PrintBuild(const Measured& m, size_t persons) {
  std::printf("  built in              %.2f s (%s)\n", m.build.seconds, m.build.how.c_str());
  std::printf("  index size            %.1f MiB = %.0f bytes/person: %s\n",
              static_cast<double>(m.build.bytes) / 1048576.0,
              persons ? static_cast<double>(m.build.bytes) / static_cast<double>(persons) : 0.0,
              m.build.sizes.c_str());
}

void PrintSummary(std::vector<Measured>& measured, size_t persons) {
  std::printf("\n== summary (%zu persons; installation-wide; the same queries)\n", persons);
  std::printf("  %-34s %9s %10s %8s %9s %9s %10s\n", "candidate", "build s", "index MiB",
              "B/person", "p50 ms", "p99 ms", "recall@10");
  for (Measured& m : measured) {
    std::printf("  %-34s %9.2f %10.1f %8.0f %9.3f %9.3f %10.4f\n", m.name.c_str(), m.build.seconds,
                static_cast<double>(m.build.bytes) / 1048576.0,
                persons ? static_cast<double>(m.build.bytes) / static_cast<double>(persons) : 0.0,
                m.all.Quantile(0.5), m.all.Quantile(0.99), m.all.Recall());
  }
  std::printf("\n  recall@10 and p50 ms by kind:\n  %-14s", "kind");
  for (const Measured& m : measured) std::printf(" %22s", m.tag.c_str());
  std::printf("\n");
  for (const std::string& kind : socius::bench::VariantKinds()) {
    if (!measured.front().by_kind.contains(kind)) continue;
    std::printf("  %-14s", kind.c_str());
    for (Measured& m : measured) {
      LatencyStats& s = m.by_kind[kind];
      std::printf("       %.4f %8.3f ms", s.Recall(), s.Quantile(0.5));
    }
    std::printf("\n");
  }
  const double a_p50 = measured.front().all.Quantile(0.5);
  for (size_t i = 1; i < measured.size(); ++i) {
    std::printf("  p50 %s / p50 %s = %.1f\n", measured[i].tag.c_str(), measured.front().tag.c_str(),
                a_p50 > 0 ? measured[i].all.Quantile(0.5) / a_p50 : 0.0);
  }
}

}  // namespace

int main(int argc, char** argv) {
  socius::bench::SetProgramName("index_choice_bench");
  CLI::App app(
      "Person search index candidates (in-process, SQLite FTS5, PostgreSQL pg_trgm) on the "
      "same data and queries.");
  uint64_t persons = 1'000'000;
  uint64_t queries = 2000;
  uint64_t seed = 1;
  size_t limit = 10;
  size_t candidates = 100;
  double pg_threshold = 0.5;
  std::string territories_dir = socius::bench::DefaultTerritoriesDir();
  app.add_option("--persons", persons, "Persons to generate");
  app.add_option("--queries", queries, "About how many search queries");
  app.add_option("--seed", seed, "Seed of the generated data");
  app.add_option("--limit", limit, "Page size of each search (recall is @limit)");
  app.add_option("--candidates", candidates,
                 "Rows the FTS5 typo stage and pg_trgm fetch for re-ranking by edit distance");
  app.add_option("--pg-threshold", pg_threshold, "pg_trgm.word_similarity_threshold");
  app.add_option("--territories", territories_dir, "Folder of the territory CSV files");
  CLI11_PARSE(app, argc, argv);

  auto territories = socius::bench::LoadTerritories(territories_dir);
  socius::bench::Check(territories.status(), "territories");
  for (const std::string& note : territories->notes) std::printf("note: %s\n", note.c_str());
  const fs::path work =
      fs::temp_directory_path() / ("socius-index-choice-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  std::printf("index choice benchmark: %llu persons, ~%llu queries, seed %llu, page %zu\n",
              static_cast<unsigned long long>(persons), static_cast<unsigned long long>(queries),
              static_cast<unsigned long long>(seed), limit);
  std::printf(
      "  every candidate: the same queries (identifier queries left out), installation-wide "
      "(A: scope \"/\"; B, C: no territory filter), ranked ids only (no summaries read)\n");

  auto db = socius::bench::OpenFresh("sqlite:" + (work / "registry.db").string(), territories_dir);
  socius::bench::GeneratedRegistry registry =
      socius::bench::LoadGeneratedRegistry(*db, *territories, seed, persons, queries);
  socius::bench::PrintLoad(registry, persons);
  std::vector<Query> parsed;
  for (const QueryVariant& v : registry.variants) {
    if (v.kind == "identifier") continue;
    parsed.push_back(
        Query{&v, socius::registry::ParseSearchText(v.query, socius::core::Today()).index});
  }
  std::printf("  queries               %zu (%zu identifier queries left out)\n", parsed.size(),
              registry.variants.size() - parsed.size());

  std::vector<Measured> measured;
  {
    Measured a;
    a.tag = "A";
    a.name = "A in-process PersonIndex";
    std::printf("\n== A: in-process registry::PersonIndex\n");
    socius::registry::PersonIndex index;
    const auto start = Clock::now();
    socius::bench::Check(index.Load(*db), "index load");
    a.build.seconds = Seconds(start);
    a.build.how = "PersonIndex::Load, streamed from the SQLite registry";
    a.build.bytes = static_cast<int64_t>(index.Stats().memory_bytes);
    a.build.sizes = "IndexStats::memory_bytes (heap)";
    PrintBuild(a, persons);
    PersonIndexSearch search(index);
    Run(search, parsed, limit, registry.truth, a);
    measured.push_back(std::move(a));
  }

  const auto rows_start = Clock::now();
  const std::vector<socius::bench::NameKeyRow> rows = socius::bench::ReadNameKeyRows(*db);
  std::printf(
      "\n  (B and C index the same %zu rows, read with registry::ForEachIndexRow in %.2f s)\n",
      rows.size(), Seconds(rows_start));
  db->Close();
  db.reset();

  {
    Measured b;
    b.tag = "B";
    b.name = "B SQLite FTS5 trigram";
    std::printf(
        "\n== B: SQLite FTS5 tokenize='trigram' (whole words, then word starts, then to fill the "
        "page some trigram of each word by bm25, top %zu; re-ranked by edit distance)\n",
        candidates);
    auto search =
        socius::bench::BuildFts5Search((work / "fts5.db").string(), rows, candidates, &b.build);
    PrintBuild(b, persons);
    Run(*search, parsed, limit, registry.truth, b);
    // The cheaper policy: typo candidates only when no word matched whole or as a start.
    Measured b_empty;
    b_empty.tag = "B'";
    b_empty.name = "B' FTS5, typos when none found";
    b_empty.build = b.build;
    std::printf(
        "\n== B': the same FTS5 table, the typo stage only when whole words and word starts found "
        "nobody\n");
    search->set_typo_stage(socius::bench::Fts5Search::TypoStage::kWhenNothingFound);
    Run(*search, parsed, limit, registry.truth, b_empty);
    measured.push_back(std::move(b));
    measured.push_back(std::move(b_empty));
  }

  if (const char* pg = std::getenv("SOCIUS_TEST_PG_URL"); pg != nullptr && *pg != '\0') {
    Measured c;
    c.tag = "C";
    c.name = "C PostgreSQL pg_trgm";
    std::printf(
        "\n== C: PostgreSQL pg_trgm, GIN gin_trgm_ops (<%% word_similarity >= %.2f, top %zu by "
        "similarity re-ranked by edit distance)\n",
        pg_threshold, candidates);
    auto search = socius::bench::BuildPgTrgmSearch(pg, rows, pg_threshold, candidates, &c.build);
    PrintBuild(c, persons);
    Run(*search, parsed, limit, registry.truth, c);
    measured.push_back(std::move(c));
  } else {
    std::printf("\n== C: PostgreSQL pg_trgm: SOCIUS_TEST_PG_URL not set, skipped\n");
  }

  PrintSummary(measured, persons);
  std::error_code ec;
  fs::remove_all(work, ec);
  return 0;
}
