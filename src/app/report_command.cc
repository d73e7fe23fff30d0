#include "app/report_command.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
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
  // Readable by its owner only: the command's figures are not suppressed, and a count of one
  // or two can point at a family. O_EXCL: never over a file that appeared since the check.
  const int fd = ::open(options.out.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const bool exists = errno == EEXIST;  // read before printing, which may set errno
    PrintError(what + ": " + options.out,
               exists ? "the file already exists" : "cannot write the file");
    return exists ? kExitConflict : kExitOther;
  }
  bool written = true;
  for (size_t at = 0; written && at < file->bytes.size();) {
    const ssize_t n = ::write(fd, file->bytes.data() + at, file->bytes.size() - at);
    if (n < 0 && errno == EINTR) continue;
    written = n > 0;
    if (written) at += static_cast<size_t>(n);
  }
  written = ::close(fd) == 0 && written;
  if (!written) {
    std::error_code ignored;
    std::filesystem::remove(options.out, ignored);  // never a half-written report
    PrintError(what + ": " + options.out, "cannot write the file");
    return kExitOther;
  }
  std::cout << "Monthly report of " << report->territory.name << " (" << report->territory.code
            << ") for " << options.month << " written to " << options.out << " ("
            << file->bytes.size() << " bytes)" << std::endl;
  return kExitOk;
}

}  // namespace socius::app
