#pragma once

#include "http/router.h"
#include "store/database.h"

namespace socius::services {

// Adds the endpoints of docs/services-api.md to `router`: /api/v1/providers,
// /api/v1/services and /api/v1/enrolments (with their transitions). `db` must outlive the
// router.
void RegisterServiceRoutes(http::Router& router, store::Database& db);

}  // namespace socius::services
