#pragma once

// The registry room's records: persons (with national identifiers) and households. Plain
// structs; no I/O, no JSON. Validation is in rules.h, SQL in repository.h.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "registry/identifiers.h"

namespace socius::registry {

// Degrees of disability as the assessment commissions grade them (Romania: ușor, mediu,
// accentuat, grav; Ukraine's groups III..I map onto the upper three).
enum class DisabilityDegree { kMild, kModerate, kSevere, kProfound };

// How a member of a household relates to its head.
enum class Relationship {
  kHead,
  kSpouse,
  kPartner,
  kChild,
  kParent,
  kSibling,
  kGrandchild,
  kGrandparent,
  kOtherRelative,
  kNonRelative,
};

enum class DwellingType {
  kHouse,
  kApartment,
  kSocialHousing,
  kInstitution,
  kInformal,
  kHomeless,
  kOther,
};

enum class IncomeBand { kNone, kVeryLow, kLow, kMedium, kHigh };

// Wire names ("female", "severe", "grandchild", "social_housing", "very_low") and back.
std::string_view Name(Sex sex);
std::string_view Name(DisabilityDegree degree);
std::string_view Name(Relationship relationship);
std::string_view Name(DwellingType type);
std::string_view Name(IncomeBand band);
std::optional<Sex> ParseSex(std::string_view name);
std::optional<DisabilityDegree> ParseDisabilityDegree(std::string_view name);
std::optional<Relationship> ParseRelationship(std::string_view name);
std::optional<DwellingType> ParseDwellingType(std::string_view name);
std::optional<IncomeBand> ParseIncomeBand(std::string_view name);

// A territory a person or household is placed in, as the registry needs to know it.
struct Place {
  std::string id;
  std::string code;
  std::string name;
  std::string level;  // "community", "settlement", ...
  std::string path;
  std::optional<std::string> community_id;  // the community-level ancestor-or-self
};

// Where a record is placed: its community, and the settlement inside it when known.
struct Placement {
  Place community;
  std::optional<Place> settlement;
};

// The territory codes a record is to be placed by (either may be absent).
struct PlacementCodes {
  std::optional<std::string> community_code;
  std::optional<std::string> settlement_code;
};

struct PersonIdentifier {
  std::string scheme;  // "RO-CNP", ...
  std::string value;   // normalised by ValidateIdentifier
};

struct Person {
  std::string id;
  int64_t version = 1;
  std::string given_name;
  std::string family_name;
  std::optional<std::string> patronymic;
  std::optional<core::Date> birth_date;
  std::optional<Sex> sex;
  std::vector<PersonIdentifier> identifiers;
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;  // '/RO/RO:10/RO:1017/': what scope checks compare
  std::optional<std::string> settlement_id;
  std::optional<std::string> settlement_code;
  std::optional<std::string> settlement_name;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::vector<std::string> languages;  // ISO 639 codes
  std::optional<DisabilityDegree> disability_degree;
  std::optional<std::string> notes;
  std::optional<std::string> household_id;
  std::string name_key;  // text::NameMatchKey of "family given patronymic"
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> created_by;
};

// What a search result shows: no notes, no address, identifiers only masked.
struct PersonSummary {
  std::string id;
  std::string given_name;
  std::string family_name;
  std::optional<std::string> patronymic;
  std::optional<core::Date> birth_date;
  std::optional<Sex> sex;
  std::string community_code;
  std::string community_name;
  std::vector<PersonIdentifier> identifiers;  // full values: the wire masks them
};

struct HouseholdMember {
  std::string person_id;
  Relationship relationship = Relationship::kHead;
  // Shown with the household; filled by the repository.
  std::string given_name;
  std::string family_name;
  std::optional<core::Date> birth_date;
  std::string community_id;
};

struct Household {
  std::string id;
  int64_t version = 1;
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  std::optional<std::string> settlement_id;
  std::optional<std::string> settlement_code;
  std::optional<std::string> address;
  std::optional<DwellingType> dwelling_type;
  std::optional<IncomeBand> income_band;
  std::optional<std::string> head_person_id;
  std::vector<HouseholdMember> members;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> created_by;
};

// A field of a PATCH: absent (nullopt), null (inner nullopt) or a value.
template <typename T>
using Patch = std::optional<std::optional<T>>;

struct IdentifierInput {
  std::string scheme;
  std::string value;
};

// What a caller sent to create or edit a person, before validation. Strings as typed.
struct PersonInput {
  Patch<std::string> given_name;
  Patch<std::string> family_name;
  Patch<std::string> patronymic;
  Patch<std::string> birth_date;
  Patch<std::string> sex;
  Patch<std::string> community_code;
  Patch<std::string> settlement_code;
  Patch<std::string> address;
  Patch<std::string> phone;
  Patch<std::string> disability_degree;
  Patch<std::string> notes;
  std::optional<std::vector<IdentifierInput>> identifiers;  // replaces the whole list
  std::optional<std::vector<std::string>> languages;
};

struct MemberInput {
  std::string person_id;
  std::string relationship;
};

struct HouseholdInput {
  Patch<std::string> community_code;
  Patch<std::string> settlement_code;
  Patch<std::string> address;
  Patch<std::string> dwelling_type;
  Patch<std::string> income_band;
  std::optional<std::vector<MemberInput>> members;  // replaces the whole list
};

}  // namespace socius::registry
