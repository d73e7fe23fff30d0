#pragma once

#include <string>

#include "app/cli.h"

namespace socius::app {

struct ReportMonthlyOptions {
  std::string territory_code;
  std::string month;            // YYYY-MM
  std::string format;           // csv | xlsx | pdf
  std::string out;              // the file to write
  std::string language = "en";  // en, ro, uk, mk, lt or ru
};
// `report monthly`: the monthly activity report of a territory as a file, every figure
// shown (the command line reads the database itself). Exit 0, 3 (a malformed or future
// month), 4 (no such territory), 5 (the file exists), 6 (database unavailable).
int RunReportMonthly(const CommonOptions& common, const ReportMonthlyOptions& options);

}  // namespace socius::app
