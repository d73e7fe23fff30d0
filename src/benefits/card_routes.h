#pragma once

#include "http/router.h"
#include "store/database.h"

namespace socius::benefits {

// Adds the large-family card's endpoints (docs/benefits-api.md, "Large-family card") to
// `router`: /api/v1/cards for officers, and what anyone may reach without an account — the
// verification of a token (/api/v1/public/cards/verify, limited per sender), the published
// public keys (/api/v1/public/cards/keys) and the verification page /cards/verify. `db` must
// outlive the router.
void RegisterCardRoutes(http::Router& router, store::Database& db);

// The public half of RegisterCardRoutes (public_card_routes.cc).
void RegisterPublicCardRoutes(http::Router& router, store::Database& db);

}  // namespace socius::benefits
