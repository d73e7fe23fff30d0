#include "export/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

namespace socius::exporting {
namespace {

constexpr size_t kMaxColumns = 16384;     // Excel's limit, XFD
constexpr size_t kMaxDataRows = 1048575;  // Excel's 1,048,576 rows less the header
constexpr int kMaxDecimals = 4;

// A file only this process can read, removed when the object goes: libxlsxwriter can only
// write to a path, and a payment list must not linger in /tmp after a failure.
class TemporaryFile {
 public:
  static core::Result<TemporaryFile> Create() {
    const char* dir = std::getenv("TMPDIR");
    std::string directory = (dir != nullptr && *dir != '\0') ? dir : "/tmp";
    std::string path = directory + "/socius-xlsx-XXXXXX";
    int fd = mkstemp(path.data());  // creates the file with mode 0600
    if (fd < 0) {
      return core::Status::Unavailable(
          "xlsx.temporary_file",
          "cannot create a file in " + directory + ": " + std::strerror(errno));
    }
    close(fd);
    return TemporaryFile(std::move(directory), std::move(path));
  }

  TemporaryFile(TemporaryFile&& other) noexcept
      : directory_(std::move(other.directory_)), path_(std::exchange(other.path_, {})) {}
  TemporaryFile& operator=(TemporaryFile&&) = delete;
  ~TemporaryFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }

  const std::string& directory() const { return directory_; }
  const std::string& path() const { return path_; }

  core::Result<std::string> ReadAll() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in.good() && !in.eof()) {
      return core::Status::Unavailable("xlsx.temporary_file", "cannot read " + path_);
    }
    return std::move(bytes).str();
  }

 private:
  TemporaryFile(std::string directory, std::string path)
      : directory_(std::move(directory)), path_(std::move(path)) {}

  std::string directory_;
  std::string path_;
};

// The formats a workbook shares between its sheets, made once per Build().
class Formats {
 public:
  explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {
    header_ = workbook_add_format(workbook);
    format_set_bold(header_);
    date_ = workbook_add_format(workbook);
    format_set_num_format(date_, "yyyy-mm-dd");
  }

  lxw_format* header() const { return header_; }
  lxw_format* date() const { return date_; }

  // "#,##0.00" for two decimals: a thousands separator and the currency's decimals, each
  // shown in the reader's locale by the spreadsheet.
  lxw_format* Money(int decimals) {
    lxw_format*& format = money_[static_cast<size_t>(decimals)];
    if (format == nullptr) {
      std::string pattern = "#,##0";
      if (decimals > 0) pattern += "." + std::string(static_cast<size_t>(decimals), '0');
      format = workbook_add_format(workbook_);
      format_set_num_format(format, pattern.c_str());
    }
    return format;
  }

 private:
  lxw_workbook* workbook_;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
  std::array<lxw_format*, kMaxDecimals + 1> money_{};
};

std::string CellName(const XlsxSheet& sheet, size_t row, size_t column) {
  return sheet.name() + "!R" + std::to_string(row + 1) + "C" + std::to_string(column + 1);
}

core::Status FromLibrary(lxw_error error, const std::string& field) {
  switch (error) {
    case LXW_NO_ERROR:
      return core::Status::Ok();
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
      return core::Status::InvalidArgument("xlsx.text_too_long", field);
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
    case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
    case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
    case LXW_ERROR_SHEETNAME_ALREADY_USED:
      return core::Status::InvalidArgument("xlsx.bad_sheet_name", field, lxw_strerror(error));
    default:
      return core::Status::Internal(std::string("libxlsxwriter: ") + lxw_strerror(error) + " at " +
                                    field);
  }
}

// `row` and `column` are 0-based positions in the sheet (row 0 is the header).
core::Status WriteCell(lxw_worksheet* worksheet, Formats& formats, const XlsxCell& cell,
                       const std::string& where, lxw_row_t row, lxw_col_t column) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    return FromLibrary(worksheet_write_string(worksheet, row, column, text->c_str(), nullptr),
                       where);
  }
  if (const auto* integer = std::get_if<int64_t>(&cell)) {
    return FromLibrary(
        worksheet_write_number(worksheet, row, column, static_cast<double>(*integer), nullptr),
        where);
  }
  if (const auto* money = std::get_if<XlsxMoney>(&cell)) {
    if (money->decimals < 0 || money->decimals > kMaxDecimals) {
      return core::Status::InvalidArgument("xlsx.bad_decimals", where);
    }
    double scale = 1;
    for (int i = 0; i < money->decimals; ++i) scale *= 10;
    double amount = static_cast<double>(money->minor_units) / scale;
    return FromLibrary(
        worksheet_write_number(worksheet, row, column, amount, formats.Money(money->decimals)),
        where);
  }
  if (const auto* date = std::get_if<core::Date>(&cell)) {
    // A spreadsheet's day numbers start in 1900; earlier dates would silently turn into text.
    if (date->year < 1900 || date->year > 9999) {
      return core::Status::InvalidArgument("xlsx.date_out_of_range", where);
    }
    lxw_datetime value{date->year, date->month, date->day, 0, 0, 0.0};
    return FromLibrary(worksheet_write_datetime(worksheet, row, column, &value, formats.date()),
                       where);
  }
  return core::Status::Ok();  // an empty cell is left unwritten
}

core::Status WriteSheet(lxw_workbook* workbook, Formats& formats, const XlsxSheet& sheet) {
  if (sheet.name().empty()) return core::Status::InvalidArgument("xlsx.bad_sheet_name", "");
  SOCIUS_RETURN_IF_ERROR(
      FromLibrary(workbook_validate_sheet_name(workbook, sheet.name().c_str()), sheet.name()));
  if (sheet.columns().size() > kMaxColumns) {
    return core::Status::InvalidArgument("xlsx.row_too_long", sheet.name(), "too many columns");
  }
  if (sheet.rows().size() > kMaxDataRows) {
    return core::Status::InvalidArgument("xlsx.too_many_rows", sheet.name());
  }
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet.name().c_str());
  if (worksheet == nullptr) return core::Status::Internal("libxlsxwriter: no worksheet");

  for (size_t c = 0; c < sheet.columns().size(); ++c) {
    const XlsxColumn& column = sheet.columns()[c];
    const auto index = static_cast<lxw_col_t>(c);
    const std::string where = CellName(sheet, 0, c);
    SOCIUS_RETURN_IF_ERROR(
        FromLibrary(worksheet_set_column(worksheet, index, index, column.width, nullptr), where));
    SOCIUS_RETURN_IF_ERROR(FromLibrary(
        worksheet_write_string(worksheet, 0, index, column.header.c_str(), formats.header()),
        where));
  }
  // The header stays in view while the reader scrolls a long payment list.
  worksheet_freeze_panes(worksheet, 1, 0);

  for (size_t r = 0; r < sheet.rows().size(); ++r) {
    const std::vector<XlsxCell>& cells = sheet.rows()[r];
    if (cells.size() > sheet.columns().size()) {
      return core::Status::InvalidArgument("xlsx.row_too_long",
                                           CellName(sheet, r + 1, sheet.columns().size()));
    }
    for (size_t c = 0; c < cells.size(); ++c) {
      SOCIUS_RETURN_IF_ERROR(WriteCell(worksheet, formats, cells[c], CellName(sheet, r + 1, c),
                                       static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c)));
    }
  }
  return core::Status::Ok();
}

}  // namespace

XlsxSheet& XlsxWorkbook::AddSheet(std::string name, std::vector<XlsxColumn> columns) {
  return sheets_.emplace_back(std::move(name), std::move(columns));
}

core::Result<std::string> XlsxWorkbook::Build() const {
  if (sheets_.empty()) return core::Status::InvalidArgument("xlsx.no_sheets");
  core::Result<TemporaryFile> file = TemporaryFile::Create();
  if (!file.ok()) return file.status();

  // libxlsxwriter's own scratch files go beside ours, so $TMPDIR governs both.
  std::string scratch = file->directory();
  lxw_workbook_options options{};
  options.tmpdir = scratch.data();
  lxw_workbook* workbook = workbook_new_opt(file->path().c_str(), &options);
  if (workbook == nullptr) return core::Status::Internal("libxlsxwriter: no workbook");

  core::Status written;
  Formats formats(workbook);
  for (const XlsxSheet& sheet : sheets_) {
    written = WriteSheet(workbook, formats, sheet);
    if (!written.ok()) break;
  }
  // workbook_close also frees the workbook, so it runs after a failure too.
  lxw_error closed = workbook_close(workbook);
  if (!written.ok()) return written;
  if (closed == LXW_ERROR_CREATING_XLSX_FILE || closed == LXW_ERROR_CREATING_TMPFILE) {
    return core::Status::Unavailable("xlsx.temporary_file", lxw_strerror(closed));
  }
  SOCIUS_RETURN_IF_ERROR(FromLibrary(closed, "workbook"));
  return file->ReadAll();
}

}  // namespace socius::exporting
