// A case's referral to a service of the catalogue, through the real Router on both backends:
// the referral takes the catalogue's names (seen only within the caller's reach, refused for an
// inactive service), an enrolment made from it answers it in the same transaction, and the
// answer then follows the enrolment (a place offered by the waiting list, a withdrawal) unless
// it was answered otherwise by hand. Every wrong referral, and another community's worker, is
// refused with nothing written.
#include <gtest/gtest.h>

#include "cases/routes.h"
#include "core/clock.h"
#include "registry/test_fixture.h"
#include "services/routes.h"
#include "services/services.h"
#include "testing/route_client.h"

namespace socius::services {
namespace {

using http::Json;

class ReferralsTest : public registry::testing::RegistryDatabaseTest,
                      public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUser("ana", "RO:1017", auth::Role::kSocialWorker);
    AddUser("head", "RO:1017", auth::Role::kHeadOfService);
    AddUser("other", "RO:2000", auth::Role::kSocialWorker);
    AddUser("district", "RO:10", auth::Role::kHeadOfService);
    cases::RegisterCaseRoutes(router(), db(), &catalogue_);
    RegisterServiceRoutes(router(), db());
  }

  void AddUser(const std::string& name, const std::string& code, auth::Role role) {
    principals_[name] = RegistryDatabaseTest::AddUser(name, code, role);
  }

  std::string AddPerson(const std::string& id, const std::string& community) {
    const std::string pid = id + std::string(22 - id.size(), 'q');
    core::Status s = db().Write([&](store::Session& tx) {
      return tx
          .Exec(
              "INSERT INTO persons (id, community_id, given_name, family_name, birth_date, "
              "name_key, created_at, updated_at) VALUES (?, ?, 'Ioana', ?, '1950-01-09', "
              "'popescu ioana', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
              {pid, "t-" + community, id})
          .status();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return pid;
  }

  // A service with `capacity` places, of ana's community unless the district's head runs it
  // (seen from every community below).
  std::string NewService(int capacity, const std::string& name = "Cantina socială Berca",
                         const std::string& who = "head", const std::string& code = "RO:1017") {
    Reply provider = Call(who, "POST", "/api/v1/providers",
                          {{"territory_code", code}, {"name", "DAS Berca"}, {"kind", "public"}});
    EXPECT_EQ(provider.status, 201) << provider.body.dump();
    Reply service = Call(who, "POST", "/api/v1/services",
                         {{"provider_id", provider.body.value("id", "")},
                          {"territory_code", code},
                          {"name", name},
                          {"type", "social_canteen"},
                          {"phone", "+40 238 000 111"},
                          {"capacity", capacity}});
    EXPECT_EQ(service.status, 201) << service.body.dump();
    return service.body.value("id", "");
  }

  std::string OpenCase(const std::string& who, const std::string& person) {
    Reply c = Call(who, "POST", "/api/v1/cases",
                   {{"person_id", person},
                    {"category", "elderly_alone"},
                    {"risk_level", "medium"},
                    {"opening_reason", "Lives alone, no hot meal"}});
    EXPECT_EQ(c.status, 201) << c.body.dump();
    return c.body.value("id", "");
  }

  Reply Refer(const std::string& who, const std::string& case_id, Json body) {
    body["referred_on"] = core::Today().ToString();
    return Call(who, "POST", "/api/v1/cases/" + case_id + "/referrals", body);
  }

  Reply Enrol(const std::string& service, const std::string& person, Json extra = Json::object(),
              const std::string& who = "ana") {
    extra["service_id"] = service;
    extra["person_id"] = person;
    return Call(who, "POST", "/api/v1/enrolments", extra);
  }

  Reply Move(const std::string& id, const std::string& to, const std::string& reason = "") {
    Reply now = Call("ana", "GET", "/api/v1/enrolments/" + id);
    Json body = {{"to", to}};
    if (!reason.empty()) body["reason"] = reason;
    return Call("ana", "POST", "/api/v1/enrolments/" + id + "/transitions", body, now.etag);
  }

  // The case's referral with `id`, as the case's worker reads it.
  Json Referral(const std::string& case_id, const std::string& id) {
    Reply list = Call("ana", "GET", "/api/v1/cases/" + case_id + "/referrals");
    EXPECT_EQ(list.status, 200);
    for (const Json& r : list.body["items"]) {
      if (r["id"] == id) return r;
    }
    ADD_FAILURE() << "no referral " << id;
    return Json::object();
  }

  // The referral events of the case's timeline, newest first.
  Json ReferralEvents(const std::string& case_id) {
    Reply timeline = Call("ana", "GET", "/api/v1/cases/" + case_id + "/timeline?kind=referral");
    EXPECT_EQ(timeline.status, 200);
    return timeline.body["items"];
  }

  int64_t Count(const std::string& sql, const std::vector<store::Value>& params = {}) {
    int64_t n = 0;
    EXPECT_TRUE(db().Read([&](store::Session& tx) -> core::Status {
                      auto rows = tx.Query(sql, params);
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      return core::Status::Ok();
                    })
                    .ok());
    return n;
  }

  ReferralCatalogue catalogue_;
};

TEST_P(ReferralsTest, AReferralToTheCatalogueTakesItsNamesWithinTheCallersReach) {
  const std::string service = NewService(5);
  const std::string case_id = OpenCase("ana", AddPerson("p-elena", "RO:1017"));

  Reply referral = Refer("ana", case_id, {{"service_id", service}});
  ASSERT_EQ(referral.status, 201) << referral.body.dump();
  EXPECT_EQ(referral.body["service_id"], service);
  EXPECT_EQ(referral.body["service"], "Cantina socială Berca");
  EXPECT_EQ(referral.body["provider"], "DAS Berca");
  EXPECT_EQ(referral.body["contact"], "+40 238 000 111");
  EXPECT_EQ(referral.body["enrolment_id"], nullptr);
  EXPECT_EQ(referral.body["answer"], "pending");
  EXPECT_EQ(ReferralEvents(case_id)[0]["detail"]["service_id"], service);

  // Free text stays for the services outside the catalogue, and needs its names.
  Reply free = Refer("ana", case_id, {{"provider", "Liceul Tehnologic"}, {"service", "Mentorat"}});
  ASSERT_EQ(free.status, 201) << free.body.dump();
  EXPECT_EQ(free.body["service_id"], nullptr);
  EXPECT_EQ(Refer("ana", case_id, {{"provider", "Liceul Tehnologic"}}).body["field"], "service");

  // Another community's worker does not see the service: it does not exist for them.
  const std::string other_case = OpenCase("other", AddPerson("p-vasile", "RO:2000"));
  Reply hidden = Refer("other", other_case, {{"service_id", service}});
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body["code"], "service.not_found");
  EXPECT_EQ(Refer("ana", case_id, {{"service_id", "no-such-service-000000"}}).body["code"],
            "service.not_found");

  // A service that takes nobody is refused, by name.
  Reply now = Call("head", "GET", "/api/v1/services/" + service);
  ASSERT_EQ(
      Call("head", "PATCH", "/api/v1/services/" + service, {{"active", false}}, now.etag).status,
      200);
  Reply inactive = Refer("ana", case_id, {{"service_id", service}});
  EXPECT_EQ(inactive.status, 409);
  EXPECT_EQ(inactive.body["code"], "referral.service_inactive");
  EXPECT_EQ(inactive.body["field"], "service_id");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM referrals"), 2);
}

TEST_P(ReferralsTest, AnEnrolmentAnswersItsReferralAndTheAnswerFollowsIt) {
  const std::string service = NewService(1);
  const std::string holder = AddPerson("p-holder", "RO:1017");
  Reply first = Enrol(service, holder);
  ASSERT_EQ(first.body["state"], "active") << first.body.dump();

  // The service is full: the enrolment from the referral waits, and so does the referral.
  const std::string elena = AddPerson("p-elena", "RO:1017");
  const std::string case_id = OpenCase("ana", elena);
  const std::string referral = Refer("ana", case_id, {{"service_id", service}}).body["id"];
  const int64_t audited = Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.referral'");
  Reply waiting = Enrol(service, elena, {{"referral_id", referral}});
  ASSERT_EQ(waiting.status, 201) << waiting.body.dump();
  EXPECT_EQ(waiting.body["state"], "waiting");
  EXPECT_EQ(waiting.body["case_id"], case_id);  // the referral's case
  const std::string enrolment = waiting.body["id"];
  Json r = Referral(case_id, referral);
  EXPECT_EQ(r["enrolment_id"], enrolment);
  EXPECT_EQ(r["answer"], "waiting_list");
  EXPECT_EQ(r["answered_on"], core::Today().ToString());
  Json events = ReferralEvents(case_id);
  EXPECT_EQ(events[0]["detail"]["answer"], "waiting_list");
  EXPECT_EQ(events[0]["detail"]["enrolment_id"], enrolment);
  EXPECT_EQ(events[0]["actor"]["id"], principals_["ana"].user_id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.referral'"), audited + 1);

  // A second enrolment from the same referral is refused: it has its answer.
  Reply again = Enrol(service, elena, {{"referral_id", referral}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["code"], "enrolment.referral_answered");

  // The place frees: the waiting list offers it, and the referral is accepted by nobody's hand.
  ASSERT_EQ(Move(first.body["id"], "ended", "Moved to her daughter's").status, 200);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments/" + enrolment).body["state"], "offered");
  r = Referral(case_id, referral);
  EXPECT_EQ(r["answer"], "accepted");
  events = ReferralEvents(case_id);
  EXPECT_EQ(events[0]["detail"]["answer"], "accepted");
  EXPECT_EQ(events[0]["detail"]["automatic"], true);
  EXPECT_EQ(events[0]["actor"], nullptr);

  // Declining the offer refuses the referral, with the reason.
  ASSERT_EQ(Move(enrolment, "withdrawn", "Her family brings meals now").status, 200);
  r = Referral(case_id, referral);
  EXPECT_EQ(r["answer"], "refused");
  EXPECT_EQ(r["answer_reason"], "Her family brings meals now");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.referral'"), audited + 3);
}

TEST_P(ReferralsTest, AReferralAnsweredByHandKeepsItsAnswer) {
  const std::string service = NewService(1);
  Reply first = Enrol(service, AddPerson("p-holder", "RO:1017"));
  const std::string elena = AddPerson("p-elena", "RO:1017");
  const std::string case_id = OpenCase("ana", elena);
  const std::string referral = Refer("ana", case_id, {{"service_id", service}}).body["id"];
  Reply waiting = Enrol(service, elena, {{"referral_id", referral}, {"case_id", case_id}});
  ASSERT_EQ(waiting.status, 201) << waiting.body.dump();

  Json r = Referral(case_id, referral);
  Reply answered = Call("ana", "PATCH", "/api/v1/referrals/" + referral,
                        {{"answer", "refused"},
                         {"answer_reason", "The family chose a private carer"},
                         {"answered_on", core::Today().ToString()}},
                        "\"" + std::to_string(r["version"].get<int64_t>()) + "\"");
  ASSERT_EQ(answered.status, 200) << answered.body.dump();
  ASSERT_EQ(Move(first.body["id"], "ended", "Moved away").status, 200);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/enrolments/" + waiting.body["id"].get<std::string>())
                .body["state"],
            "offered");
  r = Referral(case_id, referral);
  EXPECT_EQ(r["answer"], "refused");
  EXPECT_EQ(r["answer_reason"], "The family chose a private carer");
}

TEST_P(ReferralsTest, AWrongReferralIsRefusedAndNothingIsWritten) {
  // The district's service: ana and the other community's worker both see it.
  const std::string service = NewService(3, "Centrul rezidențial", "district", "RO:10");
  const std::string other_service = NewService(3, "Centrul de zi Berca");
  const std::string elena = AddPerson("p-elena", "RO:1017");
  const std::string ion = AddPerson("p-ion", "RO:1017");
  const std::string case_id = OpenCase("ana", elena);
  const std::string ion_case = OpenCase("ana", ion);
  const std::string referral = Refer("ana", case_id, {{"service_id", service}}).body["id"];
  const std::string free_text =
      Refer("ana", case_id, {{"provider", "Spitalul"}, {"service", "Kinetoterapie"}}).body["id"];

  auto refused = [&](const Reply& reply, int status, const std::string& code) {
    EXPECT_EQ(reply.status, status) << reply.body.dump();
    EXPECT_EQ(reply.body["code"], code);
    EXPECT_EQ(reply.body["field"], "referral_id");
  };
  refused(Enrol(other_service, elena, {{"referral_id", referral}}), 400,
          "enrolment.referral_other_service");
  refused(Enrol(service, elena, {{"referral_id", free_text}}), 400,
          "enrolment.referral_other_service");
  refused(Enrol(service, elena, {{"referral_id", referral}, {"case_id", ion_case}}), 400,
          "enrolment.referral_other_case");
  refused(Enrol(service, ion, {{"referral_id", referral}}), 400, "enrolment.referral_other_case");
  refused(Enrol(service, elena, {{"referral_id", "no-such-referral-00000"}}), 400,
          "enrolment.referral_not_found");

  // A worker of another community can neither see the case nor enrol through its referral,
  // not even their own person.
  const std::string vasile = AddPerson("p-vasile", "RO:2000");
  refused(Enrol(service, vasile, {{"referral_id", referral}}, "other"), 400,
          "enrolment.referral_not_found");
  EXPECT_EQ(Enrol(service, elena, {{"referral_id", referral}}, "other").body["code"],
            "person.not_found");

  EXPECT_EQ(Count("SELECT COUNT(*) FROM enrolments"), 0);
  EXPECT_EQ(Referral(case_id, referral)["answer"], "pending");
  EXPECT_EQ(Referral(case_id, referral)["enrolment_id"], nullptr);

  // The right one goes through: a free place accepts the referral at once.
  Reply active = Enrol(service, elena, {{"referral_id", referral}});
  ASSERT_EQ(active.status, 201) << active.body.dump();
  EXPECT_EQ(active.body["state"], "active");
  EXPECT_EQ(Referral(case_id, referral)["answer"], "accepted");
}

SOCIUS_INSTANTIATE_BACKENDS(ReferralsTest);

}  // namespace
}  // namespace socius::services
