// HTTP handlers for households: parse, authorise, call rules and repository, encode, audit.
#include <algorithm>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/ids.h"
#include "registry/repository.h"
#include "registry/routes.h"
#include "registry/rules.h"
#include "registry/wire.h"

namespace socius::registry {

using auth::Permission;
using core::Result;
using core::Status;
using http::Json;
using http::Request;
using http::Response;

namespace {

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
             Json detail) {
  auth::AuditEvent event;
  event.action = action;
  event.entity_type = "household";
  event.entity_id = h.id;
  event.territory_id = h.community_id;
  event.detail_json = detail.dump();
  return auth::AppendAudit(tx, &who, event);
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

Result<Household> Reload(store::Session& tx, const std::string& id) {
  return FindHousehold(tx, id, {"/"});
}

Result<Response> List(store::Database& db, Request& request) {
  const std::vector<std::string> scope =
      auth::ScopePaths(*request.principal, Permission::kPersonRead);
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  std::string after;
  if (std::optional<std::string> cursor = request.QueryParam("cursor")) {
    std::optional<std::string> decoded = http::DecodeHexCursor(*cursor, kMaxCursorBytes);
    if (!decoded) {
      return http::InvalidQuery("cursor");
    }
    after = *decoded;
  }
  HouseholdPage page;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<HouseholdPage> listed = ListHouseholds(tx, scope, after, *limit);
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Json items = Json::array();
  for (const Household& h : page.items) items.push_back(EncodeHousehold(h, core::Today()));
  return Response::JsonBody(
      200,
      Json{{"items", std::move(items)},
           {"next_cursor", page.last_key ? Json(http::EncodeHexCursor(*page.last_key)) : Json()}});
}

Result<Response> Get(store::Database& db, Request& request) {
  Household household;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<Household> found = FindHousehold(
        tx, request.PathParam("id"), auth::ScopePaths(*request.principal, Permission::kPersonRead));
    if (!found.ok()) return found.status();
    household = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return http::WithEtag(Response::JsonBody(200, EncodeHousehold(household, core::Today())),
                        household.version);
}

Result<Response> Create(store::Database& db, Request& request) {
  const auth::Principal& who = *request.principal;
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<HouseholdInput> input = ReadHouseholdInput(*body, true);
  if (!input.ok()) return input.status();
  Household household;
  SOCIUS_RETURN_IF_ERROR(ApplyHouseholdInput(*input, household));
  Result<std::vector<HouseholdMember>> members =
      CheckMembers(input->members.value_or(std::vector<MemberInput>{}));
  if (!members.ok()) return members.status();
  household.id = core::NewId();
  household.created_by = who.user_id;
  auto code = [](const Patch<std::string>& p) { return p ? *p : std::nullopt; };
  Status status = db.Write([&](store::Session& tx) -> Status {
    std::optional<std::string> community = code(input->community_code);
    const std::optional<std::string> settlement = code(input->settlement_code);
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
    Result<Household> stored = Reload(tx, household.id);
    if (!stored.ok()) return stored.status();
    household = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Response response = Response::JsonBody(201, EncodeHousehold(household, core::Today()));
  response.Header("Location", "/api/v1/households/" + household.id);
  return http::WithEtag(std::move(response), household.version);
}

Result<Response> Update(store::Database& db, Request& request) {
  const auth::Principal& who = *request.principal;
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<HouseholdInput> input = ReadHouseholdInput(*body, false);
  if (!input.ok()) return input.status();
  std::optional<std::vector<HouseholdMember>> members;
  if (input->members) {
    Result<std::vector<HouseholdMember>> checked = CheckMembers(*input->members);
    if (!checked.ok()) return checked.status();
    members = std::move(*checked);
  }
  Household household;
  Status status = db.Write([&](store::Session& tx) -> Status {
    Result<Household> current =
        FindHousehold(tx, request.PathParam("id"), auth::ScopePaths(who, Permission::kPersonRead));
    if (!current.ok()) return current.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, current->community_path));
    if (current->version != *expected) {
      return Status::Conflict("conflict.stale_version", "version",
                              "household is at version " + std::to_string(current->version));
    }
    household = *current;
    SOCIUS_RETURN_IF_ERROR(ApplyHouseholdInput(*input, household));
    if (input->settlement_code) {
      household.settlement_id.reset();
      household.settlement_code.reset();
      if (*input->settlement_code) {
        Result<Placement> placement =
            ResolvePlacement(tx, current->community_code, *input->settlement_code, "household");
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
    SOCIUS_RETURN_IF_ERROR(UpdateHousehold(tx, household, *expected));
    if (members) SOCIUS_RETURN_IF_ERROR(ReplaceMembers(tx, household, *members));
    SOCIUS_RETURN_IF_ERROR(
        Audit(tx, who, "household.update", household, Json{{"from", before}, {"to", after}}));
    Result<Household> stored = Reload(tx, household.id);
    if (!stored.ok()) return stored.status();
    household = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return http::WithEtag(Response::JsonBody(200, EncodeHousehold(household, core::Today())),
                        household.version);
}

}  // namespace

void RegisterHouseholdRoutes(http::Router& router, store::Database& db) {
  using http::Guard;
  router.Add("GET", "/api/v1/households", Guard::Needs(Permission::kPersonRead),
             [&db](Request& r) { return List(db, r); });
  router.Add("POST", "/api/v1/households", Guard::Needs(Permission::kPersonWrite),
             [&db](Request& r) { return Create(db, r); });
  router.Add("GET", "/api/v1/households/{id}", Guard::Needs(Permission::kPersonRead),
             [&db](Request& r) { return Get(db, r); });
  router.Add("PATCH", "/api/v1/households/{id}", Guard::Needs(Permission::kPersonWrite),
             [&db](Request& r) { return Update(db, r); });
}

}  // namespace socius::registry
