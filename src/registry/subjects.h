#pragma once

// What other rooms may learn of a person or household they attach records to (an assessment,
// a case): where it lives, read in the caller's own transaction. Public functions of the
// registry; the tables stay the registry's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::registry {

// The community a person or household belongs to, and how a record about it names it.
struct SubjectPlace {
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  std::string name;                          // "Family Given" of the person or the household's head
  std::optional<core::Date> birth_date;      // persons only
  std::optional<std::string> settlement_id;  // persons only, when known
};

// The person with `id` whose community lies in `scope` (auth::ScopePaths).
// NotFound("person.not_found") when missing or outside the scope. Not audited.
core::Result<SubjectPlace> PersonPlace(store::Session& tx, std::string_view id,
                                       const std::vector<std::string>& scope);
// The same for a household: NotFound("household.not_found").
core::Result<SubjectPlace> HouseholdPlace(store::Session& tx, std::string_view id,
                                          const std::vector<std::string>& scope);
// Whether the person is a member of the household.
core::Result<bool> IsHouseholdMember(store::Session& tx, std::string_view household_id,
                                     std::string_view person_id);

}  // namespace socius::registry
