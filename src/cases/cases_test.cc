// Cases through the real Router on both backends: numbers, the state machine with closure
// approval, who sees a case's content (assigned worker, head, team setting, confidential
// notes), plans and "Today", contacts, and every endpoint from another community.
#include <gtest/gtest.h>

#include <map>

#include "cases/routes.h"
#include "core/clock.h"
#include "registry/test_fixture.h"
#include "testing/route_client.h"

namespace socius::cases {
namespace {

using http::Json;

class CasesTest : public registry::testing::RegistryDatabaseTest,
                  public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUser("ana", "RO:1017", auth::Role::kSocialWorker);
    AddUser("bogdan", "RO:1017", auth::Role::kSocialWorker);
    AddUser("head", "RO:1017", auth::Role::kHeadOfService);
    AddUser("other", "RO:2000", auth::Role::kSocialWorker);
    AddUser("analyst", "RO:10", auth::Role::kAnalyst);
    AddUser("officer", "RO:1017", auth::Role::kBenefitsOfficer);
    AddUser("district", "RO:10", auth::Role::kHeadOfService);
    AddUser("otherhead", "RO:2000", auth::Role::kHeadOfService);
    child_ = AddPerson("p-child", "RO:1017", "2016-04-02");
    adult_ = AddPerson("p-adult", "RO:1017", "1950-01-09");
    RegisterCaseRoutes(router(), db());
  }

  void AddUser(const std::string& name, const std::string& code, auth::Role role) {
    principals_[name] = RegistryDatabaseTest::AddUser(name, code, role);
  }

  std::string AddPerson(const std::string& id, const std::string& community,
                        const std::string& birth) {
    const std::string pid = id + std::string(22 - id.size(), 'q');
    core::Status s = db().Write([&](store::Session& tx) {
      return tx
          .Exec(
              "INSERT INTO persons (id, community_id, given_name, family_name, birth_date, "
              "name_key, created_at, updated_at) VALUES (?, ?, 'Ioana', 'Popescu', ?, "
              "'popescu ioana', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
              {pid, "t-" + community, birth})
          .status();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return pid;
  }

  Reply Open(const std::string& who, const std::string& person, const std::string& category) {
    return Call(who, "POST", "/api/v1/cases",
                {{"person_id", person},
                 {"category", category},
                 {"risk_level", "high"},
                 {"opening_reason", "Came to the office: no heating, two children"}});
  }

  Reply Move(const std::string& who, const std::string& id, const std::string& to,
             const Json& extra = Json::object()) {
    Reply now = Call(who, "GET", "/api/v1/cases/" + id);
    Json body = extra;
    body["to"] = to;
    return Call(who, "POST", "/api/v1/cases/" + id + "/transitions", body, now.etag);
  }

  std::string Id(const std::string& user) { return principals_[user].user_id; }

  std::string child_;
  std::string adult_;
};

TEST_P(CasesTest, NumbersPerCommunityAndYearAndTheOpeningIsAudited) {
  Reply first = Open("ana", adult_, "poverty");
  ASSERT_EQ(first.status, 201) << first.body.dump();
  const std::string year = std::to_string(core::Today().year);
  EXPECT_EQ(first.body["number"], "1017-" + year + "-000001");
  EXPECT_EQ(first.body["state"], "intake");
  EXPECT_EQ(first.body["content_visible"], true);
  EXPECT_EQ(first.body["confidential"], false);
  EXPECT_EQ(first.body["allowed_transitions"], Json::array({"assessment", "closed"}));
  Reply second = Open("ana", child_, "child_at_risk");
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(second.body["number"], "1017-" + year + "-000002");
  EXPECT_EQ(second.body["confidential"], true);
  EXPECT_EQ(second.body["child_case"], true);

  // A prefix set by the head applies to the next case.
  Reply settings = Call("head", "GET", "/api/v1/case-settings/RO:1017");
  ASSERT_EQ(settings.status, 200);
  EXPECT_EQ(settings.body["number_prefix"], "1017");
  EXPECT_EQ(Call("ana", "PATCH", "/api/v1/case-settings/RO:1017", {{"number_prefix", "BRC"}},
                 settings.etag)
                .status,
            403);
  EXPECT_EQ(Call("head", "PATCH", "/api/v1/case-settings/RO:1017", {{"number_prefix", "b-1"}},
                 settings.etag)
                .body["code"],
            "case.invalid_prefix");
  ASSERT_EQ(Call("head", "PATCH", "/api/v1/case-settings/RO:1017", {{"number_prefix", "BRC"}},
                 settings.etag)
                .status,
            200);
  EXPECT_EQ(Open("ana", adult_, "other").body["number"], "BRC-" + year + "-000003");

  int64_t audited = 0;
  ASSERT_TRUE(db().Read([&](store::Session& tx) -> core::Status {
                    auto rows = tx.Query(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'case.create' AND "
                        "entity_id = ?",
                        {first.body["id"].get<std::string>()});
                    if (!rows.ok()) return rows.status();
                    audited = (*rows)[0].Int(0);
                    return core::Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(audited, 1);
}

TEST_P(CasesTest, StatesCannotBeSkippedAndAChildsClosureWaitsForTheHead) {
  const std::string id = Open("ana", child_, "child_at_risk").body["id"];
  Reply skip = Move("ana", id, "planning");
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(skip.body["code"], "case.invalid_transition");
  EXPECT_EQ(skip.body["allowed"], Json::array({"assessment", "closed"}));
  ASSERT_EQ(Move("ana", id, "assessment").status, 200);
  ASSERT_EQ(Move("ana", id, "planning").status, 200);

  // An open action: closing needs a reason.
  Reply goal = Call("ana", "POST", "/api/v1/cases/" + id + "/plan/goals",
                    {{"text", "The child goes to school every day"}});
  ASSERT_EQ(goal.status, 201) << goal.body.dump();
  Reply action = Call("ana", "POST", "/api/v1/cases/" + id + "/plan/actions",
                      {{"goal_id", goal.body["id"]},
                       {"text", "Enrol in the after-school programme"},
                       {"agency", "education"},
                       {"responsible_name", "School no. 2, director"},
                       {"deadline", core::Today().ToString()}});
  ASSERT_EQ(action.status, 201) << action.body.dump();
  Reply refused = Move("ana", id, "closed");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.body["code"], "case.open_actions");

  // With a reason, a worker's closure of a child's case is a request.
  Reply requested = Move("ana", id, "closed", {{"reason", "The family moved to Buzău"}});
  ASSERT_EQ(requested.status, 202) << requested.body.dump();
  EXPECT_EQ(requested.body["state"], "planning");
  EXPECT_EQ(requested.body["closure_request"]["reason"], "The family moved to Buzău");
  EXPECT_EQ(Move("ana", id, "in_service").body["code"], "case.closure_pending");

  // The head sees it waiting on "Today", and approves.
  Reply today = Call("head", "GET", "/api/v1/today");
  ASSERT_EQ(today.status, 200);
  ASSERT_EQ(today.body["approvals"].size(), 1u);
  EXPECT_EQ(today.body["approvals"][0]["id"], id);
  EXPECT_EQ(Call("ana", "POST", "/api/v1/cases/" + id + "/closure-decision", {{"approve", true}},
                 requested.etag)
                .status,
            403);
  Reply approved = Call("head", "POST", "/api/v1/cases/" + id + "/closure-decision",
                        {{"approve", true}}, requested.etag);
  ASSERT_EQ(approved.status, 200) << approved.body.dump();
  EXPECT_EQ(approved.body["state"], "closed");
  EXPECT_TRUE(approved.body["closure_request"].is_null());
  // Reopening goes back to assessment.
  EXPECT_EQ(Move("ana", id, "intake").status, 409);
  EXPECT_EQ(Move("ana", id, "assessment").body["state"], "assessment");

  Reply timeline = Call("ana", "GET", "/api/v1/cases/" + id + "/timeline?kind=state");
  ASSERT_EQ(timeline.status, 200);
  EXPECT_GE(timeline.body["items"].size(), 6u);
  EXPECT_EQ(timeline.body["items"][0]["detail"]["to"], "assessment");
}

TEST_P(CasesTest, OnlyTheAssignedWorkerAndTheHeadSeeTheContent) {
  const std::string id = Open("ana", adult_, "elderly_alone").body["id"];
  const std::string base = "/api/v1/cases/" + id;
  ASSERT_EQ(Call("ana", "POST", base + "/notes", {{"text", "Lives alone since May"}}).status, 201);
  ASSERT_EQ(Call("ana", "POST", base + "/notes",
                 {{"text", "Son has a conviction"}, {"confidential", true}})
                .status,
            201);

  // Another worker of the community, and an officer: the summary only.
  for (const char* who : {"bogdan", "officer"}) {
    Reply summary = Call(who, "GET", base);
    ASSERT_EQ(summary.status, 200) << who;
    EXPECT_EQ(summary.body["content_visible"], false);
    EXPECT_FALSE(summary.body.contains("category"));
    EXPECT_FALSE(summary.body.contains("opening_reason"));
    EXPECT_EQ(summary.body["assigned_worker"]["id"], Id("ana"));
    EXPECT_EQ(Call(who, "GET", base + "/timeline").status, 404) << who;
    EXPECT_EQ(Call(who, "GET", base + "/plan").status, 404) << who;
    EXPECT_EQ(Call(who, "GET", base + "/referrals").status, 404) << who;
  }
  EXPECT_EQ(Call("bogdan", "POST", base + "/notes", {{"text", "x"}}).status, 404);

  // The head sees everything, including the confidential note.
  Reply head = Call("head", "GET", base + "/timeline?kind=note");
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.body["items"].size(), 2u);

  // With the team setting on, a colleague reads a non-confidential case, never the
  // confidential notes, and never a confidential case.
  Reply settings = Call("head", "GET", "/api/v1/case-settings/RO:1017");
  ASSERT_EQ(Call("head", "PATCH", "/api/v1/case-settings/RO:1017", {{"team_visibility", true}},
                 settings.etag)
                .status,
            200);
  EXPECT_EQ(Call("bogdan", "GET", base).body["content_visible"], true);
  Reply colleague = Call("bogdan", "GET", base + "/timeline?kind=note");
  ASSERT_EQ(colleague.status, 200);
  ASSERT_EQ(colleague.body["items"].size(), 1u);
  EXPECT_EQ(colleague.body["items"][0]["detail"]["text"], "Lives alone since May");
  const std::string child_case = Open("ana", child_, "child_at_risk").body["id"];
  EXPECT_EQ(Call("bogdan", "GET", "/api/v1/cases/" + child_case).body["content_visible"], false);
}

TEST_P(CasesTest, EveryEndpointFromAnotherCommunityIsNotFound) {
  Reply opened = Open("ana", adult_, "poverty");
  const std::string id = opened.body["id"];
  const std::string base = "/api/v1/cases/" + id;
  Reply goal = Call("ana", "POST", base + "/plan/goals", {{"text", "Income"}});
  Reply action = Call("ana", "POST", base + "/plan/actions",
                      {{"goal_id", goal.body["id"]},
                       {"text", "Apply for the minimum income"},
                       {"agency", "social_protection"},
                       {"responsible_user_id", Id("ana")},
                       {"deadline", core::Today().ToString()}});
  ASSERT_EQ(action.status, 201) << action.body.dump();
  Reply referral = Call("ana", "POST", base + "/referrals",
                        {{"provider", "Caritas"},
                         {"service", "Social canteen"},
                         {"referred_on", core::Today().ToString()}});
  ASSERT_EQ(referral.status, 201) << referral.body.dump();
  Reply contact = Call("ana", "POST", "/api/v1/contacts",
                       {{"kind", "audience"},
                        {"person_id", adult_},
                        {"date", core::Today().ToString()},
                        {"reason", "social_aid"}});
  ASSERT_EQ(contact.status, 201) << contact.body.dump();
  const std::string tag = "\"1\"";
  struct Probe {
    const char* method;
    std::string target;
    Json body;
  };
  const std::vector<Probe> probes = {
      {"GET", base, nullptr},
      {"PATCH", base, {{"risk_level", "low"}}},
      {"POST", base + "/transitions", {{"to", "assessment"}}},
      {"POST", base + "/assignment", {{"worker_id", Id("other")}}},
      {"GET", base + "/timeline", nullptr},
      {"POST", base + "/notes", {{"text", "x"}}},
      {"GET", base + "/plan", nullptr},
      {"POST", base + "/plan/goals", {{"text", "x"}}},
      {"POST",
       base + "/plan/actions",
       {{"goal_id", goal.body["id"]},
        {"text", "x"},
        {"agency", "other"},
        {"responsible_name", "x"},
        {"deadline", core::Today().ToString()}}},
      {"PATCH",
       "/api/v1/plan-actions/" + action.body["id"].get<std::string>(),
       {{"status", "done"}}},
      {"GET", base + "/referrals", nullptr},
      {"POST",
       base + "/referrals",
       {{"provider", "x"}, {"service", "x"}, {"referred_on", core::Today().ToString()}}},
      {"PATCH",
       "/api/v1/referrals/" + referral.body["id"].get<std::string>(),
       {{"answer", "accepted"}, {"answered_on", core::Today().ToString()}}},
      {"GET", "/api/v1/contacts/" + contact.body["id"].get<std::string>(), nullptr},
      {"PATCH",
       "/api/v1/contacts/" + contact.body["id"].get<std::string>(),
       {{"observations", "x"}}},
      {"GET", "/api/v1/case-settings/RO:1017", nullptr},
  };
  for (const Probe& p : probes) {
    Reply r = Call("other", p.method, p.target, p.body, tag);
    EXPECT_EQ(r.status, 404) << p.method << " " << p.target << " " << r.body.dump();
  }
  // Lists from another community are empty; creating on another community's person fails
  // as if the person did not exist.
  EXPECT_EQ(Call("other", "GET", "/api/v1/cases").body["items"].size(), 0u);
  EXPECT_EQ(Call("other", "GET", "/api/v1/contacts?person_id=" + adult_).body["items"].size(), 0u);
  EXPECT_EQ(Open("other", adult_, "poverty").body["code"], "case.person_not_found");
  // Roles without cases: 403 on every case route.
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/cases").status, 403);
  EXPECT_EQ(Call("analyst", "GET", base).status, 403);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/today").status, 403);
  EXPECT_EQ(Call("officer", "POST", "/api/v1/contacts",
                 {{"kind", "audience"},
                  {"person_id", adult_},
                  {"date", "2026-01-05"},
                  {"reason", "housing"}})
                .status,
            403);
  // Nothing changed.
  EXPECT_EQ(Call("ana", "GET", base).body["version"], 1);
}

TEST_P(CasesTest, PlansContactsAndToday) {
  const std::string id = Open("ana", adult_, "elderly_alone").body["id"];
  const std::string base = "/api/v1/cases/" + id;
  const std::string goal =
      Call("ana", "POST", base + "/plan/goals", {{"text", "Safe at home"}}).body["id"];
  const core::Date today = core::Today();
  Reply early = Call("ana", "POST", base + "/plan/actions",
                     {{"goal_id", goal},
                      {"text", "Home care assessment"},
                      {"agency", "health"},
                      {"responsible_name", "Family doctor"},
                      {"deadline", core::AddDays(today, -1).ToString()}});
  EXPECT_EQ(early.status, 400);
  EXPECT_EQ(early.body["code"], "plan.deadline_before_opening");
  EXPECT_EQ(early.body["field"], "deadline");
  Reply outsider = Call("ana", "POST", base + "/plan/actions",
                        {{"goal_id", goal},
                         {"text", "x"},
                         {"agency", "police"},
                         {"responsible_user_id", Id("other")},
                         {"deadline", today.ToString()}});
  EXPECT_EQ(outsider.body["code"], "plan.responsible_outside_territory");
  Reply due = Call("ana", "POST", base + "/plan/actions",
                   {{"goal_id", goal},
                    {"text", "Install a grab bar"},
                    {"agency", "ngo"},
                    {"responsible_user_id", Id("bogdan")},
                    {"deadline", core::AddDays(today, 3).ToString()}});
  ASSERT_EQ(due.status, 201) << due.body.dump();
  EXPECT_EQ(due.body["responsible"]["name"], "User bogdan");
  EXPECT_EQ(due.body["overdue"], false);
  // Stale versions are refused.
  EXPECT_EQ(Call("ana", "PATCH", "/api/v1/plan-actions/" + due.body["id"].get<std::string>(),
                 {{"status", "in_progress"}}, "\"7\"")
                .body["code"],
            "conflict.stale_version");

  // A planned visit and a visit marked done in the future.
  Reply future = Call("ana", "POST", "/api/v1/contacts",
                      {{"kind", "home_visit"},
                       {"person_id", adult_},
                       {"case_id", id},
                       {"status", "done"},
                       {"date", core::AddDays(today, 2).ToString()}});
  EXPECT_EQ(future.body["code"], "contact.future_done");
  Reply planned = Call("ana", "POST", "/api/v1/contacts",
                       {{"kind", "home_visit"},
                        {"person_id", adult_},
                        {"case_id", id},
                        {"status", "planned"},
                        {"date", core::AddDays(today, 2).ToString()},
                        {"time", "10:30"}});
  ASSERT_EQ(planned.status, 201) << planned.body.dump();

  // Ana's Today: her case, the visit and the action on her case; Bogdan's: the action he is
  // responsible for, though the case is not his.
  Reply mine = Call("ana", "GET", "/api/v1/today");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body["caseload"].size(), 1u);
  EXPECT_EQ(mine.body["visits"].size(), 1u);
  EXPECT_EQ(mine.body["actions"].size(), 1u);
  EXPECT_EQ(mine.body["actions"][0]["case_number"], Call("ana", "GET", base).body["number"]);
  Reply his = Call("bogdan", "GET", "/api/v1/today");
  EXPECT_EQ(his.body["caseload"].size(), 0u);
  EXPECT_EQ(his.body["actions"].size(), 1u);

  // The visit done: it leaves Today and joins the case's timeline.
  Reply done = Call("ana", "PATCH", "/api/v1/contacts/" + planned.body["id"].get<std::string>(),
                    {{"status", "done"},
                     {"date", today.ToString()},
                     {"observations", "Cold flat, stove broken"},
                     {"outcome", "referred"}},
                    planned.etag);
  ASSERT_EQ(done.status, 200) << done.body.dump();
  EXPECT_EQ(Call("ana", "GET", "/api/v1/today").body["visits"].size(), 0u);
  Reply contacts = Call("ana", "GET", "/api/v1/cases/" + id + "/timeline?kind=contact");
  ASSERT_EQ(contacts.body["items"].size(), 2u);
  EXPECT_EQ(contacts.body["items"][0]["detail"]["observations"], "Cold flat, stove broken");
  // A colleague does not see contacts of a case whose content is closed to them.
  EXPECT_EQ(Call("bogdan", "GET", "/api/v1/contacts?person_id=" + adult_).body["items"].size(), 0u);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/contacts?person_id=" + adult_).body["items"].size(), 1u);
}

TEST_P(CasesTest, ATransferWaitsForTheReceivingHeadAndMovesTheWholeFile) {
  const std::string id = Open("ana", adult_, "poverty").body["id"];
  const std::string base = "/api/v1/cases/" + id;
  ASSERT_EQ(Call("ana", "POST", base + "/notes", {{"text", "Moving to Pătârlagele"}}).status, 201);
  Reply now = Call("ana", "GET", base);
  // A community the worker cannot see is refused; so is the case's own.
  Reply unseen = Call("ana", "POST", base + "/transfer", {{"community_code", "RO:2000"}}, now.etag);
  EXPECT_EQ(unseen.status, 400);
  EXPECT_EQ(unseen.body["code"], "case.transfer_target_not_found");
  EXPECT_EQ(unseen.body["field"], "community_code");
  EXPECT_EQ(Call("district", "POST", base + "/transfer", {{"community_code", "RO:1017"}}, now.etag)
                .body["code"],
            "case.transfer_same_community");
  Reply asked = Call("district", "POST", base + "/transfer",
                     {{"community_code", "RO:2000"}, {"reason", "The family moved"}}, now.etag);
  ASSERT_EQ(asked.status, 200) << asked.body.dump();
  EXPECT_EQ(asked.body["transfer_request"]["community_code"], "RO:2000");
  EXPECT_EQ(
      Call("district", "POST", base + "/transfer", {{"community_code", "RO:2000"}}, asked.etag)
          .body["code"],
      "case.transfer_pending");

  // The receiving head sees it on Today and may read it; the sending worker cannot decide.
  Reply today = Call("otherhead", "GET", "/api/v1/today");
  ASSERT_EQ(today.body["transfers"].size(), 1u);
  EXPECT_EQ(today.body["transfers"][0]["content_visible"], true);
  EXPECT_EQ(
      Call("head", "POST", base + "/transfer-decision", {{"accept", true}}, asked.etag).status,
      403);
  EXPECT_EQ(Call("otherhead", "POST", base + "/transfer-decision",
                 {{"accept", true}, {"worker_id", Id("ana")}}, asked.etag)
                .body["code"],
            "case.worker_not_eligible");
  Reply accepted = Call("otherhead", "POST", base + "/transfer-decision",
                        {{"accept", true}, {"worker_id", Id("other")}}, asked.etag);
  ASSERT_EQ(accepted.status, 200) << accepted.body.dump();
  EXPECT_EQ(accepted.body["community_code"], "RO:2000");
  EXPECT_EQ(accepted.body["assigned_worker"]["id"], Id("other"));
  EXPECT_TRUE(accepted.body["transfer_request"].is_null());
  // The number and the history stay; the old community no longer sees the case.
  EXPECT_EQ(accepted.body["number"], now.body["number"]);
  Reply history = Call("other", "GET", base + "/timeline?kind=note");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.body["items"].size(), 1u);
  EXPECT_EQ(Call("ana", "GET", base).status, 404);
}

TEST_P(CasesTest, TheTeamViewCountsEachWorkersLoad) {
  const std::string id = Open("ana", adult_, "elderly_alone").body["id"];
  Open("bogdan", child_, "child_at_risk");
  const std::string goal =
      Call("ana", "POST", "/api/v1/cases/" + id + "/plan/goals", {{"text", "Warm home"}})
          .body["id"];
  ASSERT_EQ(Call("ana", "POST", "/api/v1/cases/" + id + "/plan/actions",
                 {{"goal_id", goal},
                  {"text", "Firewood"},
                  {"agency", "social_protection"},
                  {"responsible_name", "Mayor's office"},
                  {"deadline", core::AddDays(core::Today(), 2).ToString()}})
                .status,
            201);
  Reply team = Call("head", "GET", "/api/v1/team?territory=RO:1017");
  ASSERT_EQ(team.status, 200) << team.body.dump();
  std::map<std::string, Json> by_worker;
  for (const Json& item : team.body["items"]) by_worker[item["worker"]["id"]] = item;
  ASSERT_TRUE(by_worker.count(Id("ana")));
  EXPECT_EQ(by_worker[Id("ana")]["open_cases"], 1);
  EXPECT_EQ(by_worker[Id("ana")]["due_actions"], 1);
  EXPECT_EQ(by_worker[Id("ana")]["overdue_actions"], 0);
  EXPECT_EQ(by_worker[Id("bogdan")]["open_cases"], 1);
  EXPECT_EQ(by_worker[Id("bogdan")]["high_risk_cases"], 1);
  EXPECT_TRUE(by_worker.count(Id("head")));
  EXPECT_FALSE(by_worker.count(Id("other")));
  EXPECT_EQ(Call("ana", "GET", "/api/v1/team?territory=RO:1017").status, 403);
  EXPECT_EQ(Call("otherhead", "GET", "/api/v1/team?territory=RO:1017").status, 404);
  EXPECT_EQ(Call("head", "GET", "/api/v1/team").status, 400);
}

TEST_P(CasesTest, WorkCanBeGivenToTheColleaguesWhoHoldCaseWorkOverTheCommunity) {
  Reply workers = Call("ana", "GET", "/api/v1/case-workers?community=RO:1017");
  ASSERT_EQ(workers.status, 200) << workers.body.dump();
  std::vector<std::string> names;
  for (const Json& w : workers.body["items"]) names.push_back(w["display_name"]);
  // Social workers and heads of the community and of the region above it, by name; never a
  // worker of the neighbouring community, an analyst or a benefits officer.
  EXPECT_EQ(names,
            (std::vector<std::string>{"User ana", "User bogdan", "User district", "User head"}));
  EXPECT_EQ(Call("other", "GET", "/api/v1/case-workers?community=RO:1017").status, 404);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/case-workers?community=RO:10").status, 404);
  EXPECT_EQ(Call("ana", "GET", "/api/v1/case-workers").status, 400);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/case-workers?community=RO:1017").status, 403);
  EXPECT_EQ(Call("officer", "GET", "/api/v1/case-workers?community=RO:1017").status, 200);
}

SOCIUS_INSTANTIATE_BACKENDS(CasesTest);

}  // namespace
}  // namespace socius::cases
