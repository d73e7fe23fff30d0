#pragma once

// The CSV side of the person import (docs/registry-import.md): the header and its mapping to
// fields, and one record turned into a PersonInput. Pure functions over streams; no SQL.

#include <array>
#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/result.h"
#include "registry/model.h"

namespace socius::registry {

// The fields a column may be mapped to, in a stable order; "ignore" skips a column.
enum class ImportField {
  kGivenName,
  kFamilyName,
  kPatronymic,
  kBirthDate,
  kSex,
  kIdentifierScheme,
  kIdentifierValue,
  kCommunityCode,
  kSettlementCode,
  kAddress,
  kPhone,
  kLanguages,
  kDisabilityDegree,
  kNotes,
  kHouseholdRef,
  kRelationshipToHead,
  kIgnore,
};
inline constexpr size_t kImportFieldCount = static_cast<size_t>(ImportField::kIgnore);
std::string_view Name(ImportField field);
std::optional<ImportField> ParseImportField(std::string_view name);  // case-insensitive

// A problem with the header or a record: code, field name and English message (params for
// the translated one).
struct CsvProblem {
  std::string field;
  std::string code;
  std::string message;
  std::map<std::string, std::string> params;
};

// One data record, as typed, mapped to the fields.
struct ImportRecord {
  int64_t row = 0;  // the line of the file on which it starts
  PersonInput input;
  std::optional<std::string> household_ref;
  std::optional<std::string> relationship;
};

// Reads a person CSV from `in`: the header line first (delimiter ',' or ';' detected on it,
// UTF-8 BOM skipped), then one record at a time. Not thread-safe.
class PersonCsvReader {
 public:
  // `mapping`: file column (case-insensitive, trimmed) → field name or "ignore".
  PersonCsvReader(std::istream& in, std::map<std::string, std::string> mapping);

  // Reads and maps the header. A CsvProblem (row 1; row 0 for import.empty_file) when the file
  // is empty, a column is unknown or given twice, a mapping names no field, or the name
  // columns are missing.
  std::optional<CsvProblem> ReadHeader();
  char delimiter() const { return delimiter_; }

  // The next record; false at the end. On a malformed record (quoting, column count, UTF-8)
  // `problem` is set and `record` holds only the row number.
  bool Next(ImportRecord* record, std::optional<CsvProblem>* problem);

 private:
  std::istream& in_;
  std::map<std::string, std::string> mapping_;
  char delimiter_ = ',';
  std::vector<ImportField> columns_;
  std::unique_ptr<core::CsvReader> reader_;
  core::CsvRecord raw_;
};

// Maps a rule's field ("identifiers[0].value", "languages[2]") to the CSV field
// ("identifier_value", "languages").
std::string CsvFieldOf(std::string_view rule_field);

}  // namespace socius::registry
