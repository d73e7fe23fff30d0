// SQL over households and household_members (see repository.h).
#include <set>
#include <utility>

#include "registry/repository.h"
#include "registry/repository_internal.h"

namespace socius::registry {

using core::Result;
using core::Status;
using internal::OptDate;
using internal::OptValue;
using internal::ScopeFilter;
using store::Row;
using store::Value;

namespace {

constexpr std::string_view kHouseholdColumns =
    "SELECT h.id, h.version, h.community_id, c.code, c.name, c.path, h.settlement_id, s.code, "
    "h.address, h.dwelling_type, h.income_band, h.head_person_id, h.created_at, h.updated_at, "
    "h.created_by FROM households h JOIN territories c ON c.id = h.community_id "
    "LEFT JOIN territories s ON s.id = h.settlement_id ";

Household HouseholdFromRow(const Row& row) {
  Household h;
  h.id = row.Text(0);
  h.version = row.Int(1);
  h.community_id = row.Text(2);
  h.community_code = row.Text(3);
  h.community_name = row.Text(4);
  h.community_path = row.Text(5);
  h.settlement_id = row.OptText(6);
  h.settlement_code = row.OptText(7);
  h.address = row.OptText(8);
  if (!row.IsNull(9)) h.dwelling_type = ParseDwellingType(row.Text(9));
  if (!row.IsNull(10)) h.income_band = ParseIncomeBand(row.Text(10));
  h.head_person_id = row.OptText(11);
  h.created_at = row.Text(12);
  h.updated_at = row.Text(13);
  h.created_by = row.OptText(14);
  return h;
}

Status LoadMemberRows(store::Session& tx, Household& household) {
  Result<store::Rows> rows = tx.Query(
      "SELECT m.person_id, m.relationship_to_head, p.given_name, p.family_name, p.birth_date, "
      "p.community_id FROM household_members m JOIN persons p ON p.id = m.person_id "
      "WHERE m.household_id = ? ORDER BY p.birth_date, p.id",
      {household.id});
  if (!rows.ok()) return rows.status();
  household.members.clear();
  for (const Row& row : *rows) {
    HouseholdMember m;
    m.person_id = row.Text(0);
    m.relationship = ParseRelationship(row.Text(1)).value_or(Relationship::kOtherRelative);
    m.given_name = row.Text(2);
    m.family_name = row.Text(3);
    m.birth_date = OptDate(row.OptText(4));
    m.community_id = row.Text(5);
    household.members.push_back(std::move(m));
  }
  return Status::Ok();
}

Value EnumValue(std::optional<std::string_view> name) {
  return name ? Value(std::string(*name)) : store::Null();
}

Status SetPersonHousehold(store::Session& tx, const std::string& person_id,
                          const std::optional<std::string>& household_id, const std::string& now) {
  return tx
      .Exec(
          "UPDATE persons SET household_id = ?, version = version + 1, updated_at = ? "
          "WHERE id = ?",
          {OptValue(household_id), now, person_id})
      .status();
}

}  // namespace

Result<Household> FindHousehold(store::Session& tx, std::string_view id, const Scope& scope) {
  std::vector<Value> params = {std::string(id)};
  const std::string sql =
      std::string(kHouseholdColumns) + "WHERE h.id = ? AND " + ScopeFilter("c.path", scope, params);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("household.not_found", "no visible household");
  Household household = HouseholdFromRow((*rows)[0]);
  SOCIUS_RETURN_IF_ERROR(LoadMemberRows(tx, household));
  return household;
}

Status InsertHousehold(store::Session& tx, Household& household) {
  household.version = 1;
  household.created_at = household.updated_at = core::NowUtc();
  return tx
      .Exec(
          "INSERT INTO households (id, community_id, settlement_id, address, dwelling_type, "
          "income_band, head_person_id, version, created_at, updated_at, created_by) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
          {household.id, household.community_id, OptValue(household.settlement_id),
           OptValue(household.address),
           EnumValue(household.dwelling_type ? std::optional(Name(*household.dwelling_type))
                                             : std::nullopt),
           EnumValue(household.income_band ? std::optional(Name(*household.income_band))
                                           : std::nullopt),
           OptValue(household.head_person_id), household.created_at, household.updated_at,
           OptValue(household.created_by)})
      .status();
}

Status UpdateHousehold(store::Session& tx, Household& household, int64_t expected_version) {
  const std::string now = core::NowUtc();
  Result<int64_t> updated = tx.Exec(
      "UPDATE households SET settlement_id = ?, address = ?, dwelling_type = ?, income_band = ?, "
      "head_person_id = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      {OptValue(household.settlement_id), OptValue(household.address),
       EnumValue(household.dwelling_type ? std::optional(Name(*household.dwelling_type))
                                         : std::nullopt),
       EnumValue(household.income_band ? std::optional(Name(*household.income_band))
                                       : std::nullopt),
       OptValue(household.head_person_id), now, household.id, expected_version});
  if (!updated.ok()) return updated.status();
  if (*updated == 0) {
    Result<store::Rows> exists =
        tx.Query("SELECT version FROM households WHERE id = ?", {household.id});
    if (!exists.ok()) return exists.status();
    if (exists->empty()) return Status::NotFound("household.not_found", "household gone");
    return Status::Conflict("conflict.stale_version", "version",
                            "household is at version " + std::to_string((*exists)[0].Int(0)));
  }
  household.version = expected_version + 1;
  household.updated_at = now;
  return Status::Ok();
}

Status LoadMembers(store::Session& tx, const std::string& household_id, const Scope& scope,
                   std::vector<HouseholdMember>& members) {
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string field = "members[" + std::to_string(i) + "].person_id";
    std::vector<Value> params = {members[i].person_id};
    Result<store::Rows> rows = tx.Query(
        "SELECT p.given_name, p.family_name, p.birth_date, p.community_id, p.household_id "
        "FROM persons p JOIN territories c ON c.id = p.community_id WHERE p.id = ? AND "
        "p.merged_into IS NULL AND " +
            ScopeFilter("c.path", scope, params),
        params);
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return Status::InvalidArgument("household.member_not_found", field, "no visible person");
    }
    const Row& row = (*rows)[0];
    if (!row.IsNull(4) && row.Text(4) != household_id) {
      return Status::Conflict("household.member_in_other_household", field,
                              "the person belongs to another household");
    }
    members[i].given_name = row.Text(0);
    members[i].family_name = row.Text(1);
    members[i].birth_date = OptDate(row.OptText(2));
    members[i].community_id = row.Text(3);
  }
  return Status::Ok();
}

Status ReplaceMembers(store::Session& tx, const Household& household,
                      const std::vector<HouseholdMember>& members) {
  const std::string now = core::NowUtc();
  std::set<std::string> wanted;
  for (const HouseholdMember& m : members) wanted.insert(m.person_id);
  Result<store::Rows> current = tx.Query(
      "SELECT person_id, relationship_to_head FROM household_members WHERE household_id = ?",
      {household.id});
  if (!current.ok()) return current.status();
  std::set<std::string> present;
  for (const Row& row : *current) {
    const std::string person_id = row.Text(0);
    present.insert(person_id);
    if (wanted.count(person_id)) continue;
    SOCIUS_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM household_members WHERE household_id = ? AND person_id = ?",
                {household.id, person_id})
            .status());
    SOCIUS_RETURN_IF_ERROR(SetPersonHousehold(tx, person_id, std::nullopt, now));
  }
  for (const HouseholdMember& m : members) {
    const std::string relationship(Name(m.relationship));
    if (present.count(m.person_id)) {
      SOCIUS_RETURN_IF_ERROR(tx.Exec("UPDATE household_members SET relationship_to_head = ? "
                                     "WHERE household_id = ? AND person_id = ?",
                                     {relationship, household.id, m.person_id})
                                 .status());
      continue;
    }
    Result<int64_t> added = tx.Exec(
        "INSERT INTO household_members (household_id, person_id, relationship_to_head, "
        "community_id) VALUES (?, ?, ?, ?)",
        {household.id, m.person_id, relationship, household.community_id});
    if (!added.ok()) {
      if (added.status().code() == "store.unique_violation") {
        return Status::Conflict("household.member_in_other_household", "members",
                                "the person belongs to another household");
      }
      return added.status();
    }
    SOCIUS_RETURN_IF_ERROR(SetPersonHousehold(tx, m.person_id, household.id, now));
  }
  return Status::Ok();
}

Result<HouseholdPage> ListHouseholds(store::Session& tx, const Scope& scope,
                                     const std::string& after, int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kHouseholdColumns) + "WHERE " + ScopeFilter("c.path", scope, params);
  if (!after.empty()) {
    const size_t sep = after.find('\x1f');
    const std::string at = after.substr(0, sep);
    const std::string id = sep == std::string::npos ? "" : after.substr(sep + 1);
    sql += " AND (h.created_at < ? OR (h.created_at = ? AND h.id < ?))";
    params.insert(params.end(), {at, at, id});
  }
  sql += " ORDER BY h.created_at DESC, h.id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit) + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  HouseholdPage page;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
    Household h = HouseholdFromRow((*rows)[i]);
    SOCIUS_RETURN_IF_ERROR(LoadMemberRows(tx, h));
    if (i + 1 == static_cast<size_t>(limit) && rows->size() > i + 1) {
      page.last_key = h.created_at + '\x1f' + h.id;
    }
    page.items.push_back(std::move(h));
  }
  return page;
}

}  // namespace socius::registry
