#pragma once

#include <cstdint>

#include "http/router.h"
#include "store/database.h"

namespace socius::reports {

// Adds the endpoints of docs/reports-api.md to `router`: /api/v1/reports/monthly (with its
// records and files), /api/v1/reports/series and the DHIS2 mapping and export. `db` must
// outlive the router; `min_cell` is the smallest count shown to callers without report.drill.
void RegisterReportRoutes(http::Router& router, store::Database& db, int64_t min_cell);

}  // namespace socius::reports
