#include "territory/repository.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/clock.h"
#include "store/sql.h"
#include "territory/rules.h"
#include "text/collation.h"

namespace socius::territory {

using core::Result;
using core::Status;
using store::OptValue;
using store::Value;

namespace {

constexpr std::string_view kSelect =
    "SELECT t.id, t.code, t.name, t.name_latin, t.level, t.parent_id, p.code, t.path, "
    "t.community_id, t.version, t.created_at, t.updated_at "
    "FROM territories t LEFT JOIN territories p ON p.id = t.parent_id ";

constexpr std::string_view kInsertColumns =
    "INSERT INTO territories (id, code, parent_id, level, name, name_latin, path, community_id, "
    "search_name, sort_key, version, created_at, updated_at) VALUES ";
constexpr std::string_view kInsertRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)";

Value IdOrNull(const std::string& id) { return id.empty() ? store::Null() : Value(id); }

Territory FromRow(const store::Row& row) {
  Territory t;
  t.id = row.Text(0);
  t.code = row.Text(1);
  t.name = row.Text(2);
  t.name_latin = row.OptText(3);
  t.level = ParseLevel(row.Text(4)).value_or(Level::kCountry);
  t.parent_id = row.Text(5);
  // A country hung under the installation root still shows no parent.
  if (!row.IsNull(6) && row.Text(6) != kInstallationRootCode) t.parent_code = row.Text(6);
  t.path = row.Text(7);
  t.community_id = row.OptText(8);
  t.version = row.Int(9);
  t.created_at = row.Text(10);
  t.updated_at = row.Text(11);
  return t;
}

std::string UpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

Result<Territory> FindByCode(store::Session& tx, std::string_view code) {
  Result<store::Rows> rows =
      tx.Query(std::string(kSelect) + "WHERE t.code = ?", {Value(std::string(code))});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return Status::NotFound("territory.not_found", "no territory " + std::string(code))
        .With("code", std::string(code));
  }
  std::vector<Territory> found{FromRow((*rows)[0])};
  SOCIUS_RETURN_IF_ERROR(FillAncestors(tx, found));
  return std::move(found.front());
}

Result<TerritoryPage> ListTerritories(store::Session& tx, const ListQuery& query) {
  if (query.scope_paths.empty()) return TerritoryPage{};
  std::string where;
  std::vector<Value> params;
  where += "WHERE t.code <> ?";
  params.emplace_back(std::string(kInstallationRootCode));

  // The subtrees, and the ancestors of their roots (so the tree can be walked down).
  std::string scope = store::ScopeFilter("t.path", query.scope_paths, params);
  std::vector<std::string> ancestors;
  for (const std::string& root : query.scope_paths) {
    if (root.empty() || root.back() != '/') continue;
    std::vector<std::string> codes = CodesOnPath(root);
    if (!codes.empty()) codes.pop_back();
    for (std::string& code : codes) ancestors.push_back(std::move(code));
  }
  if (scope != "1 = 1" && !ancestors.empty()) {
    scope += " OR t.code IN (" + store::Placeholders(ancestors.size()) + ")";
    for (std::string& code : ancestors) params.emplace_back(std::move(code));
  }
  where += " AND (" + scope + ")";

  if (query.parent_id) {
    where += " AND t.parent_id = ?";
    params.emplace_back(*query.parent_id);
  } else if (query.search.empty() && !query.level) {
    where += " AND t.level = ?";
    params.emplace_back(std::string(Name(Level::kCountry)));
  }
  if (query.within_path) {
    where += " AND " + store::StartsWith("t.path", *query.within_path, params) + " AND t.path <> ?";
    params.emplace_back(*query.within_path);
  }
  if (!query.search.empty()) {
    where += " AND (" + store::StartsWith("t.code", query.search, params) + " OR " +
             store::StartsWith("t.code", UpperAscii(query.search), params);
    for (const std::string& pattern : SearchPatternsOf(query.search)) {
      where += " OR t.search_name LIKE ? ESCAPE '!'";
      params.emplace_back("%" + store::EscapeLike(pattern) + "%");
    }
    where += ")";
  }
  if (query.level) {
    where += " AND t.level = ?";
    params.emplace_back(std::string(Name(*query.level)));
  }

  TerritoryPage page;
  // The whole count, so that a list can say "120 found" however many one page shows.
  Result<store::Rows> counted = tx.Query("SELECT COUNT(*) FROM territories t " + where, params);
  if (!counted.ok()) return counted.status();
  page.total = (*counted)[0].Int(0);

  std::string sql = std::string(kSelect) + where;
  if (!query.after_code.empty()) {
    // Keyset on (sort key, code): the cursor names the last code of the previous page.
    sql +=
        " AND (t.sort_key > (SELECT c.sort_key FROM territories c WHERE c.code = ?) OR "
        "(t.sort_key = (SELECT c.sort_key FROM territories c WHERE c.code = ?) AND t.code > ?))";
    params.emplace_back(query.after_code);
    params.emplace_back(query.after_code);
    params.emplace_back(query.after_code);
  }
  sql += " ORDER BY t.sort_key, t.code LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit) + 1);

  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const store::Row& row : *rows) {
    if (page.items.size() == static_cast<size_t>(query.limit)) {
      page.last_code = page.items.back().code;
      break;
    }
    page.items.push_back(FromRow(row));
  }
  SOCIUS_RETURN_IF_ERROR(FillAncestors(tx, page.items));
  return page;
}

Status FillAncestors(store::Session& tx, std::vector<Territory>& territories) {
  // The codes above each territory (its own, last on its path, left out), and all of them once.
  std::vector<std::vector<std::string>> above(territories.size());
  std::vector<std::string> codes;
  for (size_t i = 0; i < territories.size(); ++i) {
    above[i] = CodesOnPath(territories[i].path);
    if (!above[i].empty()) above[i].pop_back();
    for (const std::string& code : above[i]) {
      if (code == kInstallationRootCode) continue;
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    }
  }
  if (codes.empty()) return Status::Ok();
  std::vector<Value> params;
  for (const std::string& code : codes) params.emplace_back(code);
  Result<store::Rows> rows = tx.Query("SELECT code, name, level FROM territories WHERE code IN (" +
                                          store::Placeholders(codes.size()) + ")",
                                      params);
  if (!rows.ok()) return rows.status();
  std::map<std::string, TerritoryRef> by_code;
  for (const store::Row& row : *rows) {
    by_code[row.Text(0)] =
        TerritoryRef{row.Text(0), row.Text(1), ParseLevel(row.Text(2)).value_or(Level::kCountry)};
  }
  for (size_t i = 0; i < territories.size(); ++i) {
    territories[i].ancestors.clear();
    for (const std::string& code : above[i]) {
      auto found = by_code.find(code);
      if (found != by_code.end()) territories[i].ancestors.push_back(found->second);
    }
  }
  return Status::Ok();
}

Result<int64_t> FillDerivedNames(store::Session& tx) {
  Result<store::Rows> rows =
      tx.Query("SELECT code, name, name_latin FROM territories WHERE sort_key = ?", {Value("")});
  if (!rows.ok()) return rows.status();
  for (const store::Row& row : *rows) {
    const std::string name = row.Text(1);
    const std::optional<std::string> name_latin = row.OptText(2);
    Result<int64_t> done =
        tx.Exec("UPDATE territories SET search_name = ?, sort_key = ? WHERE code = ?",
                {Value(SearchKeyOf(name, name_latin)), Value(text::CollationKey(name)),
                 Value(row.Text(0))});
    if (!done.ok()) return done.status();
  }
  return static_cast<int64_t>(rows->size());
}

Status InsertTerritory(store::Session& tx, const Territory& t) {
  const std::string now = t.created_at.empty() ? core::NowUtc() : t.created_at;
  Result<int64_t> done =
      tx.Exec(std::string(kInsertColumns) + std::string(kInsertRow),
              {Value(t.id), Value(t.code), IdOrNull(t.parent_id), Value(std::string(Name(t.level))),
               Value(t.name), OptValue(t.name_latin), Value(t.path), OptValue(t.community_id),
               Value(SearchKeyOf(t.name, t.name_latin)), Value(text::CollationKey(t.name)),
               Value(now), Value(now)});
  if (!done.ok()) {
    if (done.status().kind() == core::StatusKind::kConflict) {
      return Status::Conflict("territory.duplicate_code", "code", "the code exists: " + t.code)
          .With("code", t.code);
    }
    return done.status();
  }
  return Status::Ok();
}

Result<Territory> UpdateTerritoryNames(store::Session& tx, const std::string& code,
                                       int64_t expected_version, const std::string& name,
                                       const std::optional<std::string>& name_latin) {
  Result<int64_t> changed = tx.Exec(
      "UPDATE territories SET name = ?, name_latin = ?, search_name = ?, sort_key = ?, "
      "version = version + 1, updated_at = ? WHERE code = ? AND version = ?",
      {Value(name), OptValue(name_latin), Value(SearchKeyOf(name, name_latin)),
       Value(text::CollationKey(name)), Value(core::NowUtc()), Value(code),
       Value(expected_version)});
  if (!changed.ok()) return changed.status();
  Result<Territory> now = FindByCode(tx, code);
  if (!now.ok()) return now.status();
  if (*changed == 0) {
    return Status::Conflict("conflict.stale_version", "version",
                            "territory " + code + " is at version " + std::to_string(now->version));
  }
  return now;
}

Result<int64_t> CountCountries(store::Session& tx) {
  Result<store::Rows> rows = tx.Query(
      "SELECT COUNT(*) FROM territories WHERE level = ? AND code <> ?",
      {Value(std::string(Name(Level::kCountry))), Value(std::string(kInstallationRootCode))});
  if (!rows.ok()) return rows.status();
  return (*rows)[0].Int(0);
}

Result<std::vector<Territory>> LoadCountry(store::Session& tx, std::string_view country) {
  std::vector<Territory> out;
  std::vector<Value> params{Value(std::string(country))};
  const std::string sql = std::string(kSelect) + "WHERE t.code = ? OR " +
                          store::StartsWith("t.code", std::string(country) + ":", params);
  Status status = tx.ForEach(sql, params, [&out](const store::Row& row) {
    out.push_back(FromRow(row));
    return true;
  });
  if (!status.ok()) return status;
  return out;
}

namespace {
constexpr size_t kRowsBetweenAnalyze = 2000;
}  // namespace

TerritoryBulkInsert::TerritoryBulkInsert(store::Session& tx, size_t batch_rows)
    : tx_(tx), batch_rows_(batch_rows == 0 ? 1 : batch_rows) {
  full_batch_sql_ = kInsertColumns;
  for (size_t i = 0; i < batch_rows_; ++i) {
    if (i > 0) full_batch_sql_ += ", ";
    full_batch_sql_ += kInsertRow;
  }
}

Status TerritoryBulkInsert::Add(const Territory& t) {
  const std::string now = t.created_at.empty() ? core::NowUtc() : t.created_at;
  params_.insert(params_.end(),
                 {Value(t.id), Value(t.code), IdOrNull(t.parent_id),
                  Value(std::string(Name(t.level))), Value(t.name), OptValue(t.name_latin),
                  Value(t.path), OptValue(t.community_id), Value(SearchKeyOf(t.name, t.name_latin)),
                  Value(text::CollationKey(t.name)), Value(now), Value(now)});
  if (++pending_ == batch_rows_) return Flush();
  return Status::Ok();
}

Status TerritoryBulkInsert::Flush() {
  if (pending_ == 0) return Status::Ok();
  std::string partial_sql;
  if (pending_ != batch_rows_) {
    partial_sql = kInsertColumns;
    for (size_t i = 0; i < pending_; ++i) {
      if (i > 0) partial_sql += ", ";
      partial_sql += kInsertRow;
    }
  }
  Result<int64_t> done = tx_.Exec(pending_ == batch_rows_ ? full_batch_sql_ : partial_sql, params_);
  since_analyze_ += pending_;
  pending_ = 0;
  params_.clear();
  if (!done.ok()) {
    if (done.status().kind() == core::StatusKind::kConflict) {
      return Status::Conflict("territory.duplicate_code", "code", done.status().detail());
    }
    return done.status();
  }
  // PostgreSQL checks each row's parent with a plan made when the table was small: a scan of
  // the whole table, per row, as it grows (31,749 Ukrainian rows took 42 s). Fresh statistics
  // every few thousand rows make it plan the primary key's index again.
  if (tx_.dialect() == store::Dialect::kPostgres && since_analyze_ >= kRowsBetweenAnalyze) {
    since_analyze_ = 0;
    SOCIUS_RETURN_IF_ERROR(tx_.ExecScript("ANALYZE territories"));
  }
  return Status::Ok();
}

}  // namespace socius::territory
