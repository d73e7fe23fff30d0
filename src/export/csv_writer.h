#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/clock.h"

// `export` is a C++ keyword, so the export module's namespace is `exporting`.
namespace socius::exporting {

struct CsvOptions {
  // ',' for most banks and spreadsheets; ';' where the decimal comma is the custom.
  char separator = ',';
  // A UTF-8 byte order mark lets Excel on Windows read Cyrillic and diacritics correctly.
  bool byte_order_mark = false;
};

// Builds an RFC 4180 CSV document in memory: UTF-8, CRLF after every row, a cell quoted
// when it holds the separator, a quote, CR or LF. Text cells are guarded against formula
// injection: one starting with = + - @ TAB or CR gets a leading single quote, so a spreadsheet
// shows it as text instead of running it. Numbers written with Integer() or Money() are not
// guarded: a negative amount stays a number. Not thread-safe; one writer per document.
class CsvWriter {
 public:
  explicit CsvWriter(CsvOptions options = {});

  CsvWriter& Text(std::string_view value);
  CsvWriter& Integer(int64_t value);
  // An amount of `minor_units` with `decimals` digits after the point ("-1234.50" for
  // -123450 and 2), always with '.' so that the file reads the same in every locale.
  // `decimals` is clamped to 0..9.
  CsvWriter& Money(int64_t minor_units, int decimals);
  CsvWriter& Date(core::Date date);  // "YYYY-MM-DD"
  CsvWriter& Empty();
  // Ends the current row with CRLF.
  void EndRow();
  // A whole row of text cells, typically the header.
  void TextRow(std::initializer_list<std::string_view> values);

  const std::string& str() const { return out_; }
  std::string Take() && { return std::move(out_); }

 private:
  void StartCell();
  void AppendRaw(std::string_view value);

  CsvOptions options_;
  std::string out_;
  bool row_started_ = false;
};

// "-1234.50" for (-123450, 2): the decimal text of an amount in minor units, exact for every
// int64_t. `decimals` is clamped to 0..9. Shared by the CSV and XLSX writers and reports.
std::string FormatMinorUnits(int64_t minor_units, int decimals);

}  // namespace socius::exporting
