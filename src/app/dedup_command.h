#pragma once

#include <string>

#include "app/cli.h"

namespace socius::app {

// `dedup run --territory CODE`: a search for duplicates over the territory, on this thread,
// with its progress and summary printed. Exit 0, 4 (no such territory), 5 (a run over the
// territory is already running), 6 (database unavailable).
int RunDedup(const CommonOptions& common, const std::string& territory_code);

}  // namespace socius::app
