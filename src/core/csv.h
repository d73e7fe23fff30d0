#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace socius::core {

// One record of a CSV file.
struct CsvRecord {
  int64_t line = 0;  // the line of the file on which the record starts (1-based)
  std::vector<std::string> fields;
  // Empty, or an English description of a quoting error; the fields are then unreliable.
  std::string malformed;
};

// An RFC 4180 reader that streams: one record at a time from `in`, never the whole file.
// Fields may be quoted, with "" for a quote and commas and line breaks inside; records end
// with CRLF, LF or a bare CR (old spreadsheet exports). A UTF-8 byte order mark at the start is
// skipped. Lines that are entirely empty are skipped. Bytes are passed through unchanged (UTF-8 is
// checked by the caller). Not thread-safe.
class CsvReader {
 public:
  // `delimiter` separates fields: ',' (RFC 4180) or another byte such as ';'.
  explicit CsvReader(std::istream& in, char delimiter = ',');
  // Reads the next record into `record`; false at the end of the input.
  bool Next(CsvRecord* record);

 private:
  int Get();
  int Peek();

  std::streambuf* buf_;
  char delimiter_ = ',';
  int64_t line_ = 1;
  bool started_ = false;
};

}  // namespace socius::core
