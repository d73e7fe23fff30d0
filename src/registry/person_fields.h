#pragma once

// What the registry's use cases and its import say of one person: the changes between two
// versions (for audit entries) and the fields the deduplication engine compares.

#include <nlohmann/json.hpp>

#include "dedup/engine.h"
#include "registry/model.h"

namespace socius::registry {

// The fields that differ between two versions of a person, for the audit entry:
// {"field":{"from","to"}}; identifiers masked. Notes are confidential: only the fact that they
// changed is recorded. A person being created is compared with an empty one.
nlohmann::json PersonChanges(const Person& before, const Person& after);

// The person as the deduplication engine compares it (dedup::RecordOf).
dedup::PersonFields MatchFieldsOf(const Person& person);

}  // namespace socius::registry
