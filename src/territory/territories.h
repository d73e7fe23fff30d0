#pragma once

// The use cases of the territory room: what a caller may list, read, create and rename. Each
// opens its transaction, checks the caller's scope and permission, applies rules.h and writes
// the audit entry in the transaction that makes the change. Routes only parse and encode.
// Thread-safe (each call has its own transaction).

#include <cstdint>
#include <optional>
#include <string>

#include "auth/principal.h"
#include "core/result.h"
#include "store/database.h"
#include "territory/model.h"
#include "territory/repository.h"

namespace socius::territory {

// A listing as a caller asks for it (docs/api-contract.md, GET /api/v1/territories).
struct TerritoryListRequest {
  std::optional<std::string> parent_code;  // "root" or none: the top of the caller's scope
  std::string search;                      // trimmed; empty: no search
  std::optional<Level> level;
  std::string after_code;  // keyset cursor
  int limit = 50;
};

// A rename: absent fields keep their value; `name_latin` given as "" or null clears it.
struct TerritoryNames {
  std::optional<std::string> name;
  bool name_latin_given = false;
  std::optional<std::string> name_latin;
};

class Territories {
 public:
  explicit Territories(store::Database& db) : db_(db) {}

  // The caller's territory.read scope: its subtrees and their ancestors. A parent outside it
  // is NotFound("territory.not_found", param code).
  core::Result<TerritoryPage> List(const auth::Principal& who, const TerritoryListRequest& request);
  // NotFound("territory.not_found") outside the caller's scope, as if it did not exist. The
  // installation root only for a caller whose scope is the whole installation.
  core::Result<Territory> Get(const auth::Principal& who, const std::string& code);
  // Needs territory.write over the parent (the whole installation for a country).
  // InvalidArgument territory.invalid_code / invalid_level / invalid_name; NotFound
  // territory.parent_not_found; Conflict territory.duplicate_code; auth.forbidden.
  // Audit territory.create.
  core::Result<Territory> Create(const auth::Principal& who, const NewTerritory& draft);
  // Needs territory.write over the territory; Conflict("conflict.stale_version") unless it is
  // at `expected_version`. Audit territory.update with what changed (nothing: no entry).
  core::Result<Territory> Rename(const auth::Principal& who, const std::string& code,
                                 int64_t expected_version, const TerritoryNames& change);

 private:
  store::Database& db_;
};

}  // namespace socius::territory
