#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"
#include "territory/model.h"

namespace socius::territory {

// The SQL of the territory room. Every function runs inside the caller's transaction (the
// Session of a Database::Read or Write) and uses the same SQL on SQLite and PostgreSQL.
// Not thread-safe beyond what a Session is.

// The territory with `code`, its ancestors filled. NotFound("territory.not_found") when
// there is none.
core::Result<Territory> FindByCode(store::Session& tx, std::string_view code);

// Which territories one listing returns. Scope: the subtrees rooted at `scope_paths`
// plus the ancestors of those roots; a root "/" is the whole installation. The installation
// root row (code ROOT) is never an item.
struct ListQuery {
  std::vector<std::string> scope_paths;
  // Children of this territory id. With no parent_id, search or level: the countries;
  // with a level alone: every territory of that level in scope.
  std::optional<std::string> parent_id;
  // With `search`: only strict descendants of this path.
  std::optional<std::string> within_path;
  // Matches a code prefix (as typed or upper-cased) or a substring of the name or the Latin
  // name, case-insensitively. Empty: no search.
  std::string search;
  std::optional<Level> level;
  std::string after_code;  // keyset cursor: items after this code in the listing's order
  int limit = 50;
};

struct TerritoryPage {
  std::vector<Territory> items;
  std::optional<std::string> last_code;  // set when more items follow the page
  int64_t total = 0;                     // how many match, on every page
};

// One page ordered by name (the collation key, text/collation.h), then code; `after_code`
// continues after that territory's place in the order. Each item's `ancestors` are filled.
// An empty scope gives an empty page.
core::Result<TerritoryPage> ListTerritories(store::Session& tx, const ListQuery& query);

// Sets `ancestors` of each territory from its path (one query for all).
core::Status FillAncestors(store::Session& tx, std::vector<Territory>& territories);

// Computes the search form and collation key of every row that has no collation key yet
// (rows written before migration 0012). Returns how many rows it filled. Idempotent.
core::Result<int64_t> FillDerivedNames(store::Session& tx);

// Inserts `territory` as given (id, path, community_id already computed; version 1).
// Conflict("territory.duplicate_code", "code") when the code exists.
core::Status InsertTerritory(store::Session& tx, const Territory& territory);

// Sets the names when the stored version is `expected_version`, bumping the version.
// NotFound("territory.not_found"); Conflict("conflict.stale_version") when the version moved.
core::Result<Territory> UpdateTerritoryNames(store::Session& tx, const std::string& code,
                                             int64_t expected_version, const std::string& name,
                                             const std::optional<std::string>& name_latin);

// The number of country rows (the installation root not counted).
core::Result<int64_t> CountCountries(store::Session& tx);

// Every territory whose code is `country` or starts with "country:", for the import's
// look-ups of existing rows.
core::Result<std::vector<Territory>> LoadCountry(store::Session& tx, std::string_view country);

// Inserts many territories with one multi-row statement per batch; the batch statement is
// the same text each time, so a backend's statement cache prepares it once. Rows must come
// parents first. Call Flush() before the transaction ends.
class TerritoryBulkInsert {
 public:
  explicit TerritoryBulkInsert(store::Session& tx, size_t batch_rows = 200);
  core::Status Add(const Territory& territory);
  core::Status Flush();

 private:
  store::Session& tx_;
  size_t batch_rows_;
  size_t pending_ = 0;
  size_t since_analyze_ = 0;
  std::vector<store::Value> params_;
  std::string full_batch_sql_;
};

}  // namespace socius::territory
