#pragma once

// The use cases of households: list, read, form and change a household and its members.
// Each opens its transaction, checks the caller's scope and permission (a household outside
// the scope is NotFound), applies rules.h and writes the audit entry in the transaction that
// makes the change. Routes only parse and encode. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "core/result.h"
#include "registry/model.h"
#include "registry/repository.h"
#include "store/database.h"

namespace socius::registry {

class Households {
 public:
  explicit Households(store::Database& db) : db_(db) {}

  // Households in the caller's person.read scope, newest first, after the keyset `after`
  // (a previous page's last_key; "" from the start).
  core::Result<HouseholdPage> List(const auth::Principal& who, const std::string& after, int limit);
  // NotFound("household.not_found").
  core::Result<Household> Get(const auth::Principal& who, const std::string& id);
  // Forms a household where the caller holds person.write: in the community (or settlement)
  // named, else in the first member's community. Members must be persons in the caller's
  // scope, of that community, in no other household. Audit household.create.
  core::Result<Household> Create(const auth::Principal& who, const HouseholdInput& input);
  // Applies `input` at `expected_version` (Conflict "conflict.stale_version" otherwise);
  // `members`, when given, replaces the whole membership. Audit household.update with the
  // before and after; no change: no entry, same version.
  core::Result<Household> Update(const auth::Principal& who, const std::string& id,
                                 int64_t expected_version, const HouseholdInput& input);

 private:
  store::Database& db_;
};

}  // namespace socius::registry
