// HTTP handlers of the territory room: parse, call territories.h, encode.
#include "territory/routes.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "auth/permissions.h"
#include "territory/rules.h"
#include "territory/territories.h"

namespace socius::territory {

using core::Result;
using core::Status;
using http::Json;
using http::Request;
using http::Response;

namespace {

Json Encode(const Territory& t) {
  Json ancestors = Json::array();
  for (const TerritoryRef& a : t.ancestors) {
    ancestors.push_back(
        Json{{"code", a.code}, {"name", a.name}, {"level", std::string(Name(a.level))}});
  }
  return Json{{"id", t.id},
              {"code", t.code},
              {"name", t.name},
              {"name_latin", t.name_latin ? Json(*t.name_latin) : Json(nullptr)},
              {"level", std::string(Name(t.level))},
              {"parent_code", t.parent_code ? Json(*t.parent_code) : Json(nullptr)},
              {"path", t.path},
              {"ancestors", std::move(ancestors)},
              {"version", t.version}};
}

// The cursor is the last code of the previous page in hex: opaque to clients.
std::optional<std::string> DecodeCursor(std::string_view cursor) {
  std::optional<std::string> code = http::DecodeHexCursor(cursor, kMaxCodeLength);
  if (!code || !CheckCodeShape(*code).ok()) return std::nullopt;
  return code;
}

Result<Response> List(Territories& territories, Request& request) {
  TerritoryListRequest query;
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  query.limit = *limit;
  if (std::optional<std::string> cursor = request.QueryParam("cursor")) {
    std::optional<std::string> after = DecodeCursor(*cursor);
    if (!after) return http::InvalidQuery("cursor");
    query.after_code = *after;
  }
  if (std::optional<std::string> level = request.QueryParam("level")) {
    query.level = ParseLevel(*level);
    if (!query.level) return http::InvalidQuery("level");
  }
  if (std::optional<std::string> q = request.QueryParam("q")) {
    size_t begin = q->find_first_not_of(" \t");
    size_t end = q->find_last_not_of(" \t");
    if (begin != std::string::npos) query.search = q->substr(begin, end - begin + 1);
    if (query.search.size() > 200 || !IsValidUtf8(query.search)) return http::InvalidQuery("q");
  }
  query.parent_code = request.QueryParam("parent");
  if (query.parent_code && query.parent_code->empty()) return http::InvalidQuery("parent");

  Result<TerritoryPage> page = territories.List(*request.principal, query);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const Territory& t : page->items) items.push_back(Encode(t));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)},
                {"total", page->total},
                {"next_cursor",
                 page->last_code ? Json(http::EncodeHexCursor(*page->last_code)) : Json()}});
}

Result<Response> Get(Territories& territories, Request& request) {
  Result<Territory> territory = territories.Get(*request.principal, request.PathParam("code"));
  if (!territory.ok()) return territory.status();
  return http::WithEtag(Response::JsonBody(200, Encode(*territory)), territory->version);
}

Result<Response> Create(Territories& territories, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(
      fields.OnlyAllowed({"code", "name", "name_latin", "level", "parent_code"}));
  NewTerritory draft;
  Result<std::string> code = fields.RequiredString("code", kMaxCodeLength);
  if (!code.ok()) return code.status();
  draft.code = std::move(*code);
  Result<std::string> name = fields.RequiredString("name", kMaxNameCodePoints);
  if (!name.ok()) return name.status();
  draft.name = std::move(*name);
  Result<std::optional<std::string>> name_latin =
      fields.OptionalString("name_latin", kMaxNameCodePoints);
  if (!name_latin.ok()) return name_latin.status();
  draft.name_latin = std::move(*name_latin);
  Result<std::string> level_name = fields.RequiredString("level", 20);
  if (!level_name.ok()) return level_name.status();
  Result<std::optional<std::string>> parent_code =
      fields.OptionalString("parent_code", kMaxCodeLength);
  if (!parent_code.ok()) return parent_code.status();
  draft.parent_code = std::move(*parent_code);
  std::optional<Level> level = ParseLevel(*level_name);
  if (!level) {
    return Status::InvalidArgument("territory.invalid_level", "level",
                                   "unknown level " + *level_name);
  }
  draft.level = *level;

  Result<Territory> created = territories.Create(*request.principal, draft);
  if (!created.ok()) return created.status();
  Response response = Response::JsonBody(201, Encode(*created));
  response.Header("Location", "/api/v1/territories/" + created->code);
  return http::WithEtag(std::move(response), created->version);
}

Result<Response> Update(Territories& territories, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"name", "name_latin"}));
  TerritoryNames change;
  Result<std::optional<std::string>> name = fields.OptionalString("name", kMaxNameCodePoints);
  if (!name.ok()) return name.status();
  change.name = std::move(*name);
  Result<std::optional<std::string>> name_latin =
      fields.OptionalString("name_latin", kMaxNameCodePoints);
  if (!name_latin.ok()) return name_latin.status();
  // name_latin: absent keeps it; null or "" clears it.
  change.name_latin_given = fields.Has("name_latin");
  change.name_latin = std::move(*name_latin);

  Result<Territory> updated =
      territories.Rename(*request.principal, request.PathParam("code"), *expected, change);
  if (!updated.ok()) return updated.status();
  return http::WithEtag(Response::JsonBody(200, Encode(*updated)), updated->version);
}

}  // namespace

void RegisterTerritoryRoutes(http::Router& router, store::Database& db) {
  using auth::Permission;
  using http::Guard;
  auto territories = std::make_shared<Territories>(db);
  router.Add("GET", "/api/v1/territories", Guard::Needs(Permission::kTerritoryRead),
             [territories](Request& request) { return List(*territories, request); });
  router.Add("GET", "/api/v1/territories/{code}", Guard::Needs(Permission::kTerritoryRead),
             [territories](Request& request) { return Get(*territories, request); });
  router.Add("POST", "/api/v1/territories", Guard::Needs(Permission::kTerritoryWrite),
             [territories](Request& request) { return Create(*territories, request); });
  router.Add("PATCH", "/api/v1/territories/{code}", Guard::Needs(Permission::kTerritoryWrite),
             [territories](Request& request) { return Update(*territories, request); });
}

}  // namespace socius::territory
