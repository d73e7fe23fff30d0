#include "auth/routes.h"

#include <gtest/gtest.h>

#include "auth/bootstrap.h"
#include "auth/test_fixture.h"

namespace socius::auth {
namespace {

using http::Json;

// Drives the auth endpoints through a real Router, as the server would.
class AuthRoutesTest : public testing::AuthDatabaseTest {
 protected:
  void SetUp() override {
    AuthDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    sessions_ = std::make_unique<Sessions>(db(), options_);
    router_ = std::make_unique<http::Router>(MakeAuthenticator(*sessions_));
    RegisterAuthRoutes(*router_, *sessions_);
    ASSERT_TRUE(EnsureFirstAdministrator(db(), std::string("admin password")).ok());
  }

  http::Response Call(const std::string& method, const std::string& target,
                      const Json& body = nullptr,
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(request.SetTarget(target).ok());
    request.client_ip = "198.51.100.4";
    if (!body.is_null()) {
      request.body = body.dump();
      request.headers["content-type"] = "application/json";
    }
    if (!cookie_.empty()) request.headers["cookie"] = "socius_session=" + cookie_;
    if (!csrf_.empty()) request.headers["x-csrf-token"] = csrf_;
    for (auto& [name, value] : headers) request.headers[name] = value;
    return router_->Dispatch(request);
  }

  static std::string HeaderOf(const http::Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
      if (n == name) return v;
    }
    return "";
  }

  void LogInAs(const std::string& username, const std::string& password) {
    http::Response r =
        Call("POST", "/api/v1/session", {{"username", username}, {"password", password}});
    ASSERT_EQ(r.status, 200) << r.body;
    std::string set_cookie = HeaderOf(r, "Set-Cookie");
    ASSERT_TRUE(set_cookie.starts_with("socius_session=")) << set_cookie;
    cookie_ = set_cookie.substr(15, set_cookie.find(';') - 15);
    csrf_ = Json::parse(r.body).at("csrf_token");
  }

  std::unique_ptr<Sessions> sessions_;
  std::unique_ptr<http::Router> router_;
  std::string cookie_;
  std::string csrf_;
};

TEST_P(AuthRoutesTest, LoginSessionAndLogout) {
  EXPECT_EQ(Call("GET", "/api/v1/session").status, 401);
  http::Response bad =
      Call("POST", "/api/v1/session", {{"username", "admin"}, {"password", "nope"}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(Json::parse(bad.body).at("code"), "auth.invalid_credentials");
  EXPECT_EQ(Call("POST", "/api/v1/session", {{"username", "admin"}, {"extra", 1}}).status, 400);

  LogInAs("admin", "admin password");
  http::Response me = Call("GET", "/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.body;
  Json body = Json::parse(me.body);
  EXPECT_EQ(body.at("user").at("username"), "admin");
  EXPECT_EQ(body.at("user").at("roles").at(0).at("territory_code"), "ROOT");
  EXPECT_EQ(body.at("csrf_token"), csrf_);

  std::string csrf = csrf_;
  csrf_ = "wrong";
  EXPECT_EQ(Call("DELETE", "/api/v1/session").status, 403);
  csrf_ = csrf;
  http::Response out = Call("DELETE", "/api/v1/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(HeaderOf(out, "Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/session").status, 401);
}

TEST_P(AuthRoutesTest, CreateReadPatchUserWithVersions) {
  LogInAs("admin", "admin password");
  Json draft = {{"username", "Maria.Ionescu"},
                {"display_name", "Maria Ionescu"},
                {"language", "ro"},
                {"home_territory_code", "RO:1017"},
                {"roles", {{{"role", "social_worker"}, {"territory_code", "RO:1017"}}}}};
  http::Response created = Call("POST", "/api/v1/users", draft);
  ASSERT_EQ(created.status, 201) << created.body;
  Json body = Json::parse(created.body);
  std::string id = body.at("user").at("id");
  EXPECT_EQ(HeaderOf(created, "Location"), "/api/v1/users/" + id);
  EXPECT_EQ(body.at("one_time_password").get<std::string>().size(), 16u);
  EXPECT_TRUE(body.at("user").at("must_change_password").get<bool>());
  EXPECT_EQ(Call("POST", "/api/v1/users", draft).status, 409);

  http::Response got = Call("GET", "/api/v1/users/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(HeaderOf(got, "ETag"), "\"1\"");

  Json patch = {{"display_name", "Maria I."}};
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + id, patch).status, 428);
  http::Response patched = Call("PATCH", "/api/v1/users/" + id, patch, {{"if-match", "\"1\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(HeaderOf(patched, "ETag"), "\"2\"");
  http::Response stale = Call("PATCH", "/api/v1/users/" + id, patch, {{"if-match", "\"1\""}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Json::parse(stale.body).at("code"), "conflict.stale_version");
  EXPECT_EQ(Call("PATCH", "/api/v1/users/" + id, {{"colour", "red"}}, {{"if-match", "2"}}).status,
            400);

  http::Response list = Call("GET", "/api/v1/users?q=maria&limit=1");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(Json::parse(list.body).at("items").size(), 1u);

  http::Response reset = Call("POST", "/api/v1/users/" + id + "/password-reset");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(Json::parse(reset.body).at("one_time_password").get<std::string>().size(), 16u);

  http::Response audit = Call("GET", "/api/v1/audit?entity_id=" + id);
  ASSERT_EQ(audit.status, 200) << audit.body;
  Json entries = Json::parse(audit.body).at("items");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.at(0).at("action"), "user.password_reset");
  EXPECT_EQ(entries.at(2).at("detail").at("username"), "Maria.Ionescu");
  http::Response verify = Call("GET", "/api/v1/audit/verify");
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(Json::parse(verify.body).at("ok").get<bool>());
}

TEST_P(AuthRoutesTest, OneTimePasswordGatesEverythingButTheSession) {
  ASSERT_TRUE(AddUser(db(), "auditor1", "Auditor", "auditor", "RO", std::nullopt).ok());
  auto otp = UserAccounts(db(), options_, nullptr).ResetPassword(nullptr, [&] {
    return ListUsers(db())->at(1).id;  // admin, auditor1 by username
  }());
  ASSERT_TRUE(otp.ok());
  LogInAs("auditor1", *otp);
  EXPECT_EQ(Json::parse(Call("GET", "/api/v1/roles").body).at("code"),
            "auth.password_change_required");
  EXPECT_EQ(Call("POST", "/api/v1/session/password",
                 {{"current_password", *otp}, {"new_password", "short"}})
                .status,
            400);
  EXPECT_EQ(Call("POST", "/api/v1/session/password",
                 {{"current_password", *otp}, {"new_password", "auditor's own"}})
                .status,
            204);
  http::Response roles = Call("GET", "/api/v1/roles");
  ASSERT_EQ(roles.status, 200) << roles.body;
  EXPECT_EQ(Json::parse(roles.body).at("items").size(), 8u);
  // An auditor over Romania reads the audit log but may not verify the whole chain.
  EXPECT_EQ(Call("GET", "/api/v1/audit").status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/audit/verify").status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/users").status, 403);
}

SOCIUS_INSTANTIATE_BACKENDS(AuthRoutesTest);

}  // namespace
}  // namespace socius::auth
