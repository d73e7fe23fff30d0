#pragma once

#include "http/router.h"
#include "store/database.h"

namespace socius::benefits {

// Adds the endpoints of docs/benefits-api.md to `router`: /api/v1/programmes (with budgets,
// eligibility and preview), /api/v1/applications and /api/v1/decisions. `db` must outlive the
// router.
void RegisterBenefitRoutes(http::Router& router, store::Database& db);

}  // namespace socius::benefits
