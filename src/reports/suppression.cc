#include "reports/suppression.h"

#include <optional>

namespace socius::reports {

bool BelowThreshold(int64_t value, int64_t threshold) { return value > 0 && value < threshold; }

namespace {

// One pass over the groups; true when it suppressed a cell.
bool SuppressOnce(std::vector<Cell>& cells, const AdditiveGroup& group) {
  if (group.parts.empty()) return false;
  int suppressed = cells[group.total].suppressed ? 1 : 0;
  for (size_t part : group.parts) suppressed += cells[part].suppressed ? 1 : 0;
  if (suppressed != 1) return false;
  std::optional<size_t> smallest;
  for (size_t part : group.parts) {
    const Cell& cell = cells[part];
    if (cell.suppressed || cell.value == 0) continue;
    if (!smallest || cell.value < cells[*smallest].value) smallest = part;
  }
  // Only the total is left to hide the single suppressed part, or every part is zero or
  // suppressed already and the total gives the suppressed one away.
  const size_t hide = smallest ? *smallest : group.total;
  if (cells[hide].suppressed) return false;
  cells[hide].suppressed = true;
  return true;
}

}  // namespace

void SuppressSecondary(std::vector<Cell>& cells, const std::vector<AdditiveGroup>& groups) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (const AdditiveGroup& group : groups) changed = SuppressOnce(cells, group) || changed;
  }
}

}  // namespace socius::reports
