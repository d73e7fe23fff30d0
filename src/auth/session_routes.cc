// POST/GET/DELETE /api/v1/session, POST /api/v1/session/password, GET /api/v1/roles.
#include <nlohmann/json.hpp>

#include "auth/roles.h"
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

Guard SessionGuard() {
  Guard guard = Guard::LoggedIn();
  guard.allowed_before_password_change = true;
  return guard;
}

// The answer that describes a session: its CSRF token and its user (never cached).
Response SessionAnswer(Sessions& sessions, const std::string& csrf_token, const User& user) {
  std::string now = core::FormatUtc(sessions.options().clock());
  Response response =
      Response::JsonBody(200, Json{{"csrf_token", csrf_token}, {"user", UserJson(user, now)}});
  response.Header("Cache-Control", "no-store");
  return response;
}

Result<Response> LogIn(Sessions& sessions, Request& request) {
  auto body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"username", "password", "language"}));
  auto username = fields.RequiredString("username", 200);
  if (!username.ok()) return username.status();
  auto password = fields.RequiredString("password", 1024);
  if (!password.ok()) return password.status();
  // The language picked on the sign-in page becomes the user's: checked before the attempt
  // so that a bad value never costs a login.
  auto language = fields.OptionalString("language", 8);
  if (!language.ok()) return language.status();
  if (*language) SOCIUS_RETURN_IF_ERROR(ValidateLanguage(**language));

  LoginAttempt attempt{*username, *password, request.client_ip, request.Header("user-agent")};
  auto outcome = sessions.Login(attempt);
  if (!outcome.ok()) return outcome.status();
  if (*language && **language != outcome->user.language) {
    UserAccounts accounts(sessions.database(), sessions.options(), &sessions);
    auto changed = accounts.SetOwnLanguage(outcome->principal, **language);
    if (!changed.ok()) return changed.status();
    outcome->user = std::move(*changed);
  }
  Response response = SessionAnswer(sessions, outcome->principal.csrf_token, outcome->user);
  response.Header("Set-Cookie", sessions.SessionCookie(outcome->token));
  return response;
}

Result<Response> CurrentSession(Sessions& sessions, Request& request) {
  const Principal& who = *request.principal;
  UserAccounts accounts(sessions.database(), sessions.options(), &sessions);
  auto user = accounts.Get(nullptr, who.user_id);
  if (!user.ok()) return Status::Unauthenticated("auth.unauthenticated", "account gone");
  return SessionAnswer(sessions, who.csrf_token, *user);
}

// PATCH /api/v1/session {"language"}: the signed-in user's own preferences.
Result<Response> UpdateSession(Sessions& sessions, Request& request) {
  auto body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"language"}));
  auto language = fields.RequiredString("language", 8);
  if (!language.ok()) return language.status();
  const Principal& who = *request.principal;
  UserAccounts accounts(sessions.database(), sessions.options(), &sessions);
  auto user = accounts.SetOwnLanguage(who, *language);
  if (!user.ok()) return user.status();
  return SessionAnswer(sessions, who.csrf_token, *user);
}

Result<Response> LogOut(Sessions& sessions, Request& request) {
  SOCIUS_RETURN_IF_ERROR(sessions.Logout(*request.principal));
  Response response = Response::NoContent();
  response.Header("Set-Cookie", sessions.ClearedCookie());
  return response;
}

Result<Response> ChangePassword(Sessions& sessions, Request& request) {
  auto body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"current_password", "new_password"}));
  auto current = fields.RequiredString("current_password", 1024);
  if (!current.ok()) return current.status();
  auto next = fields.RequiredString("new_password", 1024);
  if (!next.ok()) return next.status();
  SOCIUS_RETURN_IF_ERROR(sessions.ChangePassword(*request.principal, *current, *next));
  return Response::NoContent();
}

Result<Response> ListRoles(Request&) {
  Json items = Json::array();
  for (Role role : AllRoles()) {
    Json permissions = Json::array();
    for (Permission p : PermissionsOf(role)) permissions.push_back(Name(p));
    items.push_back({{"role", Name(role)}, {"permissions", std::move(permissions)}});
  }
  return Response::JsonBody(200, Json{{"items", std::move(items)}});
}

}  // namespace

void RegisterSessionRoutes(http::Router& router, Sessions& sessions) {
  router.Add("POST", "/api/v1/session", Guard::Public(),
             [&sessions](Request& r) { return LogIn(sessions, r); });
  router.Add("GET", "/api/v1/session", SessionGuard(),
             [&sessions](Request& r) { return CurrentSession(sessions, r); });
  router.Add("PATCH", "/api/v1/session", SessionGuard(),
             [&sessions](Request& r) { return UpdateSession(sessions, r); });
  router.Add("DELETE", "/api/v1/session", SessionGuard(),
             [&sessions](Request& r) { return LogOut(sessions, r); });
  router.Add("POST", "/api/v1/session/password", SessionGuard(),
             [&sessions](Request& r) { return ChangePassword(sessions, r); });
  router.Add("GET", "/api/v1/roles", Guard::LoggedIn(), ListRoles);
}

}  // namespace socius::auth
