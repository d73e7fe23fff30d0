#pragma once

// The assessments room's monthly figures (docs/reports-api.md): households screened and found
// vulnerable, by flag, and the screenings behind them.

#include <string_view>
#include <vector>

#include "core/figures.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::assessments {

bool OwnsFigure(std::string_view indicator);
core::Status CountFigures(store::Session& tx, const core::FigureQuery& query,
                          std::vector<core::FigureCount>& out);
core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    store::Session& tx, const core::FigureRecordQuery& query);

}  // namespace socius::assessments
