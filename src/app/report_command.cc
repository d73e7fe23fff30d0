#include "app/report_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "reports/files.h"
#include "reports/reports.h"

namespace socius::app {

int RunReportMonthly(const CommonOptions& common, const ReportMonthlyOptions& options) {
  const std::string what = "report monthly";
  std::optional<core::Month> month = core::ParseMonth(options.month);
  if (!month) {
    PrintError(what + ": --month " + options.month, "give the month as YYYY-MM");
    return kExitInvalidInput;
  }
  std::optional<reports::FileFormat> format = reports::ParseFileFormat(options.format);
  if (!format) {
    PrintError(what + ": --format " + options.format, "csv, xlsx or pdf");
    return kExitUsage;
  }
  std::error_code exists_error;
  if (std::filesystem::exists(options.out, exists_error)) {
    PrintError(what + ": " + options.out, "the file already exists");
    return kExitConflict;
  }
  auto db = OpenDatabase(common, what);
  if (!db.ok()) return ExitCodeOf(db.status());
  reports::Reports reports(**db);
  core::Result<reports::MonthlyReport> report =
      reports.MonthlyAsSystem(options.territory_code, *month);
  (*db)->Close();
  if (!report.ok()) {
    PrintError(what + ": " + options.territory_code + " " + options.month, report.status());
    return ExitCodeOf(report.status());
  }
  core::Result<reports::ReportFile> file =
      reports::WriteMonthlyReport(*report, *format, options.language);
  if (!file.ok()) {
    PrintError(what, file.status());
    return ExitCodeOf(file.status());
  }
  std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
  out.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
  out.close();
  if (!out) {
    PrintError(what + ": " + options.out, "cannot write the file");
    return kExitOther;
  }
  std::cout << "Monthly report of " << report->territory.name << " (" << report->territory.code
            << ") for " << options.month << " written to " << options.out << " ("
            << file->bytes.size() << " bytes)" << std::endl;
  return kExitOk;
}

}  // namespace socius::app
