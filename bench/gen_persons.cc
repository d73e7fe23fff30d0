// socius_gen_persons: writes a synthetic registry of persons and households (see
// person_gen.h) as import CSV or as SQL, streaming, and optionally the search queries that
// should find some of them.
//
//   socius_gen_persons --count 100000 --seed 7 > persons.csv
//   socius_gen_persons --count 100000 --seed 7 --format sql > persons.sql
//   socius_gen_persons --count 100000 --seed 7 --variants queries.tsv > persons.csv
//
// The variants file has one query a line: kind TAB query TAB ordinal (0-based row of the
// expected person in the data, header not counted) TAB scheme:identifier of that person.
// The same count and seed always give the same files.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>

#include "core/clock.h"
#include "person_gen.h"
#include "registry/rules.h"
#include "text/match_key.h"

namespace {

std::string NameKey(const socius::bench::GeneratedPerson& p) {
  return socius::text::NameMatchKey(p.family_name + " " + p.given_name + " " + p.patronymic);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Writes synthetic persons and households of the five countries.");
  uint64_t count = 10000;
  uint64_t seed = 1;
  uint64_t variant_count = 2000;
  std::string format = "csv";
  std::string variants_path;
  std::string territories_dir = socius::bench::DefaultTerritoriesDir();
  std::string today_text;
  app.add_option("--count", count, "Number of persons (10k to 10M)")
      ->check(CLI::Range(1ULL, 100'000'000ULL));
  app.add_option("--seed", seed, "Seed: the same seed gives the same persons");
  app.add_option("--format", format, "csv (import format) or sql (INSERTs for both backends)")
      ->check(CLI::IsMember({"csv", "sql"}));
  app.add_option("--variants", variants_path, "Also write search queries for recall measurement");
  app.add_option("--variant-count", variant_count, "About how many queries (default 2000)");
  app.add_option("--territories", territories_dir, "Folder of the territory CSV files");
  app.add_option("--today", today_text, "Reference date YYYY-MM-DD (default 2026-01-01)");
  CLI11_PARSE(app, argc, argv);

  socius::core::Date today{2026, 1, 1};
  if (!today_text.empty()) {
    std::optional<socius::core::Date> d = socius::core::ParseDate(today_text);
    if (!d) {
      std::cerr << "gen_persons: --today: not a date: " << today_text << "\n";
      return 2;
    }
    today = *d;
  }
  socius::core::Result<socius::bench::Territories> territories =
      socius::bench::LoadTerritories(territories_dir);
  if (!territories.ok()) {
    std::cerr << "gen_persons: " << territories.status().detail() << "\n";
    return 1;
  }
  for (const std::string& note : territories->notes) std::cerr << "gen_persons: " << note << "\n";

  std::ofstream variants;
  if (!variants_path.empty()) {
    variants.open(variants_path);
    if (!variants) {
      std::cerr << "gen_persons: cannot write " << variants_path << "\n";
      return 1;
    }
  }
  std::ios::sync_with_stdio(false);
  socius::bench::PersonGenerator generator(*territories, seed, today);
  socius::bench::Random variant_random(seed ^ 0x7a71a7);
  size_t variants_written = 0;
  if (format == "csv") {
    socius::bench::WriteCsvHeader(std::cout);
  } else {
    socius::bench::WriteSqlHeader(std::cout);
  }
  for (uint64_t i = 0; i < count; ++i) {
    const socius::bench::GeneratedPerson& p = generator.Next();
    if (format == "csv") {
      socius::bench::WriteCsvRow(std::cout, p);
    } else {
      socius::bench::WriteSqlPerson(std::cout, seed, p, NameKey(p));
    }
    if (variants.is_open() && socius::bench::SampledForVariant(seed, i, count, variant_count)) {
      const socius::bench::QueryVariant v =
          socius::bench::MakeVariant(p, variants_written++, variant_random);
      variants << v.kind << '\t' << v.query << '\t' << v.ordinal << '\t' << p.identifier_scheme
               << ':' << p.identifier_value << '\n';
    }
  }
  if (format == "sql") socius::bench::WriteSqlTrailer(std::cout);
  std::cout.flush();
  return std::cout ? 0 : 1;
}
