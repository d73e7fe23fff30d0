// Questionnaires and assessments on both backends, through the use cases and the routes:
// versions, drafts and finishing, scope (another community's records do not exist), audit,
// stale versions and the screening summary.
#include "assessments/assessments.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "assessments/questionnaires.h"
#include "assessments/routes.h"
#include "auth/audit.h"
#include "cases/routes.h"
#include "registry/households.h"
#include "registry/test_fixture.h"
#include "testing/route_client.h"

namespace socius::assessments {
namespace {

using http::Json;

constexpr char kBerca[] = "/RO/RO:10/RO:1017/";

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

class AssessmentsTest : public registry::testing::RegistryDatabaseTest,
                        public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(Questionnaires::InstallShipped(db()).ok());
    // Stored users: the cases an assessment is filed on are given to real workers.
    principals_["berca"] = AddUser("berca", "RO:1017", auth::Role::kSocialWorker);
    principals_["other"] = AddUser("other", "RO:2000", auth::Role::kSocialWorker);
    principals_["region"] = Worker("RO:10", "/RO/RO:10/", auth::Role::kHeadOfService);
    principals_["analyst"] = Worker("RO:10", "/RO/RO:10/", auth::Role::kAnalyst);
    principals_["provider"] = Worker("RO:1017", kBerca, auth::Role::kProviderStaff);
    principals_["admin"] = Worker("root", "/", auth::Role::kAdministrator);
    principals_["region_admin"] = Worker("RO:10", "/RO/RO:10/", auth::Role::kAdministrator);
    RegisterAssessmentRoutes(router(), db());
    cases::RegisterCaseRoutes(router(), db());
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
  Reply no_case = Call("berca", "POST", "/api/v1/assessments",
                       {{"questionnaire_code", "household_screening"},
                        {"household_id", household_berca_},
                        {"case_id", "HRJ-2026-000001"}});
  EXPECT_EQ(no_case.status, 400);
  EXPECT_EQ(no_case.body["code"], "case.link_not_found");
  EXPECT_EQ(no_case.body["field"], "case_id");
  Reply draft = Screen("berca", household_berca_, Json::object());
  Reply no_if_match =
      Call("berca", "PATCH", "/api/v1/assessments/" + draft.body["id"].get<std::string>(),
           {{"answers", Json::object()}});
  EXPECT_EQ(no_if_match.status, 428);
}

TEST_P(AssessmentsTest, AnAssessmentFiledOnACaseShowsOnItsTimeline) {
  Reply opened = Call("berca", "POST", "/api/v1/cases",
                      {{"household_id", household_berca_},
                       {"category", "family_in_crisis"},
                       {"risk_level", "high"},
                       {"opening_reason", "Eviction notice"}});
  ASSERT_EQ(opened.status, 201) << opened.body.dump();
  const std::string case_id = opened.body["id"];
  Reply filed = Call("berca", "POST", "/api/v1/assessments",
                     {{"questionnaire_code", "household_screening"},
                      {"household_id", household_berca_},
                      {"case_id", case_id},
                      {"answers", PoorScreening()}});
  ASSERT_EQ(filed.status, 201) << filed.body.dump();
  EXPECT_EQ(filed.body["case_id"], case_id);
  Reply finished =
      Call("berca", "PATCH", "/api/v1/assessments/" + filed.body["id"].get<std::string>(),
           {{"status", "final"}}, filed.etag);
  ASSERT_EQ(finished.status, 200) << finished.body.dump();

  Reply timeline = Call("berca", "GET", "/api/v1/cases/" + case_id + "/timeline?kind=assessment");
  ASSERT_EQ(timeline.status, 200) << timeline.body.dump();
  ASSERT_EQ(timeline.body["items"].size(), 2u);
  const Json& last = timeline.body["items"][0]["detail"];
  EXPECT_EQ(last["event"], "finished");
  EXPECT_EQ(last["assessment_id"], filed.body["id"]);
  EXPECT_EQ(last["questionnaire_code"], "household_screening");
  EXPECT_EQ(last["flags"], Json({"poverty", "elderly_alone"}));
  EXPECT_EQ(timeline.body["items"][1]["detail"]["event"], "filed");

  // A case is opened from the finished screening: its origin names it.
  Reply from_screening = Call("berca", "POST", "/api/v1/cases",
                              {{"household_id", household_berca_},
                               {"category", "poverty"},
                               {"risk_level", "medium"},
                               {"opening_reason", "Screening found poverty"},
                               {"origin_assessment_id", filed.body["id"]}});
  ASSERT_EQ(from_screening.status, 201) << from_screening.body.dump();
  EXPECT_EQ(from_screening.body["origin"]["kind"], "screening");
  EXPECT_EQ(from_screening.body["origin"]["id"], filed.body["id"]);
  Reply draft = Screen("berca", household_berca_, Json::object());
  Reply from_draft = Call("berca", "POST", "/api/v1/cases",
                          {{"household_id", household_berca_},
                           {"category", "poverty"},
                           {"risk_level", "medium"},
                           {"opening_reason", "Not finished"},
                           {"origin_assessment_id", draft.body["id"]}});
  EXPECT_EQ(from_draft.body["code"], "case.origin_assessment_not_found");
}

TEST_P(AssessmentsTest, OnlyACaseOfTheSameSubjectThatTheCallerWorksOnTakesAnAssessment) {
  Reply opened = Call("berca", "POST", "/api/v1/cases",
                      {{"household_id", household_berca_},
                       {"category", "family_in_crisis"},
                       {"risk_level", "low"},
                       {"opening_reason", "Debts"}});
  ASSERT_EQ(opened.status, 201) << opened.body.dump();
  const std::string case_id = opened.body["id"];
  const std::string another_household = NewHousehold("RO:1017");
  Reply other_subject = Call("berca", "POST", "/api/v1/assessments",
                             {{"questionnaire_code", "household_screening"},
                              {"household_id", another_household},
                              {"case_id", case_id}});
  EXPECT_EQ(other_subject.status, 400);
  EXPECT_EQ(other_subject.body["code"], "case.link_other_subject");
  // From another community the case does not exist, and nothing is written.
  Reply foreign = Call("other", "POST", "/api/v1/assessments",
                       {{"questionnaire_code", "household_screening"},
                        {"household_id", household_other_},
                        {"case_id", case_id}});
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(foreign.body["code"], "case.link_not_found");
  Reply listed = Call("other", "GET", "/api/v1/assessments?household_id=" + household_other_);
  EXPECT_EQ(listed.body["items"].size(), 0u);
  // A draft moved onto the case later is filed there too.
  Reply draft = Screen("berca", household_berca_, Json::object());
  Reply moved = Call("berca", "PATCH", "/api/v1/assessments/" + draft.body["id"].get<std::string>(),
                     {{"case_id", case_id}}, draft.etag);
  ASSERT_EQ(moved.status, 200) << moved.body.dump();
  Reply timeline = Call("berca", "GET", "/api/v1/cases/" + case_id + "/timeline?kind=assessment");
  ASSERT_EQ(timeline.body["items"].size(), 1u);
  EXPECT_EQ(timeline.body["items"][0]["detail"]["event"], "filed");
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

TEST_P(AssessmentsTest, OnlyWhoWorksOnTheCaseFinishesOrTakesOffAnAssessmentFiledThere) {
  principals_["bogdan"] = AddUser("bogdan", "RO:1017", auth::Role::kSocialWorker);
  Reply opened = Call("berca", "POST", "/api/v1/cases",
                      {{"household_id", household_berca_},
                       {"category", "poverty"},
                       {"risk_level", "low"},
                       {"opening_reason", "Debts"}});
  ASSERT_EQ(opened.status, 201) << opened.body.dump();
  const std::string case_id = opened.body["id"];
  Reply draft = Call("berca", "POST", "/api/v1/assessments",
                     {{"questionnaire_code", "household_screening"},
                      {"household_id", household_berca_},
                      {"case_id", case_id},
                      {"answers", PoorScreening()}});
  ASSERT_EQ(draft.status, 201) << draft.body.dump();
  const std::string path = "/api/v1/assessments/" + draft.body["id"].get<std::string>();
  // A colleague who does not see the case's content neither finishes it there nor takes it off.
  Reply finish = Call("bogdan", "PATCH", path, {{"status", "final"}}, draft.etag);
  EXPECT_EQ(finish.status, 400);
  EXPECT_EQ(finish.body["code"], "case.link_not_found");
  Reply unlink = Call("bogdan", "PATCH", path, {{"case_id", nullptr}}, draft.etag);
  EXPECT_EQ(unlink.body["code"], "case.link_not_found");
  // The assigned worker takes it off: the case's timeline says so.
  Reply off = Call("berca", "PATCH", path, {{"case_id", nullptr}}, draft.etag);
  ASSERT_EQ(off.status, 200) << off.body.dump();
  EXPECT_TRUE(off.body["case_id"].is_null());
  Reply timeline = Call("berca", "GET", "/api/v1/cases/" + case_id + "/timeline?kind=assessment");
  ASSERT_EQ(timeline.body["items"].size(), 2u);
  EXPECT_EQ(timeline.body["items"][0]["detail"]["event"], "unfiled");
  EXPECT_EQ(timeline.body["items"][1]["detail"]["event"], "filed");
}

SOCIUS_INSTANTIATE_BACKENDS(AssessmentsTest);

}  // namespace
}  // namespace socius::assessments
