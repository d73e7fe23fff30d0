#pragma once

// The synthetic registry of the benchmarks: realistic persons and households of the five
// countries, seeded and reproducible, produced one at a time (constant memory, except 8 bytes
// per person to keep national identifiers unique), and the search queries a social worker
// would type to find them. Used by socius_gen_persons (CSV/SQL files) and
// socius_registry_bench (in-process).

#include <cstdint>
#include <deque>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "person_names.h"
#include "random.h"
#include "registry/identifiers.h"

namespace socius::bench {

enum class Country { kRomania, kMoldova, kUkraine, kMacedonia, kLithuania };
inline constexpr int kCountries = 5;
std::string_view CountryCode(Country country);  // "RO", ...

// A community-level territory persons can be registered in, from data/territories/*.csv.
struct Community {
  std::string code;
  std::string parent_code;  // the region (or country) it lies in
  std::string name;
  std::vector<std::string> settlements;  // names of its settlements (may be empty)
};

struct Territories {
  std::vector<Community> communities[kCountries];
  std::vector<std::string> notes;  // what could not be used, for the operator
};

// Reads every <cc>.csv of `dir` (code,parent_code,level,name,...). Only level "community" is a
// place for persons (registry rules: CheckPlacement); a country whose file has none (Moldova's
// md.csv stops at districts) gets no persons, and a note says so. NotFound when `dir` has no
// file of the five countries.
core::Result<Territories> LoadTerritories(const std::string& dir);

// data/territories of the source tree this binary was built from.
std::string DefaultTerritoriesDir();

struct GeneratedPerson {
  uint64_t ordinal = 0;    // 0, 1, 2 ... in output order
  uint64_t household = 0;  // household number + 1; 0 for a person living alone
  Country country = Country::kRomania;
  NameStock stock = NameStock::kRomanian;
  // As the person writes their name, in the native script.
  std::string native_given, native_family, native_patronymic;
  // As registered: mostly the native form; some entered in Latin, without diacritics, or with
  // a typo (data-entry noise).
  std::string given_name, family_name, patronymic;
  core::Date birth_date;
  registry::Sex sex = registry::Sex::kFemale;
  std::string identifier_scheme, identifier_value;  // empty for the few without one
  const Community* community = nullptr;
  std::string address, phone;
  std::string household_ref;         // shared by the members; empty when alone
  std::string relationship_to_head;  // "head", "spouse", "child", "parent"; empty when alone
};

class PersonGenerator {
 public:
  // `territories` must outlive the generator. `today` bounds birth dates.
  PersonGenerator(const Territories& territories, uint64_t seed, core::Date today);

  // The next person. Members of one household come one after another, head first.
  const GeneratedPerson& Next();

 private:
  void MakeHousehold();
  GeneratedPerson MakePerson(Country country, NameStock stock, const Community& community,
                             registry::Sex sex, int age);
  void Register(GeneratedPerson& p);  // registered spelling, identifier
  std::string Identifier(const GeneratedPerson& p, std::string* scheme);

  const Territories& territories_;
  Random random_;
  core::Date today_;
  uint64_t next_ordinal_ = 0;
  uint64_t households_ = 0;
  std::deque<GeneratedPerson> queue_;
  GeneratedPerson current_;
  WeightedChoice countries_;
  std::vector<uint64_t> used_ids_;  // open addressing over identifier hashes (0 = empty)
  size_t used_count_ = 0;
  std::unordered_map<const NameLists*, WeightedChoice> male_, female_, family_;
};

// A query a social worker types to find a person, and who should be found.
struct QueryVariant {
  std::string kind;  // see VariantKinds()
  std::string query;
  uint64_t ordinal = 0;  // the person expected
  // What the query pins down, to tell apart persons the search cannot distinguish from the
  // expected one ("twins"): the match-key words of the name parts used, whether they were
  // typed as prefixes, and the birth year/date when typed.
  bool uses_given = true;
  bool uses_patronymic = false;
  bool prefix = false;
  std::string family_prefix, given_prefix;  // prefix kind: the typed beginnings, as keys
  // given_form kind: the key of the form typed. A person holding that form answers what was
  // typed at least as well as the expected one, so ranks level with it (a twin).
  std::string given_typed;
  std::optional<int> birth_year;
  std::optional<core::Date> birth_date;
};

// The kinds, in the order MakeVariant cycles through them:
//   translit       family and given name in another romanisation (Cyrillic names) or without
//                  diacritics / with cedillas (Latin names)
//   script         in the other script (Cyrillic ↔ Latin)
//   typo           as registered, with one or two typing mistakes
//   given_family   given name first
//   family_year    family name and birth year ("Shevchenko 1984")
//   prefix         as typed so far: the beginnings of family and given name, and birth year
//   full_date      family, given (and patronymic where used) and birth date (DD.MM.YYYY)
//   identifier     the national identifier (UNZR without its dash now and then)
//   mk_latin       Macedonian names with Ѓ/Ќ as Đ/Ć (Serbian Latin), Gj/Kj or Ǵ/Ḱ (ISO 9)
//   ro_cyrillic    Romanian and Moldovan names in Moldovan Cyrillic (ă → э, î â → ы), or
//                  through Russian back into Latin letters (ț → ts)
//   given_form     the given name in another country's form (Ганна / Анна / Ana,
//                  Олександр / Александр / Alexandru), family name as registered natively
//   given_drop     family name, and the given name with one letter left out (Olksandr)
// A kind that does not apply to the person (mk_latin to a non-Macedonian, given_form to a
// name without another form in the table ...) gives way to the next one that does.
const std::vector<std::string>& VariantKinds();

// The query of kind `kinds[n % size]` for `p` (or the next kind that applies to p).
QueryVariant MakeVariant(const GeneratedPerson& p, size_t n, Random& random);

// True when the n-th person (of `count`) is sampled for about `wanted` variants.
bool SampledForVariant(uint64_t seed, uint64_t ordinal, uint64_t count, uint64_t wanted);

// Import CSV (docs/registry-import.md): header and rows, RFC 4180 quoting, UTF-8 without BOM.
void WriteCsvHeader(std::ostream& out);
void WriteCsvRow(std::ostream& out, const GeneratedPerson& p);

// Deterministic record ids in the shape of core::NewId (22 characters of base64url) that
// carry the ordinal, so that a search hit can be checked against the generated person.
std::string PersonId(uint64_t seed, uint64_t ordinal);
std::optional<uint64_t> OrdinalOfPersonId(std::string_view id);
std::string HouseholdId(uint64_t seed, uint64_t household);

// SQL of the generated rows for both backends (territories looked up by code): a header
// (BEGIN), one block per person, the trailer (COMMIT). `name_key` is the person's
// registry::PersonNameKey.
void WriteSqlHeader(std::ostream& out);
void WriteSqlPerson(std::ostream& out, uint64_t seed, const GeneratedPerson& p,
                    const std::string& name_key);
void WriteSqlTrailer(std::ostream& out);

}  // namespace socius::bench
