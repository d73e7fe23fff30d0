#include "registry/import_csv.h"

#include <algorithm>
#include <sstream>

#include "text/normalize.h"

namespace socius::registry {

namespace {

// The web app's column mapping lists the same fields (IMPORT_FIELDS in
// web/src/features/registry/csvImport.ts; its test compares the two lists).
constexpr std::array<std::string_view, kImportFieldCount + 1> kFieldNames = {"given_name",
                                                                             "family_name",
                                                                             "patronymic",
                                                                             "birth_date",
                                                                             "sex",
                                                                             "identifier_scheme",
                                                                             "identifier_value",
                                                                             "community_code",
                                                                             "settlement_code",
                                                                             "address",
                                                                             "phone",
                                                                             "languages",
                                                                             "disability_degree",
                                                                             "notes",
                                                                             "household_ref",
                                                                             "relationship_to_head",
                                                                             "ignore"};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  const size_t end = text.find_last_not_of(" \t");
  return std::string(text.substr(begin, end - begin + 1));
}

CsvProblem Problem(std::string field, std::string code, std::string message) {
  return CsvProblem{std::move(field), std::move(code), std::move(message), {}};
}

// The delimiter of a header line: the one of ',' and ';' seen more often outside quotes.
char DetectDelimiter(std::string_view line) {
  int commas = 0;
  int semicolons = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

// "DD.MM.YYYY" → "YYYY-MM-DD"; anything else unchanged (the rules judge it).
std::string IsoDate(const std::string& text) {
  if (text.size() == 10 && text[2] == '.' && text[5] == '.') {
    return text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
  }
  return text;
}

std::string WireSex(const std::string& text) {
  const std::string lower = Lower(text);
  if (lower == "f") return "female";
  if (lower == "m") return "male";
  return lower;
}

std::vector<std::string> SplitLanguages(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + " ") {
    if (c == '|' || c == ' ' || c == '\t') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

}  // namespace

std::string_view Name(ImportField field) { return kFieldNames[static_cast<size_t>(field)]; }

std::optional<ImportField> ParseImportField(std::string_view name) {
  const std::string lower = Lower(Trim(name));
  for (size_t i = 0; i < kFieldNames.size(); ++i) {
    if (kFieldNames[i] == lower) return static_cast<ImportField>(i);
  }
  return std::nullopt;
}

std::string CsvFieldOf(std::string_view rule_field) {
  if (rule_field.starts_with("identifiers")) {
    return rule_field.ends_with(".scheme") ? "identifier_scheme" : "identifier_value";
  }
  if (rule_field.starts_with("languages")) return "languages";
  return std::string(rule_field);
}

PersonCsvReader::PersonCsvReader(std::istream& in, std::map<std::string, std::string> mapping)
    : in_(in) {
  for (auto& [column, field] : mapping) mapping_[Lower(Trim(column))] = field;
}

namespace {

// Reads one line ending in LF, CRLF or a bare CR (as old spreadsheet programs write), without
// its end; false at the end of the input.
bool ReadLine(std::istream& in, std::string* line) {
  line->clear();
  std::streambuf* buf = in.rdbuf();
  using Traits = std::char_traits<char>;
  int c = buf->sbumpc();
  if (c == Traits::eof()) return false;
  while (c != Traits::eof() && c != '\n' && c != '\r') {
    line->push_back(static_cast<char>(c));
    c = buf->sbumpc();
  }
  if (c == '\r' && buf->sgetc() == '\n') buf->sbumpc();
  return true;
}

}  // namespace

std::optional<CsvProblem> PersonCsvReader::ReadHeader() {
  std::string line;
  if (!ReadLine(in_, &line)) {
    return Problem("", "import.empty_file", "the file is empty");
  }
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  if (Trim(line).empty()) return Problem("", "import.empty_file", "the header line is empty");
  if (!text::IsValidUtf8(line)) {
    return Problem("", "import.invalid_utf8", "the header line is not valid UTF-8");
  }
  delimiter_ = DetectDelimiter(line);
  std::istringstream header_in(line);
  core::CsvReader header_reader(header_in, delimiter_);
  core::CsvRecord header;
  if (!header_reader.Next(&header) || !header.malformed.empty()) {
    return Problem("", "import.malformed_row", "the header line is malformed: " + header.malformed);
  }
  for (const auto& [column, field] : mapping_) {
    if (!ParseImportField(field)) {
      CsvProblem p = Problem(field, "import.unknown_field", "no field " + field);
      p.params["column"] = column;
      return p;
    }
  }
  std::array<bool, kImportFieldCount> seen{};
  for (const std::string& raw : header.fields) {
    const std::string column = Lower(Trim(raw));
    std::optional<ImportField> field;
    if (auto it = mapping_.find(column); it != mapping_.end()) {
      field = ParseImportField(it->second);
    } else {
      field = ParseImportField(column);
    }
    if (!field) {
      CsvProblem p = Problem(raw, "import.unknown_column", "unknown column " + raw);
      p.params["column"] = raw;
      return p;
    }
    if (*field != ImportField::kIgnore) {
      const size_t i = static_cast<size_t>(*field);
      if (seen[i]) {
        CsvProblem p = Problem(raw, "import.duplicate_column", "a second column for a field");
        p.params["column"] = raw;
        return p;
      }
      seen[i] = true;
    }
    columns_.push_back(*field);
  }
  for (ImportField required : {ImportField::kGivenName, ImportField::kFamilyName}) {
    if (!seen[static_cast<size_t>(required)]) {
      CsvProblem p = Problem(std::string(Name(required)), "import.missing_column",
                             "no column for " + std::string(Name(required)));
      p.params["column"] = std::string(Name(required));
      return p;
    }
  }
  reader_ = std::make_unique<core::CsvReader>(in_, delimiter_);
  return std::nullopt;
}

bool PersonCsvReader::Next(ImportRecord* record, std::optional<CsvProblem>* problem) {
  problem->reset();
  *record = ImportRecord{};
  if (!reader_ || !reader_->Next(&raw_)) return false;
  record->row = raw_.line + 1;  // the reader starts after the header line
  if (!raw_.malformed.empty()) {
    *problem = Problem("", "import.malformed_row", raw_.malformed);
    return true;
  }
  if (raw_.fields.size() != columns_.size()) {
    *problem = Problem("", "import.malformed_row", "wrong number of columns");
    (*problem)->params["expected"] = std::to_string(columns_.size());
    (*problem)->params["found"] = std::to_string(raw_.fields.size());
    return true;
  }
  std::optional<std::string> scheme;
  std::optional<std::string> value;
  PersonInput& in = record->input;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const ImportField field = columns_[i];
    if (field == ImportField::kIgnore) continue;
    const std::string& raw = raw_.fields[i];
    if (!text::IsValidUtf8(raw)) {
      *problem = Problem(std::string(Name(field)), "import.invalid_utf8", "not valid UTF-8");
      return true;
    }
    // Names and free text are checked by the rules as typed; codes are trimmed.
    const std::string trimmed = Trim(raw);
    if (trimmed.empty()) continue;
    switch (field) {
      case ImportField::kGivenName:
        in.given_name = raw;
        break;
      case ImportField::kFamilyName:
        in.family_name = raw;
        break;
      case ImportField::kPatronymic:
        in.patronymic = raw;
        break;
      case ImportField::kBirthDate:
        in.birth_date = IsoDate(trimmed);
        break;
      case ImportField::kSex:
        in.sex = WireSex(trimmed);
        break;
      case ImportField::kIdentifierScheme:
        scheme = trimmed;
        break;
      case ImportField::kIdentifierValue:
        value = trimmed;
        break;
      case ImportField::kCommunityCode:
        in.community_code = trimmed;
        break;
      case ImportField::kSettlementCode:
        in.settlement_code = trimmed;
        break;
      case ImportField::kAddress:
        in.address = raw;
        break;
      case ImportField::kPhone:
        in.phone = trimmed;
        break;
      case ImportField::kLanguages:
        in.languages = SplitLanguages(trimmed);
        break;
      case ImportField::kDisabilityDegree:
        in.disability_degree = Lower(trimmed);
        break;
      case ImportField::kNotes:
        in.notes = raw;
        break;
      case ImportField::kHouseholdRef:
        record->household_ref = trimmed;
        break;
      case ImportField::kRelationshipToHead:
        record->relationship = Lower(trimmed);
        break;
      case ImportField::kIgnore:
        break;
    }
  }
  if (scheme.has_value() != value.has_value()) {
    const std::string field = scheme ? "identifier_value" : "identifier_scheme";
    *problem = Problem(field, "import.identifier_incomplete", "scheme and value go together");
    return true;
  }
  if (scheme) in.identifiers = std::vector<IdentifierInput>{{*scheme, *value}};
  if (record->household_ref && !record->relationship) {
    *problem = Problem("relationship_to_head", "household.invalid_relationship",
                       "a household member needs a relationship to the head");
    return true;
  }
  return true;
}

}  // namespace socius::registry
