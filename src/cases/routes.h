#pragma once

#include "cases/cases.h"
#include "http/router.h"
#include "store/database.h"

namespace socius::cases {

// Adds the endpoints of docs/cases-api.md to `router`: /api/v1/cases (and their transitions,
// closure decision, assignment, timeline, notes, plan, referrals), /api/v1/plan-actions,
// /api/v1/referrals, /api/v1/contacts, /api/v1/today and /api/v1/case-settings. `db` and
// `catalogue` (the services a referral may target; none: referrals name free text only) must
// outlive the router.
void RegisterCaseRoutes(http::Router& router, store::Database& db,
                        const ServiceCatalogue* catalogue = nullptr);

}  // namespace socius::cases
