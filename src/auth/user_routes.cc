// GET/POST /api/v1/users, GET/PATCH /api/v1/users/{id}, POST /api/v1/users/{id}/password-reset.
#include <nlohmann/json.hpp>

#include "auth/permissions.h"
#include "auth/routes.h"
#include "auth/rules.h"
#include "auth/users.h"
#include "auth/wire.h"
#include "core/clock.h"

namespace socius::auth {
namespace {

using core::Result;
using core::Status;
using http::Guard;
using http::Request;
using http::Response;
using Json = nlohmann::json;

constexpr size_t kMaxCodeLength = 64;
constexpr size_t kMaxRoles = 100;

std::string Now(const Sessions& sessions) { return core::FormatUtc(sessions.options().clock()); }

// "roles": [{"role": "...", "territory_code": "..."}]
Result<std::vector<RoleRequest>> ParseRoles(const Json& value) {
  if (!value.is_array()) return Status::InvalidArgument("request.wrong_type", "roles");
  if (value.size() > kMaxRoles) {
    return Status::InvalidArgument("request.field_too_long", "roles")
        .With("max", std::to_string(kMaxRoles));
  }
  std::vector<RoleRequest> roles;
  for (const Json& item : value) {
    if (!item.is_object()) return Status::InvalidArgument("request.wrong_type", "roles");
    http::JsonFields fields(item);
    SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"role", "territory_code"}));
    auto role = fields.RequiredString("role", 64);
    if (!role.ok()) return role.status();
    auto code = fields.RequiredString("territory_code", kMaxCodeLength);
    if (!code.ok()) return code.status();
    roles.push_back(RoleRequest{*role, *code});
  }
  return roles;
}

Result<Response> List(Sessions& sessions, Request& request) {
  auto limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  std::string text = request.QueryParam("q").value_or("");
  if (text.size() > 200) return http::InvalidQuery("q");
  UserAccounts accounts(sessions.database(), sessions.options(), &sessions);
  auto page =
      accounts.List(&*request.principal, text, *limit, request.QueryParam("cursor").value_or(""));
  if (!page.ok()) return page.status();
  std::string now = Now(sessions);
  Json items = Json::array();
  for (const User& user : page->items) items.push_back(UserJson(user, now));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)},
                {"next_cursor", page->next_cursor ? Json(*page->next_cursor) : Json(nullptr)}});
}

Result<Response> Get(Sessions& sessions, Request& request) {
  UserAccounts accounts(sessions.database(), sessions.options(), &sessions);
  auto user = accounts.Get(&*request.principal, request.PathParam("id"));
  if (!user.ok()) return user.status();
  return http::WithEtag(Response::JsonBody(200, UserJson(*user, Now(sessions))), user->version);
}

Result<Response> Create(Sessions& sessions, Request& request) {
  auto body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed(
      {"username", "display_name", "language", "home_territory_code", "roles", "password"}));
  NewUser draft;
  auto username = fields.RequiredString("username", 64);
  if (!username.ok()) return username.status();
  draft.username = *username;
  auto display_name = fields.RequiredString("display_name", kMaxDisplayNameLength);
  if (!display_name.ok()) return display_name.status();
  draft.display_name = *display_name;
  auto language = fields.OptionalString("language", 8);
  if (!language.ok()) return language.status();
  draft.language = language->value_or("en");
  auto home = fields.RequiredString("home_territory_code", kMaxCodeLength);
  if (!home.ok()) return home.status();
  draft.home_territory_code = *home;
  if (!fields.Has("roles") || body->at("roles").is_null()) {
    return Status::InvalidArgument("request.missing_field", "roles");
  }
  auto roles = ParseRoles(body->at("roles"));
  if (!roles.ok()) return roles.status();
  draft.roles = std::move(*roles);
  auto password = fields.OptionalString("password", kMaxPasswordLength);
  if (!password.ok()) return password.status();
  draft.password = *password;

  UserAccounts accounts(sessions.database(), sessions.options(), &sessions);
  auto created = accounts.Create(&*request.principal, draft);
  if (!created.ok()) return created.status();
  Json out = {{"user", UserJson(created->user, Now(sessions))}};
  if (created->one_time_password) out["one_time_password"] = *created->one_time_password;
  Response response = http::WithEtag(Response::JsonBody(201, out), created->user.version);
  response.Header("Location", "/api/v1/users/" + created->user.id);
  response.Header("Cache-Control", "no-store");
  return response;
}

Result<Response> Update(Sessions& sessions, Request& request) {
  auto expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  auto body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(
      fields.OnlyAllowed({"display_name", "language", "active", "roles", "unlock"}));
  UserChange change;
  auto display_name = fields.OptionalString("display_name", kMaxDisplayNameLength);
  if (!display_name.ok()) return display_name.status();
  change.display_name = *display_name;
  auto language = fields.OptionalString("language", 8);
  if (!language.ok()) return language.status();
  change.language = *language;
  auto active = fields.OptionalBool("active");
  if (!active.ok()) return active.status();
  change.active = *active;
  auto unlock = fields.OptionalBool("unlock");
  if (!unlock.ok()) return unlock.status();
  change.unlock = unlock->value_or(false);
  if (fields.Has("roles") && !body->at("roles").is_null()) {
    auto roles = ParseRoles(body->at("roles"));
    if (!roles.ok()) return roles.status();
    change.roles = std::move(*roles);
  }
  UserAccounts accounts(sessions.database(), sessions.options(), &sessions);
  auto user = accounts.Update(&*request.principal, request.PathParam("id"), *expected, change);
  if (!user.ok()) return user.status();
  return http::WithEtag(Response::JsonBody(200, UserJson(*user, Now(sessions))), user->version);
}

Result<Response> ResetPassword(Sessions& sessions, Request& request) {
  UserAccounts accounts(sessions.database(), sessions.options(), &sessions);
  auto password = accounts.ResetPassword(&*request.principal, request.PathParam("id"));
  if (!password.ok()) return password.status();
  Response response = Response::JsonBody(200, Json{{"one_time_password", *password}});
  response.Header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterUserRoutes(http::Router& router, Sessions& sessions) {
  router.Add("GET", "/api/v1/users", Guard::Needs(Permission::kUserRead),
             [&sessions](Request& r) { return List(sessions, r); });
  router.Add("POST", "/api/v1/users", Guard::Needs(Permission::kUserWrite),
             [&sessions](Request& r) { return Create(sessions, r); });
  router.Add("GET", "/api/v1/users/{id}", Guard::Needs(Permission::kUserRead),
             [&sessions](Request& r) { return Get(sessions, r); });
  router.Add("PATCH", "/api/v1/users/{id}", Guard::Needs(Permission::kUserWrite),
             [&sessions](Request& r) { return Update(sessions, r); });
  router.Add("POST", "/api/v1/users/{id}/password-reset", Guard::Needs(Permission::kUserWrite),
             [&sessions](Request& r) { return ResetPassword(sessions, r); });
}

}  // namespace socius::auth
