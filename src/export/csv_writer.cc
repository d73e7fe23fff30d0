#include "export/csv_writer.h"

#include <algorithm>
#include <string>

namespace socius::exporting {
namespace {

// The characters with which a spreadsheet starts a formula (OWASP "CSV injection"); TAB and
// CR because some spreadsheets skip them before looking for one.
bool StartsLikeFormula(std::string_view value) {
  if (value.empty()) return false;
  switch (value.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string FormatMinorUnits(int64_t minor_units, int decimals) {
  decimals = std::clamp(decimals, 0, 9);
  // Works on the unsigned magnitude so that INT64_MIN has a positive counterpart.
  const bool negative = minor_units < 0;
  uint64_t magnitude =
      negative ? 0 - static_cast<uint64_t>(minor_units) : static_cast<uint64_t>(minor_units);
  std::string digits = std::to_string(magnitude);
  if (static_cast<int>(digits.size()) <= decimals) {
    digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
  }
  if (decimals > 0) digits.insert(digits.size() - static_cast<size_t>(decimals), ".");
  return negative ? "-" + digits : digits;
}

CsvWriter::CsvWriter(CsvOptions options) : options_(options) {
  if (options_.byte_order_mark) out_ = "\xEF\xBB\xBF";
}

CsvWriter& CsvWriter::Text(std::string_view value) {
  StartCell();
  const bool guard = StartsLikeFormula(value);
  const bool quote = value.find_first_of(std::string{options_.separator, '"', '\r', '\n'}) !=
                     std::string_view::npos;
  if (quote) out_ += '"';
  if (guard) out_ += '\'';
  for (char c : value) {
    if (c == '"') out_ += '"';
    out_ += c;
  }
  if (quote) out_ += '"';
  return *this;
}

CsvWriter& CsvWriter::Integer(int64_t value) {
  AppendRaw(std::to_string(value));
  return *this;
}

CsvWriter& CsvWriter::Money(int64_t minor_units, int decimals) {
  AppendRaw(FormatMinorUnits(minor_units, decimals));
  return *this;
}

CsvWriter& CsvWriter::Date(core::Date date) {
  AppendRaw(date.ToString());
  return *this;
}

CsvWriter& CsvWriter::Empty() {
  StartCell();
  return *this;
}

void CsvWriter::EndRow() {
  out_ += "\r\n";
  row_started_ = false;
}

void CsvWriter::TextRow(std::initializer_list<std::string_view> values) {
  for (std::string_view value : values) Text(value);
  EndRow();
}

void CsvWriter::StartCell() {
  if (row_started_) out_ += options_.separator;
  row_started_ = true;
}

void CsvWriter::AppendRaw(std::string_view value) {
  StartCell();
  // Numbers and dates hold no quote or line break; only a '.' or '-' separator could clash.
  const bool quote = value.find(options_.separator) != std::string_view::npos;
  if (quote) out_ += '"';
  out_ += value;
  if (quote) out_ += '"';
}

}  // namespace socius::exporting
