// The territory endpoints through the real Router (guards, problem+json) on both backends,
// with principals made up for each test instead of logins.
#include "territory/routes.h"

#include <gtest/gtest.h>

#include <sstream>

#include "auth/principal.h"
#include "http/router.h"
#include "territory/import.h"
#include "testing/test_database.h"

namespace socius::territory {
namespace {

using core::Result;
using core::Status;
using http::Json;

constexpr char kTree[] =
    "code,parent_code,level,name,name_latin\n"
    "RO,,country,România,\n"
    "RO:10,RO,region,Județul Alba,\n"
    "RO:1017,RO:10,community,Municipiul Alba Iulia,\n"
    "RO:1026,RO:1017,settlement,Alba Iulia,\n"
    "RO:20,RO,region,Județul Arad,\n"
    "RO:2001,RO:20,community,Municipiul Arad,\n"
    "UA,,country,Україна,\n"
    "MK,,country,Северна Македонија,\n";

auth::Principal Holder(auth::Role role, const std::string& code, const std::string& path) {
  auth::Principal p;
  p.user_id = "user-" + code;
  p.username = "tester";
  p.language = "en";
  p.csrf_token = "csrf";
  p.grants.push_back(auth::RoleGrant{role, "", code, path});
  return p;
}

class TerritoryRoutesTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::istringstream in(kTree);
    Result<ImportReport> report = ImportTerritoriesCsv(db(), in, ImportOptions{});
    ASSERT_TRUE(report.ok() && report->committed);
    router_ = std::make_unique<http::Router>(
        [this](const http::Request&) -> Result<auth::Principal> { return caller_; });
    RegisterTerritoryRoutes(*router_, db());
  }

  struct Reply {
    int status = 0;
    Json body;
    std::string etag;
  };

  Reply Call(const std::string& method, const std::string& target, const Json& body = nullptr,
             const std::string& if_match = "") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(request.SetTarget(target).ok()) << target;
    request.headers["x-csrf-token"] = "csrf";
    if (!body.is_null()) {
      request.headers["content-type"] = "application/json";
      request.body = body.dump();
    }
    if (!if_match.empty()) request.headers["if-match"] = if_match;
    http::Response response = router_->Dispatch(request);
    Reply reply;
    reply.status = response.status;
    if (!response.body.empty()) reply.body = Json::parse(response.body);
    for (const auto& [name, value] : response.headers) {
      if (name == "ETag") reply.etag = value;
    }
    return reply;
  }

  static std::vector<std::string> CodesOf(const Json& list) {
    std::vector<std::string> codes;
    for (const Json& item : list.at("items")) codes.push_back(item.at("code"));
    return codes;
  }

  int64_t AuditCount(const std::string& action) {
    int64_t n = -1;
    EXPECT_TRUE(db().Read([&](store::Session& tx) {
                      Result<store::Rows> rows =
                          tx.Query("SELECT COUNT(*) FROM audit_log WHERE action = ?",
                                   {store::Value(action)});
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  auth::Principal caller_ = Holder(auth::Role::kAdministrator, "ROOT", "/");
  std::unique_ptr<http::Router> router_;
};

using CodeList = std::vector<std::string>;

TEST_P(TerritoryRoutesTest, InstallationAdministratorSeesCountriesButNotRoot) {
  Reply top = Call("GET", "/api/v1/territories");
  ASSERT_EQ(top.status, 200) << top.body.dump();
  // By name: România (Latin) before Северна Македонија and Україна (Cyrillic).
  EXPECT_EQ(CodesOf(top.body), (CodeList{"RO", "MK", "UA"}));
  EXPECT_TRUE(top.body.at("next_cursor").is_null());
  Reply same = Call("GET", "/api/v1/territories?parent=root");
  EXPECT_EQ(CodesOf(same.body), (CodeList{"RO", "MK", "UA"}));
  Reply one = Call("GET", "/api/v1/territories/RO:1026");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body.at("name"), "Alba Iulia");
  EXPECT_EQ(one.body.at("level"), "settlement");
  EXPECT_EQ(one.body.at("parent_code"), "RO:1017");
  EXPECT_EQ(one.body.at("path"), "/RO/RO:10/RO:1017/RO:1026/");
  EXPECT_TRUE(one.body.at("name_latin").is_null());
  EXPECT_EQ(one.body.at("version"), 1);
  EXPECT_EQ(one.etag, "\"1\"");
}

TEST_P(TerritoryRoutesTest, ScopedUserWalksDownToTheirSubtreeOnly) {
  caller_ = Holder(auth::Role::kSocialWorker, "RO:10", "/RO/RO:10/");
  EXPECT_EQ(CodesOf(Call("GET", "/api/v1/territories").body), (CodeList{"RO"}));
  EXPECT_EQ(CodesOf(Call("GET", "/api/v1/territories?parent=RO").body), (CodeList{"RO:10"}));
  EXPECT_EQ(CodesOf(Call("GET", "/api/v1/territories?parent=RO:10").body), (CodeList{"RO:1017"}));
  EXPECT_EQ(CodesOf(Call("GET", "/api/v1/territories?q=municipiul").body), (CodeList{"RO:1017"}));
  Reply hidden = Call("GET", "/api/v1/territories/RO:2001");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body.at("code"), "territory.not_found");
  EXPECT_EQ(Call("GET", "/api/v1/territories?parent=UA").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/territories/ROOT").status, 404);
  Reply write = Call(
      "POST", "/api/v1/territories",
      Json{{"code", "RO:1099"}, {"name", "Nou"}, {"level", "community"}, {"parent_code", "RO:10"}});
  EXPECT_EQ(write.status, 403);
}

TEST_P(TerritoryRoutesTest, PagesWithCursorAndRejectsBadQueries) {
  Reply first = Call("GET", "/api/v1/territories?limit=2");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(CodesOf(first.body), (CodeList{"RO", "MK"}));
  ASSERT_TRUE(first.body.at("next_cursor").is_string());
  Reply second = Call("GET", "/api/v1/territories?limit=2&cursor=" +
                                 first.body.at("next_cursor").get<std::string>());
  EXPECT_EQ(CodesOf(second.body), (CodeList{"UA"}));
  EXPECT_TRUE(second.body.at("next_cursor").is_null());
  for (const char* bad : {"limit=0", "limit=201", "limit=x", "cursor=zz", "level=judet"}) {
    Reply reply = Call("GET", std::string("/api/v1/territories?") + bad);
    EXPECT_EQ(reply.status, 400) << bad;
    EXPECT_EQ(reply.body.value("code", ""), "request.invalid_query") << bad;
  }
  Reply level = Call("GET", "/api/v1/territories?q=RO&level=community");
  EXPECT_EQ(CodesOf(level.body), (CodeList{"RO:1017", "RO:2001"}));
  Reply regions = Call("GET", "/api/v1/territories?level=region");
  EXPECT_EQ(CodesOf(regions.body), (CodeList{"RO:10", "RO:20"}));
  Reply under = Call("GET", "/api/v1/territories?parent=RO:10&level=settlement");
  EXPECT_TRUE(CodesOf(under.body).empty());  // children of RO:10 only
}

TEST_P(TerritoryRoutesTest, CreatesUnderParentWithChecks) {
  Reply created = Call("POST", "/api/v1/territories",
                       Json{{"code", "RO:1040"},
                            {"name", " Micești "},
                            {"level", "settlement"},
                            {"parent_code", "RO:1017"}});
  ASSERT_EQ(created.status, 201) << created.body.dump();
  EXPECT_EQ(created.body.at("name"), "Micești");
  EXPECT_EQ(created.body.at("path"), "/RO/RO:10/RO:1017/RO:1040/");
  EXPECT_EQ(created.etag, "\"1\"");
  EXPECT_EQ(AuditCount("territory.create"), 1);

  const auto post = [&](Json body) { return Call("POST", "/api/v1/territories", body); };
  Reply duplicate = post({{"code", "RO:1040"},
                          {"name", "Again"},
                          {"level", "settlement"},
                          {"parent_code", "RO:1017"}});
  EXPECT_EQ(duplicate.status, 409);
  EXPECT_EQ(duplicate.body.at("code"), "territory.duplicate_code");
  Reply prefix = post(
      {{"code", "UA:1040"}, {"name", "X"}, {"level", "settlement"}, {"parent_code", "RO:1017"}});
  EXPECT_EQ(prefix.status, 400);
  EXPECT_EQ(prefix.body.at("code"), "territory.invalid_code");
  EXPECT_EQ(prefix.body.at("field"), "code");
  Reply level =
      post({{"code", "RO:1041"}, {"name", "X"}, {"level", "region"}, {"parent_code", "RO:1017"}});
  EXPECT_EQ(level.status, 400);
  EXPECT_EQ(level.body.at("code"), "territory.invalid_level");
  Reply orphan = post(
      {{"code", "RO:1042"}, {"name", "X"}, {"level", "settlement"}, {"parent_code", "RO:9999"}});
  EXPECT_EQ(orphan.status, 404);
  EXPECT_EQ(orphan.body.at("code"), "territory.parent_not_found");
  Reply unknown = post({{"code", "RO:1043"},
                        {"name", "X"},
                        {"level", "settlement"},
                        {"parent_code", "RO:1017"},
                        {"population", 3}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.body.at("code"), "request.unknown_field");
  Reply country = post({{"code", "LT"}, {"name", "Lietuva"}, {"level", "country"}});
  ASSERT_EQ(country.status, 201) << country.body.dump();
  EXPECT_EQ(country.body.at("path"), "/LT/");
  EXPECT_TRUE(country.body.at("parent_code").is_null());
  EXPECT_EQ(AuditCount("territory.create"), 2);
}

TEST_P(TerritoryRoutesTest, ScopedAdministratorWritesOnlyInsideTheirSubtree) {
  caller_ = Holder(auth::Role::kAdministrator, "RO:10", "/RO/RO:10/");
  Reply inside = Call("POST", "/api/v1/territories",
                      Json{{"code", "RO:1050"},
                           {"name", "Sat"},
                           {"level", "settlement"},
                           {"parent_code", "RO:1017"}});
  EXPECT_EQ(inside.status, 201);
  Reply ancestor =
      Call("POST", "/api/v1/territories",
           Json{{"code", "RO:30"}, {"name", "Județ"}, {"level", "region"}, {"parent_code", "RO"}});
  EXPECT_EQ(ancestor.status, 403);
  EXPECT_EQ(ancestor.body.at("code"), "auth.forbidden");
  Reply elsewhere = Call("POST", "/api/v1/territories",
                         Json{{"code", "RO:2099"},
                              {"name", "Sat"},
                              {"level", "settlement"},
                              {"parent_code", "RO:2001"}});
  EXPECT_EQ(elsewhere.status, 404);
  Reply country = Call("POST", "/api/v1/territories",
                       Json{{"code", "LT"}, {"name", "Lietuva"}, {"level", "country"}});
  EXPECT_EQ(country.status, 403);
}

TEST_P(TerritoryRoutesTest, UpdatesNamesWithIfMatch) {
  const Json rename = {{"name", "Județul Alba (nou)"}, {"name_latin", "Alba"}};
  Reply missing = Call("PATCH", "/api/v1/territories/RO:10", rename);
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(missing.body.at("code"), "request.if_match_required");
  Reply done = Call("PATCH", "/api/v1/territories/RO:10", rename, "\"1\"");
  ASSERT_EQ(done.status, 200) << done.body.dump();
  EXPECT_EQ(done.body.at("name"), "Județul Alba (nou)");
  EXPECT_EQ(done.body.at("name_latin"), "Alba");
  EXPECT_EQ(done.body.at("version"), 2);
  EXPECT_EQ(done.etag, "\"2\"");
  Reply stale = Call("PATCH", "/api/v1/territories/RO:10", {{"name", "Other"}}, "\"1\"");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body.at("code"), "conflict.stale_version");
  Reply cleared = Call("PATCH", "/api/v1/territories/RO:10", {{"name_latin", nullptr}}, "\"2\"");
  ASSERT_EQ(cleared.status, 200);
  EXPECT_TRUE(cleared.body.at("name_latin").is_null());
  EXPECT_EQ(Call("PATCH", "/api/v1/territories/RO:10", {{"name", "  "}}, "\"3\"").status, 400);
  EXPECT_EQ(Call("PATCH", "/api/v1/territories/RO:10", {{"level", "district"}}, "\"3\"").status,
            400);
  EXPECT_EQ(Call("PATCH", "/api/v1/territories/RO:404", {{"name", "X"}}, "\"1\"").status, 404);
  EXPECT_EQ(AuditCount("territory.update"), 2);
}

SOCIUS_INSTANTIATE_BACKENDS(TerritoryRoutesTest);

}  // namespace
}  // namespace socius::territory
