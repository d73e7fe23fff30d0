#pragma once

#include "http/router.h"
#include "registry/import_worker.h"
#include "registry/person_index.h"
#include "store/database.h"

namespace socius::registry {

// Adds the person import endpoints of docs/registry-import.md (all need person.import; a job
// outside the caller's person.import scope is 404 import.not_found):
//   POST   /api/v1/persons/imports                 create a job, or reopen the caller's
//                                                  unfinished one of the same file
//   GET    /api/v1/persons/imports                 the caller's jobs, newest first
//   GET    /api/v1/persons/imports/{id}            one job with its first 1000 problems
//   PUT    /api/v1/persons/imports/{id}/content    ?offset=N, a chunk of the file
//   DELETE /api/v1/persons/imports/{id}            cancel
// Uploads are stored under worker.directory(); a complete upload is queued on `worker`.
// `db`, `index` and `worker` must outlive the router.
void RegisterImportRoutes(http::Router& router, store::Database& db, PersonIndex& index,
                          ImportWorker& worker);

}  // namespace socius::registry
