#pragma once

// What other rooms may learn of a person or household they attach records to (an assessment,
// a case): where it lives, read in the caller's own transaction. Public functions of the
// registry; the tables stay the registry's.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace socius::registry {

// The community a person or household belongs to.
struct SubjectPlace {
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
};

// The person with `id` whose community lies in `scope` (auth::ScopePaths).
// NotFound("person.not_found") when missing or outside the scope. Not audited.
core::Result<SubjectPlace> PersonPlace(store::Session& tx, std::string_view id,
                                       const std::vector<std::string>& scope);
// The same for a household: NotFound("household.not_found").
core::Result<SubjectPlace> HouseholdPlace(store::Session& tx, std::string_view id,
                                          const std::vector<std::string>& scope);

}  // namespace socius::registry
