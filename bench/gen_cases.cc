// socius_gen_cases: a generated registry with its casework, written straight into a database
// (SQLite or PostgreSQL) with multi-row INSERTs: persons and households (person_gen.h), then
// teams of social workers with their head of service, cases, timelines, contacts, plans and
// referrals (case_gen.h). For the cases benchmarks (bench/run.sh).
//
//   socius_gen_cases --db sqlite:/tmp/cases.db                       (100k persons, 30k cases)
//   socius_gen_cases --db postgresql://socius@127.0.0.1:5432/x --full (1M, 300k, 5M contacts)
//   socius_gen_cases --db ... --manifest bench.env                    (who to log in as)
//
// The database must be new (no persons yet). The manifest is shell `KEY=value` lines: the
// password of every generated user, the worker with about 200 open cases, the head of that
// worker's team and the district or region where the team works (its roles' territory with
// the most of its cases). Prints what it wrote and how long it took.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>

#include "batch_insert.h"
#include "bench_registry_common.h"
#include "case_gen.h"
#include "registry/rules.h"

namespace {

using socius::core::Status;
using socius::store::Value;
namespace bench = socius::bench;

struct Loaded {
  bench::CaseworkInput input;
  double seconds = 0;
  uint64_t households = 0;
};

// The communities of `db` with the territory above each.
std::unordered_map<std::string, bench::CaseworkCommunity> ReadCommunities(
    socius::store::Database& db) {
  std::unordered_map<std::string, bench::CaseworkCommunity> out;
  bench::Check(db.Read([&](socius::store::Session& tx) {
    auto rows = tx.Query(
        "SELECT t.code, t.id, t.path, p.id, p.code FROM territories t "
        "JOIN territories p ON p.id = t.parent_id WHERE t.level = 'community'");
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) {
      out[row.Text(0)] = {row.Text(1), row.Text(0), row.Text(2), row.Text(3), row.Text(4)};
    }
    return Status::Ok();
  }),
               "reading communities");
  return out;
}

// The persons, with households, identifiers and memberships, `kBatch` per transaction.
Loaded LoadPersons(socius::store::Database& db, const bench::Territories& territories,
                   uint64_t seed, uint64_t count, socius::core::Date today) {
  constexpr uint64_t kBatch = 100'000;
  static const std::string kNow = "2026-01-01T00:00:00.000Z";
  Loaded out;
  const auto communities = ReadCommunities(db);
  std::unordered_map<std::string, uint32_t> community_index;
  out.input.person_seed = seed;
  out.input.persons.reserve(count);
  bench::PersonGenerator generator(territories, seed, today);
  const auto start = bench::Clock::now();
  for (uint64_t done = 0; done < count;) {
    const uint64_t end = std::min(count, done + kBatch);
    bench::Check(db.Write([&](socius::store::Session& tx) -> Status {
      bench::BatchSet batch;
      const size_t households =
          batch.Table("households", {"id", "community_id", "address", "head_person_id", "version",
                                     "created_at", "updated_at"});
      const size_t persons =
          batch.Table("persons", {"id", "community_id", "given_name", "family_name", "patronymic",
                                  "birth_date", "sex", "address", "phone", "languages", "name_key",
                                  "household_id", "version", "created_at", "updated_at"});
      const size_t identifiers = batch.Table(
          "person_identifiers", {"person_id", "scheme", "value", "country", "community_id"});
      const size_t members =
          batch.Table("household_members",
                      {"household_id", "person_id", "relationship_to_head", "community_id"});
      auto opt = [](const std::string& s) { return s.empty() ? socius::store::Null() : Value(s); };
      for (; done < end; ++done) {
        const bench::GeneratedPerson& p = generator.Next();
        const bench::CaseworkCommunity& c = communities.at(p.community->code);
        auto [at, added] =
            community_index.emplace(c.code, static_cast<uint32_t>(out.input.communities.size()));
        if (added) out.input.communities.push_back(c);
        out.input.persons.push_back(
            {at->second, p.household, static_cast<int16_t>(p.birth_date.year)});
        const std::string id = bench::PersonId(seed, p.ordinal);
        const Value household =
            p.household ? Value(bench::HouseholdId(seed, p.household)) : socius::store::Null();
        if (p.relationship_to_head == "head") {
          ++out.households;
          SOCIUS_RETURN_IF_ERROR(
              batch.Add(tx, households, {household, c.id, p.address, id, int64_t{1}, kNow, kNow}));
        }
        SOCIUS_RETURN_IF_ERROR(batch.Add(
            tx, persons,
            {id, c.id, p.given_name, p.family_name, opt(p.patronymic), p.birth_date.ToString(),
             std::string(socius::registry::Name(p.sex)), opt(p.address), opt(p.phone),
             std::string(), socius::registry::PersonNameKey(bench::AsPerson(p)), household,
             int64_t{1}, kNow, kNow}));
        if (!p.identifier_value.empty()) {
          SOCIUS_RETURN_IF_ERROR(batch.Add(tx, identifiers,
                                           {id, p.identifier_scheme, p.identifier_value,
                                            std::string(bench::CountryCode(p.country)), c.id}));
        }
        if (p.household != 0) {
          SOCIUS_RETURN_IF_ERROR(
              batch.Add(tx, members, {household, id, p.relationship_to_head, c.id}));
        }
      }
      return batch.Flush(tx);
    }),
                 "loading persons");
  }
  out.seconds = bench::Seconds(start);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Writes a generated registry with its casework into a database.");
  std::string url;
  uint64_t persons = 100'000;
  uint64_t cases = 0;
  uint64_t contacts = 0;
  uint64_t seed = 1;
  bool full = false;
  std::string manifest_path;
  std::string password = "Bench-Worker-Password-1";
  std::string territories_dir = bench::DefaultTerritoriesDir();
  app.add_option("--db", url, "sqlite:PATH or postgresql://...")->required();
  app.add_option("--persons", persons, "Persons (default 100000)");
  app.add_option("--cases", cases, "Cases (default 30 % of the persons)");
  app.add_option("--contacts", contacts, "Contacts (default 16.7 a case)");
  app.add_flag("--full", full, "The issue's benchmark set: 1M persons, 300k cases, 5M contacts");
  app.add_option("--seed", seed, "Seed: the same seed (and day) gives the same data");
  app.add_option("--manifest", manifest_path, "Write who to log in as (shell KEY=value lines)");
  app.add_option("--password", password, "Password of every generated user");
  app.add_option("--territories", territories_dir, "Folder of the territory CSV files");
  CLI11_PARSE(app, argc, argv);
  bench::SetProgramName("gen_cases");
  if (full) {
    persons = 1'000'000;
    cases = 300'000;
    contacts = 5'000'000;
  }
  if (cases == 0) cases = persons * 3 / 10;
  if (contacts == 0) contacts = cases * 50 / 3;

  auto territories = bench::LoadTerritories(territories_dir);
  bench::Check(territories.status(), "territories");
  const auto start = bench::Clock::now();
  auto db = bench::OpenFresh(url, territories_dir);
  const socius::core::Date today = socius::core::Today();
  std::printf("== casework data (%s, seed %llu, today %s)\n",
              std::string(db->dialect_name()).c_str(), static_cast<unsigned long long>(seed),
              today.ToString().c_str());
  std::fflush(stdout);
  Loaded loaded = LoadPersons(*db, *territories, seed, persons, today);
  std::printf("  persons        %10llu (%llu households) in %7.1f s = %8.0f persons/s\n",
              static_cast<unsigned long long>(persons),
              static_cast<unsigned long long>(loaded.households), loaded.seconds,
              static_cast<double>(persons) / loaded.seconds);
  std::fflush(stdout);

  bench::CaseworkOptions options;
  options.seed = seed;
  options.cases = cases;
  options.contacts = contacts;
  options.today = today;
  options.password = password;
  const bench::CaseworkReport r = bench::GenerateCasework(*db, *territories, loaded.input, options);
  const uint64_t rows =
      r.users + r.cases + r.events + r.contacts + r.goals + r.actions + r.referrals;
  std::printf("  users          %10llu (%d teams: a head of service and 30 social workers each)\n",
              static_cast<unsigned long long>(r.users), r.teams);
  std::printf("  cases          %10llu (%llu open)\n", static_cast<unsigned long long>(r.cases),
              static_cast<unsigned long long>(r.open_cases));
  std::printf("  case events    %10llu\n", static_cast<unsigned long long>(r.events));
  std::printf("  contacts       %10llu\n", static_cast<unsigned long long>(r.contacts));
  std::printf("  plan goals     %10llu, actions %llu (%llu overdue)\n",
              static_cast<unsigned long long>(r.goals), static_cast<unsigned long long>(r.actions),
              static_cast<unsigned long long>(r.overdue_actions));
  std::printf("  referrals      %10llu\n", static_cast<unsigned long long>(r.referrals));
  std::printf("  casework rows  %10llu in %7.1f s = %8.0f rows/s\n",
              static_cast<unsigned long long>(rows), r.seconds,
              static_cast<double>(rows) / r.seconds);
  std::printf("  generation took %.1f s in all\n", bench::Seconds(start));
  std::printf("  Today's worker %s (%llu open cases); team head %s over %s\n",
              r.today_worker.c_str(), static_cast<unsigned long long>(r.today_worker_open),
              r.team_head.c_str(), r.team_territory_code.c_str());
  db->Close();
  if (!manifest_path.empty()) {
    std::ofstream m(manifest_path);
    m << "CASES_PASSWORD='" << password << "'\n"
      << "CASES_WORKER='" << r.today_worker << "'\n"
      << "CASES_WORKER_OPEN=" << r.today_worker_open << "\n"
      << "CASES_HEAD='" << r.team_head << "'\n"
      << "CASES_TEAM_TERRITORY='" << r.team_territory_code << "'\n";
    if (!m) {
      std::cerr << "gen_cases: cannot write " << manifest_path << "\n";
      return 1;
    }
  }
  return 0;
}
