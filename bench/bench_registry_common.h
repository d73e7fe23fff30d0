#pragma once

// What the registry benchmarks share (socius_registry_bench, socius_index_choice_bench): the
// generated registry loaded into a SQLite database, the truth about each generated person the
// search is judged against, the recall judge, and the latency/recall figures.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "person_gen.h"
#include "registry/model.h"
#include "store/database.h"

namespace socius::bench {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since);

// VmRSS of this process in KiB (0 when /proc is not there).
long RssKiB();

// The name Check's messages start with ("registry_bench"); set once by main.
void SetProgramName(std::string name);

// Prints "<program>: <what>: <code> <detail>" and exits with status 1 unless `s` is ok: the
// benchmarks stop on the first real failure.
void Check(const core::Status& s, const std::string& what);

// What the index sees of one generated person, to judge hits: the match keys of the
// registered name parts and the birth date.
struct Truth {
  std::string family, given, patronymic;
  core::Date birth;
};

struct CommunityRow {
  std::string id;
  std::string path;
};

registry::Person AsPerson(const GeneratedPerson& p);

// Community code → its row, for the communities of `db`.
std::unordered_map<std::string, CommunityRow> Communities(store::Database& db);

// The record ids of one raw row and, for rows standing in for an import's, its marks.
struct RawRowIds {
  std::string person;
  std::optional<std::string> household;  // set when the person has one
  std::optional<std::string> import_id;
  int64_t source_row = 0;
};

// Raw INSERTs of one person (with household, identifier, membership), through the store's
// cached prepared statements.
core::Status InsertRaw(store::Session& tx, const RawRowIds& ids, const GeneratedPerson& p,
                       const CommunityRow& community, const std::string& name_key);
// The same with the generator's ordinal-carrying ids (PersonId, HouseholdId).
core::Status InsertRaw(store::Session& tx, uint64_t seed, const GeneratedPerson& p,
                       const CommunityRow& community, const std::string& name_key);

// Opens `url`, applies the migrations and, on an installation without countries, loads the
// territory CSV files of `territories_dir` (as `socius serve` does). Exits on failure.
std::unique_ptr<store::Database> OpenFresh(const std::string& url,
                                           const std::string& territories_dir);

// Persons per write transaction of LoadGeneratedRegistry.
inline constexpr uint64_t kLoadBatch = 100'000;

// The generated registry as loaded, and the queries to find its persons by.
struct GeneratedRegistry {
  std::vector<Truth> truth;                 // by ordinal
  std::vector<QueryVariant> variants;       // about `queries` of them
  std::vector<std::string> variant_region;  // scope root of each expected person's region
  std::map<std::string, size_t> per_country;
  double load_seconds = 0;  // the whole load, generation and match keys included
  double key_seconds = 0;   // of which computing match keys
};

// Generates `persons` persons (seed `seed`) and inserts them into `db` (OpenFresh'ed) with
// raw prepared INSERTs, kLoadBatch persons per transaction, sampling about `queries` of them
// for a search query (MakeVariant). Exits on failure.
GeneratedRegistry LoadGeneratedRegistry(store::Database& db, const Territories& territories,
                                        uint64_t seed, uint64_t persons, uint64_t queries);

// The "== load" section: rate and persons by country.
void PrintLoad(const GeneratedRegistry& registry, uint64_t persons);

// Whether query `v` found its person on a page of `limit` hits, given as ordinals in rank
// order (nullopt: a hit that is no generated person). `strict`: the expected person is on the
// page. `hit`: strict, or the page is full and its last hit is a person the query cannot tell
// from the expected one (a "twin": the same name words typed, in any order, the same birth
// year/date when typed), so that it ranks level with a hit shown: "Melnyk Ivan" has more than
// ten exact namesakes in a million, and no ranking can pick one.
struct Verdict {
  bool hit = false;
  bool strict = false;
};
Verdict JudgePage(const QueryVariant& v, const std::vector<std::optional<uint64_t>>& page,
                  size_t limit, const std::vector<Truth>& truth);

// Latencies and verdicts of a set of queries.
struct LatencyStats {
  std::vector<double> ms;
  size_t hits = 0;
  size_t strict_hits = 0;
  size_t queries = 0;
  void Add(double t, bool hit, bool strict);
  double Quantile(double q);  // sorts ms
  double Recall() const;
};

// One line: count, p50/p99/max latency, recall@10 and the strict recall.
void PrintStats(const std::string& label, LatencyStats& s);

}  // namespace socius::bench
