#pragma once

#include "http/router.h"
#include "registry/person_index.h"
#include "store/database.h"

namespace socius::registry {

// Adds the registry endpoints of docs/registry-api.md to `router`:
//   GET   /api/v1/persons                  (person.read)   search / list in scope
//   POST  /api/v1/persons                  (person.write over the community)
//   GET   /api/v1/persons/{id}             (person.read; audited as person.read)
//   PATCH /api/v1/persons/{id}             (person.write, If-Match)
//   GET   /api/v1/persons/{id}/history     (person.read; audited)
//   GET   /api/v1/households               (person.read)
//   POST  /api/v1/households               (person.write)
//   GET   /api/v1/households/{id}          (person.read)
//   PATCH /api/v1/households/{id}          (person.write, If-Match)
// Writes update `index` after they commit. `db` and `index` must outlive the router; `index`
// should be loaded (PersonIndex::Load) before the server accepts requests.
void RegisterRegistryRoutes(http::Router& router, store::Database& db, PersonIndex& index);

// The household half of the above (called by RegisterRegistryRoutes).
void RegisterHouseholdRoutes(http::Router& router, store::Database& db);

}  // namespace socius::registry
