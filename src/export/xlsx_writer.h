#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace socius::exporting {

// An amount in minor units with the number of decimals of its currency (2 for lei, hryvnias,
// euros; 0 for a currency without minor units). Written as a number, so a column of them
// sums in a spreadsheet.
struct XlsxMoney {
  int64_t minor_units = 0;
  int decimals = 2;  // 0..4
};

// One cell: empty, text, an integer, an amount, or a calendar date (shown as YYYY-MM-DD).
using XlsxCell = std::variant<std::monostate, std::string, int64_t, XlsxMoney, core::Date>;

struct XlsxColumn {
  std::string header;
  double width = 12;  // in characters of the default font, as a spreadsheet counts them
};

// One sheet of a workbook: a bold, frozen header row made of the columns' headers, then the
// rows. A row may be shorter than the header (the rest stays empty), never longer.
class XlsxSheet {
 public:
  XlsxSheet(std::string name, std::vector<XlsxColumn> columns)
      : name_(std::move(name)), columns_(std::move(columns)) {}

  // Appends a row; its cells are written in the order given.
  void AddRow(std::vector<XlsxCell> cells) { rows_.push_back(std::move(cells)); }

  const std::string& name() const { return name_; }
  const std::vector<XlsxColumn>& columns() const { return columns_; }
  const std::vector<std::vector<XlsxCell>>& rows() const { return rows_; }

 private:
  std::string name_;
  std::vector<XlsxColumn> columns_;
  std::vector<std::vector<XlsxCell>> rows_;
};

// A workbook assembled in memory and written in one go by Build(). Text is always written as
// text, never as a formula, so a cell starting with '=' cannot run in the reader's
// spreadsheet. Not thread-safe; Build() may run from any thread and any number of times.
// libxlsxwriter prints numbers with printf, so the process must keep the "C" numeric locale
// (Socius never calls setlocale): a decimal comma would corrupt the file.
class XlsxWorkbook {
 public:
  // Adds a sheet and returns it for filling; the reference stays valid until the next
  // AddSheet.
  XlsxSheet& AddSheet(std::string name, std::vector<XlsxColumn> columns);

  // The .xlsx file's bytes. libxlsxwriter writes to a file, so Build() uses a private
  // temporary file (mode 0600, in $TMPDIR or /tmp) that it removes before returning, on
  // failure too. Fails with InvalidArgument: xlsx.no_sheets; xlsx.bad_sheet_name (empty, over
  // 31 characters, one of []:*?/\, starting or ending with an apostrophe, or used twice; field
  // = the name); xlsx.row_too_long (more cells than columns), xlsx.text_too_long (over 32,767
  // characters), xlsx.bad_decimals (outside 0..4), xlsx.date_out_of_range (before 1900 or
  // after 9999), xlsx.too_many_rows (over 1,048,575 data rows); field = "<sheet>!R<row>C<col>"
  // (1-based, header is row 1). Unavailable xlsx.temporary_file when the temporary file
  // cannot be made or read; Internal for any other libxlsxwriter failure.
  core::Result<std::string> Build() const;

 private:
  std::vector<XlsxSheet> sheets_;
};

}  // namespace socius::exporting
