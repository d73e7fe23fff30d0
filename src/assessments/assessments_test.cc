// Questionnaires and assessments on both backends, through the use cases and the routes:
// versions, drafts and finishing, scope (another community's records do not exist), audit,
// stale versions and the screening summary.
#include "assessments/assessments.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <thread>

#include "assessments/questionnaires.h"
#include "assessments/routes.h"
#include "auth/audit.h"
#include "registry/households.h"
#include "registry/test_fixture.h"

namespace socius::assessments {
namespace {

using http::Json;

constexpr char kBerca[] = "/RO/RO:10/RO:1017/";
constexpr char kOther[] = "/RO/RO:10/RO:2000/";

// Answers that finish the shipped screening with the flags poverty and elderly_alone.
Json PoorScreening() {
  return {{"members_count", 2},
          {"children_count", 0},
          {"elderly_alone", true},
          {"income_sources", {"pension"}},
          {"income_below_threshold", true},
          {"housing", "adequate"},
          {"disability", false},
          {"chronic_illness", false},
          {"violence_signs", false},
          {"missing_documents", false}};
}

class AssessmentsTest : public registry::testing::RegistryDatabaseTest {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(Questionnaires::InstallShipped(db()).ok());
    principals_["berca"] = Worker("RO:1017", kBerca);
    principals_["other"] = Worker("RO:2000", kOther);
    principals_["region"] = Worker("RO:10", "/RO/RO:10/", auth::Role::kHeadOfService);
    principals_["analyst"] = Worker("RO:10", "/RO/RO:10/", auth::Role::kAnalyst);
    principals_["provider"] = Worker("RO:1017", kBerca, auth::Role::kProviderStaff);
    principals_["admin"] = Worker("root", "/", auth::Role::kAdministrator);
    principals_["region_admin"] = Worker("RO:10", "/RO/RO:10/", auth::Role::kAdministrator);
    router_ = std::make_unique<http::Router>(
        [this](const http::Request& r) -> core::Result<auth::Principal> {
          auto it = principals_.find(r.Cookie("socius_session"));
          if (it == principals_.end()) return core::Status::Unauthenticated("auth.unauthenticated");
          return it->second;
        });
    RegisterAssessmentRoutes(*router_, db());
    household_berca_ = NewHousehold("RO:1017");
    household_other_ = NewHousehold("RO:2000");
  }

  std::string NewHousehold(const std::string& community) {
    registry::Households households(db());
    registry::HouseholdInput in;
    in.community_code = std::optional<std::string>(community);
    core::Result<registry::Household> h =
        households.Create(Worker("root", "/", auth::Role::kAdministrator), in);
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    return h.ok() ? h->id : "";
  }

  struct Reply {
    int status = 0;
    Json body;
    std::string etag;
  };

  Reply Call(const std::string& who, const std::string& method, const std::string& target,
             const Json& body = nullptr, const std::string& if_match = "") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(request.SetTarget(target).ok());
    request.headers["cookie"] = "socius_session=" + who;
    request.headers["x-csrf-token"] = "csrf";
    if (!body.is_null()) {
      request.headers["content-type"] = "application/json";
      request.body = body.dump();
    }
    if (!if_match.empty()) request.headers["if-match"] = if_match;
    http::Response response = router_->Dispatch(request);
    Reply reply;
    reply.status = response.status;
    reply.body = response.body.empty() ? Json() : Json::parse(response.body, nullptr, false);
    for (const auto& [name, value] : response.headers) {
      if (name == "ETag") reply.etag = value;
    }
    return reply;
  }

  Reply Screen(const std::string& who, const std::string& household, const Json& answers,
               const std::string& status = "draft") {
    return Call(who, "POST", "/api/v1/assessments",
                {{"questionnaire_code", "household_screening"},
                 {"household_id", household},
                 {"answers", answers},
                 {"status", status}});
  }

  int64_t CountAudit(const std::string& action, const std::string& entity_id) {
    int64_t n = 0;
    EXPECT_TRUE(db().Read([&](store::Session& tx) {
                      core::Result<store::Rows> rows = tx.Query(
                          "SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?",
                          {action, entity_id});
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      return core::Status::Ok();
                    })
                    .ok());
    return n;
  }

  std::map<std::string, auth::Principal> principals_;
  std::unique_ptr<http::Router> router_;
  std::string household_berca_;
  std::string household_other_;
};

TEST_P(AssessmentsTest, ShippedFormsAreInstalledOnceAndListedAtTheirLatestVersion) {
  ASSERT_TRUE(Questionnaires::InstallShipped(db()).ok());  // again: nothing new
  Reply list = Call("berca", "GET", "/api/v1/questionnaires");
  ASSERT_EQ(list.status, 200) << list.body.dump();
  ASSERT_EQ(list.body["items"].size(), 4u);
  EXPECT_EQ(list.body["items"][0]["code"], "child_needs");
  EXPECT_EQ(list.body["items"][0]["versions"], Json::array({1}));
  EXPECT_TRUE(list.body["items"][0]["shipped"].get<bool>());
  Reply form = Call("berca", "GET", "/api/v1/questionnaires/household_screening");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.body["definition"]["flags"].size(), 8u);
  EXPECT_EQ(Call("berca", "GET", "/api/v1/questionnaires/nothing").status, 404);
  EXPECT_EQ(Call("berca", "GET", "/api/v1/questionnaires/household_screening/versions/9").status,
            404);
}

TEST_P(AssessmentsTest, ANewVersionLeavesOldAnswersAndTheOldVersionReadable) {
  Reply draft = Screen("berca", household_berca_, {{"members_count", 3}});
  ASSERT_EQ(draft.status, 201) << draft.body.dump();
  Json v2 = Call("admin", "GET", "/api/v1/questionnaires/household_screening").body["definition"];
  v2["version"] = 2;
  v2["sections"][0]["questions"][0]["max"] = 12;  // a stricter question in the new version
  Reply added = Call("admin", "POST", "/api/v1/questionnaires", v2);
  ASSERT_EQ(added.status, 201) << added.body.dump();
  EXPECT_EQ(added.body["versions"], Json::array({1, 2}));
  // The same version again, or a lower one: 409 naming the latest.
  Reply again = Call("admin", "POST", "/api/v1/questionnaires", v2);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["code"], "questionnaire.version_not_greater");
  // A regional administrator may not change installation-wide forms.
  v2["version"] = 3;
  EXPECT_EQ(Call("region_admin", "POST", "/api/v1/questionnaires", v2).status, 403);
  EXPECT_EQ(Call("berca", "POST", "/api/v1/questionnaires", v2).status, 403);
  // The draft stays on version 1, whose rules still apply to it (members up to 30).
  const std::string id = draft.body["id"];
  Reply patched = Call("berca", "PATCH", "/api/v1/assessments/" + id,
                       {{"answers", {{"members_count", 20}}}}, draft.etag);
  ASSERT_EQ(patched.status, 200) << patched.body.dump();
  EXPECT_EQ(patched.body["questionnaire_version"], 1);
  EXPECT_EQ(Call("berca", "GET", "/api/v1/questionnaires/household_screening/versions/1").status,
            200);
  // A new assessment takes the latest version.
  Reply fresh = Screen("berca", household_berca_, {{"members_count", 20}});
  EXPECT_EQ(fresh.status, 400);
  EXPECT_EQ(fresh.body["field"], "answers.members_count");
  EXPECT_EQ(fresh.body["code"], "assessment.out_of_range");
}

TEST_P(AssessmentsTest, UploadNamesThePlaceOfADefinitionError) {
  Json bad = Call("admin", "GET", "/api/v1/questionnaires/household_screening").body["definition"];
  bad["version"] = 2;
  bad["sections"][1]["questions"][0]["id"] = "members_count";
  Reply reply = Call("admin", "POST", "/api/v1/questionnaires", bad);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body["code"], "questionnaire.duplicate_question");
  EXPECT_EQ(reply.body["field"], "sections[1].questions[0].id");
}

TEST_P(AssessmentsTest, ADraftIsSavedThenFinishedWithScoreAndFlagsThenReadOnly) {
  Reply draft = Screen("berca", household_berca_, {{"members_count", 2}, {"children_count", 0}});
  ASSERT_EQ(draft.status, 201) << draft.body.dump();
  EXPECT_EQ(draft.body["status"], "draft");
  EXPECT_TRUE(draft.body["score"].is_null());
  EXPECT_EQ(draft.body["community_code"], "RO:1017");
  const std::string id = draft.body["id"];
  // Finishing needs every shown required answer, named.
  Reply incomplete =
      Call("berca", "PATCH", "/api/v1/assessments/" + id, {{"status", "final"}}, draft.etag);
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_EQ(incomplete.body["code"], "assessment.required_answer");
  EXPECT_EQ(incomplete.body["field"], "answers.elderly_alone");
  // A stale version is refused.
  Reply saved = Call("berca", "PATCH", "/api/v1/assessments/" + id, {{"answers", PoorScreening()}},
                     draft.etag);
  ASSERT_EQ(saved.status, 200) << saved.body.dump();
  Reply stale =
      Call("berca", "PATCH", "/api/v1/assessments/" + id, {{"status", "final"}}, draft.etag);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body["code"], "conflict.stale_version");
  Reply final =
      Call("berca", "PATCH", "/api/v1/assessments/" + id, {{"status", "final"}}, saved.etag);
  ASSERT_EQ(final.status, 200) << final.body.dump();
  EXPECT_EQ(final.body["status"], "final");
  EXPECT_EQ(final.body["flags"], Json::array({"poverty", "elderly_alone"}));
  EXPECT_EQ(final.body["score"], 5);
  EXPECT_EQ(final.body["score_band"], "medium");
  EXPECT_FALSE(final.body["finished_at"].is_null());
  Reply locked = Call("berca", "PATCH", "/api/v1/assessments/" + id, {{"answers", PoorScreening()}},
                      final.etag);
  EXPECT_EQ(locked.status, 409);
  EXPECT_EQ(locked.body["code"], "assessment.finished");
  EXPECT_EQ(CountAudit("assessment.create", id), 1);
  EXPECT_EQ(CountAudit("assessment.update", id), 1);
  EXPECT_EQ(CountAudit("assessment.finish", id), 1);
}

TEST_P(AssessmentsTest, AnotherCommunitysAssessmentsDoNotExist) {
  Reply draft = Screen("berca", household_berca_, Json::object());
  ASSERT_EQ(draft.status, 201);
  const std::string id = draft.body["id"];
  Reply read = Call("other", "GET", "/api/v1/assessments/" + id);
  EXPECT_EQ(read.status, 404);
  EXPECT_EQ(read.body["code"], "assessment.not_found");
  EXPECT_EQ(
      Call("other", "PATCH", "/api/v1/assessments/" + id, {{"answers", Json::object()}}, draft.etag)
          .status,
      404);
  Reply create = Screen("other", household_berca_, Json::object());
  EXPECT_EQ(create.status, 404);
  EXPECT_EQ(create.body["code"], "household.not_found");
  EXPECT_TRUE(Call("other", "GET", "/api/v1/assessments?household_id=" + household_berca_)
                  .body["items"]
                  .empty());
  // The region sees it; reading it is audited.
  EXPECT_EQ(Call("region", "GET", "/api/v1/assessments/" + id).status, 200);
  EXPECT_EQ(CountAudit("assessment.read", id), 1);
  Reply listed = Call("berca", "GET", "/api/v1/assessments?household_id=" + household_berca_);
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_FALSE(listed.body["items"][0].contains("answers"));
  EXPECT_EQ(CountAudit("assessment.read", id), 1);  // a list is not a read of the record
}

TEST_P(AssessmentsTest, AnalystsAndProviderStaffNeverSeeAssessments) {
  Reply draft = Screen("berca", household_berca_, Json::object());
  ASSERT_EQ(draft.status, 201);
  for (const char* who : {"analyst", "provider"}) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/assessments/" + draft.body["id"].get<std::string>()).status,
              403)
        << who;
    EXPECT_EQ(Call(who, "GET", "/api/v1/assessments").status, 403) << who;
    EXPECT_EQ(Call(who, "GET", "/api/v1/questionnaires").status, 403) << who;
    EXPECT_EQ(Screen(who, household_berca_, Json::object()).status, 403) << who;
  }
}

TEST_P(AssessmentsTest, RefusesWrongSubjectsAndBodies) {
  Reply both = Call("berca", "POST", "/api/v1/assessments",
                    {{"questionnaire_code", "household_screening"},
                     {"household_id", household_berca_},
                     {"person_id", "p"}});
  EXPECT_EQ(both.body["code"], "assessment.subject_required");
  Reply person_form =
      Call("berca", "POST", "/api/v1/assessments",
           {{"questionnaire_code", "elderly_autonomy"}, {"household_id", household_berca_}});
  EXPECT_EQ(person_form.body["code"], "assessment.wrong_subject");
  Reply unknown = Call("berca", "POST", "/api/v1/assessments",
                       {{"questionnaire_code", "household_screening"},
                        {"household_id", household_berca_},
                        {"colour", "red"}});
  EXPECT_EQ(unknown.body["code"], "request.unknown_field");
  Reply no_form = Call("berca", "POST", "/api/v1/assessments",
                       {{"questionnaire_code", "nothing"}, {"household_id", household_berca_}});
  EXPECT_EQ(no_form.body["code"], "assessment.questionnaire_not_found");
  Reply hidden =
      Screen("berca", household_berca_, {{"children_count", 0}, {"school_age_children", true}});
  EXPECT_EQ(hidden.body["code"], "assessment.hidden_question");
  EXPECT_EQ(hidden.body["field"], "answers.school_age_children");
  Reply case_id = Call("berca", "POST", "/api/v1/assessments",
                       {{"questionnaire_code", "household_screening"},
                        {"household_id", household_berca_},
                        {"case_id", "HRJ-2026-000001"}});
  ASSERT_EQ(case_id.status, 201);
  EXPECT_EQ(case_id.body["case_id"], "HRJ-2026-000001");
  Reply no_if_match =
      Call("berca", "PATCH", "/api/v1/assessments/" + case_id.body["id"].get<std::string>(),
           {{"answers", Json::object()}});
  EXPECT_EQ(no_if_match.status, 428);
}

TEST_P(AssessmentsTest, TheSummaryCountsTheLatestFinalScreeningPerHousehold) {
  ASSERT_EQ(Screen("berca", household_berca_, PoorScreening(), "final").status, 201);
  Json fine = PoorScreening();
  fine["income_below_threshold"] = false;
  fine["elderly_alone"] = false;
  std::this_thread::sleep_for(std::chrono::milliseconds(3));  // a later finishing instant
  ASSERT_EQ(Screen("berca", household_berca_, fine, "final").status, 201);  // the latest
  ASSERT_EQ(Screen("other", household_other_, PoorScreening(), "final").status, 201);
  ASSERT_EQ(Screen("other", household_other_, Json::object()).status, 201);  // a draft: not counted
  Reply region = Call("analyst", "GET", "/api/v1/assessments/screening-summary?territory=RO%3A10");
  ASSERT_EQ(region.status, 200) << region.body.dump();
  EXPECT_EQ(region.body["households_screened"], 2);
  EXPECT_EQ(region.body["households_vulnerable"], 1);
  EXPECT_EQ(region.body["flags"][0]["code"], "poverty");
  EXPECT_EQ(region.body["flags"][0]["households"], 1);
  EXPECT_EQ(region.body["flags"][0]["label"]["ro"], "Sărăcie");
  EXPECT_EQ(region.body["communities"].size(), 2u);
  Reply community =
      Call("berca", "GET", "/api/v1/assessments/screening-summary?territory=RO%3A1017");
  EXPECT_EQ(community.body["households_screened"], 1);
  EXPECT_EQ(community.body["households_vulnerable"], 0);
  // Outside the caller's scope, a territory does not exist.
  EXPECT_EQ(
      Call("berca", "GET", "/api/v1/assessments/screening-summary?territory=RO%3A2000").status,
      404);
  EXPECT_EQ(Call("berca", "GET", "/api/v1/assessments/screening-summary?territory=RO%3A10").status,
            404);
  EXPECT_EQ(Call("berca", "GET", "/api/v1/assessments/screening-summary").status, 400);
}

SOCIUS_INSTANTIATE_BACKENDS(AssessmentsTest);

}  // namespace
}  // namespace socius::assessments
