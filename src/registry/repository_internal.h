#pragma once

// Helpers shared by the registry's repository files (person_repository.cc,
// household_repository.cc, import_repository.cc). Not part of the room's interface.

#include <string>
#include <vector>

#include "core/clock.h"
#include "registry/model.h"
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

// The stored form of Person::languages: "uk,ru".
inline std::string JoinLanguages(const std::vector<std::string>& languages) {
  std::string out;
  for (const std::string& l : languages) out += (out.empty() ? "" : ",") + l;
  return out;
}

// The values of the persons columns community_id, settlement_id, given_name, family_name,
// patronymic, birth_date, sex, address, phone, languages, disability_degree, notes, name_key,
// household_id, in that order.
inline std::vector<store::Value> PersonValues(const Person& p) {
  return {
      p.community_id,
      OptValue(p.settlement_id),
      p.given_name,
      p.family_name,
      OptValue(p.patronymic),
      p.birth_date ? store::Value(p.birth_date->ToString()) : store::Null(),
      p.sex ? store::Value(std::string(Name(*p.sex))) : store::Null(),
      OptValue(p.address),
      OptValue(p.phone),
      JoinLanguages(p.languages),
      p.disability_degree ? store::Value(std::string(Name(*p.disability_degree))) : store::Null(),
      OptValue(p.notes),
      p.name_key,
      OptValue(p.household_id)};
}

}  // namespace socius::registry::internal
