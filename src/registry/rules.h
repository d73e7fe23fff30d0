#pragma once

// Validation of persons and households: every field a caller may send, with a stable code
// and the JSON field it names. Pure functions, thread-safe; no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "registry/model.h"

namespace socius::registry {

inline constexpr size_t kMaxNameCodePoints = 100;
inline constexpr size_t kMaxAddressCodePoints = 300;
inline constexpr size_t kMaxNotesCodePoints = 4000;
inline constexpr size_t kMaxIdentifiers = 6;
inline constexpr size_t kMaxLanguages = 10;
inline constexpr int kEarliestBirthYear = 1880;

// A name part as stored: valid UTF-8 (else "person.invalid_utf8"), no control characters
// ("person.control_characters"), NFC, trimmed, inner white space collapsed; then not empty
// ("person.empty_name"), at most 100 code points ("person.name_too_long", param max), only
// letters, spaces, hyphens, apostrophes and dots ("person.invalid_characters"), and no word
// mixing Latin and Cyrillic letters ("person.mixed_scripts"). Errors name `field`.
core::Result<std::string> CleanPersonName(std::string_view raw, std::string_view field);

// "YYYY-MM-DD", a real date, from 1880 on ("person.invalid_birth_date") and not after
// `today` ("person.birth_date_future"). Errors name field "birth_date".
core::Result<core::Date> ParseBirthDate(std::string_view text, core::Date today);

// Validates `input` and applies it to `person` (absent fields keep their value; null clears an
// optional one). On create (`creating`) given and family names are required. Identifiers are
// validated with their check digits (identifier.* on "identifiers[i].value", unknown scheme
// on "identifiers[i].scheme"), one per scheme ("person.duplicate_scheme"); the birth date and
// sex a code implies must agree with the person's ("person.identifier_mismatch"), and fill
// them in when the person has none. Recomputes name_key. Territory codes are not looked at
// here (see CheckPlacement). On failure `person` may be partly changed: discard it.
core::Status ApplyPersonInput(const PersonInput& input, bool creating, core::Date today,
                              Person& person);

// The name match key of a person: text::NameMatchKey("family given patronymic").
std::string PersonNameKey(const Person& person);

// Where a record may be placed: `community` must be a community-level territory
// ("person.not_a_community", field community_code), `settlement` a settlement inside a
// community ("person.not_a_settlement", field settlement_code), and inside `community` when
// both are given ("person.settlement_outside_community"). At least one is needed
// ("<record>.community_required", field community_code, with `record` "person" or
// "household").
core::Status CheckPlacement(const std::optional<Place>& community,
                            const std::optional<Place>& settlement, std::string_view record);

// The codes a new person is placed by: those of `input`.
PlacementCodes PlacementCodesOfNewPerson(const PersonInput& input);
// The codes a changed person is placed by. A community given alone drops the settlement
// unless it is the same community; a settlement given alone brings its own community; neither
// keeps the person where it is.
PlacementCodes PlacementCodesOfChangedPerson(const Person& current, const PersonInput& input);
// Sets the community and settlement fields of `person` from `placement`.
void PlacePerson(Person& person, const Placement& placement);
// A household lives in one community: its members must leave it before they move, or the
// household would show them to workers who may no longer see them.
// Conflict("person.moving_household_member", "community_code").
core::Status CheckMoveOutOfHousehold(const Person& current, const Person& moved);
// True if `path` lies in one of the subtrees `scope` (auth::ScopePaths) roots.
bool InScope(std::string_view path, const std::vector<std::string>& scope);

// Whole years from `birth` to `today`; nullopt when `birth` is after `today`.
std::optional<int> AgeOn(core::Date birth, core::Date today);

// "*********1234": the last four characters kept, the rest starred (all starred when the value
// has at most four characters).
std::string MaskIdentifier(std::string_view value);

// The ISO 3166 country of an identifier scheme: "RO-CNP" → "RO".
std::string CountryOfScheme(std::string_view scheme);

// Validates the address, dwelling type and income band of `input` and applies them to
// `household` ("person.field_too_long"/"person.control_characters" on address,
// "household.invalid_dwelling_type", "household.invalid_income_band").
core::Status ApplyHouseholdInput(const HouseholdInput& input, Household& household);

// The members of a household from what a caller sent: relationships known
// ("household.invalid_relationship", field members[i].relationship_to_head), no person twice
// ("household.duplicate_member", members[i].person_id), and exactly one head when there are
// members ("household.head_required" on "members", "household.multiple_heads" on
// members[i].relationship_to_head). Only person_id and relationship are filled.
core::Result<std::vector<HouseholdMember>> CheckMembers(const std::vector<MemberInput>& input);

// Every member lives in the household's community ("household.member_other_community",
// field members[i].person_id). `members` must have community_id filled.
core::Status CheckMembersCommunity(const std::vector<HouseholdMember>& members,
                                   std::string_view community_id);

}  // namespace socius::registry
