#pragma once

// The monthly report as a file: CSV, XLSX or PDF (docs/reports-api.md, "export"), in the
// reader's language, with the same figures (suppressed alike) as the JSON.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "reports/model.h"

namespace socius::reports {

enum class FileFormat { kCsv, kXlsx, kPdf };
std::optional<FileFormat> ParseFileFormat(std::string_view text);

struct ReportFile {
  std::string name;  // "monthly-MD:1301-2026-10.pdf"
  std::string content_type;
  std::string bytes;
};

core::Result<ReportFile> WriteMonthlyReport(const MonthlyReport& report, FileFormat format,
                                            std::string_view language);

}  // namespace socius::reports
