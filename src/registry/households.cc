#include "registry/households.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/ids.h"
#include "registry/rules.h"

namespace socius::registry {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

// What the audit entry records of a household: its own fields and its members.
Json Summary(const Household& h) {
  std::vector<HouseholdMember> sorted = h.members;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.person_id < b.person_id; });
  Json members = Json::array();
  for (const HouseholdMember& m : sorted) {
    members.push_back(
        {{"person_id", m.person_id}, {"relationship_to_head", std::string(Name(m.relationship))}});
  }
  return Json{
      {"settlement_code", h.settlement_code ? Json(*h.settlement_code) : Json()},
      {"address", h.address ? Json(*h.address) : Json()},
      {"dwelling_type", h.dwelling_type ? Json(std::string(Name(*h.dwelling_type))) : Json()},
      {"income_band", h.income_band ? Json(std::string(Name(*h.income_band))) : Json()},
      {"members", std::move(members)}};
}

Status Audit(store::Session& tx, const auth::Principal& who, const char* action, const Household& h,
             const Json& detail) {
  return auth::AppendAudit(tx, &who, {action, "household", h.id, h.community_id, detail.dump()});
}

// Each member who joined or left is also a line of that person's own history (which lists the
// person's audit entries): the household's entry alone names members only by id.
Status AuditMembership(store::Session& tx, const auth::Principal& who,
                       const std::string& household_id, const std::vector<HouseholdMember>& before,
                       const std::vector<HouseholdMember>& after) {
  auto find = [](const std::vector<HouseholdMember>& list, const std::string& person_id) {
    return std::find_if(list.begin(), list.end(),
                        [&](const HouseholdMember& m) { return m.person_id == person_id; });
  };
  auto append = [&](const char* action, const HouseholdMember& m) {
    const Json detail = {{"household_id", household_id},
                         {"relationship_to_head", std::string(Name(m.relationship))}};
    return auth::AppendAudit(tx, &who,
                             {action, "person", m.person_id, m.community_id, detail.dump()});
  };
  for (const HouseholdMember& m : after) {
    if (find(before, m.person_id) == before.end()) {
      SOCIUS_RETURN_IF_ERROR(append("person.household_join", m));
    }
  }
  for (const HouseholdMember& m : before) {
    if (find(after, m.person_id) == after.end()) {
      SOCIUS_RETURN_IF_ERROR(append("person.household_leave", m));
    }
  }
  return Status::Ok();
}

// Checks and loads the members the caller listed, and sets the head.
Status PrepareMembers(store::Session& tx, const auth::Principal& who, Household& household,
                      std::vector<HouseholdMember>& members) {
  SOCIUS_RETURN_IF_ERROR(
      LoadMembers(tx, household.id, auth::ScopePaths(who, Permission::kPersonWrite), members));
  SOCIUS_RETURN_IF_ERROR(CheckMembersCommunity(members, household.community_id));
  household.head_person_id.reset();
  for (const HouseholdMember& m : members) {
    if (m.relationship == Relationship::kHead) household.head_person_id = m.person_id;
  }
  return Status::Ok();
}

// The stored household as written in this transaction (the caller's scope was checked).
Result<Household> Reload(store::Session& tx, const std::string& id) {
  return FindHousehold(tx, id, {"/"});
}

}  // namespace

Result<HouseholdPage> Households::List(const auth::Principal& who, const std::string& after,
                                       int limit) {
  HouseholdPage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<HouseholdPage> listed =
        ListHouseholds(tx, auth::ScopePaths(who, Permission::kPersonRead), after, limit);
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Household> Households::Get(const auth::Principal& who, const std::string& id) {
  Household household;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Household> found = FindHousehold(tx, id, auth::ScopePaths(who, Permission::kPersonRead));
    if (!found.ok()) return found.status();
    household = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return household;
}

Result<Household> Households::Create(const auth::Principal& who, const HouseholdInput& input) {
  Household household;
  SOCIUS_RETURN_IF_ERROR(ApplyHouseholdInput(input, household));
  Result<std::vector<HouseholdMember>> members =
      CheckMembers(input.members.value_or(std::vector<MemberInput>{}));
  if (!members.ok()) return members.status();
  household.id = core::NewId();
  household.created_by = who.user_id;
  auto code = [](const Patch<std::string>& p) { return p ? *p : std::nullopt; };
  Status status = db_.Write([&](store::Session& tx) -> Status {
    std::optional<std::string> community = code(input.community_code);
    const std::optional<std::string> settlement = code(input.settlement_code);
    if (!community && !settlement && !members->empty()) {
      // The community of the first member, when no territory was named.
      SOCIUS_RETURN_IF_ERROR(
          LoadMembers(tx, household.id, auth::ScopePaths(who, Permission::kPersonWrite), *members));
      Result<Place> place = FindPlaceById(tx, members->front().community_id);
      if (!place.ok()) return place.status();
      community = place->code;
    }
    Result<Placement> placement = ResolvePlacement(tx, community, settlement, "household");
    if (!placement.ok()) return placement.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, placement->community.path));
    household.community_id = placement->community.id;
    if (placement->settlement) household.settlement_id = placement->settlement->id;
    SOCIUS_RETURN_IF_ERROR(PrepareMembers(tx, who, household, *members));
    SOCIUS_RETURN_IF_ERROR(InsertHousehold(tx, household));
    SOCIUS_RETURN_IF_ERROR(ReplaceMembers(tx, household, *members));
    household.members = *members;
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "household.create", household, Summary(household)));
    SOCIUS_RETURN_IF_ERROR(AuditMembership(tx, who, household.id, {}, household.members));
    Result<Household> stored = Reload(tx, household.id);
    if (!stored.ok()) return stored.status();
    household = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return household;
}

Result<Household> Households::Update(const auth::Principal& who, const std::string& id,
                                     int64_t expected_version, const HouseholdInput& input) {
  std::optional<std::vector<HouseholdMember>> members;
  if (input.members) {
    Result<std::vector<HouseholdMember>> checked = CheckMembers(*input.members);
    if (!checked.ok()) return checked.status();
    members = std::move(*checked);
  }
  Household household;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Household> current =
        FindHousehold(tx, id, auth::ScopePaths(who, Permission::kPersonRead));
    if (!current.ok()) return current.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, current->community_path));
    if (current->version != expected_version) {
      return Status::Conflict("conflict.stale_version", "version",
                              "household is at version " + std::to_string(current->version));
    }
    household = *current;
    SOCIUS_RETURN_IF_ERROR(ApplyHouseholdInput(input, household));
    if (input.settlement_code) {
      household.settlement_id.reset();
      household.settlement_code.reset();
      if (*input.settlement_code) {
        Result<Placement> placement =
            ResolvePlacement(tx, current->community_code, *input.settlement_code, "household");
        if (!placement.ok()) return placement.status();
        household.settlement_id = placement->settlement->id;
        household.settlement_code = placement->settlement->code;
      }
    }
    if (members) {
      SOCIUS_RETURN_IF_ERROR(PrepareMembers(tx, who, household, *members));
      household.members = *members;
    }
    const Json before = Summary(*current);
    const Json after = Summary(household);
    if (before == after) return Status::Ok();
    SOCIUS_RETURN_IF_ERROR(UpdateHousehold(tx, household, expected_version));
    if (members) SOCIUS_RETURN_IF_ERROR(ReplaceMembers(tx, household, *members));
    SOCIUS_RETURN_IF_ERROR(
        Audit(tx, who, "household.update", household, Json{{"from", before}, {"to", after}}));
    if (members) {
      SOCIUS_RETURN_IF_ERROR(AuditMembership(tx, who, household.id, current->members, *members));
    }
    Result<Household> stored = Reload(tx, household.id);
    if (!stored.ok()) return stored.status();
    household = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return household;
}

}  // namespace socius::registry
