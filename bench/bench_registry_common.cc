#include "bench_registry_common.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <utility>

#include "registry/rules.h"
#include "territory/import.h"
#include "territory/repository.h"
#include "text/match_key.h"

namespace socius::bench {

namespace {

namespace fs = std::filesystem;
using core::Status;
using store::Value;

std::string& ProgramName() {
  static std::string name = "bench";
  return name;
}

// Loads the shipped territories (as `socius serve` does on an empty installation).
void LoadTerritoryTree(store::Database& db, const std::string& dir) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".csv") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    territory::ImportOptions options;
    options.source = file.filename().string();
    auto report = territory::ImportTerritoriesCsv(db, in, options);
    Check(report.status(), "territories " + file.string());
    if (!report->committed) {
      std::cerr << ProgramName() << ": territories " << file << " not imported";
      if (!report->errors.empty()) {
        std::cerr << ": row " << report->errors[0].row << " " << report->errors[0].code << " "
                  << report->errors[0].message;
      }
      std::cerr << "\n";
      std::exit(1);
    }
  }
}

// The match-key words of a person's name, in any role (the search ignores word order).
std::vector<std::string_view> Words(const Truth& t) {
  std::vector<std::string_view> out;
  for (const std::string* part : {&t.family, &t.given, &t.patronymic}) {
    std::string_view rest = *part;
    while (!rest.empty()) {
      const size_t space = rest.find(' ');
      if (space != 0) out.push_back(rest.substr(0, space));
      if (space == std::string_view::npos) break;
      rest.remove_prefix(space + 1);
    }
  }
  return out;
}

// True when `words` has distinct members matching each of `wanted` (exactly, or as a prefix).
bool HasAll(std::vector<std::string_view> words, const std::vector<std::string_view>& wanted,
            bool prefix) {
  for (std::string_view w : wanted) {
    auto it = std::find_if(words.begin(), words.end(), [&](std::string_view candidate) {
      return prefix ? candidate.starts_with(w) : candidate == w;
    });
    if (it == words.end()) return false;
    words.erase(it);
  }
  return true;
}

// True when person `r` cannot be told from the expected one `e` by what query `v` pins down:
// the same name words typed (in any order, as the search reads them; for the prefix kind any
// words starting with what was typed), the same birth year/date when typed.
bool Twin(const QueryVariant& v, const Truth& e, const Truth& r) {
  if (v.kind == "identifier") return false;
  std::vector<std::string_view> wanted;
  if (v.prefix) {
    wanted = {v.family_prefix, v.given_prefix};
  } else {
    wanted.push_back(e.family);
    if (v.uses_given) wanted.push_back(e.given);
    if (v.uses_patronymic) wanted.push_back(e.patronymic);
  }
  if (!HasAll(Words(r), wanted, v.prefix)) {
    // given_form: the typed form of the given name instead of the registered one.
    if (v.given_typed.empty() || !v.uses_given || v.prefix) return false;
    wanted[1] = v.given_typed;
    if (!HasAll(Words(r), wanted, false)) return false;
  }
  if (v.birth_year && r.birth.year != *v.birth_year) return false;
  if (v.birth_date && r.birth != *v.birth_date) return false;
  return true;
}

}  // namespace

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

long RssKiB() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

void SetProgramName(std::string name) { ProgramName() = std::move(name); }

void Check(const Status& s, const std::string& what) {
  if (s.ok()) return;
  std::cerr << ProgramName() << ": " << what << ": " << s.code() << " " << s.detail() << "\n";
  std::exit(1);
}

registry::Person AsPerson(const GeneratedPerson& p) {
  registry::Person person;
  person.given_name = p.given_name;
  person.family_name = p.family_name;
  if (!p.patronymic.empty()) person.patronymic = p.patronymic;
  return person;
}

std::unordered_map<std::string, CommunityRow> Communities(store::Database& db) {
  std::unordered_map<std::string, CommunityRow> out;
  Check(db.Read([&](store::Session& tx) {
    auto rows = tx.Query("SELECT code, id, path FROM territories WHERE level = 'community'");
    if (!rows.ok()) return rows.status();
    for (const auto& row : *rows) out[row.Text(0)] = CommunityRow{row.Text(1), row.Text(2)};
    return Status::Ok();
  }),
        "reading communities");
  return out;
}

Status InsertRaw(store::Session& tx, const RawRowIds& ids, const GeneratedPerson& p,
                 const CommunityRow& community, const std::string& name_key) {
  static const std::string kNow = "2026-01-01T00:00:00.000Z";
  const std::string& id = ids.person;
  const Value household = ids.household ? Value(*ids.household) : store::Null();
  const Value import_id = ids.import_id ? Value(*ids.import_id) : store::Null();
  const Value source_row = ids.import_id ? Value(ids.source_row) : store::Null();
  auto opt = [](const std::string& s) { return s.empty() ? store::Null() : Value(s); };
  if (p.relationship_to_head == "head") {
    auto r = tx.Exec(
        "INSERT INTO households (id, community_id, address, head_person_id, version, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
        {household, community.id, p.address, id, kNow, kNow});
    if (!r.ok()) return r.status();
  }
  auto r = tx.Exec(
      "INSERT INTO persons (id, community_id, given_name, family_name, patronymic, birth_date, "
      "sex, address, phone, languages, name_key, household_id, version, created_at, updated_at, "
      "import_id, source_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, 1, ?, ?, ?, ?)",
      {id, community.id, p.given_name, p.family_name, opt(p.patronymic), p.birth_date.ToString(),
       std::string(registry::Name(p.sex)), opt(p.address), opt(p.phone), name_key, household, kNow,
       kNow, import_id, source_row});
  if (!r.ok()) return r.status();
  if (!p.identifier_value.empty()) {
    r = tx.Exec(
        "INSERT INTO person_identifiers (person_id, scheme, value, country, community_id) "
        "VALUES (?, ?, ?, ?, ?)",
        {id, p.identifier_scheme, p.identifier_value, std::string(CountryCode(p.country)),
         community.id});
    if (!r.ok()) return r.status();
  }
  if (p.household != 0) {
    r = tx.Exec(
        "INSERT INTO household_members (household_id, person_id, relationship_to_head, "
        "community_id) VALUES (?, ?, ?, ?)",
        {household, id, p.relationship_to_head, community.id});
    if (!r.ok()) return r.status();
  }
  return Status::Ok();
}

Status InsertRaw(store::Session& tx, uint64_t seed, const GeneratedPerson& p,
                 const CommunityRow& community, const std::string& name_key) {
  RawRowIds ids;
  ids.person = PersonId(seed, p.ordinal);
  if (p.household != 0) ids.household = HouseholdId(seed, p.household);
  return InsertRaw(tx, ids, p, community, name_key);
}

std::unique_ptr<store::Database> OpenFresh(const std::string& url,
                                           const std::string& territories_dir) {
  auto db = store::Database::Open(url);
  Check(db.status(), "opening " + url);
  auto migrated = (*db)->Migrate();
  Check(migrated.status(), "migrating " + url);
  int64_t countries = 0;
  Check((*db)->Read([&](store::Session& tx) {
    auto n = territory::CountCountries(tx);
    if (!n.ok()) return n.status();
    countries = *n;
    return Status::Ok();
  }),
        "counting countries");
  if (countries == 0) LoadTerritoryTree(**db, territories_dir);
  return std::move(*db);
}

GeneratedRegistry LoadGeneratedRegistry(store::Database& db, const Territories& territories,
                                        uint64_t seed, uint64_t persons, uint64_t queries) {
  GeneratedRegistry out;
  const auto communities = Communities(db);
  out.truth.reserve(persons);
  PersonGenerator generator(territories, seed, core::Date{2026, 1, 1});
  Random variant_random(seed ^ 0x7a71a7);
  const auto load_start = Clock::now();
  for (uint64_t done = 0; done < persons;) {
    const uint64_t batch_end = std::min(persons, done + kLoadBatch);
    Check(db.Write([&](store::Session& tx) -> Status {
      for (; done < batch_end; ++done) {
        const GeneratedPerson& p = generator.Next();
        const auto key_start = Clock::now();
        const std::string name_key = registry::PersonNameKey(AsPerson(p));
        Truth t{text::NameMatchKey(p.family_name), text::NameMatchKey(p.given_name),
                text::NameMatchKey(p.patronymic), p.birth_date};
        out.key_seconds += Seconds(key_start);
        out.truth.push_back(std::move(t));
        ++out.per_country[std::string(CountryCode(p.country))];
        const CommunityRow& community = communities.at(p.community->code);
        SOCIUS_RETURN_IF_ERROR(InsertRaw(tx, seed, p, community, name_key));
        if (SampledForVariant(seed, p.ordinal, persons, queries)) {
          out.variants.push_back(MakeVariant(p, out.variants.size(), variant_random));
          // The region: the community's parent in the path '/RO/RO:10/RO:1017/'.
          std::string region = community.path.substr(0, community.path.size() - 1);
          out.variant_region.push_back(region.substr(0, region.rfind('/') + 1));
        }
      }
      return Status::Ok();
    }),
          "loading persons");
  }
  out.load_seconds = Seconds(load_start);
  return out;
}

void PrintLoad(const GeneratedRegistry& registry, uint64_t persons) {
  std::printf("\n== load (SQLite, raw prepared INSERTs, %llu persons per transaction)\n",
              static_cast<unsigned long long>(kLoadBatch));
  std::printf(
      "  persons loaded        %llu in %.1f s = %.0f persons/s (incl. generation and %.1f s "
      "of match keys)\n",
      static_cast<unsigned long long>(persons), registry.load_seconds,
      static_cast<double>(persons) / registry.load_seconds, registry.key_seconds);
  std::printf("  by country           ");
  for (const auto& [country, n] : registry.per_country) {
    std::printf(" %s %zu", country.c_str(), n);
  }
  std::printf("\n");
}

Verdict JudgePage(const QueryVariant& v, const std::vector<std::optional<uint64_t>>& page,
                  size_t limit, const std::vector<Truth>& truth) {
  Verdict verdict;
  for (const std::optional<uint64_t>& ordinal : page) {
    if (ordinal && *ordinal == v.ordinal) verdict.strict = true;
  }
  // Found, or tied: the page is full and its last hit is a twin, so the expected person
  // ranks level with a hit shown and only the arbitrary order among equals left it out.
  bool tied = false;
  if (!verdict.strict && page.size() >= limit && !page.empty()) {
    const std::optional<uint64_t>& last = page.back();
    tied = last && Twin(v, truth[v.ordinal], truth[*last]);
  }
  verdict.hit = verdict.strict || tied;
  return verdict;
}

void LatencyStats::Add(double t, bool hit, bool strict) {
  ms.push_back(t);
  ++queries;
  hits += hit;
  strict_hits += strict;
}

double LatencyStats::Quantile(double q) {
  if (ms.empty()) return 0;
  std::sort(ms.begin(), ms.end());
  return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))];
}

double LatencyStats::Recall() const {
  return queries ? static_cast<double>(hits) / static_cast<double>(queries) : 0.0;
}

void PrintStats(const std::string& label, LatencyStats& s) {
  std::printf(
      "  %-28s %6zu  p50 %7.3f ms  p99 %7.3f ms  max %8.3f ms  recall@10 %.4f  (strict %.4f)\n",
      label.c_str(), s.queries, s.Quantile(0.5), s.Quantile(0.99), s.Quantile(1.0), s.Recall(),
      s.queries ? static_cast<double>(s.strict_hits) / static_cast<double>(s.queries) : 0.0);
}

}  // namespace socius::bench
