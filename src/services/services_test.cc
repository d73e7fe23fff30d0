// Providers, services and enrolments through the real Router on both backends: who sees and
// keeps the catalogue, the bad input the contract names, places and the waiting list (offers
// when a place frees or the capacity grows), 50 concurrent enrolments for 10 places, and every
// endpoint from another community.
#include "services/services.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "core/clock.h"
#include "registry/test_fixture.h"
#include "services/routes.h"
#include "testing/route_client.h"

namespace socius::services {
namespace {

using http::Json;

class ServicesTest : public registry::testing::RegistryDatabaseTest,
                     public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUser("ana", "RO:1017", auth::Role::kSocialWorker);
    AddUser("head", "RO:1017", auth::Role::kHeadOfService);
    AddUser("district", "RO:10", auth::Role::kHeadOfService);
    AddUser("other", "RO:2000", auth::Role::kSocialWorker);
    AddUser("otherhead", "RO:2000", auth::Role::kHeadOfService);
    AddUser("analyst", "RO:10", auth::Role::kAnalyst);
    AddUser("staff", "RO:1017", auth::Role::kProviderStaff);
    AddUser("farstaff", "RO:2000", auth::Role::kProviderStaff);
    RegisterServiceRoutes(router(), db());
  }

  void AddUser(const std::string& name, const std::string& code, auth::Role role) {
    principals_[name] = RegistryDatabaseTest::AddUser(name, code, role);
  }

  std::string AddPerson(const std::string& id, const std::string& community,
                        const std::string& settlement = "") {
    const std::string pid = id + std::string(22 - id.size(), 'q');
    core::Status s = db().Write([&](store::Session& tx) {
      return tx
          .Exec(
              "INSERT INTO persons (id, community_id, settlement_id, given_name, family_name, "
              "birth_date, name_key, created_at, updated_at) VALUES (?, ?, ?, 'Ioana', ?, "
              "'1950-01-09', 'popescu ioana', '2026-01-01T00:00:00.000Z', "
              "'2026-01-01T00:00:00.000Z')",
              {pid, "t-" + community,
               settlement.empty() ? store::Null() : store::Value("t-" + settlement), id})
          .status();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return pid;
  }

  std::string Provider(const std::string& who = "head", const std::string& code = "RO:1017") {
    Reply r = Call(who, "POST", "/api/v1/providers",
                   {{"territory_code", code}, {"name", "DGASPC Buzău"}, {"kind", "public"}});
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("id", "");
  }

  Reply NewService(const std::string& provider, int capacity, Json extra = Json::object(),
                   const std::string& who = "head", const std::string& code = "RO:1017") {
    Json body = std::move(extra);
    body["provider_id"] = provider;
    body["territory_code"] = code;
    body["name"] = body.value("name", "Centrul de zi Berca");
    body["type"] = body.value("type", "day_centre");
    body["capacity"] = capacity;
    return Call(who, "POST", "/api/v1/services", body);
  }

  Reply Enrol(const std::string& service, const std::string& person, Json extra = Json::object(),
              const std::string& who = "ana") {
    extra["service_id"] = service;
    extra["person_id"] = person;
    return Call(who, "POST", "/api/v1/enrolments", extra);
  }

  Reply Move(const std::string& id, const std::string& to, const std::string& reason = "",
             const std::string& who = "ana") {
    Reply now = Call(who, "GET", "/api/v1/enrolments/" + id);
    Json body = {{"to", to}};
    if (!reason.empty()) body["reason"] = reason;
    return Call(who, "POST", "/api/v1/enrolments/" + id + "/transitions", body, now.etag);
  }

  int64_t Audited(const std::string& action) {
    int64_t n = 0;
    EXPECT_TRUE(db().Read([&](store::Session& tx) -> core::Status {
                      auto rows =
                          tx.Query("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      return core::Status::Ok();
                    })
                    .ok());
    return n;
  }
};

TEST_P(ServicesTest, TheCatalogueIsKeptByItsTerritoryAndSeenFromBelow) {
  const std::string provider = Provider();
  Reply service =
      NewService(provider, 10,
                 {{"target_groups", {"elderly", "disability"}},
                  {"languages", {"ro"}},
                  {"settlement_codes", {"RO:1026"}},
                  {"licence_number", "L-123"},
                  {"licence_valid_until", core::AddDays(core::Today(), 30).ToString()}});
  ASSERT_EQ(service.status, 201) << service.body.dump();
  EXPECT_EQ(service.body["licence_status"], "expiring");
  EXPECT_EQ(service.body["places_free"], 10);
  EXPECT_EQ(service.body["settlements"][0]["code"], "RO:1026");
  EXPECT_EQ(service.body["provider"]["name"], "DGASPC Buzău");
  const std::string id = service.body["id"];

  // The district's own service is seen from the community below it.
  const std::string district_provider = Provider("district", "RO:10");
  ASSERT_EQ(NewService(district_provider, 5, {{"name", "Centrul rezidențial"}}, "district", "RO:10")
                .status,
            201);
  Reply seen = Call("ana", "GET", "/api/v1/services");
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body["items"].size(), 2u);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/services?q=centrul%20de%20zi").body["items"].size(), 1u);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/services?licence=expiring").body["items"].size(), 1u);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/services/" + id).status, 200);

  // Another community sees neither the service nor its provider; nobody changes what they do
  // not manage.
  EXPECT_EQ(Call("other", "GET", "/api/v1/services/" + id).body["code"], "service.not_found");
  EXPECT_EQ(Call("other", "GET", "/api/v1/providers/" + provider).body["code"],
            "provider.not_found");
  EXPECT_EQ(Call("other", "GET", "/api/v1/services").body["items"].size(), 1u);  // the district's
  EXPECT_EQ(Call("otherhead", "PATCH", "/api/v1/services/" + id, {{"capacity", 3}}, service.etag)
                .body["code"],
            "service.not_found");
  EXPECT_EQ(Call("ana", "PATCH", "/api/v1/services/" + id, {{"capacity", 3}}, service.etag).status,
            403);
  // A provider's staff member who works for none sees no service.
  EXPECT_EQ(Call("staff", "GET", "/api/v1/services").body["items"].size(), 0u);
  EXPECT_EQ(Call("otherhead", "POST", "/api/v1/providers",
                 {{"territory_code", "RO:1017"}, {"name", "X"}, {"kind", "public"}})
                .body["code"],
            "territory.not_found");

  // Bad input.
  EXPECT_EQ(NewService(provider, -1).body["code"], "service.invalid_capacity");
  EXPECT_EQ(NewService(provider, 1, {{"type", "spa"}}).body["code"], "service.invalid_type");
  EXPECT_EQ(NewService(provider, 1, {{"settlement_codes", {"UA:0501"}}}).body["code"],
            "service.settlement_not_found");
  EXPECT_EQ(NewService(provider, 1, {{"free", false}}).body["code"], "service.price_required");
  EXPECT_EQ(NewService(provider, 1, {{"languages", {"fr"}}}).body["code"],
            "service.invalid_language");
  EXPECT_EQ(NewService(provider, 1, {}, "district", "RO:10").body["code"],
            "service.territory_outside_provider");
  Reply legal = Call("head", "PATCH", "/api/v1/providers/" + provider, {{"legal_id", "4243"}},
                     Call("head", "GET", "/api/v1/providers/" + provider).etag);
  ASSERT_EQ(legal.status, 200) << legal.body.dump();
  EXPECT_EQ(legal.body["version"], 2);
  EXPECT_EQ(
      Call("head", "POST", "/api/v1/providers",
           {{"territory_code", "RO:1017"}, {"name", "Y"}, {"kind", "public"}, {"legal_id", "4243"}})
          .body["code"],
      "provider.duplicate_legal_id");
  EXPECT_EQ(Audited("provider.create"), 2);
  EXPECT_EQ(Audited("provider.update"), 1);
  EXPECT_EQ(Audited("service.create"), 2);
}

TEST_P(ServicesTest, PlacesFillThenTheWaitingListIsOfferedInOrder) {
  Reply service = NewService(Provider(), 1);
  ASSERT_EQ(service.status, 201);
  const std::string id = service.body["id"];
  const std::string a = AddPerson("p-a", "RO:1017");
  const std::string b = AddPerson("p-b", "RO:1017");
  const std::string c = AddPerson("p-c", "RO:1017");

  Reply first = Enrol(id, a);
  ASSERT_EQ(first.status, 201) << first.body.dump();
  EXPECT_EQ(first.body["state"], "active");
  EXPECT_EQ(first.body["started_on"], core::Today().ToString());
  Reply second = Enrol(id, b);
  EXPECT_EQ(second.body["state"], "waiting");
  EXPECT_EQ(second.body["position"], 1);
  Reply urgent = Enrol(id, c, {{"priority", "urgent"}});
  EXPECT_EQ(urgent.body["position"], 1);  // before b, who asked first
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments/" + second.body["id"].get<std::string>())
                .body["position"],
            2);
  EXPECT_EQ(Enrol(id, b).body["code"], "enrolment.duplicate");

  Reply full = Call("ana", "GET", "/api/v1/services/" + id);
  EXPECT_EQ(full.body["places_used"], 1);
  EXPECT_EQ(full.body["waiting"], 2);
  EXPECT_EQ(full.body["longest_wait_days"], 0);

  // Ending needs a reason; the place goes to the urgent one, whose worker sees the offer.
  EXPECT_EQ(Move(first.body["id"], "ended").body["code"], "enrolment.reason_required");
  EXPECT_EQ(Move(first.body["id"], "withdrawn", "x").body["code"], "enrolment.invalid_transition");
  Reply ended = Move(first.body["id"], "ended", "Moved to her daughter's");
  ASSERT_EQ(ended.status, 200) << ended.body.dump();
  EXPECT_EQ(ended.body["allowed_transitions"], Json::array());
  Reply offered = Call("ana", "GET", "/api/v1/enrolments?worker=me&state=offered");
  ASSERT_EQ(offered.body["items"].size(), 1u);
  EXPECT_EQ(offered.body["items"][0]["person"]["id"], c);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/services/" + id).body["places_used"], 1);
  Reply accepted = Move(urgent.body["id"], "active");
  EXPECT_EQ(accepted.body["state"], "active");

  // A raised capacity offers the new place at once; lowering below the places used is refused.
  Reply now = Call("head", "GET", "/api/v1/services/" + id);
  Reply raised = Call("head", "PATCH", "/api/v1/services/" + id, {{"capacity", 2}}, now.etag);
  ASSERT_EQ(raised.status, 200) << raised.body.dump();
  EXPECT_EQ(raised.body["places_used"], 2);
  EXPECT_EQ(raised.body["waiting"], 0);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments/" + second.body["id"].get<std::string>())
                .body["state"],
            "offered");
  EXPECT_EQ(
      Call("head", "PATCH", "/api/v1/services/" + id, {{"capacity", 1}}, raised.etag).body["code"],
      "service.capacity_below_used");

  Reply list = Call("ana", "GET", "/api/v1/enrolments?service_id=" + id);
  ASSERT_EQ(list.body["items"].size(), 3u);
  EXPECT_EQ(list.body["items"][0]["state"], "offered");
  EXPECT_EQ(list.body["items"][1]["state"], "active");
  EXPECT_EQ(list.body["items"][2]["state"], "ended");
  Reply paged = Call("ana", "GET", "/api/v1/enrolments?service_id=" + id + "&limit=2");
  ASSERT_FALSE(paged.body["next_cursor"].is_null());
  Reply rest = Call("ana", "GET",
                    "/api/v1/enrolments?service_id=" + id +
                        "&limit=2&cursor=" + paged.body["next_cursor"].get<std::string>());
  ASSERT_EQ(rest.body["items"].size(), 1u);
  EXPECT_EQ(rest.body["items"][0]["state"], "ended");
  EXPECT_EQ(Audited("enrolment.create"), 3);
  EXPECT_EQ(Audited("enrolment.state_change"), 4);  // ended, offered, accepted, offered
}

TEST_P(ServicesTest, AnEnrolmentIsRefusedForAnExpiredLicenceAndWarnedOutsideTheArea) {
  const std::string provider = Provider();
  Reply expired = NewService(
      provider, 5, {{"licence_valid_until", core::AddDays(core::Today(), -1).ToString()}});
  ASSERT_EQ(expired.status, 201);
  EXPECT_EQ(expired.body["licence_status"], "expired");
  const std::string person = AddPerson("p-a", "RO:1017", "RO:1026");
  EXPECT_EQ(Enrol(expired.body["id"], person).body["code"], "enrolment.licence_expired");

  // A community's manager lists only settlements they manage: never another community's.
  EXPECT_EQ(NewService(provider, 5, {{"settlement_codes", {"RO:2011"}}}).body["code"],
            "service.settlement_not_found");
  Reply elsewhere = NewService(Provider("district", "RO:10"), 5,
                               {{"settlement_codes", {"RO:2011"}}}, "district", "RO:10");
  ASSERT_EQ(elsewhere.status, 201) << elsewhere.body.dump();
  Reply warned = Enrol(elsewhere.body["id"], person);
  EXPECT_EQ(warned.status, 409);
  EXPECT_EQ(warned.body["code"], "enrolment.outside_area");
  EXPECT_EQ(warned.body["field"], "outside_area_reason");
  Reply overridden = Enrol(elsewhere.body["id"], person, {{"outside_area_reason", "Nearest one"}});
  ASSERT_EQ(overridden.status, 201) << overridden.body.dump();
  EXPECT_EQ(overridden.body["outside_area_reason"], "Nearest one");

  Reply served = NewService(provider, 5, {{"settlement_codes", {"RO:1026"}}});
  EXPECT_EQ(Enrol(served.body["id"], person).status, 201);
  EXPECT_EQ(Enrol(served.body["id"], person, {{"priority", "soon"}}).body["code"],
            "enrolment.invalid_priority");
}

TEST_P(ServicesTest, AnotherCommunityNeitherEnrolsNorSeesTheEnrolments) {
  Reply service = NewService(Provider("district", "RO:10"), 5, {}, "district", "RO:10");
  ASSERT_EQ(service.status, 201);
  const std::string id = service.body["id"];
  const std::string mine = AddPerson("p-a", "RO:1017");
  const std::string theirs = AddPerson("p-b", "RO:2000");
  Reply enrolled = Enrol(id, mine);
  ASSERT_EQ(enrolled.status, 201);
  const std::string eid = enrolled.body["id"];

  EXPECT_EQ(Enrol(id, mine, {}, "other").body["code"], "person.not_found");
  EXPECT_EQ(Enrol(id, theirs).body["code"], "person.not_found");
  ASSERT_EQ(Enrol(id, theirs, {}, "other").status, 201);
  EXPECT_EQ(Call("other", "GET", "/api/v1/enrolments/" + eid).body["code"], "enrolment.not_found");
  EXPECT_EQ(Call("other", "POST", "/api/v1/enrolments/" + eid + "/transitions",
                 {{"to", "ended"}, {"reason", "x"}}, enrolled.etag)
                .body["code"],
            "enrolment.not_found");
  // Each sees their own in the service's list; the head who runs the service sees both.
  EXPECT_EQ(Call("other", "GET", "/api/v1/enrolments?service_id=" + id).body["items"].size(), 1u);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments?service_id=" + id).body["items"].size(), 1u);
  EXPECT_EQ(Call("district", "GET", "/api/v1/enrolments?service_id=" + id).body["items"].size(),
            2u);
  EXPECT_EQ(Call("other", "GET", "/api/v1/enrolments?person_id=" + mine).body["code"],
            "person.not_found");
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/enrolments?service_id=" + id).status, 403);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments").status, 400);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments?service_id=" + id + "&person_id=" + mine).status,
            400);
}

TEST_P(ServicesTest, FiftyConcurrentEnrolmentsTakeTenPlacesAndQueueTheRest) {
  Reply service = NewService(Provider(), 10);
  ASSERT_EQ(service.status, 201);
  const std::string id = service.body["id"];
  std::vector<std::string> persons;
  for (int i = 0; i < 50; ++i) persons.push_back(AddPerson("p-" + std::to_string(i), "RO:1017"));

  Enrolments enrolments(db());
  const auth::Principal ana = principals_["ana"];
  std::vector<std::thread> threads;
  std::vector<core::Status> outcomes(persons.size());
  for (size_t i = 0; i < persons.size(); ++i) {
    threads.emplace_back([&, i] {
      EnrolmentInput input;
      input.service_id = id;
      input.person_id = persons[i];
      outcomes[i] = enrolments.Enrol(ana, input).status();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const core::Status& s : outcomes) EXPECT_TRUE(s.ok()) << s.ToString();

  Reply active = Call("ana", "GET", "/api/v1/enrolments?service_id=" + id + "&state=active");
  Reply waiting =
      Call("ana", "GET", "/api/v1/enrolments?service_id=" + id + "&state=waiting&limit=200");
  EXPECT_EQ(active.body["items"].size(), 10u);
  ASSERT_EQ(waiting.body["items"].size(), 40u);
  for (size_t i = 0; i < 40; ++i) {
    EXPECT_EQ(waiting.body["items"][i]["position"], static_cast<int64_t>(i + 1));
    if (i > 0) {
      EXPECT_LE(waiting.body["items"][i - 1]["requested_at"].get<std::string>(),
                waiting.body["items"][i]["requested_at"].get<std::string>());
    }
  }
  Reply figures = Call("ana", "GET", "/api/v1/services/" + id);
  EXPECT_EQ(figures.body["places_used"], 10);
  EXPECT_EQ(figures.body["waiting"], 40);
}

TEST_P(ServicesTest, TheMapCountsPlacesAndWaitsPerCommunityAndTypeWithoutNames) {
  const std::string berca = Provider();
  const std::string county = Provider("district", "RO:10");
  Reply centre = NewService(berca, 1);
  ASSERT_EQ(centre.status, 201);
  ASSERT_EQ(NewService(berca, 3, {{"name", "Al doilea centru"}}).status, 201);
  ASSERT_EQ(NewService(county, 4, {{"type", "mobile_team"}}, "district", "RO:10").status, 201);
  ASSERT_EQ(Enrol(centre.body["id"], AddPerson("p-a", "RO:1017")).status, 201);
  ASSERT_EQ(Enrol(centre.body["id"], AddPerson("p-b", "RO:1017")).body["state"], "waiting");

  Reply map = Call("analyst", "GET", "/api/v1/services-map?territory=RO:10");
  ASSERT_EQ(map.status, 200) << map.body.dump();
  ASSERT_EQ(map.body["rows"].size(), 2u);
  const Json& berca_row = map.body["rows"][0];  // Berca before Buzău
  EXPECT_EQ(berca_row["area_code"], "RO:1017");
  EXPECT_EQ(berca_row["type"], "day_centre");
  EXPECT_EQ(berca_row["services"], 2);
  EXPECT_EQ(berca_row["places"], 4);
  EXPECT_EQ(berca_row["places_used"], 1);
  EXPECT_EQ(berca_row["waiting"], 1);
  EXPECT_EQ(berca_row["longest_wait_days"], 0);
  EXPECT_EQ(map.body["rows"][1]["area_code"], "RO:10");
  EXPECT_EQ(map.body["totals"].size(), 2u);
  EXPECT_EQ(map.body.dump().find("Ioana"), std::string::npos);

  // Read again at once, the map shows a change made since, and never to who is out of reach.
  ASSERT_EQ(Enrol(centre.body["id"], AddPerson("p-c", "RO:1017")).body["state"], "waiting");
  Reply again = Call("analyst", "GET", "/api/v1/services-map?territory=RO:10");
  EXPECT_EQ(again.body["rows"][0]["waiting"], 2) << again.body.dump();
  EXPECT_EQ(Call("other", "GET", "/api/v1/services-map?territory=RO:10").body["code"],
            "territory.not_found");
  EXPECT_EQ(Call("other", "GET", "/api/v1/services-map?territory=RO:1017").body["code"],
            "territory.not_found");
  EXPECT_EQ(Call("ana", "GET", "/api/v1/services-map").status, 400);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/services-map?territory=RO:1017").status, 403);
}

TEST_P(ServicesTest, ProviderStaffSeeOnlyTheirServicesAndEndPlacesWithAuditedReads) {
  const std::string provider = Provider();
  const std::string other_provider = Provider();
  const std::string mine = NewService(provider, 1).body["id"];
  const std::string theirs = NewService(other_provider, 1, {{"name", "Cantina"}}).body["id"];
  const std::string staff_id = principals_["staff"].user_id;
  const std::string first = AddPerson("first", "RO:1017");
  const std::string second = AddPerson("second", "RO:1017");
  ASSERT_EQ(Enrol(mine, first).body["state"], "active");
  const std::string waiting = Enrol(mine, second).body["id"];

  // Before they join its staff, the provider's services do not exist for them.
  EXPECT_EQ(Call("staff", "GET", "/api/v1/services/" + mine).body["code"], "service.not_found");

  // Only who manages the provider keeps its staff, and only provider staff of its territory.
  EXPECT_EQ(Call("ana", "POST", "/api/v1/providers/" + provider + "/staff", {{"user_id", staff_id}})
                .status,
            403);
  EXPECT_EQ(
      Call("otherhead", "POST", "/api/v1/providers/" + provider + "/staff", {{"user_id", staff_id}})
          .body["code"],
      "provider.not_found");
  for (const std::string& user :
       {principals_["ana"].user_id, principals_["farstaff"].user_id, std::string("nobody")}) {
    EXPECT_EQ(Call("head", "POST", "/api/v1/providers/" + provider + "/staff", {{"user_id", user}})
                  .body["code"],
              "provider.staff_not_eligible")
        << user;
  }
  Reply added =
      Call("head", "POST", "/api/v1/providers/" + provider + "/staff", {{"user_id", staff_id}});
  ASSERT_EQ(added.status, 200) << added.body.dump();
  ASSERT_EQ(added.body["items"].size(), 1u);
  EXPECT_EQ(added.body["items"][0]["username"], "staff");
  EXPECT_EQ(
      Call("head", "POST", "/api/v1/providers/" + provider + "/staff", {{"user_id", staff_id}})
          .body["items"]
          .size(),
      1u);
  EXPECT_EQ(Audited("provider.staff_add"), 1);

  // Their own services, nothing else of the catalogue.
  Reply listed = Call("staff", "GET", "/api/v1/services");
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_EQ(listed.body["items"][0]["id"], mine);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/services?territory=RO:1017").body["items"].size(), 1u);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/services/" + theirs).body["code"], "service.not_found");
  EXPECT_EQ(Call("staff", "GET", "/api/v1/providers/" + provider).status, 200);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/providers/" + other_provider).status, 404);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/providers/" + provider + "/staff").status, 403);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/services-map?territory=RO:1017").status, 403);

  // The persons enrolled and the waiting list, never a case; each person shown is audited.
  const int64_t reads_before = Audited("enrolment.staff_read");
  Reply enrolled = Call("staff", "GET", "/api/v1/enrolments?service_id=" + mine);
  ASSERT_EQ(enrolled.status, 200) << enrolled.body.dump();
  ASSERT_EQ(enrolled.body["items"].size(), 2u);
  EXPECT_TRUE(enrolled.body["items"][0]["case_id"].is_null());
  EXPECT_EQ(enrolled.body["items"][0]["allowed_transitions"], Json::array({"suspended", "ended"}));
  EXPECT_EQ(enrolled.body["items"][1]["allowed_transitions"], Json::array());
  EXPECT_EQ(Audited("enrolment.staff_read"), reads_before + 2);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/enrolments?service_id=" + theirs).body["code"],
            "service.not_found");
  EXPECT_EQ(Call("staff", "GET", "/api/v1/enrolments?person_id=" + first).status, 404);
  EXPECT_EQ(
      Call("staff", "POST", "/api/v1/enrolments", {{"service_id", mine}, {"person_id", first}})
          .status,
      403);
  // A social worker's own reads are not staff reads.
  Call("ana", "GET", "/api/v1/enrolments?service_id=" + mine);
  EXPECT_EQ(Audited("enrolment.staff_read"), reads_before + 2);

  // Withdrawing from the waiting list stays with the social workers; ending frees the place,
  // which goes to the next in line.
  EXPECT_EQ(Move(waiting, "withdrawn", "moved away", "staff").body["code"], "auth.forbidden");
  const std::string active = enrolled.body["items"][0]["id"];
  // A place does not end before it began.
  Reply early = Call("staff", "POST", "/api/v1/enrolments/" + active + "/transitions",
                     {{"to", "ended"}, {"reason", "x"}, {"date", "2001-01-01"}},
                     Call("staff", "GET", "/api/v1/enrolments/" + active).etag);
  EXPECT_EQ(early.body["code"], "enrolment.invalid_date");
  Reply ended = Move(active, "ended", "moved to residential care", "staff");
  ASSERT_EQ(ended.status, 200) << ended.body.dump();
  EXPECT_EQ(ended.body["state"], "ended");
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments/" + waiting).body["state"], "offered");
  // What the social workers wrote about a person stays theirs; a withdrawn turn is not shown.
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments/" + active).body["end_reason"],
            "moved to residential care");
  EXPECT_TRUE(Call("staff", "GET", "/api/v1/enrolments/" + active).body["end_reason"].is_null());
  ASSERT_EQ(Move(waiting, "withdrawn", "the family declined", "ana").status, 200);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/enrolments/" + waiting).status, 404);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/enrolments?service_id=" + mine).body["items"].size(), 1u);

  // Off the staff, the service is gone for them.
  Reply removed = Call("head", "DELETE", "/api/v1/providers/" + provider + "/staff/" + staff_id);
  ASSERT_EQ(removed.status, 200) << removed.body.dump();
  EXPECT_EQ(removed.body["items"].size(), 0u);
  EXPECT_EQ(Audited("provider.staff_remove"), 1);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/services/" + mine).status, 404);
  EXPECT_EQ(Call("staff", "GET", "/api/v1/enrolments/" + waiting).status, 404);
}

TEST_P(ServicesTest, DayServicesCountTheDaysEachPersonAttended) {
  const std::string provider = Provider();
  const std::string centre = NewService(provider, 1).body["id"];
  const std::string home_care =
      NewService(provider, 5, {{"name", "Îngrijire la domiciliu"}, {"type", "home_care"}})
          .body["id"];
  ASSERT_EQ(Call("head", "POST", "/api/v1/providers/" + provider + "/staff",
                 {{"user_id", principals_["staff"].user_id}})
                .status,
            200);
  const std::string person = AddPerson("present", "RO:1017");
  const std::string enrolment = Enrol(centre, person).body["id"];
  const std::string queued = Enrol(centre, AddPerson("queued", "RO:1017")).body["id"];
  const std::string cared = Enrol(home_care, person).body["id"];
  const core::Date today = core::Today();
  const core::Month month = core::MonthOf(today);
  const std::string path = "/api/v1/enrolments/" + enrolment + "/attendance/" + month.ToString();

  Reply recorded = Call("staff", "PUT", path, {{"days", Json::array({today.day})}});
  ASSERT_EQ(recorded.status, 200) << recorded.body.dump();
  EXPECT_EQ(recorded.body["days_present"], 1);
  EXPECT_EQ(recorded.etag, "\"1\"");
  // A second writer without the version is refused; with it, the days are replaced.
  EXPECT_EQ(Call("staff", "PUT", path, {{"days", Json::array({today.day})}}).body["code"],
            "conflict.stale_version");
  Reply again =
      Call("head", "PUT", path, {{"days", Json::array({today.day, today.day})}}, recorded.etag);
  ASSERT_EQ(again.status, 200) << again.body.dump();
  EXPECT_EQ(again.body["days"], Json::array({today.day}));
  EXPECT_EQ(again.body["version"], 2);
  EXPECT_EQ(Audited("attendance.record"), 2);

  // Bad days, bad months, the wrong service or enrolment.
  EXPECT_EQ(Call("staff", "PUT", path, {{"days", Json::array({32})}}, again.etag).body["code"],
            "attendance.invalid_day");
  EXPECT_EQ(Call("staff", "PUT", path, {{"days", Json::array({"1"})}}, again.etag).body["code"],
            "attendance.invalid_day");
  if (today.day < core::DaysIn(month)) {
    EXPECT_EQ(Call("staff", "PUT", path, {{"days", Json::array({today.day + 1})}}, again.etag)
                  .body["code"],
              "attendance.future_day");
  }
  const core::Month before = core::MonthOf(core::AddDays(core::FirstDay(month), -1));
  EXPECT_EQ(
      Call("staff", "PUT", "/api/v1/enrolments/" + enrolment + "/attendance/" + before.ToString(),
           {{"days", Json::array({1})}})
          .body["code"],
      "attendance.day_outside_enrolment");
  EXPECT_EQ(
      Call("staff", "PUT", "/api/v1/enrolments/" + enrolment + "/attendance/" + before.ToString(),
           {{"days", Json::array()}})
          .body["code"],
      "attendance.month_outside_enrolment");
  EXPECT_EQ(Call("staff", "PUT", "/api/v1/enrolments/" + enrolment + "/attendance/2026-13",
                 {{"days", Json::array({1})}})
                .body["code"],
            "attendance.invalid_month");
  EXPECT_EQ(Call("staff", "PUT", "/api/v1/enrolments/" + cared + "/attendance/" + month.ToString(),
                 {{"days", Json::array({today.day})}})
                .body["code"],
            "attendance.not_day_service");
  EXPECT_EQ(Call("staff", "PUT", "/api/v1/enrolments/" + queued + "/attendance/" + month.ToString(),
                 {{"days", Json::array({today.day})}})
                .body["code"],
            "attendance.not_enrolled");
  // The social worker reads the days, and does not write them; another community sees nothing.
  EXPECT_EQ(Call("ana", "PUT", path, {{"days", Json::array()}}, again.etag).body["code"],
            "auth.forbidden");
  EXPECT_EQ(Call("other", "PUT", path, {{"days", Json::array()}}, again.etag).body["code"],
            "enrolment.not_found");

  Reply sheet =
      Call("ana", "GET", "/api/v1/services/" + centre + "/attendance?month=" + month.ToString());
  ASSERT_EQ(sheet.status, 200) << sheet.body.dump();
  EXPECT_EQ(sheet.body["counts_days"], true);
  EXPECT_EQ(sheet.body["today"], today.ToString());
  EXPECT_EQ(sheet.body["days_in_month"], core::DaysIn(month));
  ASSERT_EQ(sheet.body["items"].size(), 1u);  // the waiting person held no place
  EXPECT_EQ(sheet.body["items"][0]["days"], Json::array({today.day}));
  EXPECT_EQ(sheet.body["items"][0]["person"]["id"], person);
  EXPECT_EQ(
      Call("staff", "GET", "/api/v1/services/" + centre + "/attendance?month=" + before.ToString())
          .body["items"]
          .size(),
      0u);
  EXPECT_EQ(
      Call("staff", "GET", "/api/v1/services/" + centre + "/attendance?month=11-2026").body["code"],
      "request.invalid_query");
  EXPECT_EQ(
      Call("other", "GET", "/api/v1/services/" + centre + "/attendance?month=" + month.ToString())
          .body["code"],
      "service.not_found");
}

SOCIUS_INSTANTIATE_BACKENDS(ServicesTest);

}  // namespace
}  // namespace socius::services
