#include "territory/import.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "auth/audit.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/ids.h"
#include "territory/repository.h"
#include "territory/rules.h"

namespace socius::territory {

using core::CsvReader;
using core::CsvRecord;
using core::Result;
using core::Status;

namespace {

// Deeper than any real tree (country, region, district, community, settlement, its parts).
constexpr int kMaxDepth = 16;

enum Column { kCode, kParentCode, kLevel, kName, kNameLatin, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"code", "parent_code", "level",
                                                                     "name", "name_latin"};

// One data record after the checks that need nothing but the record itself.
struct ParsedRow {
  int64_t line = 0;
  std::string code;
  std::optional<std::string> parent_code;
  Level level = Level::kCountry;
  std::string name;
  std::optional<std::string> name_latin;
  bool bad = false;  // failed a check of its own (reported)
};

// What the import decides for one good row.
enum class Action { kCreate, kUpdate, kUnchanged };

struct Resolution {
  enum class State { kUnresolved, kVisiting, kGood, kRejected } state = State::kUnresolved;
  Action action = Action::kCreate;
  Territory territory;  // id, path, community_id as they are or will be
  int64_t version = 0;  // existing rows
};

// A row whose parent, found in the same file at `parent_line`, is itself rejected.
Status ParentRejected(const std::string& parent_code, int64_t parent_line) {
  return Status::InvalidArgument(
      "territory.parent_rejected", "parent_code",
      "parent \"" + parent_code + "\" (row " + std::to_string(parent_line) + ") is rejected");
}

class Importer {
 public:
  explicit Importer(const ImportOptions& options) : options_(options) {}

  // Reads the whole stream into parsed rows; false when the header makes the file unusable.
  bool Parse(std::istream& in);
  // Validates against the database and writes, inside `tx`.
  Status Apply(store::Session& tx);

  ImportReport& report() { return report_; }

 private:
  void Report(int64_t line, std::string field, const Status& status);
  void Report(int64_t line, std::string field, std::string code, std::string message);
  bool ParseHeader(const CsvRecord& header);
  void ParseRecord(const CsvRecord& record);
  // Decides the fate of rows_[i], its parents first (recursively: levels fall along a chain
  // except settlement within settlement, so `depth` is bounded by kMaxDepth).
  const Resolution& Resolve(size_t i, int depth = 0);
  void Reject(size_t i, const Status& status, bool report);

  const ImportOptions& options_;
  ImportReport report_;
  std::array<int, kColumnCount> position_{};  // column → index in the record, or -1
  size_t width_ = 0;
  std::vector<ParsedRow> rows_;
  std::unordered_map<std::string, size_t> by_code_;  // first row of each code
  std::unordered_map<std::string, Territory> existing_;
  std::vector<Resolution> resolved_;
};

void Importer::Report(int64_t line, std::string field, std::string code, std::string message) {
  if (report_.errors.size() >= kMaxReportedErrors) return;
  report_.errors.push_back({line, std::move(field), std::move(code), std::move(message)});
}

void Importer::Report(int64_t line, std::string field, const Status& status) {
  Report(line, field.empty() ? status.field() : std::move(field), status.code(), status.detail());
}

bool Importer::ParseHeader(const CsvRecord& header) {
  position_.fill(-1);
  width_ = header.fields.size();
  bool ok = true;
  if (!header.malformed.empty()) {
    Report(header.line, "", "territory.csv_malformed", header.malformed);
    return false;
  }
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string& name = header.fields[i];
    auto it = std::find(kColumnNames.begin(), kColumnNames.end(), name);
    if (it == kColumnNames.end()) {
      Report(
          header.line, name, "territory.csv_unknown_column",
          "unknown column \"" + name + "\"; expected code, parent_code, level, name, name_latin");
      ok = false;
      continue;
    }
    const size_t column = static_cast<size_t>(it - kColumnNames.begin());
    if (position_[column] >= 0) {
      Report(header.line, name, "territory.csv_duplicate_column",
             "column \"" + name + "\" appears twice");
      ok = false;
      continue;
    }
    position_[column] = static_cast<int>(i);
  }
  for (size_t column = 0; column < kColumnCount; ++column) {
    if (column != kNameLatin && position_[column] < 0) {
      Report(header.line, std::string(kColumnNames[column]), "territory.csv_missing_column",
             "the header lacks column \"" + std::string(kColumnNames[column]) + "\"");
      ok = false;
    }
  }
  return ok;
}

void Importer::ParseRecord(const CsvRecord& record) {
  ++report_.rows;
  ParsedRow row;
  row.line = record.line;
  const auto reject = [&](std::string field, const Status& status) {
    Report(record.line, std::move(field), status);
    row.bad = true;
  };
  if (!record.malformed.empty()) {
    Report(record.line, "", "territory.csv_malformed", record.malformed);
    row.bad = true;
  } else if (record.fields.size() != width_) {
    Report(record.line, "", "territory.csv_column_count",
           "expected " + std::to_string(width_) + " fields, found " +
               std::to_string(record.fields.size()));
    row.bad = true;
  }
  if (row.bad) {
    ++report_.rejected;
    rows_.push_back(std::move(row));
    return;
  }
  const auto field = [&](Column column) -> const std::string& {
    static const std::string kEmpty;
    return position_[column] < 0 ? kEmpty : record.fields[static_cast<size_t>(position_[column])];
  };
  for (size_t column = 0; column < kColumnCount; ++column) {
    if (position_[column] >= 0 && !IsValidUtf8(field(static_cast<Column>(column)))) {
      reject(std::string(kColumnNames[column]),
             Status::InvalidArgument("territory.invalid_utf8", "", "the text is not valid UTF-8"));
    }
  }
  if (row.bad) {
    ++report_.rejected;
    rows_.push_back(std::move(row));
    return;
  }

  row.code = field(kCode);
  if (Status s = CheckCodeShape(row.code); !s.ok()) {
    reject("code", Status::InvalidArgument(s.code(), "",
                                           "invalid code \"" + row.code + "\": " + s.detail()));
  }
  if (!field(kParentCode).empty()) row.parent_code = field(kParentCode);
  if (std::optional<Level> level = ParseLevel(field(kLevel))) {
    row.level = *level;
  } else {
    reject("level", Status::InvalidArgument("territory.invalid_level", "",
                                            "unknown level \"" + field(kLevel) + "\""));
  }
  if (Result<std::string> name = CleanName(field(kName), "name"); name.ok()) {
    row.name = std::move(*name);
  } else {
    reject("name", name.status());
  }
  if (Result<std::optional<std::string>> latin = CleanOptionalName(field(kNameLatin), "name_latin");
      latin.ok()) {
    row.name_latin = std::move(*latin);
  } else {
    reject("name_latin", latin.status());
  }
  if (!row.bad || !row.code.empty()) {
    auto [it, fresh] = by_code_.emplace(row.code, rows_.size());
    if (!fresh && !row.bad) {
      reject("code", Status::InvalidArgument("territory.duplicate_code", "",
                                             "code \"" + row.code + "\" already appears on row " +
                                                 std::to_string(rows_[it->second].line)));
    }
  }
  if (row.bad) ++report_.rejected;
  rows_.push_back(std::move(row));
}

bool Importer::Parse(std::istream& in) {
  CsvReader reader(in);
  CsvRecord record;
  if (!reader.Next(&record)) {
    Report(1, "", "territory.csv_empty", "the file is empty; it needs a header line");
    return false;
  }
  if (!ParseHeader(record)) return false;
  while (reader.Next(&record)) ParseRecord(record);
  return true;
}

void Importer::Reject(size_t i, const Status& status, bool report) {
  resolved_[i].state = Resolution::State::kRejected;
  ++report_.rejected;
  if (report) Report(rows_[i].line, "", status);
}

const Resolution& Importer::Resolve(size_t i, int depth) {
  Resolution& out = resolved_[i];
  const ParsedRow& row = rows_[i];
  if (out.state == Resolution::State::kVisiting || depth > kMaxDepth) {
    Reject(i,
           Status::InvalidArgument("territory.parent_cycle", "parent_code",
                                   "the chain of parents of \"" + row.code +
                                       "\" loops or is deeper than " + std::to_string(kMaxDepth)),
           true);
    return out;
  }
  if (out.state != Resolution::State::kUnresolved) return out;
  if (row.bad || by_code_.at(row.code) != i) {
    out.state = Resolution::State::kRejected;  // counted and reported while parsing
    return out;
  }
  out.state = Resolution::State::kVisiting;
  // The parent: a row of the file, else a row of the database.
  std::optional<Level> parent_level;
  const Territory* parent = nullptr;
  if (row.parent_code) {
    auto in_file = by_code_.find(*row.parent_code);
    if (in_file != by_code_.end()) {
      const ParsedRow& parent_row = rows_[in_file->second];
      if (parent_row.bad) {
        // In an all-or-nothing import the parent's own error says enough.
        Reject(i, ParentRejected(*row.parent_code, parent_row.line), options_.partial);
        return out;
      }
      if (Status s = CheckLevelUnder(row.level, parent_row.level); !s.ok()) {
        Reject(i, s, true);
        return out;
      }
      const Resolution& parent_resolution = Resolve(in_file->second, depth + 1);
      if (out.state == Resolution::State::kRejected) return out;  // a loop came back here
      if (parent_resolution.state != Resolution::State::kGood) {
        Reject(i, ParentRejected(*row.parent_code, parent_row.line), options_.partial);
        return out;
      }
      parent = &parent_resolution.territory;
      parent_level = parent_row.level;
    } else if (auto in_db = existing_.find(*row.parent_code); in_db != existing_.end()) {
      parent = &in_db->second;
      parent_level = parent->level;
    } else {
      Reject(i,
             Status::InvalidArgument(
                 "territory.parent_not_found", "parent_code",
                 "parent \"" + *row.parent_code + "\" is neither in the file nor in the database"),
             true);
      return out;
    }
  }
  if (Status s = CheckLevelUnder(row.level, parent_level); !s.ok()) {
    Reject(i, s, true);
    return out;
  }
  if (Status s = CheckCodeUnder(row.code, row.parent_code); !s.ok()) {
    Reject(i,
           Status::InvalidArgument(s.code(), s.field(),
                                   "invalid code \"" + row.code + "\": " + s.detail()),
           true);
    return out;
  }

  if (auto it = existing_.find(row.code); it != existing_.end()) {
    const Territory& current = it->second;
    if (current.parent_code != row.parent_code) {
      Reject(i,
             Status::InvalidArgument("territory.parent_mismatch", "parent_code",
                                     "\"" + row.code + "\" exists with parent \"" +
                                         current.parent_code.value_or("") + "\""),
             true);
      return out;
    }
    if (current.level != row.level) {
      Reject(i,
             Status::InvalidArgument(
                 "territory.level_mismatch", "level",
                 "\"" + row.code + "\" exists with level " + std::string(Name(current.level))),
             true);
      return out;
    }
    out.territory = current;
    out.version = current.version;
    out.action = (current.name == row.name && current.name_latin == row.name_latin)
                     ? Action::kUnchanged
                     : Action::kUpdate;
    out.territory.name = row.name;
    out.territory.name_latin = row.name_latin;
    out.state = Resolution::State::kGood;
    return out;
  }

  Territory& t = out.territory;
  t.id = core::NewId();
  t.code = row.code;
  t.name = row.name;
  t.name_latin = row.name_latin;
  t.level = row.level;
  t.parent_code = row.parent_code;
  t.parent_id = parent ? parent->id : "";
  t.path = PathOf(parent ? parent->path : "", row.code);
  if (row.level == Level::kCommunity) {
    t.community_id = t.id;
  } else if (parent && row.level > Level::kCommunity) {
    t.community_id = parent->community_id;
  }
  out.action = Action::kCreate;
  out.state = Resolution::State::kGood;
  return out;
}

Status Importer::Apply(store::Session& tx) {
  // A transaction may be retried: start from the parse's counts each time.
  const int64_t parse_rejected =
      std::count_if(rows_.begin(), rows_.end(), [](const ParsedRow& r) { return r.bad; });
  report_.rejected = parse_rejected;
  report_.created = report_.updated = report_.unchanged = 0;
  report_.committed = false;

  std::set<std::string> countries;
  for (const ParsedRow& row : rows_) {
    if (row.bad) continue;
    countries.emplace(CountryPrefix(row.code));
    if (row.parent_code) countries.emplace(CountryPrefix(*row.parent_code));
  }
  existing_.clear();
  for (const std::string& country : countries) {
    Result<std::vector<Territory>> loaded = LoadCountry(tx, country);
    if (!loaded.ok()) return loaded.status();
    for (Territory& t : *loaded) {
      std::string code = t.code;
      existing_.emplace(std::move(code), std::move(t));
    }
  }

  resolved_.assign(rows_.size(), Resolution{});
  for (size_t i = 0; i < rows_.size(); ++i) Resolve(i);
  // Errors in file order, whatever order the resolution met them in.
  std::stable_sort(report_.errors.begin(), report_.errors.end(),
                   [](const ImportError& a, const ImportError& b) { return a.row < b.row; });

  if (report_.rejected > 0 && !options_.partial) return Status::Ok();

  // Parents before children: a parent's path is shorter than its child's.
  std::vector<size_t> creates;
  for (size_t i = 0; i < rows_.size(); ++i) {
    const Resolution& r = resolved_[i];
    if (r.state != Resolution::State::kGood) continue;
    if (r.action == Action::kCreate) creates.push_back(i);
    if (r.action == Action::kUnchanged) ++report_.unchanged;
  }
  std::stable_sort(creates.begin(), creates.end(), [this](size_t a, size_t b) {
    return resolved_[a].territory.path.size() < resolved_[b].territory.path.size();
  });
  const std::string now = core::NowUtc();
  TerritoryBulkInsert insert(tx);
  for (size_t i : creates) {
    resolved_[i].territory.created_at = now;
    SOCIUS_RETURN_IF_ERROR(insert.Add(resolved_[i].territory));
    ++report_.created;
  }
  SOCIUS_RETURN_IF_ERROR(insert.Flush());
  for (size_t i = 0; i < rows_.size(); ++i) {
    const Resolution& r = resolved_[i];
    if (r.state != Resolution::State::kGood || r.action != Action::kUpdate) continue;
    Result<Territory> updated = UpdateTerritoryNames(tx, r.territory.code, r.version,
                                                     r.territory.name, r.territory.name_latin);
    if (!updated.ok()) return updated.status();
    ++report_.updated;
  }

  nlohmann::json detail = {{"rows", report_.rows},         {"created", report_.created},
                           {"updated", report_.updated},   {"unchanged", report_.unchanged},
                           {"rejected", report_.rejected}, {"partial", options_.partial}};
  if (!options_.source.empty()) detail["source"] = options_.source;
  auth::AuditEvent event;
  event.action = "territory.import";
  event.entity_type = "territory";
  event.detail_json = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(tx, options_.actor, event));
  report_.committed = true;
  return Status::Ok();
}

}  // namespace

Result<ImportReport> ImportTerritoriesCsv(store::Database& db, std::istream& in,
                                          const ImportOptions& options) {
  Importer importer(options);
  if (!importer.Parse(in)) {
    importer.report().rejected = importer.report().rows;
    return importer.report();
  }
  if (in.bad()) return Status::Internal("reading the territory file failed");
  const std::vector<ImportError> parse_errors = importer.report().errors;
  Status status = db.Write([&](store::Session& tx) {
    importer.report().errors = parse_errors;
    return importer.Apply(tx);
  });
  if (!status.ok()) return status;
  return importer.report();
}

}  // namespace socius::territory
