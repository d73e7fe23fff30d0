#pragma once

// Every room's figures for one month, per community: the one place that knows the rooms.

#include <string>
#include <vector>

#include "core/figures.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::reports {

core::Status CollectFigures(store::Session& tx, const std::string& territory_path,
                            core::Month month, std::vector<core::FigureCount>& out);

// The records behind one figure, from the room that counts it.
core::Result<std::vector<core::FigureRecord>> CollectRecords(store::Session& tx,
                                                             const core::FigureRecordQuery& query);

}  // namespace socius::reports
