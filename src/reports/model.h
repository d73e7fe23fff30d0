#pragma once

// The monthly activity report as the use cases return it (docs/reports-api.md).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/figures.h"
#include "territory/model.h"

namespace socius::reports {

// This month, the previous one, the same month a year before.
inline constexpr size_t kColumns = 3;
using Values = std::array<std::optional<int64_t>, kColumns>;  // nullopt: suppressed

struct Figure {
  std::string indicator;
  std::string section;
  std::string unit;
  std::string dimension;  // "" for the total
  std::string value_code;
  std::string label;
  std::string currency;
  Values values;
  std::vector<Values> by_territory;  // one per child of the territory, in its order
};

struct MonthlyReport {
  territory::TerritoryRef territory;
  std::array<core::Month, kColumns> months;
  std::string generated_at;
  std::optional<int64_t> suppression_threshold;  // set when the figures were suppressed
  bool drill_down = false;
  std::vector<territory::TerritoryRef> sub_territories;
  std::vector<Figure> figures;
};

// The dashboard: each figure month by month.
struct Series {
  std::string indicator;
  std::string section;
  std::string unit;
  std::string dimension;
  std::string value_code;
  std::string label;
  std::string currency;
  std::vector<std::optional<int64_t>> values;
};
struct SeriesReport {
  territory::TerritoryRef territory;
  std::vector<core::Month> months;
  std::optional<int64_t> suppression_threshold;
  std::vector<Series> series;
};

struct RecordsPage {
  std::vector<core::FigureRecord> items;
  std::optional<std::string> next_cursor;
};

}  // namespace socius::reports
