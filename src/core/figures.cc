#include "core/figures.h"

#include <utility>

namespace socius::core {

Month AddMonths(Month month, int months) {
  int index = month.year * 12 + (month.month - 1) + months;
  return Month{index / 12, index % 12 + 1};
}

FigureQuery MakeFigureQuery(std::string territory_path, Month month) {
  FigureQuery query;
  query.territory_path = std::move(territory_path);
  query.month = month;
  query.month_start = FirstDay(month).ToString();
  query.next_month_start = FirstDay(AddMonths(month, 1)).ToString();
  query.month_start_at = StartOfLocalDay(FirstDay(month));
  query.next_month_start_at = StartOfLocalDay(FirstDay(AddMonths(month, 1)));
  return query;
}

}  // namespace socius::core
