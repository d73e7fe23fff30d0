#pragma once

#include "http/router.h"
#include "store/database.h"

namespace socius::territory {

// Adds the territory endpoints of docs/api-contract.md to `router`:
//   GET   /api/v1/territories          (territory.read)  list children / top / search
//   GET   /api/v1/territories/{code}   (territory.read)
//   POST  /api/v1/territories          (territory.write on the parent)
//   PATCH /api/v1/territories/{code}   (territory.write, If-Match)
// `db` must outlive the router.
void RegisterTerritoryRoutes(http::Router& router, store::Database& db);

}  // namespace socius::territory
