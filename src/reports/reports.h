#pragma once

// The use cases of the reports room: the monthly activity report of a territory, the records
// behind one of its figures, and the dashboard's series. Figures come from each room's
// report_figures.h; this room adds them up by territory, suppresses small cells for callers
// without report.drill, and audits what shows names. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>

#include "auth/principal.h"
#include "core/clock.h"
#include "core/result.h"
#include "reports/model.h"
#include "store/database.h"

namespace socius::reports {

// The longest span a series may cover, in months.
inline constexpr int kMaxSeriesMonths = 24;
inline constexpr int64_t kDefaultMinCell = 5;

struct RecordsRequest {
  std::string territory_code;
  core::Month month;
  std::string indicator;
  std::string dimension;
  std::string value_code;
  std::string currency;
  std::optional<std::string> cursor;
  int limit = 50;
};

class Reports {
 public:
  // `min_cell`: the smallest count shown to callers without report.drill.
  Reports(store::Database& db, int64_t min_cell = kDefaultMinCell) : db_(db), min_cell_(min_cell) {}

  // report.read over the territory (else NotFound("territory.not_found")); a month after the
  // current one is InvalidArgument("report.future_month", "month").
  core::Result<MonthlyReport> Monthly(const auth::Principal& who, const std::string& territory_code,
                                      core::Month month);
  // The same, for the command line: unsuppressed, every territory.
  core::Result<MonthlyReport> MonthlyAsSystem(const std::string& territory_code, core::Month month);
  // report.drill over the territory (PermissionDenied when it only reads). Audited
  // (report.drill_down), in a transaction before the page is returned.
  core::Result<RecordsPage> Records(const auth::Principal& who, const RecordsRequest& request);
  // `months` ending with `to` (1..kMaxSeriesMonths).
  core::Result<SeriesReport> SeriesOf(const auth::Principal& who, const std::string& territory_code,
                                      core::Month to, int months);
  // Writes the report.export audit entry for a file made from `report`.
  core::Status AuditExport(const auth::Principal& who, const MonthlyReport& report,
                           const std::string& format);

 private:
  core::Result<MonthlyReport> Build(const auth::Principal* who, const std::string& territory_code,
                                    core::Month month);
  store::Database& db_;
  int64_t min_cell_;
};

}  // namespace socius::reports
