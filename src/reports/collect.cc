#include "reports/collect.h"

#include "assessments/report_figures.h"
#include "benefits/report_figures.h"
#include "cases/report_figures.h"
#include "services/report_figures.h"

namespace socius::reports {

core::Status CollectFigures(store::Session& tx, const std::string& territory_path,
                            core::Month month, std::vector<core::FigureCount>& out) {
  const core::FigureQuery query = core::MakeFigureQuery(territory_path, month);
  SOCIUS_RETURN_IF_ERROR(cases::CountFigures(tx, query, out));
  SOCIUS_RETURN_IF_ERROR(assessments::CountFigures(tx, query, out));
  SOCIUS_RETURN_IF_ERROR(services::CountFigures(tx, query, core::Today(), out));
  return benefits::CountFigures(tx, query, out);
}

core::Result<std::vector<core::FigureRecord>> CollectRecords(store::Session& tx,
                                                             const core::FigureRecordQuery& query) {
  if (cases::OwnsFigure(query.indicator)) return cases::ListFigureRecords(tx, query);
  if (assessments::OwnsFigure(query.indicator)) return assessments::ListFigureRecords(tx, query);
  if (services::OwnsFigure(query.indicator)) return services::ListFigureRecords(tx, query);
  return benefits::ListFigureRecords(tx, query);
}

}  // namespace socius::reports
