#pragma once

// The cases room's monthly figures (docs/reports-api.md): contacts, cases, plan actions and
// referrals, counted per community, and the records behind each.

#include <string_view>
#include <vector>

#include "core/figures.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::cases {

// True when `indicator` is one of this room's.
bool OwnsFigure(std::string_view indicator);
// Every figure of this room for the query's month, appended to `out`.
core::Status CountFigures(store::Session& tx, const core::FigureQuery& query,
                          std::vector<core::FigureCount>& out);
// The records behind one of this room's figures.
core::Result<std::vector<core::FigureRecord>> ListFigureRecords(
    store::Session& tx, const core::FigureRecordQuery& query);

}  // namespace socius::cases
