#pragma once

#include "dedup/dedup.h"
#include "http/router.h"

namespace socius::dedup {

// Adds the endpoints of docs/dedup-api.md to `router`: possible duplicates and their
// decisions, merges and their undo, batch runs. `dedup` must outlive the router.
void RegisterDedupRoutes(http::Router& router, Deduplication& dedup);

}  // namespace socius::dedup
