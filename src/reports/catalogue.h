#pragma once

// The indicators of the monthly activity report, in the order the report shows them
// (docs/reports-api.md). The rooms count them (their report_figures.h); this table says how
// they are shown and added up.

#include <string_view>
#include <vector>

namespace socius::reports {

enum class Unit { kCount, kMoney, kDays };
std::string_view Name(Unit unit);

struct Indicator {
  std::string_view name;
  std::string_view section;
  Unit unit = Unit::kCount;
  std::vector<std::string_view> dimensions;  // the breakdowns, in the order shown
  // A maximum across communities, not a sum (the longest wait).
  bool maximum = false;
  // Suppressed with this count indicator's cell (money with the beneficiaries it paid).
  std::string_view follows = "";
};

const std::vector<Indicator>& Indicators();
// The indicator named `name`, or nullptr.
const Indicator* FindIndicator(std::string_view name);

}  // namespace socius::reports
