// SQL over persons and person_identifiers (see repository.h).
#include <sstream>
#include <utility>

#include "registry/repository.h"
#include "registry/repository_internal.h"
#include "registry/rules.h"

namespace socius::registry {

using core::Result;
using core::Status;
using internal::OptDate;
using internal::OptValue;
using internal::PersonValues;
using internal::Placeholders;
using internal::ScopeFilter;
using store::Row;
using store::Value;

namespace {

constexpr std::string_view kPersonColumns =
    "SELECT p.id, p.version, p.given_name, p.family_name, p.patronymic, p.birth_date, p.sex, "
    "p.community_id, c.code, c.name, c.path, p.settlement_id, s.code, s.name, p.address, "
    "p.phone, p.languages, p.disability_degree, p.notes, p.household_id, p.name_key, "
    "p.created_at, p.updated_at, p.created_by, p.merged_into "
    "FROM persons p JOIN territories c ON c.id = p.community_id "
    "LEFT JOIN territories s ON s.id = p.settlement_id ";
constexpr size_t kMergedIntoColumn = 24;

constexpr std::string_view kPlaceColumns =
    "SELECT id, code, name, level, path, community_id FROM territories ";

std::vector<std::string> SplitLanguages(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Person PersonFromRow(const Row& row) {
  Person p;
  p.id = row.Text(0);
  p.version = row.Int(1);
  p.given_name = row.Text(2);
  p.family_name = row.Text(3);
  p.patronymic = row.OptText(4);
  p.birth_date = OptDate(row.OptText(5));
  if (!row.IsNull(6)) p.sex = ParseSex(row.Text(6));
  p.community_id = row.Text(7);
  p.community_code = row.Text(8);
  p.community_name = row.Text(9);
  p.community_path = row.Text(10);
  p.settlement_id = row.OptText(11);
  p.settlement_code = row.OptText(12);
  p.settlement_name = row.OptText(13);
  p.address = row.OptText(14);
  p.phone = row.OptText(15);
  p.languages = SplitLanguages(row.Text(16));
  if (!row.IsNull(17)) p.disability_degree = ParseDisabilityDegree(row.Text(17));
  p.notes = row.OptText(18);
  p.household_id = row.OptText(19);
  p.name_key = row.Text(20);
  p.created_at = row.Text(21);
  p.updated_at = row.Text(22);
  p.created_by = row.OptText(23);
  return p;
}

Place PlaceFromRow(const Row& row) {
  return Place{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.OptText(5)};
}

Status LoadIdentifiers(store::Session& tx, Person& person) {
  Result<store::Rows> rows =
      tx.Query("SELECT scheme, value FROM person_identifiers WHERE person_id = ? ORDER BY scheme",
               {person.id});
  if (!rows.ok()) return rows.status();
  person.identifiers.clear();
  for (const Row& row : *rows) person.identifiers.push_back({row.Text(0), row.Text(1)});
  return Status::Ok();
}

Status DuplicateIdentifier(size_t i, const PersonIdentifier& id) {
  return Status::Conflict("person.duplicate_identifier",
                          "identifiers[" + std::to_string(i) + "].value",
                          "another person holds this identifier")
      .With("scheme", id.scheme);
}

// Replaces the identifier rows of `person`, checking first that no other person holds one.
Status WriteIdentifiers(store::Session& tx, const Person& person) {
  for (size_t i = 0; i < person.identifiers.size(); ++i) {
    const PersonIdentifier& id = person.identifiers[i];
    Result<store::Rows> holder = tx.Query(
        "SELECT person_id FROM person_identifiers WHERE scheme = ? AND value = ? AND "
        "person_id <> ?",
        {id.scheme, id.value, person.id});
    if (!holder.ok()) return holder.status();
    if (!holder->empty()) return DuplicateIdentifier(i, id);
  }
  Result<int64_t> removed =
      tx.Exec("DELETE FROM person_identifiers WHERE person_id = ?", {person.id});
  if (!removed.ok()) return removed.status();
  for (size_t i = 0; i < person.identifiers.size(); ++i) {
    const PersonIdentifier& id = person.identifiers[i];
    Result<int64_t> added = tx.Exec(
        "INSERT INTO person_identifiers (person_id, scheme, value, country, community_id) "
        "VALUES (?, ?, ?, ?, ?)",
        {person.id, id.scheme, id.value, CountryOfScheme(id.scheme), person.community_id});
    if (!added.ok()) {
      // A concurrent writer took it between the check and the insert.
      if (added.status().code() == "store.unique_violation") return DuplicateIdentifier(i, id);
      return added.status();
    }
  }
  return Status::Ok();
}

PersonSummary SummaryOf(const Person& p) {
  return PersonSummary{p.id,  p.given_name,     p.family_name,    p.patronymic, p.birth_date,
                       p.sex, p.community_code, p.community_name, p.identifiers};
}

}  // namespace

Result<Place> FindPlace(store::Session& tx, std::string_view code, std::string_view field) {
  Result<store::Rows> rows =
      tx.Query(std::string(kPlaceColumns) + "WHERE code = ?", {std::string(code)});
  if (!rows.ok()) return rows.status();
  if (rows->empty() || code == "ROOT") {
    return Status::InvalidArgument("person.territory_not_found", std::string(field),
                                   "no territory " + std::string(code))
        .With("code", std::string(code));
  }
  return PlaceFromRow((*rows)[0]);
}

Result<Place> FindPlaceById(store::Session& tx, std::string_view id) {
  Result<store::Rows> rows =
      tx.Query(std::string(kPlaceColumns) + "WHERE id = ?", {std::string(id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("person.territory_not_found", "no territory");
  return PlaceFromRow((*rows)[0]);
}

Result<Placement> ResolvePlacement(store::Session& tx,
                                   const std::optional<std::string>& community_code,
                                   const std::optional<std::string>& settlement_code,
                                   std::string_view record) {
  std::optional<Place> community;
  std::optional<Place> settlement;
  if (community_code) {
    Result<Place> found = FindPlace(tx, *community_code, "community_code");
    if (!found.ok()) return found.status();
    community = std::move(*found);
  }
  if (settlement_code) {
    Result<Place> found = FindPlace(tx, *settlement_code, "settlement_code");
    if (!found.ok()) return found.status();
    settlement = std::move(*found);
  }
  SOCIUS_RETURN_IF_ERROR(CheckPlacement(community, settlement, record));
  if (!community) {
    Result<Place> found = FindPlaceById(tx, *settlement->community_id);
    if (!found.ok()) return found.status();
    community = std::move(*found);
  }
  return Placement{std::move(*community), std::move(settlement)};
}

Result<Person> FindPerson(store::Session& tx, std::string_view id, const Scope& scope,
                          bool include_merged) {
  std::vector<Value> params = {std::string(id)};
  const std::string sql =
      std::string(kPersonColumns) + "WHERE p.id = ? AND " + ScopeFilter("c.path", scope, params);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("person.not_found", "no visible person");
  if (std::optional<std::string> survivor = (*rows)[0].OptText(kMergedIntoColumn);
      survivor && !include_merged) {
    return Status::NotFound("person.merged", "merged into another record")
        .With("survivor_id", *survivor);
  }
  Person person = PersonFromRow((*rows)[0]);
  SOCIUS_RETURN_IF_ERROR(LoadIdentifiers(tx, person));
  return person;
}

Status InsertPerson(store::Session& tx, Person& person) {
  person.version = 1;
  person.created_at = person.updated_at = core::NowUtc();
  std::vector<Value> params = {person.id};
  for (Value& v : PersonValues(person)) params.push_back(std::move(v));
  params.insert(params.end(), {person.created_at, person.updated_at, OptValue(person.created_by)});
  Result<int64_t> inserted = tx.Exec(
      "INSERT INTO persons (id, community_id, settlement_id, given_name, family_name, "
      "patronymic, birth_date, sex, address, phone, languages, disability_degree, notes, "
      "name_key, household_id, version, created_at, updated_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
      params);
  if (!inserted.ok()) return inserted.status();
  return WriteIdentifiers(tx, person);
}

Status UpdatePerson(store::Session& tx, Person& person, int64_t expected_version) {
  const std::string now = core::NowUtc();
  std::vector<Value> params = PersonValues(person);
  params.insert(params.end(), {now, person.id, expected_version});
  Result<int64_t> updated = tx.Exec(
      "UPDATE persons SET community_id = ?, settlement_id = ?, given_name = ?, family_name = ?, "
      "patronymic = ?, birth_date = ?, sex = ?, address = ?, phone = ?, languages = ?, "
      "disability_degree = ?, notes = ?, name_key = ?, household_id = ?, "
      "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      params);
  if (!updated.ok()) return updated.status();
  if (*updated == 0) {
    Result<store::Rows> exists = tx.Query("SELECT version FROM persons WHERE id = ?", {person.id});
    if (!exists.ok()) return exists.status();
    if (exists->empty()) return Status::NotFound("person.not_found", "person gone");
    return Status::Conflict("conflict.stale_version", "version",
                            "person is at version " + std::to_string((*exists)[0].Int(0)));
  }
  person.version = expected_version + 1;
  person.updated_at = now;
  SOCIUS_RETURN_IF_ERROR(WriteIdentifiers(tx, person));
  return tx
      .Exec("UPDATE person_identifiers SET community_id = ? WHERE person_id = ?",
            {person.community_id, person.id})
      .status();
}

Result<PersonPage> ListPersons(store::Session& tx, const Scope& scope, const std::string& after,
                               int limit) {
  std::vector<Value> params;
  std::string sql = std::string(kPersonColumns) + "WHERE p.merged_into IS NULL AND " +
                    ScopeFilter("c.path", scope, params);
  if (!after.empty()) {
    const size_t sep = after.find('\x1f');
    const std::string key = after.substr(0, sep);
    const std::string id = sep == std::string::npos ? "" : after.substr(sep + 1);
    sql += " AND (p.name_key > ? OR (p.name_key = ? AND p.id > ?))";
    params.insert(params.end(), {key, key, id});
  }
  sql += " ORDER BY p.name_key, p.id LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit) + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  PersonPage page;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
    Person p = PersonFromRow((*rows)[i]);
    SOCIUS_RETURN_IF_ERROR(LoadIdentifiers(tx, p));
    page.items.push_back(SummaryOf(p));
    if (i + 1 == static_cast<size_t>(limit) && rows->size() > i + 1) {
      page.last_key = p.name_key + '\x1f' + p.id;
    }
  }
  return page;
}

Result<std::vector<PersonSummary>> FindSummaries(store::Session& tx,
                                                 const std::vector<std::string>& ids,
                                                 const Scope& scope) {
  std::vector<PersonSummary> out;
  if (ids.empty()) return out;
  std::vector<Value> params(ids.begin(), ids.end());
  std::string sql = std::string(kPersonColumns) + "WHERE p.id IN (" + Placeholders(ids.size()) +
                    ") AND p.merged_into IS NULL AND " + ScopeFilter("c.path", scope, params);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<Value> id_params(ids.begin(), ids.end());
  Result<store::Rows> idents =
      tx.Query("SELECT person_id, scheme, value FROM person_identifiers WHERE person_id IN (" +
                   Placeholders(ids.size()) + ") ORDER BY scheme",
               id_params);
  if (!idents.ok()) return idents.status();
  std::vector<Person> found;
  for (const Row& row : *rows) found.push_back(PersonFromRow(row));
  for (const Row& row : *idents) {
    for (Person& p : found) {
      if (p.id == row.Text(0)) p.identifiers.push_back({row.Text(1), row.Text(2)});
    }
  }
  for (const std::string& id : ids) {
    for (const Person& p : found) {
      if (p.id == id) out.push_back(SummaryOf(p));
    }
  }
  return out;
}

Result<std::vector<std::string>> FindByIdentifierValue(store::Session& tx,
                                                       const std::vector<std::string>& values,
                                                       const Scope& scope) {
  std::vector<std::string> out;
  if (values.empty()) return out;
  std::vector<Value> params(values.begin(), values.end());
  const std::string sql =
      "SELECT DISTINCT i.person_id FROM person_identifiers i "
      "JOIN territories c ON c.id = i.community_id WHERE i.value IN (" +
      Placeholders(values.size()) + ") AND " + ScopeFilter("c.path", scope, params);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) out.push_back(row.Text(0));
  return out;
}

IndexRow IndexRowOf(const Person& person) {
  return IndexRow{person.id,         person.version, person.community_id, person.community_path,
                  person.birth_date, person.name_key};
}

Status ForEachIndexRow(store::Session& tx, const std::function<void(const IndexRow&)>& on_row) {
  return tx.ForEach(
      "SELECT p.id, p.version, p.community_id, c.path, p.birth_date, p.name_key "
      "FROM persons p JOIN territories c ON c.id = p.community_id WHERE p.merged_into IS NULL",
      {}, [&](const Row& row) {
        on_row(IndexRow{row.Text(0), row.Int(1), row.Text(2), row.Text(3), OptDate(row.OptText(4)),
                        row.Text(5)});
        return true;
      });
}

Result<std::vector<std::string>> FindMergedInto(store::Session& tx, const std::string& id) {
  std::vector<std::string> out;
  std::vector<std::string> frontier = {id};
  // A record merged into one that was merged in turn: follow the chain (bounded, in case).
  for (int depth = 0; depth < 16 && !frontier.empty(); ++depth) {
    std::vector<Value> params(frontier.begin(), frontier.end());
    Result<store::Rows> rows = tx.Query(
        "SELECT id FROM persons WHERE merged_into IN (" + Placeholders(frontier.size()) + ")",
        params);
    if (!rows.ok()) return rows.status();
    frontier.clear();
    for (const Row& row : *rows) {
      out.push_back(row.Text(0));
      frontier.push_back(row.Text(0));
    }
  }
  return out;
}

}  // namespace socius::registry
