#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace socius::http {
namespace {

using core::Status;

auth::Principal Worker() {
  auth::Principal who;
  who.user_id = "u1";
  who.username = "ana";
  who.language = "uk";
  who.csrf_token = "csrf-123";
  who.grants.push_back({auth::Role::kSocialWorker, "t1", "RO:1", "/RO/RO:1/"});
  return who;
}

// Sessions by cookie: "worker", "newcomer" (must change password), "expired".
core::Result<auth::Principal> FakeAuthenticate(const Request& request) {
  std::string token = request.Cookie("socius_session");
  if (token == "worker") return Worker();
  if (token == "newcomer") {
    auth::Principal who = Worker();
    who.must_change_password = true;
    return who;
  }
  if (token == "expired") return Status::Unauthenticated("auth.session_expired");
  return Status::Unauthenticated("auth.unauthenticated");
}

Handler Echo(std::string what) {
  return [what](Request& request) -> core::Result<Response> {
    return Response::JsonBody(200, Json{{"route", what}, {"params", request.path_params}});
  };
}

class RouterTest : public testing::Test {
 protected:
  RouterTest() : router_(FakeAuthenticate) {
    router_.Add("GET", "/api/v1/health", Guard::Public(), Echo("health"));
    router_.Add("GET", "/api/v1/users/{id}", Guard::Needs(auth::Permission::kUserRead),
                Echo("user"));
    router_.Add("GET", "/api/v1/users/me", Guard::LoggedIn(), Echo("me"));
    router_.Add("GET", "/api/v1/persons/{id}/contacts/{contact}",
                Guard::Needs(auth::Permission::kPersonRead), Echo("contact"));
    router_.Add("POST", "/api/v1/persons", Guard::Needs(auth::Permission::kPersonWrite),
                Echo("create person"));
    router_.Add("PUT", "/api/v1/persons", Guard::Needs(auth::Permission::kPersonImport),
                Echo("import persons"));
    router_.Add("GET", "/api/v1/persons", Guard::Needs(auth::Permission::kPersonRead),
                Echo("list persons"));
    Guard password = Guard::LoggedIn();
    password.allowed_before_password_change = true;
    router_.Add("POST", "/api/v1/session/password", password, Echo("password"));
    router_.Add("GET", "/api/v1/throws", Guard::Public(), [](Request&) -> core::Result<Response> {
      throw std::runtime_error("secret detail");
    });
    router_.Add("GET", "/api/v1/fails", Guard::Public(), [](Request&) -> core::Result<Response> {
      return Status::Conflict("conflict.stale_version", "version");
    });
  }

  Response Call(std::string method, std::string target, std::string session = "",
                std::string csrf = "") {
    request_ = Request();
    request_.method = std::move(method);
    EXPECT_TRUE(request_.SetTarget(target).ok());
    if (!session.empty()) request_.headers["cookie"] = "socius_session=" + session;
    if (!csrf.empty()) request_.headers["x-csrf-token"] = csrf;
    return router_.Dispatch(request_);
  }

  static std::string CodeOf(const Response& response) {
    return Json::parse(response.body).value("code", "");
  }
  static std::string RouteOf(const Response& response) {
    return Json::parse(response.body).value("route", "");
  }

  Router router_;
  Request request_;
};

TEST_F(RouterTest, MatchesLiteralRouteWithoutLogin) {
  Response response = Call("GET", "/api/v1/health");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(RouteOf(response), "health");
  EXPECT_FALSE(request_.principal.has_value());
}

TEST_F(RouterTest, FillsPercentDecodedPathParameters) {
  Response response = Call("GET", "/api/v1/persons/a%20b/contacts/x%2Fy", "worker");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(request_.PathParam("id"), "a b");
  EXPECT_EQ(request_.PathParam("contact"), "x/y");  // an encoded slash stays in its segment
}

TEST_F(RouterTest, PrefersLiteralSegmentOverParameter) {
  EXPECT_EQ(RouteOf(Call("GET", "/api/v1/users/me", "worker")), "me");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  Response response = Call("GET", "/api/v1/nothing");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(CodeOf(response), "request.not_found");
  EXPECT_EQ(Call("GET", "/api/v1/users/").status, 404);  // an empty parameter matches nothing
  EXPECT_EQ(Call("GET", "/api/v1/health/").status, 404);
  EXPECT_FALSE(router_.Matches("/api/v1/nothing"));
  EXPECT_TRUE(router_.Matches("/api/v1/users/42"));
}

TEST_F(RouterTest, KnownPathWithOtherMethodIsMethodNotAllowedWithAllowHeader) {
  Response response = Call("DELETE", "/api/v1/persons", "worker", "csrf-123");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(CodeOf(response), "request.method_not_allowed");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Allow");
  EXPECT_EQ(response.headers[0].second, "GET, HEAD, POST, PUT");
}

TEST_F(RouterTest, HeadRunsTheGetHandler) {
  Response response = Call("HEAD", "/api/v1/health");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(RouteOf(response), "health");
}

TEST_F(RouterTest, MissingSessionIsUnauthenticated) {
  Response response = Call("GET", "/api/v1/persons");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(CodeOf(response), "auth.unauthenticated");
}

TEST_F(RouterTest, ExpiredSessionKeepsAuthenticatorCode) {
  Response response = Call("GET", "/api/v1/persons", "expired");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(CodeOf(response), "auth.session_expired");
}

TEST_F(RouterTest, AuthenticationComesBeforeCsrf) {
  EXPECT_EQ(CodeOf(Call("POST", "/api/v1/persons")), "auth.unauthenticated");
}

TEST_F(RouterTest, StateChangeWithoutOrWithWrongCsrfTokenIsForbidden) {
  Response missing = Call("POST", "/api/v1/persons", "worker");
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(CodeOf(missing), "auth.csrf_invalid");
  EXPECT_EQ(CodeOf(Call("POST", "/api/v1/persons", "worker", "csrf-124")), "auth.csrf_invalid");
  EXPECT_EQ(CodeOf(Call("POST", "/api/v1/persons", "worker", "csrf-12")), "auth.csrf_invalid");
  Response ok = Call("POST", "/api/v1/persons", "worker", "csrf-123");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(RouteOf(ok), "create person");
  EXPECT_EQ(request_.principal->user_id, "u1");
}

TEST_F(RouterTest, ReadsNeedNoCsrfToken) {
  EXPECT_EQ(Call("GET", "/api/v1/persons", "worker").status, 200);
}

TEST_F(RouterTest, PasswordChangeGateComesBeforeCsrfAndPermission) {
  Response response = Call("POST", "/api/v1/persons", "newcomer");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(CodeOf(response), "auth.password_change_required");
  EXPECT_EQ(CodeOf(Call("GET", "/api/v1/users/me", "newcomer")), "auth.password_change_required");
}

TEST_F(RouterTest, PasswordRouteWorksBeforePasswordChangeButStillNeedsCsrf) {
  EXPECT_EQ(CodeOf(Call("POST", "/api/v1/session/password", "newcomer")), "auth.csrf_invalid");
  EXPECT_EQ(Call("POST", "/api/v1/session/password", "newcomer", "csrf-123").status, 200);
}

TEST_F(RouterTest, PermissionNotHeldAnywhereIsForbidden) {
  Response response = Call("GET", "/api/v1/users/42", "worker");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(CodeOf(response), "auth.forbidden");
  EXPECT_EQ(CodeOf(Call("PUT", "/api/v1/persons", "worker", "csrf-123")), "auth.forbidden");
  EXPECT_EQ(Call("GET", "/api/v1/persons/p1/contacts/c1", "worker").status, 200);
}

TEST_F(RouterTest, CsrfComesBeforePermission) {
  EXPECT_EQ(CodeOf(Call("PUT", "/api/v1/persons", "worker")), "auth.csrf_invalid");
}

TEST_F(RouterTest, MessagesFollowAcceptLanguageOverTheUsersLanguage) {
  // The web app asks for the language on screen, which may differ from the stored one.
  request_ = Request();
  request_.method = "GET";
  ASSERT_TRUE(request_.SetTarget("/api/v1/users/42").ok());
  request_.headers["cookie"] = "socius_session=worker";
  request_.headers["accept-language"] = "ro";
  Response response = router_.Dispatch(request_);
  EXPECT_EQ(request_.language, "ro");
  EXPECT_EQ(Json::parse(response.body)["title"], "Acces interzis");
}

TEST_F(RouterTest, MessagesFollowTheUsersLanguageWithoutAcceptLanguage) {
  request_ = Request();
  request_.method = "GET";
  ASSERT_TRUE(request_.SetTarget("/api/v1/users/42").ok());
  request_.headers["cookie"] = "socius_session=worker";
  Response response = router_.Dispatch(request_);
  EXPECT_EQ(request_.language, "uk");
  EXPECT_EQ(Json::parse(response.body)["title"], "Доступ заборонено");
}

TEST_F(RouterTest, PublicRouteUsesAcceptLanguage) {
  request_ = Request();
  request_.method = "GET";
  ASSERT_TRUE(request_.SetTarget("/api/v1/nothing").ok());
  request_.headers["accept-language"] = "mk-MK,mk;q=0.9";
  Response response = router_.Dispatch(request_);
  EXPECT_EQ(Json::parse(response.body)["title"], "Не е пронајдено");
}

TEST_F(RouterTest, HandlerFailureBecomesProblemWithField) {
  Response response = Call("GET", "/api/v1/fails");
  EXPECT_EQ(response.status, 409);
  Json body = Json::parse(response.body);
  EXPECT_EQ(body["code"], "conflict.stale_version");
  EXPECT_EQ(body["field"], "version");
  EXPECT_EQ(body["instance"], "/api/v1/fails");
}

TEST_F(RouterTest, HandlerExceptionBecomesGenericInternalError) {
  Response response = Call("GET", "/api/v1/throws");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(CodeOf(response), "internal");
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos);
}

TEST(RouterWithoutAuthenticator, AuthenticatedRoutesAreUnauthenticated) {
  Router router(nullptr);
  router.Add("GET", "/api/v1/x", Guard::LoggedIn(), Echo("x"));
  Request request;
  request.method = "GET";
  ASSERT_TRUE(request.SetTarget("/api/v1/x").ok());
  EXPECT_EQ(router.Dispatch(request).status, 401);
}

}  // namespace
}  // namespace socius::http
