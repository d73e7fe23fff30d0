#pragma once

// The SQL of the registry room. Every function runs inside the caller's transaction (the
// Session of a Database::Read or Write) with the same SQL on SQLite and PostgreSQL. Functions
// that return personal data take `scope`: the subtree roots (auth::ScopePaths) the caller may
// see; the filter is applied in SQL (the record's community path must start with a root). An
// empty scope sees nothing. A record outside the scope is NotFound, exactly as a missing one.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "registry/model.h"
#include "store/database.h"

namespace socius::registry {

using Scope = std::vector<std::string>;

// The territory with `code`, for placing a record. InvalidArgument
// ("person.territory_not_found", `field`, param code) when there is none.
core::Result<Place> FindPlace(store::Session& tx, std::string_view code, std::string_view field);
// The territory with `id`; NotFound("person.territory_not_found") when there is none.
core::Result<Place> FindPlaceById(store::Session& tx, std::string_view id);

// Where a record goes (model.h Placement), from the codes a caller gave: looks both up
// (FindPlace), checks them with rules.h CheckPlacement, and takes the community of the
// settlement when no community code was given. `record` is "person" or "household" (for
// "<record>.community_required").
core::Result<Placement> ResolvePlacement(store::Session& tx,
                                         const std::optional<std::string>& community_code,
                                         const std::optional<std::string>& settlement_code,
                                         std::string_view record);

// The person with `id` in scope, with identifiers. NotFound("person.not_found"); a person merged
// into another (src/dedup) is NotFound("person.merged") with param survivor_id.
// `include_merged` reads a merged record as any other (the review of a merged pair).
core::Result<Person> FindPerson(store::Session& tx, std::string_view id, const Scope& scope,
                                bool include_merged = false);

// Inserts `person` (id, names, community ... already set and validated) at version 1 and sets
// created_at/updated_at. Conflict("person.duplicate_identifier", "identifiers[i].value") when
// another person holds one of the identifiers.
core::Status InsertPerson(store::Session& tx, Person& person);

// Writes every field of `person` when the stored version is `expected_version`, then sets
// person.version to the next one and updated_at to now. Conflict("conflict.stale_version")
// when the version moved; NotFound("person.not_found") when the row is gone; identifiers as
// InsertPerson.
core::Status UpdatePerson(store::Session& tx, Person& person, int64_t expected_version);

struct PersonPage {
  std::vector<PersonSummary> items;
  std::optional<std::string> last_key;  // cursor (name_key + '\x1f' + id) when more follow
};
// Persons in scope ordered by name key then id, after the keyset cursor `after` ("" from the
// start).
core::Result<PersonPage> ListPersons(store::Session& tx, const Scope& scope,
                                     const std::string& after, int limit);

// Summaries of the persons with `ids` that are in scope, in the order of `ids` (missing or
// out-of-scope ids are left out).
core::Result<std::vector<PersonSummary>> FindSummaries(store::Session& tx,
                                                       const std::vector<std::string>& ids,
                                                       const Scope& scope);

// The ids of persons in scope holding an identifier whose value is one of `values` (any
// scheme).
core::Result<std::vector<std::string>> FindByIdentifierValue(store::Session& tx,
                                                             const std::vector<std::string>& values,
                                                             const Scope& scope);

// What the search index keeps of a person.
struct IndexRow {
  std::string id;
  int64_t version = 0;
  std::string community_id;
  std::string community_path;
  std::optional<core::Date> birth_date;
  std::string name_key;
  bool merged = false;  // merged into another record: out of the index
};
IndexRow IndexRowOf(const Person& person);
// The ids of the persons merged into `id`, directly or through a chain of merges.
core::Result<std::vector<std::string>> FindMergedInto(store::Session& tx, const std::string& id);
// Streams every person (whole installation, merged ones left out) to `on_row` without holding
// them in memory.
core::Status ForEachIndexRow(store::Session& tx,
                             const std::function<void(const IndexRow&)>& on_row);

// The household with `id` in scope, with its members. NotFound("household.not_found").
core::Result<Household> FindHousehold(store::Session& tx, std::string_view id, const Scope& scope);

// Inserts `household` without members at version 1; sets the timestamps.
core::Status InsertHousehold(store::Session& tx, Household& household);

// Writes the household's own fields (address, settlement, dwelling, income, head) when the
// stored version is `expected_version`; bumps version and updated_at.
// Conflict("conflict.stale_version"); NotFound("household.not_found").
core::Status UpdateHousehold(store::Session& tx, Household& household, int64_t expected_version);

// Fills community_id, names and birth date of each member from the persons table, reading
// only persons in scope: NotFound-like InvalidArgument("household.member_not_found",
// "members[i].person_id") for one that is missing or out of scope; Conflict
// ("household.member_in_other_household") for a person who belongs to another household than
// `household_id`.
core::Status LoadMembers(store::Session& tx, const std::string& household_id, const Scope& scope,
                         std::vector<HouseholdMember>& members);

// Makes `members` the whole membership of the household: rows of persons no longer listed
// are removed and their household_id cleared, new ones added; every person whose membership
// changed gets household_id set and version bumped.
core::Status ReplaceMembers(store::Session& tx, const Household& household,
                            const std::vector<HouseholdMember>& members);

struct HouseholdPage {
  std::vector<Household> items;  // without members' names (members listed)
  std::optional<std::string> last_key;
};
// Households in scope, newest first, after the keyset cursor `after`.
core::Result<HouseholdPage> ListHouseholds(store::Session& tx, const Scope& scope,
                                           const std::string& after, int limit);

}  // namespace socius::registry
