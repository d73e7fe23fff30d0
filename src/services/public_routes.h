#pragma once

#include "http/router.h"
#include "store/database.h"

namespace socius::services {

// Adds what residents reach without an account, /api/v1/public/communities/{code}/services
// and .../help-requests and the page /directory/{code} (with its form, POST
// /directory/{code}/help), and the workers' intake queue /api/v1/help-requests
// (docs/services-api.md). `db` must outlive the router.
void RegisterPublicServiceRoutes(http::Router& router, store::Database& db);

}  // namespace socius::services
