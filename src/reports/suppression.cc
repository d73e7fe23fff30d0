#include "reports/suppression.h"

#include <optional>

namespace socius::reports {

bool BelowThreshold(int64_t value, int64_t threshold) { return value > 0 && value < threshold; }

namespace {

// One group; true when it suppressed a cell.
bool SuppressOnce(std::vector<Cell>& cells, const AdditiveGroup& group, int64_t threshold) {
  if (group.parts.empty()) return false;
  int suppressed = cells[group.total].suppressed ? 1 : 0;
  int64_t hidden_sum = 0;
  for (size_t part : group.parts) {
    if (!cells[part].suppressed) continue;
    ++suppressed;
    hidden_sum += cells[part].value;
  }
  const bool alone = suppressed == 1;
  const bool narrow = !cells[group.total].suppressed && suppressed >= 2 && hidden_sum < threshold;
  if (!alone && !narrow) return false;
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

void SuppressSecondary(std::vector<Cell>& cells, const std::vector<AdditiveGroup>& groups,
                       int64_t threshold) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (const AdditiveGroup& group : groups) {
      changed = SuppressOnce(cells, group, threshold) || changed;
    }
  }
}

}  // namespace socius::reports
