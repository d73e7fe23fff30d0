#pragma once

// The services room's monthly figures (docs/reports-api.md): enrolments started and running,
// waiting lists and the longest wait, and the enrolments behind them.

#include <string_view>
#include <vector>

#include "core/figures.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::services {

bool OwnsFigure(std::string_view indicator);
// `today` bounds the current month's waits (the month's end has not come yet).
core::Status CountFigures(store::Session& tx, const core::FigureQuery& query, core::Date today,
                          std::vector<core::FigureCount>& out);
core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    store::Session& tx, const core::FigureRecordQuery& query);

}  // namespace socius::services
