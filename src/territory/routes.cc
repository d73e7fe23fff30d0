// HTTP handlers of the territory room: parse, authorise, call the repository, encode.
#include "territory/routes.h"

#include <optional>
#include <string>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/ids.h"
#include "territory/repository.h"
#include "territory/rules.h"

namespace socius::territory {

using core::Result;
using core::Status;
using http::Json;
using http::Request;
using http::Response;

namespace {

Json Encode(const Territory& t) {
  return Json{{"id", t.id},
              {"code", t.code},
              {"name", t.name},
              {"name_latin", t.name_latin ? Json(*t.name_latin) : Json(nullptr)},
              {"level", std::string(Name(t.level))},
              {"parent_code", t.parent_code ? Json(*t.parent_code) : Json(nullptr)},
              {"path", t.path},
              {"version", t.version}};
}

// The cursor is the last code of the previous page in hex: opaque to clients.
std::optional<std::string> DecodeCursor(std::string_view cursor) {
  std::optional<std::string> code = http::DecodeHexCursor(cursor, kMaxCodeLength);
  if (!code || !CheckCodeShape(*code).ok()) return std::nullopt;
  return code;
}

Status NotFound(const std::string& code) {
  return Status::NotFound("territory.not_found", "no visible territory " + code).With("code", code);
}

// The territory at `code` if the caller may read it. The installation root only for callers
// whose scope is the whole installation.
Result<Territory> FindVisible(store::Session& tx, const auth::Principal& who,
                              const std::string& code) {
  const std::vector<std::string> scope = auth::ScopePaths(who, auth::Permission::kTerritoryRead);
  Result<Territory> found = FindByCode(tx, code);
  if (!found.ok()) return found.status();
  const bool visible = code == kInstallationRootCode
                           ? auth::InstallationWide(who, auth::Permission::kTerritoryRead)
                           : InScope(found->path, scope);
  if (!visible) return NotFound(code);
  return found;
}

Result<Response> List(store::Database& db, Request& request) {
  const auth::Principal& who = *request.principal;
  ListQuery query;
  query.scope_paths = auth::ScopePaths(who, auth::Permission::kTerritoryRead);
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
  std::optional<std::string> parent = request.QueryParam("parent");
  if (parent && parent->empty()) return http::InvalidQuery("parent");

  TerritoryPage page;
  Status status = db.Read([&](store::Session& tx) -> Status {
    if (parent && *parent != "root") {
      Result<Territory> found = FindVisible(tx, who, *parent);
      if (!found.ok()) return found.status();
      if (query.search.empty()) {
        query.parent_id = found->id;
      } else {
        query.within_path = found->path;
      }
    }
    Result<TerritoryPage> listed = ListTerritories(tx, query);
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Json items = Json::array();
  for (const Territory& t : page.items) items.push_back(Encode(t));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)},
                {"next_cursor",
                 page.last_code ? Json(http::EncodeHexCursor(*page.last_code)) : Json()}});
}

Result<Response> Get(store::Database& db, Request& request) {
  const std::string code = request.PathParam("code");
  Territory territory;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<Territory> found = FindVisible(tx, *request.principal, code);
    if (!found.ok())
      return found.status().code() == "territory.not_found" ? NotFound(code) : found.status();
    territory = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return http::WithEtag(Response::JsonBody(200, Encode(territory)), territory.version);
}

Result<Response> Create(store::Database& db, Request& request) {
  const auth::Principal& who = *request.principal;
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(
      fields.OnlyAllowed({"code", "name", "name_latin", "level", "parent_code"}));
  Result<std::string> code = fields.RequiredString("code", kMaxCodeLength);
  if (!code.ok()) return code.status();
  Result<std::string> raw_name = fields.RequiredString("name", kMaxNameCodePoints);
  if (!raw_name.ok()) return raw_name.status();
  Result<std::optional<std::string>> raw_latin =
      fields.OptionalString("name_latin", kMaxNameCodePoints);
  if (!raw_latin.ok()) return raw_latin.status();
  Result<std::string> level_name = fields.RequiredString("level", 20);
  if (!level_name.ok()) return level_name.status();
  Result<std::optional<std::string>> parent_code =
      fields.OptionalString("parent_code", kMaxCodeLength);
  if (!parent_code.ok()) return parent_code.status();

  std::optional<Level> level = ParseLevel(*level_name);
  if (!level) {
    return Status::InvalidArgument("territory.invalid_level", "level",
                                   "unknown level " + *level_name);
  }
  SOCIUS_RETURN_IF_ERROR(CheckCodeShape(*code));
  Result<std::string> name = CleanName(*raw_name, "name");
  if (!name.ok()) return name.status();
  Result<std::optional<std::string>> name_latin =
      CleanOptionalName(raw_latin->value_or(""), "name_latin");
  if (!name_latin.ok()) return name_latin.status();

  Territory created;
  Status status = db.Write([&](store::Session& tx) -> Status {
    std::optional<Territory> parent;
    if (*parent_code) {
      Result<Territory> found = FindVisible(tx, who, **parent_code);
      if (!found.ok()) {
        if (found.status().kind() != core::StatusKind::kNotFound) return found.status();
        return Status::NotFound("territory.parent_not_found",
                                "no visible territory " + **parent_code)
            .With("code", **parent_code);
      }
      parent = std::move(*found);
      if (parent->code == kInstallationRootCode) parent.reset();  // a country under ROOT
    }
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, auth::Permission::kTerritoryWrite,
                                         parent ? std::string_view(parent->path) : "/"));
    SOCIUS_RETURN_IF_ERROR(
        CheckLevelUnder(*level, parent ? std::optional<Level>(parent->level) : std::nullopt));
    SOCIUS_RETURN_IF_ERROR(
        CheckCodeUnder(*code, parent ? std::optional<std::string>(parent->code) : std::nullopt));
    Territory t;
    t.id = core::NewId();
    t.code = *code;
    t.name = *name;
    t.name_latin = *name_latin;
    t.level = *level;
    if (parent) {
      t.parent_id = parent->id;
      t.parent_code = parent->code;
    }
    t.path = PathOf(parent ? parent->path : "", t.code);
    if (t.level == Level::kCommunity) {
      t.community_id = t.id;
    } else if (parent && t.level > Level::kCommunity) {
      t.community_id = parent->community_id;
    }
    SOCIUS_RETURN_IF_ERROR(InsertTerritory(tx, t));
    auth::AuditEvent event;
    event.action = "territory.create";
    event.entity_type = "territory";
    event.entity_id = t.id;
    event.territory_id = t.id;
    event.detail_json = Json{{"code", t.code},
                             {"name", t.name},
                             {"level", std::string(Name(t.level))},
                             {"parent_code", t.parent_code ? Json(*t.parent_code) : Json()}}
                            .dump();
    SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(tx, &who, event));
    Result<Territory> stored = FindByCode(tx, t.code);
    if (!stored.ok()) return stored.status();
    created = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Response response = Response::JsonBody(201, Encode(created));
  response.Header("Location", "/api/v1/territories/" + created.code);
  return http::WithEtag(std::move(response), created.version);
}

Result<Response> Update(store::Database& db, Request& request) {
  const auth::Principal& who = *request.principal;
  const std::string code = request.PathParam("code");
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"name", "name_latin"}));
  Result<std::optional<std::string>> raw_name = fields.OptionalString("name", kMaxNameCodePoints);
  if (!raw_name.ok()) return raw_name.status();
  Result<std::optional<std::string>> raw_latin =
      fields.OptionalString("name_latin", kMaxNameCodePoints);
  if (!raw_latin.ok()) return raw_latin.status();
  std::optional<std::string> name;
  if (*raw_name) {
    Result<std::string> cleaned = CleanName(**raw_name, "name");
    if (!cleaned.ok()) return cleaned.status();
    name = std::move(*cleaned);
  }
  // name_latin: absent keeps it; null or "" clears it.
  const bool latin_given = fields.Has("name_latin");
  std::optional<std::string> name_latin;
  if (*raw_latin) {
    Result<std::optional<std::string>> cleaned = CleanOptionalName(**raw_latin, "name_latin");
    if (!cleaned.ok()) return cleaned.status();
    name_latin = std::move(*cleaned);
  }

  Territory updated;
  Status status = db.Write([&](store::Session& tx) -> Status {
    Result<Territory> current = FindVisible(tx, who, code);
    if (!current.ok()) return current.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, auth::Permission::kTerritoryWrite, current->path));
    if (current->version != *expected) {
      return Status::Conflict(
          "conflict.stale_version", "version",
          "territory " + code + " is at version " + std::to_string(current->version));
    }
    const std::string new_name = name.value_or(current->name);
    const std::optional<std::string> new_latin = latin_given ? name_latin : current->name_latin;
    if (new_name == current->name && new_latin == current->name_latin) {
      updated = std::move(*current);
      return Status::Ok();
    }
    Json detail = Json::object();
    if (new_name != current->name) detail["name"] = {{"from", current->name}, {"to", new_name}};
    if (new_latin != current->name_latin) {
      detail["name_latin"] = {{"from", current->name_latin ? Json(*current->name_latin) : Json()},
                              {"to", new_latin ? Json(*new_latin) : Json()}};
    }
    Result<Territory> saved = UpdateTerritoryNames(tx, code, *expected, new_name, new_latin);
    if (!saved.ok()) return saved.status();
    auth::AuditEvent event;
    event.action = "territory.update";
    event.entity_type = "territory";
    event.entity_id = saved->id;
    event.territory_id = saved->id;
    event.detail_json = detail.dump();
    SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(tx, &who, event));
    updated = std::move(*saved);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return http::WithEtag(Response::JsonBody(200, Encode(updated)), updated.version);
}

}  // namespace

void RegisterTerritoryRoutes(http::Router& router, store::Database& db) {
  using auth::Permission;
  using http::Guard;
  router.Add("GET", "/api/v1/territories", Guard::Needs(Permission::kTerritoryRead),
             [&db](Request& request) { return List(db, request); });
  router.Add("GET", "/api/v1/territories/{code}", Guard::Needs(Permission::kTerritoryRead),
             [&db](Request& request) { return Get(db, request); });
  router.Add("POST", "/api/v1/territories", Guard::Needs(Permission::kTerritoryWrite),
             [&db](Request& request) { return Create(db, request); });
  router.Add("PATCH", "/api/v1/territories/{code}", Guard::Needs(Permission::kTerritoryWrite),
             [&db](Request& request) { return Update(db, request); });
}

}  // namespace socius::territory
