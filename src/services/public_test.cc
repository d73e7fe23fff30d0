// What residents reach without an account, through the real Router on both backends: which
// services a community's directory lists, the search by need across languages, the page for
// phones (escaped, small), and requests for help from the form to the intake queue (bad
// input, the spam trap, the rate limit, resolutions and their scope).
#include <gtest/gtest.h>

#include <cstdio>

#include "registry/test_fixture.h"
#include "services/public_routes.h"
#include "services/routes.h"
#include "testing/route_client.h"

namespace socius::services {
namespace {

using http::Json;

class PublicDirectoryTest : public registry::testing::RegistryDatabaseTest,
                            public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    principals_["head"] = AddUser("head", "RO:1017", auth::Role::kHeadOfService);
    principals_["ana"] = AddUser("ana", "RO:1017", auth::Role::kSocialWorker);
    principals_["district"] = AddUser("district", "RO:10", auth::Role::kHeadOfService);
    principals_["otherhead"] = AddUser("otherhead", "RO:2000", auth::Role::kHeadOfService);
    RegisterServiceRoutes(router(), db());
    RegisterPublicServiceRoutes(router(), db());
  }

  std::string Provider(const std::string& who, const std::string& code) {
    Reply r = Call(who, "POST", "/api/v1/providers",
                   {{"territory_code", code}, {"name", "Primăria"}, {"kind", "public"}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("id", "");
  }

  std::string Service(const std::string& who, const std::string& provider, const std::string& code,
                      Json body) {
    body["provider_id"] = provider;
    body["territory_code"] = code;
    if (!body.contains("capacity")) body["capacity"] = 10;
    Reply r = Call(who, "POST", "/api/v1/services", body);
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("id", "");
  }

  // A request with no session, as a resident's browser sends it.
  http::Response Public(const std::string& method, const std::string& target,
                        const std::string& body = "", const std::string& type = "") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(request.SetTarget(target).ok()) << target;
    request.client_ip = "203.0.113.7";
    if (!type.empty()) request.headers["content-type"] = type;
    request.body = body;
    return router().Dispatch(request);
  }

  Json PublicJson(const std::string& target) {
    http::Response r = Public("GET", target);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body, nullptr, false);
  }

  std::vector<std::string> Names(const Json& list) {
    std::vector<std::string> out;
    for (const Json& s : list["items"]) out.push_back(s["name"]);
    std::sort(out.begin(), out.end());
    return out;
  }

  http::Response Ask(const Json& body) {
    return Public("POST", "/api/v1/public/communities/RO:1017/help-requests", body.dump(),
                  "application/json");
  }
};

TEST_P(PublicDirectoryTest, ListsWhatServesTheCommunityAndFindsItByNeedInAnyLanguage) {
  const std::string berca = Provider("head", "RO:1017");
  const std::string county = Provider("district", "RO:10");
  const std::string other = Provider("otherhead", "RO:2000");
  Service(
      "head", berca, "RO:1017",
      {{"name", "Cantina socială"}, {"type", "social_canteen"}, {"target_groups", {"elderly"}}});
  Service("head", berca, "RO:1017",
          {{"name", "Închis"}, {"type", "counselling"}, {"active", false}});
  Service("district", county, "RO:10", {{"name", "Echipa mobilă"}, {"type", "mobile_team"}});
  Service("district", county, "RO:10",
          {{"name", "Centrul Valea"}, {"type", "day_centre"}, {"settlement_codes", {"RO:2011"}}});
  Service("otherhead", other, "RO:2000", {{"name", "Pătârlagele"}, {"type", "home_care"}});

  using V = std::vector<std::string>;
  EXPECT_EQ(Names(PublicJson("/api/v1/public/communities/RO:1017/services")),
            (V{"Cantina socială", "Echipa mobilă"}));
  EXPECT_EQ(Names(PublicJson("/api/v1/public/communities/RO:2000/services")),
            (V{"Centrul Valea", "Echipa mobilă", "Pătârlagele"}));

  // A need, in any language and script, finds the canteen; a word that names nothing, none.
  for (const char* q : {"%D0%BA%D0%B0%D1%88%D0%B0", "canteen", "food", "cantina", "elderly",
                        "%D0%BF%D0%B5%D0%BD%D1%81%D1%96%D0%BE%D0%BD%D0%B5%D1%80"}) {
    EXPECT_EQ(Names(PublicJson("/api/v1/public/communities/RO:1017/services?q=" + std::string(q))),
              (V{"Cantina socială"}))
        << q;
  }
  EXPECT_EQ(PublicJson("/api/v1/public/communities/RO:1017/services?q=zzzqx")["items"].size(), 0u);
  Json uk = PublicJson("/api/v1/public/communities/RO:1017/services?q=canteen&lang=uk");
  EXPECT_NE(uk["items"][0]["type_label"].get<std::string>().find("\xD1"), std::string::npos)
      << "a Cyrillic label";

  EXPECT_EQ(Public("GET", "/api/v1/public/communities/RO:10/services").status, 404);
  EXPECT_EQ(Public("GET", "/api/v1/public/communities/XX:1/services").status, 404);
  http::Response cached = Public("GET", "/api/v1/public/communities/RO:1017/services");
  bool cacheable = false;
  for (const auto& [name, value] : cached.headers) {
    cacheable = cacheable || (name == "Cache-Control" && value == "public, max-age=60");
    EXPECT_NE(name, "Set-Cookie");
  }
  EXPECT_TRUE(cacheable);
}

TEST_P(PublicDirectoryTest, ThePageEscapesWhatStaffWroteAndStaysSmallWithTwoHundredServices) {
  const std::string berca = Provider("head", "RO:1017");
  Service("head", berca, "RO:1017",
          {{"name", "<script>alert(1)</script> Centrul"},
           {"type", "day_centre"},
           {"description", "Mese calde \"gratuite\" & consiliere"},
           {"phone", "+40 238 000 000"}});
  http::Response page = Public("GET", "/directory/RO:1017?lang=ro");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt; Centrul"), std::string::npos);
  EXPECT_NE(page.body.find("&quot;gratuite&quot; &amp; consiliere"), std::string::npos);
  EXPECT_NE(page.body.find("lang=\"ro\""), std::string::npos);
  EXPECT_EQ(Public("GET", "/directory/XX:1").status, 404);

  for (int i = 0; i < 199; ++i) {
    Service("head", berca, "RO:1017",
            {{"name", "Serviciul " + std::to_string(i)},
             {"type", "home_care"},
             {"target_groups", {"elderly", "disability"}},
             {"languages", {"ro", "ru"}},
             {"opening_hours", "Luni–Vineri 8–16"},
             {"address", "Str. Principală 12"},
             {"phone", "+40 238 000 000"},
             {"how_to_apply", "Cereți asistentului social"}});
  }
  // What a phone receives: the page gzip-compressed, well under 100 KB.
  http::Request phone;
  phone.method = "GET";
  ASSERT_TRUE(phone.SetTarget("/directory/RO:1017?lang=ro").ok());
  phone.headers["accept-encoding"] = "gzip, deflate, br";
  http::Response full = router().Dispatch(phone);
  ASSERT_EQ(full.status, 200);
  bool gzip = false;
  for (const auto& [name, value] : full.headers) gzip = gzip || name == "Content-Encoding";
  EXPECT_TRUE(gzip);
  EXPECT_LT(full.body.size(), 100u * 1024) << "200 services";
  std::printf("directory page with 200 services: %zu bytes gzip\n", full.body.size());
}

TEST_P(PublicDirectoryTest, ARequestForHelpReachesTheQueueOfItsCommunityOnly) {
  const Json good = {{"need", "Bunica mea stă singură și nu are lemne de foc."},
                     {"for_whom", "Maria Ionescu, 82"},
                     {"name", "Ioana"},
                     {"contact", "0722 000 000"},
                     {"consent", true},
                     {"language", "ro"}};
  http::Response sent = Ask(good);
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string confirmation = Json::parse(sent.body)["confirmation"];
  EXPECT_EQ(confirmation.size(), 9u);

  Json markup = good;
  markup["need"] = "<img src=x onerror=alert(1)>";
  EXPECT_NE(Ask(markup).body.find("help.markup_not_allowed"), std::string::npos);
  // (From another address: each counts against its own sender's limit.)
  Json long_need = good;
  long_need["need"] = std::string(2001, 'x');
  http::Request other_sender;
  other_sender.method = "POST";
  ASSERT_TRUE(other_sender.SetTarget("/api/v1/public/communities/RO:1017/help-requests").ok());
  other_sender.client_ip = "2001:db8:1:2:3:4:5:6";
  other_sender.headers["content-type"] = "application/json";
  other_sender.body = long_need.dump();
  EXPECT_NE(router().Dispatch(other_sender).body.find("request.field_too_long"), std::string::npos);
  Json no_consent = good;
  no_consent["consent"] = false;
  EXPECT_NE(Ask(no_consent).body.find("help.consent_required"), std::string::npos);
  Json trapped = good;
  trapped["website"] = "http://spam.example";
  EXPECT_EQ(Ask(trapped).status, 201);  // answered alike, not stored
  // The form of the page: the fifth request from this address within the window...
  http::Response form =
      Public("POST", "/directory/RO:1017/help",
             "lang=ro&need=Ajutor+la+lemne&name=Ion&contact=0733+111+111&consent=yes&website=",
             "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 201) << form.body;
  EXPECT_EQ(form.content_type, "text/html; charset=utf-8");
  // ...and the sixth is refused with a Retry-After.
  http::Response limited = Ask(good);
  EXPECT_EQ(limited.status, 429);
  bool retry_after = false;
  for (const auto& [name, value] : limited.headers)
    retry_after = retry_after || name == "Retry-After";
  EXPECT_TRUE(retry_after);

  // Another site's page may not post the form; the limits are the JSON body's.
  http::Request cross;
  cross.method = "POST";
  ASSERT_TRUE(cross.SetTarget("/directory/RO:1017/help").ok());
  cross.headers["content-type"] = "application/x-www-form-urlencoded";
  cross.headers["origin"] = "https://elsewhere.example";
  cross.headers["host"] = "socius.example";
  cross.body = "lang=en&need=x&name=y&contact=z&consent=yes";
  EXPECT_EQ(router().Dispatch(cross).status, 403);

  Reply queue = Call("ana", "GET", "/api/v1/help-requests");
  ASSERT_EQ(queue.status, 200) << queue.body.dump();
  ASSERT_EQ(queue.body["items"].size(), 2u);  // the trap stored nothing
  EXPECT_EQ(queue.body["items"][0]["confirmation"], confirmation);
  EXPECT_EQ(queue.body["items"][0]["need"], good["need"]);
  EXPECT_EQ(Call("otherhead", "GET", "/api/v1/help-requests").body["items"].size(), 0u);
  const std::string id = queue.body["items"][0]["id"];
  EXPECT_EQ(Call("otherhead", "GET", "/api/v1/help-requests/" + id).body["code"], "help.not_found");
  EXPECT_EQ(Call("otherhead", "GET", "/api/v1/help-requests?community=RO:1017").body["code"],
            "territory.not_found");

  Reply one = Call("ana", "GET", "/api/v1/help-requests/" + id);
  EXPECT_EQ(Call("ana", "POST", "/api/v1/help-requests/" + id + "/resolution",
                 {{"outcome", "closed"}}, one.etag)
                .body["code"],
            "help.answer_required");
  EXPECT_EQ(Call("ana", "POST", "/api/v1/help-requests/" + id + "/resolution",
                 {{"outcome", "case"}, {"case_id", "nosuchcaseqqqqqqqqqqqq"}}, one.etag)
                .body["code"],
            "help.link_not_found");
  EXPECT_EQ(Call("otherhead", "POST", "/api/v1/help-requests/" + id + "/resolution",
                 {{"outcome", "closed"}, {"answer", "x"}}, one.etag)
                .body["code"],
            "help.not_found");
  // A case the worker does not work on (another community's) cannot take the request.
  EXPECT_EQ(Call("ana", "POST", "/api/v1/help-requests/" + id + "/resolution",
                 {{"outcome", "audience"}, {"contact_id", "nosuchcontactqqqqqqqqq"}}, one.etag)
                .body["code"],
            "help.link_not_found");
  Reply closed = Call("ana", "POST", "/api/v1/help-requests/" + id + "/resolution",
                      {{"outcome", "closed"}, {"answer", "Lemne livrate de primărie."}}, one.etag);
  ASSERT_EQ(closed.status, 200) << closed.body.dump();
  EXPECT_EQ(closed.body["state"], "closed");
  EXPECT_EQ(closed.body["resolved_by"]["display_name"], "User ana");
  EXPECT_EQ(Call("ana", "POST", "/api/v1/help-requests/" + id + "/resolution",
                 {{"outcome", "closed"}, {"answer", "again"}}, closed.etag)
                .body["code"],
            "help.already_resolved");
  EXPECT_EQ(Call("ana", "GET", "/api/v1/help-requests").body["items"].size(), 1u);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/help-requests?state=resolved").body["items"].size(), 1u);
}

SOCIUS_INSTANTIATE_BACKENDS(PublicDirectoryTest);

}  // namespace
}  // namespace socius::services
