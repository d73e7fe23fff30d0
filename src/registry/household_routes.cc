// HTTP handlers for households: parse, call households.h, encode.
#include <memory>
#include <utility>

#include "auth/permissions.h"
#include "registry/households.h"
#include "registry/routes.h"
#include "registry/wire.h"

namespace socius::registry {

using auth::Permission;
using core::Result;
using http::Json;
using http::Request;
using http::Response;

namespace {

Result<Response> List(Households& households, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  Result<HouseholdPage> page = households.List(*request.principal, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const Household& h : page->items) items.push_back(EncodeHousehold(h, core::Today()));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)},
                {"next_cursor",
                 page->last_key ? Json(http::EncodeHexCursor(*page->last_key)) : Json()}});
}

Result<Response> Get(Households& households, Request& request) {
  Result<Household> household = households.Get(*request.principal, request.PathParam("id"));
  if (!household.ok()) return household.status();
  return http::WithEtag(Response::JsonBody(200, EncodeHousehold(*household, core::Today())),
                        household->version);
}

Result<Response> Create(Households& households, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<HouseholdInput> input = ReadHouseholdInput(*body, true);
  if (!input.ok()) return input.status();
  Result<Household> household = households.Create(*request.principal, *input);
  if (!household.ok()) return household.status();
  Response response = Response::JsonBody(201, EncodeHousehold(*household, core::Today()));
  response.Header("Location", "/api/v1/households/" + household->id);
  return http::WithEtag(std::move(response), household->version);
}

Result<Response> Update(Households& households, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<HouseholdInput> input = ReadHouseholdInput(*body, false);
  if (!input.ok()) return input.status();
  Result<Household> household =
      households.Update(*request.principal, request.PathParam("id"), *expected, *input);
  if (!household.ok()) return household.status();
  return http::WithEtag(Response::JsonBody(200, EncodeHousehold(*household, core::Today())),
                        household->version);
}

}  // namespace

void RegisterHouseholdRoutes(http::Router& router, store::Database& db) {
  using http::Guard;
  auto households = std::make_shared<Households>(db);
  router.Add("GET", "/api/v1/households", Guard::Needs(Permission::kPersonRead),
             [households](Request& r) { return List(*households, r); });
  router.Add("POST", "/api/v1/households", Guard::Needs(Permission::kPersonWrite),
             [households](Request& r) { return Create(*households, r); });
  router.Add("GET", "/api/v1/households/{id}", Guard::Needs(Permission::kPersonRead),
             [households](Request& r) { return Get(*households, r); });
  router.Add("PATCH", "/api/v1/households/{id}", Guard::Needs(Permission::kPersonWrite),
             [households](Request& r) { return Update(*households, r); });
}

}  // namespace socius::registry
