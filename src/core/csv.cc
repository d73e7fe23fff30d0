#include "core/csv.h"

namespace socius::core {

namespace {
constexpr int kEof = std::char_traits<char>::eof();
}  // namespace

CsvReader::CsvReader(std::istream& in, char delimiter) : buf_(in.rdbuf()), delimiter_(delimiter) {}

int CsvReader::Get() {
  if (buf_ == nullptr) return kEof;
  return buf_->sbumpc();
}

int CsvReader::Peek() {
  if (buf_ == nullptr) return kEof;
  return buf_->sgetc();
}

bool CsvReader::Next(CsvRecord* record) {
  if (!started_) {
    started_ = true;
    // A UTF-8 byte order mark: EF BB BF.
    if (Peek() == 0xEF) {
      Get();
      if (Peek() == 0xBB) {
        Get();
        if (Peek() == 0xBF) Get();
      }
    }
  }
  record->fields.clear();
  record->malformed.clear();
  // Skip empty lines.
  for (;;) {
    const int c = Peek();
    if (c == kEof) return false;
    if (c == '\n') {
      Get();
      ++line_;
    } else if (c == '\r') {
      Get();
      if (Peek() == '\n') Get();
      ++line_;
    } else {
      break;
    }
  }
  record->line = line_;
  std::string field;
  for (;;) {
    int c = Get();
    if (c == '"' && field.empty()) {
      // A quoted field: up to the closing quote, "" standing for one quote.
      bool closed = false;
      while ((c = Get()) != kEof) {
        if (c == '"') {
          if (Peek() == '"') {
            Get();
            field += '"';
          } else {
            closed = true;
            break;
          }
        } else {
          if (c == '\n' || (c == '\r' && Peek() != '\n')) ++line_;
          field += static_cast<char>(c);
        }
      }
      if (!closed) {
        record->malformed = "a quoted field is not closed before the end of the file";
        record->fields.push_back(std::move(field));
        return true;
      }
      c = Get();
      if (c != delimiter_ && c != '\n' && c != '\r' && c != kEof) {
        record->malformed = "a closing quote is followed by text other than a delimiter";
        // Resynchronise at the end of the line.
        while (c != '\n' && c != '\r' && c != kEof) c = Get();
        if (c == '\r' && Peek() == '\n') Get();
        if (c == '\n' || c == '\r') ++line_;
        record->fields.push_back(std::move(field));
        return true;
      }
    } else {
      while (c != delimiter_ && c != '\n' && c != '\r' && c != kEof) {
        if (c == '"' && record->malformed.empty()) {
          record->malformed = "a quote inside an unquoted field";
        }
        field += static_cast<char>(c);
        c = Get();
      }
    }
    record->fields.push_back(std::move(field));
    field.clear();
    if (c == delimiter_) continue;
    if (c == '\r' && Peek() == '\n') Get();
    if (c == '\n' || c == '\r') ++line_;
    return true;
  }
}

}  // namespace socius::core
