#pragma once

// The benefits room's monthly figures (docs/reports-api.md): applications, decisions,
// beneficiaries paid and the amounts per currency, cards issued, and the records behind them.

#include <string_view>
#include <vector>

#include "core/figures.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::benefits {

bool OwnsFigure(std::string_view indicator);
core::Status CountFigures(store::Session& tx, const core::FigureQuery& query,
                          std::vector<core::FigureCount>& out);
core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    store::Session& tx, const core::FigureRecordQuery& query);

}  // namespace socius::benefits
