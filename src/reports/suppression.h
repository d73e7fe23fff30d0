#pragma once

// Small-cell suppression of aggregate figures for callers who may not see names
// (docs/reports-api.md, "Suppression"). Pure functions over a flat list of cells.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace socius::reports {

struct Cell {
  int64_t value = 0;
  bool suppressed = false;
};

// Cells that add up: `total` is the sum of `parts` (indices into the cell list).
struct AdditiveGroup {
  size_t total = 0;
  std::vector<size_t> parts;
};

// Primary: a count cell 0 < value < threshold.
bool BelowThreshold(int64_t value, int64_t threshold);

// Secondary: while some group has exactly one suppressed cell (its total or one part), the
// smallest non-zero unsuppressed part joins it (the total when no part is left), so that no
// suppressed cell is the difference of cells shown.
void SuppressSecondary(std::vector<Cell>& cells, const std::vector<AdditiveGroup>& groups);

}  // namespace socius::reports
