#pragma once

// Helpers shared by the registry's repository files (person_repository.cc,
// household_repository.cc). Not part of the room's interface.

#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"

namespace socius::registry::internal {

// "(<cond> OR ...)": true when `path_column` lies under one of `roots`; "1 = 1" for a root
// "/", "1 = 0" without roots. A root not ending in '/' covers nothing (auth::PathCovers). Compares
// by substr, not LIKE, so that '_' in codes and SQLite's case-insensitive LIKE cannot widen a
// scope. Appends the bound values to `params`.
inline std::string ScopeSql(const std::string& path_column, const std::vector<std::string>& roots,
                            std::vector<store::Value>& params) {
  std::string sql = "(1 = 0";
  for (size_t i = 0; i < roots.size(); ++i) {
    if (roots[i] == "/") return "1 = 1";
    if (roots[i].empty() || roots[i].back() != '/') continue;
    sql += " OR ";
    sql += "substr(" + path_column + ", 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT)";
    params.emplace_back(roots[i]);
    params.emplace_back(roots[i]);
  }
  return sql + ")";
}

// "?, ?, ?" for `n` parameters.
inline std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

inline store::Value OptValue(const std::optional<std::string>& text) {
  return text ? store::Value(*text) : store::Null();
}

inline std::optional<core::Date> OptDate(const std::optional<std::string>& text) {
  return text ? core::ParseDate(*text) : std::nullopt;
}

}  // namespace socius::registry::internal
