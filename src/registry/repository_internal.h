#pragma once

// Helpers shared by the registry's repository files (person_repository.cc,
// household_repository.cc, import_repository.cc). Not part of the room's interface.

#include <string>
#include <vector>

#include "core/clock.h"
#include "registry/model.h"
#include "store/database.h"
#include "store/sql.h"

namespace socius::registry::internal {

using store::Placeholders;
using store::ScopeFilter;

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
