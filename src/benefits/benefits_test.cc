// Programmes, eligibility, applications and decisions through the real Router on both
// backends: who defines and who decides, the bad input the contract names, eligibility
// explained from the registry and the declared income, the preview of a territory, four eyes,
// overlapping periods, budgets released by an end, 50 concurrent approvals for a budget with
// room for 10, and every endpoint from another community.
#include "benefits/benefits.h"

#include <gtest/gtest.h>

#include <thread>
#include <tuple>

#include "benefits/payments.h"
#include "benefits/routes.h"
#include "benefits/rules.h"
#include "registry/test_fixture.h"
#include "testing/route_client.h"

namespace socius::benefits {
namespace {

using http::Json;

class BenefitsTest : public registry::testing::RegistryDatabaseTest,
                     public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUser("admin", "RO:10", auth::Role::kAdministrator);
    AddUser("officer", "RO:1017", auth::Role::kBenefitsOfficer);
    AddUser("officer2", "RO:1017", auth::Role::kBenefitsOfficer);
    AddUser("worker", "RO:1017", auth::Role::kSocialWorker);
    AddUser("other", "RO:2000", auth::Role::kBenefitsOfficer);
    AddUser("otheradmin", "RO:2000", auth::Role::kAdministrator);
    AddUser("analyst", "RO:10", auth::Role::kAnalyst);
    RegisterBenefitRoutes(router(), db());
  }

  void AddUser(const std::string& name, const std::string& code, auth::Role role) {
    principals_[name] = RegistryDatabaseTest::AddUser(name, code, role);
  }

  static std::string Id(const std::string& prefix) {
    return prefix + std::string(22 - prefix.size(), 'q');
  }

  // A household of `community` whose members are born on `births` (the first is the head),
  // the second of them with `disability` when given. Returns the household's id; the members'
  // ids are Id(key + "-m0"), Id(key + "-m1") ...
  std::string AddHousehold(const std::string& key, const std::string& community,
                           const std::vector<std::string>& births,
                           const std::string& disability = "") {
    const std::string hid = Id(key);
    const std::string now = "2020-01-01T00:00:00.000Z";
    core::Status s = db().Write([&](store::Session& tx) -> core::Status {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO households (id, community_id, head_person_id, created_at, "
                  "updated_at) VALUES (?, ?, ?, ?, ?)",
                  {hid, "t-" + community, Id(key + "-m0"), now, now})
              .status());
      for (size_t i = 0; i < births.size(); ++i) {
        const std::string pid = Id(key + "-m" + std::to_string(i));
        SOCIUS_RETURN_IF_ERROR(
            tx.Exec("INSERT INTO persons (id, community_id, given_name, family_name, birth_date, "
                    "disability_degree, name_key, household_id, created_at, updated_at) "
                    "VALUES (?, ?, ?, 'Popescu', ?, ?, 'popescu', ?, ?, ?)",
                    {pid, "t-" + community, "M" + std::to_string(i), births[i],
                     i == 1 && !disability.empty() ? store::Value(disability) : store::Null(), hid,
                     now, now})
                .status());
        SOCIUS_RETURN_IF_ERROR(tx.Exec("INSERT INTO household_members (household_id, person_id, "
                                       "relationship_to_head, community_id) VALUES (?, ?, ?, ?)",
                                       {hid, pid, i == 0 ? "head" : "child", "t-" + community})
                                   .status());
      }
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return hid;
  }

  Json ProgrammeBody(Json extra = Json::object()) {
    Json body = {
        {"territory_code", "RO:10"}, {"name", "Ajutor social"},
        {"kind", "monthly_aid"},     {"currency", "RON"},
        {"status", "open"},          {"amount", {{"rule", "fixed"}, {"amount_minor", 100000}}},
        {"budget_minor", 10000000},  {"documents", {"Act de identitate", "Adeverință de venit"}}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    return body;
  }

  std::string NewProgramme(Json extra = Json::object()) {
    Reply r = Call("admin", "POST", "/api/v1/programmes", ProgrammeBody(std::move(extra)));
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("id", "");
  }

  Reply Apply(const std::string& programme, const std::string& household, int64_t income,
              Json extra = Json::object(), const std::string& who = "officer") {
    Json body = {
        {"programme_id", programme},
        {"household_id", household},
        {"applicant_id", Id(household.substr(0, household.find('q')) + "-m0")},
        {"period_from", "2026-11"},
        {"incomes",
         {{{"person_id", nullptr}, {"kind", "salary"}, {"monthly_amount_minor", income}}}}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    return Call(who, "POST", "/api/v1/applications", body);
  }

  Reply Decide(const Reply& application, Json body, const std::string& who = "officer") {
    return Call(who, "POST",
                "/api/v1/applications/" + application.body["id"].get<std::string>() + "/decision",
                body, application.etag);
  }
};

TEST_P(BenefitsTest, AdministratorsDefineProgrammesOthersReadThem) {
  const std::string id = NewProgramme();
  Reply read = Call("officer", "GET", "/api/v1/programmes/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body["amount"]["amount_minor"], 100000);
  EXPECT_EQ(read.body["documents"].size(), 2u);
  EXPECT_EQ(Call("worker", "GET", "/api/v1/programmes?territory=RO:1017").body["items"].size(), 0u)
      << "a programme of the region lies above the community";
  EXPECT_EQ(Call("worker", "GET", "/api/v1/programmes").body["items"].size(), 1u);
  EXPECT_EQ(Call("officer", "POST", "/api/v1/programmes", ProgrammeBody()).status, 403);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/programmes/" + id).status, 403);
  // A programme of another community does not exist for this one.
  Reply far = Call("otheradmin", "POST", "/api/v1/programmes",
                   ProgrammeBody({{"territory_code", "RO:2000"}}));
  ASSERT_EQ(far.status, 201) << far.body.dump();
  const std::string far_id = far.body["id"];
  EXPECT_EQ(Call("officer", "GET", "/api/v1/programmes/" + far_id).body["code"],
            "programme.not_found");
  EXPECT_EQ(Call("otheradmin", "POST", "/api/v1/programmes", ProgrammeBody()).status, 403)
      << "the region is visible above the community, not managed";

  // Who holds the region sees the programmes of its communities in lists too.
  Reply local = Call("admin", "POST", "/api/v1/programmes",
                     ProgrammeBody({{"territory_code", "RO:1017"}, {"name", "Fond local"}}));
  ASSERT_EQ(local.status, 201) << local.body.dump();
  EXPECT_EQ(Call("admin", "GET", "/api/v1/programmes").body["items"].size(), 3u);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/programmes?territory=RO:1017").body["items"].size(), 1u);

  Reply patched = Call("admin", "PATCH", "/api/v1/programmes/" + id,
                       {{"four_eyes_above_minor", 500000}}, read.etag);
  ASSERT_EQ(patched.status, 200) << patched.body.dump();
  EXPECT_EQ(patched.body["four_eyes_above_minor"], 500000);
  EXPECT_EQ(Call("admin", "PATCH", "/api/v1/programmes/" + id, {{"name", "x"}}, read.etag).status,
            409);
  EXPECT_EQ(Call("admin", "PATCH", "/api/v1/programmes/" + id, {{"currency", "EUR"}}, patched.etag)
                .body["code"],
            "request.unknown_field");
}

TEST_P(BenefitsTest, BadProgrammesAreRefusedWithTheirCodes) {
  struct Case {
    Json extra;
    const char* code;
    const char* field;
  };
  const std::vector<Case> cases = {
      {{{"budget_minor", -1}}, "benefit.invalid_amount", "budget_minor"},
      {{{"budget_minor", 10.5}}, "benefit.invalid_amount", "budget_minor"},
      {{{"budget_minor", "100"}}, "benefit.invalid_amount", "budget_minor"},
      {{{"amount", {{"rule", "fixed"}, {"amount_minor", -5}}}},
       "benefit.invalid_amount",
       "amount.amount_minor"},
      {{{"amount", {{"rule", "lottery"}, {"amount_minor", 5}}}},
       "programme.invalid_amount_rule",
       "amount.rule"},
      {{{"currency", "USD"}}, "programme.invalid_currency", "currency"},
      {{{"kind", "bonus"}}, "programme.invalid_kind", "kind"},
      {{{"name", "  "}}, "programme.name_required", "name"},
      {{{"rules", {{{"kind", "age"}, {"min", 18}}, {{"kind", "age"}, {"min", 70}, {"max", 60}}}}},
       "programme.invalid_rule",
       "rules[1]"},
      {{{"rules", {{{"kind", "stars"}}}}}, "programme.invalid_rule", "rules[0]"},
  };
  for (const Case& c : cases) {
    Reply r = Call("admin", "POST", "/api/v1/programmes", ProgrammeBody(c.extra));
    EXPECT_EQ(r.status, 400) << c.extra.dump();
    EXPECT_EQ(r.body["code"], c.code) << c.extra.dump();
    EXPECT_EQ(r.body["field"], c.field) << c.extra.dump();
  }
}

TEST_P(BenefitsTest, EligibilityIsExplainedRuleByRule) {
  const std::string programme =
      NewProgramme({{"rules",
                     {{{"kind", "income_per_member"}, {"max_minor", 150000}},
                      {{"kind", "children"}, {"min", 3}},
                      {{"kind", "disability"}, {"min_degree", "moderate"}}}}});
  const std::string family = AddHousehold(
      "fam", "RO:1017", {"1985-06-15", "2015-03-10", "2020-12-01", "1987-02-01"}, "severe");
  Reply none = Call(
      "officer", "GET",
      "/api/v1/programmes/" + programme + "/eligibility?household_id=" + family + "&month=2026-11");
  ASSERT_EQ(none.status, 200) << none.body.dump();
  EXPECT_FALSE(none.body["outcomes"][0]["passed"]) << "no income declared yet";
  EXPECT_EQ(none.body["facts"]["members"], 4);
  EXPECT_EQ(none.body["facts"]["children"], 2);
  EXPECT_EQ(none.body["facts"]["max_disability"], "severe");

  Reply application = Apply(programme, family, 568000);
  ASSERT_EQ(application.status, 201) << application.body.dump();
  const Json& e = application.body["eligibility"];
  EXPECT_FALSE(e["eligible"]);
  EXPECT_EQ(e["outcomes"][0]["value"], 142000);
  EXPECT_EQ(e["outcomes"][0]["limit"], 150000);
  EXPECT_TRUE(e["outcomes"][0]["passed"]);
  EXPECT_EQ(e["outcomes"][1]["value"], 2);
  EXPECT_FALSE(e["outcomes"][1]["passed"]);
  EXPECT_TRUE(e["outcomes"][2]["passed"]);
  EXPECT_EQ(application.body["documents"].size(), 2u) << "the programme's checklist";

  Reply explained = Call(
      "officer", "GET",
      "/api/v1/programmes/" + programme + "/eligibility?household_id=" + family + "&month=2026-11");
  EXPECT_TRUE(explained.body["outcomes"][0]["passed"]) << "the declared income is remembered";
  EXPECT_EQ(Call("other", "GET",
                 "/api/v1/programmes/" + programme + "/eligibility?household_id=" + family)
                .body["code"],
            "household.not_found");
}

TEST_P(BenefitsTest, PreviewCountsWhatEachRuleRemoves) {
  const std::string programme = NewProgramme(
      {{"rules", {{{"kind", "household_size"}, {"min", 3}}, {{"kind", "children"}, {"min", 2}}}}});
  AddHousehold("big", "RO:1017", {"1980-01-01", "2015-01-01", "2016-01-01"});
  AddHousehold("one", "RO:1017", {"1950-01-01"});
  AddHousehold("adults", "RO:1017", {"1970-01-01", "1971-01-01", "2000-01-01"});
  AddHousehold("far", "RO:2000", {"1980-01-01", "2015-01-01", "2016-01-01"});
  Reply preview =
      Call("admin", "GET", "/api/v1/programmes/" + programme + "/preview?month=2026-11");
  ASSERT_EQ(preview.status, 200) << preview.body.dump();
  EXPECT_EQ(preview.body["households"], 4);
  EXPECT_EQ(preview.body["eligible"], 2);
  EXPECT_EQ(preview.body["cost_minor"], 200000);
  EXPECT_EQ(preview.body["removed"][0]["households"], 1);
  EXPECT_EQ(preview.body["removed"][1]["households"], 1);
  Reply local =
      Call("officer", "GET", "/api/v1/programmes/" + programme + "/preview?territory=RO:1017");
  EXPECT_EQ(local.body["households"], 3) << "the officer's community only";
  Reply narrowed =
      Call("admin", "GET", "/api/v1/programmes/" + programme + "/preview?territory=RO:1017");
  EXPECT_EQ(narrowed.body["households"], 3) << "the region's administrator, narrowed";
  EXPECT_EQ(Call("officer", "GET", "/api/v1/programmes/" + programme + "/preview?territory=RO:2000")
                .body["code"],
            "territory.not_found");
}

TEST_P(BenefitsTest, AboveTheThresholdASecondPersonApproves) {
  const std::string programme = NewProgramme({{"four_eyes_above_minor", 500000}});
  const std::string household = AddHousehold("h4", "RO:1017", {"1980-01-01"});
  Reply application = Apply(programme, household, 0, {{"period_to", "2027-04"}});
  ASSERT_EQ(application.status, 201) << application.body.dump();
  Reply decision = Decide(application, {{"outcome", "approved"}});
  ASSERT_EQ(decision.status, 201) << decision.body.dump();
  EXPECT_EQ(decision.body["state"], "awaiting_approval");
  EXPECT_EQ(decision.body["total_minor"], 600000);
  EXPECT_EQ(decision.body["allowed_transitions"], Json({"rejected"}));
  const std::string id = decision.body["id"];
  Reply budgets =
      Call("admin", "GET", "/api/v1/programmes/" + programme + "/budgets?from=2026-11&to=2026-11");
  EXPECT_EQ(budgets.body["items"][0]["committed_minor"], 100000) << "held while it waits";

  Reply same = Call("officer", "POST", "/api/v1/decisions/" + id + "/transitions",
                    {{"to", "active"}}, decision.etag);
  EXPECT_EQ(same.status, 403);
  EXPECT_EQ(same.body["code"], "decision.same_approver");
  Reply second = Call("officer2", "POST", "/api/v1/decisions/" + id + "/transitions",
                      {{"to", "active"}}, decision.etag);
  ASSERT_EQ(second.status, 200) << second.body.dump();
  EXPECT_EQ(second.body["state"], "active");
  EXPECT_EQ(second.body["second_approver"]["display_name"], "User officer2");

  // Ending after two months gives back the four months not paid.
  Reply ended =
      Call("officer", "POST", "/api/v1/decisions/" + id + "/transitions",
           {{"to", "ended"}, {"month", "2026-12"}, {"reason", "moved away"}}, second.etag);
  ASSERT_EQ(ended.status, 200) << ended.body.dump();
  EXPECT_EQ(ended.body["total_minor"], 200000);
  budgets =
      Call("admin", "GET", "/api/v1/programmes/" + programme + "/budgets?from=2026-11&to=2027-04");
  EXPECT_EQ(budgets.body["items"][1]["committed_minor"], 100000);
  EXPECT_EQ(budgets.body["items"][2]["committed_minor"], 0);
  // A grant split in pieces below the threshold: the second piece adds up with the first.
  const std::string split = AddHousehold("h4s", "RO:1017", {"1980-01-01"});
  Reply part1 = Apply(programme, split, 0, {{"period_to", "2027-01"}});
  EXPECT_EQ(Decide(part1, {{"outcome", "approved"}}).body["state"], "active");
  Reply part2 = Apply(programme, split, 0, {{"period_from", "2027-02"}, {"period_to", "2027-04"}});
  EXPECT_EQ(Decide(part2, {{"outcome", "approved"}}).body["state"], "awaiting_approval")
      << "300,000 + 300,000 is above 500,000";

  EXPECT_EQ(Call("other", "GET", "/api/v1/decisions/" + id).status, 404);
  EXPECT_EQ(Call("other", "POST", "/api/v1/decisions/" + id + "/transitions",
                 {{"to", "suspended"}, {"reason", "x"}}, ended.etag)
                .status,
            404);
}

TEST_P(BenefitsTest, OverlappingPeriodsAndDecidedApplicationsAreRefused) {
  const std::string programme = NewProgramme();
  const std::string household = AddHousehold("h5", "RO:1017", {"1980-01-01"});
  Reply first = Apply(programme, household, 0, {{"period_to", "2027-01"}});
  ASSERT_EQ(Decide(first, {{"outcome", "approved"}}).status, 201);
  Reply again = Call("officer", "POST",
                     "/api/v1/applications/" + first.body["id"].get<std::string>() + "/decision",
                     {{"outcome", "rejected"}, {"reason", "x"}}, "2");
  EXPECT_EQ(again.body["code"], "application.not_submitted");
  Reply second = Apply(programme, household, 0, {{"period_from", "2027-01"}});
  Reply overlap = Decide(second, {{"outcome", "approved"}});
  EXPECT_EQ(overlap.status, 409);
  EXPECT_EQ(overlap.body["code"], "decision.overlapping_period");
  Reply rejected = Decide(second, {{"outcome", "rejected"}});
  EXPECT_EQ(rejected.body["code"], "decision.reason_required");
  rejected = Decide(second, {{"outcome", "rejected"}, {"reason", "already paid"}});
  EXPECT_EQ(rejected.status, 201);
  EXPECT_EQ(rejected.body["state"], "rejected");
}

TEST_P(BenefitsTest, ApplicationsAndDecisionsLeaveALineOnTheHouseholdsOpenCases) {
  const std::string programme = NewProgramme();
  const std::string household = AddHousehold("tl", "RO:1017", {"1980-01-01", "2015-01-01"});
  const std::string now = "2026-01-01T00:00:00.000Z";
  // An open case about the child, and a closed one about the household: only the open one hears.
  core::Status s = db().Write([&](store::Session& tx) -> core::Status {
    for (const auto& [id, person, state] :
         {std::tuple{Id("case1"), true, "intake"}, std::tuple{Id("case2"), false, "closed"}}) {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO cases (id, community_id, number, person_id, household_id, category, "
                  "risk_level, state, assigned_worker_id, opening_reason, origin_kind, "
                  "confidential, child_case, opened_at, created_at, updated_at) VALUES (?, "
                  "'t-RO:1017', ?, ?, ?, 'child_at_risk', 'high', ?, ?, 'x', 'direct', 0, ?, ?, ?, "
                  "?)",
                  {id, id, person ? store::Value(Id("tl-m1")) : store::Null(),
                   person ? store::Null() : store::Value(household), state,
                   principals_["worker"].user_id, int64_t{person ? 1 : 0}, now, now, now})
              .status());
    }
    return core::Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  Reply application = Apply(programme, household, 0);
  ASSERT_EQ(application.status, 201) << application.body.dump();
  ASSERT_EQ(Decide(application, {{"outcome", "approved"}}).status, 201);
  auto lines = [&](const std::string& case_id) {
    std::vector<std::string> events;
    core::Status read = db().Read([&](store::Session& tx) -> core::Status {
      core::Result<store::Rows> rows = tx.Query(
          "SELECT detail, confidential FROM case_events WHERE case_id = ? AND kind = 'benefit' "
          "ORDER BY at, id",
          {case_id});
      if (!rows.ok()) return rows.status();
      for (const store::Row& row : *rows) {
        events.push_back(Json::parse(row.Text(0)).value("event", "") +
                         (row.Int(1) != 0 ? "/confidential" : ""));
      }
      return core::Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return events;
  };
  EXPECT_EQ(lines(Id("case1")),
            (std::vector<std::string>{"applied/confidential", "decided/confidential"}))
      << "a child's case keeps its lines confidential";
  EXPECT_TRUE(lines(Id("case2")).empty()) << "a closed case hears nothing";
}

TEST_P(BenefitsTest, BadApplicationsAreRefusedWithTheirCodes) {
  const std::string programme = NewProgramme();
  const std::string household = AddHousehold("h6", "RO:1017", {"1980-01-01"});
  const std::string stranger = AddHousehold("h7", "RO:1017", {"1980-01-01"});
  struct Case {
    Json extra;
    int status;
    const char* code;
  };
  const std::vector<Case> cases = {
      {{{"applicant_id", Id("h7-m0")}}, 400, "application.not_member"},
      {{{"incomes",
         {{{"person_id", Id("h7-m0")}, {"kind", "salary"}, {"monthly_amount_minor", 1}}}}},
       400,
       "application.not_member"},
      {{{"incomes", {{{"kind", "salary"}, {"monthly_amount_minor", -1}}}}},
       400,
       "benefit.invalid_amount"},
      {{{"incomes", {{{"kind", "salary"}, {"monthly_amount_minor", 0.5}}}}},
       400,
       "benefit.invalid_amount"},
      {{{"documents", {{{"name", "Passport"}, {"provided", true}}}}},
       400,
       "application.unknown_document"},
      {{{"period_to", "2026-10"}}, 400, "application.invalid_period"},
      {{{"period_from", "2026-13"}}, 400, "application.invalid_period"},
      {{{"submitted_on", "2999-01-01"}}, 400, "application.future_date"},
  };
  for (const Case& c : cases) {
    Reply r = Apply(programme, household, 0, c.extra);
    EXPECT_EQ(r.status, c.status) << c.extra.dump() << r.body.dump();
    EXPECT_EQ(r.body["code"], c.code) << c.extra.dump();
  }
  (void)stranger;
  EXPECT_EQ(Apply(programme, household, 0, {}, "worker").status, 403);
  EXPECT_EQ(Apply(programme, AddHousehold("h8", "RO:2000", {"1980-01-01"}), 0).body["code"],
            "household.not_found");
  const std::string draft = NewProgramme({{"status", "draft"}});
  EXPECT_EQ(Apply(draft, household, 0).body["code"], "programme.not_open");

  Reply ok = Apply(programme, household, 0);
  ASSERT_EQ(ok.status, 201);
  const std::string id = ok.body["id"];
  EXPECT_EQ(Call("other", "GET", "/api/v1/applications/" + id).status, 404);
  EXPECT_EQ(Call("worker", "GET", "/api/v1/applications/" + id).status, 200);
  EXPECT_EQ(Call("other", "GET", "/api/v1/applications").body["items"].size(), 0u);
  Reply withdrawn = Call("officer", "POST", "/api/v1/applications/" + id + "/withdraw",
                         {{"reason", "found work"}}, ok.etag);
  EXPECT_EQ(withdrawn.status, 200) << withdrawn.body.dump();
  EXPECT_EQ(withdrawn.body["state"], "withdrawn");
}

TEST_P(BenefitsTest, FiftyConcurrentApprovalsNeverOverspendTheBudget) {
  // Room for ten approvals of one month at 1,000.00.
  const std::string programme = NewProgramme({{"budget_minor", 1000000}});
  std::vector<Reply> applications;
  for (int i = 0; i < 50; ++i) {
    const std::string household = AddHousehold("c" + std::to_string(i), "RO:1017", {"1980-01-01"});
    applications.push_back(Apply(programme, household, 0));
    ASSERT_EQ(applications.back().status, 201) << applications.back().body.dump();
  }
  std::vector<std::thread> threads;
  std::vector<Reply> outcomes(applications.size());
  for (size_t i = 0; i < applications.size(); ++i) {
    threads.emplace_back([&, i] {
      outcomes[i] =
          Decide(applications[i], {{"outcome", "approved"}}, i % 2 == 0 ? "officer" : "officer2");
    });
  }
  for (std::thread& t : threads) t.join();
  int approved = 0;
  int refused = 0;
  for (const Reply& r : outcomes) {
    if (r.status == 201) ++approved;
    if (r.status == 409 && r.body["code"] == "decision.budget_exceeded") ++refused;
  }
  EXPECT_EQ(approved, 10);
  EXPECT_EQ(refused, 40);
  Reply budgets =
      Call("admin", "GET", "/api/v1/programmes/" + programme + "/budgets?from=2026-11&to=2026-11");
  EXPECT_EQ(budgets.body["items"][0]["committed_minor"], 1000000);
  EXPECT_EQ(budgets.body["items"][0]["available_minor"], 0);
  // A budget cannot be set below what is committed.
  Reply lower = Call("admin", "PUT", "/api/v1/programmes/" + programme + "/budgets/2026-11",
                     {{"amount_minor", 999999}});
  EXPECT_EQ(lower.body["code"], "budget.below_committed");
  EXPECT_EQ(Call("admin", "PUT", "/api/v1/programmes/" + programme + "/budgets/2026",
                 {{"amount_minor", 1}})
                .body["code"],
            "budget.invalid_period");
}

TEST_P(BenefitsTest, PaymentListsPayEachHouseholdOnceAndTheBankConfirmsThem) {
  const std::string programme = NewProgramme();
  std::vector<std::string> decisions;
  for (int i = 0; i < 3; ++i) {
    const std::string household =
        AddHousehold("pay" + std::to_string(i), "RO:1017", {"1980-01-01"});
    Reply application = Apply(programme, household, 0, {{"period_to", "2026-12"}});
    ASSERT_EQ(application.status, 201) << application.body.dump();
    Reply decision = Decide(application, {{"outcome", "approved"}});
    ASSERT_EQ(decision.status, 201) << decision.body.dump();
    decisions.push_back(decision.body["id"]);
  }
  // One is suspended: not paid while it is.
  Reply one = Call("officer", "GET", "/api/v1/decisions/" + decisions[2]);
  ASSERT_EQ(Call("officer", "POST", "/api/v1/decisions/" + decisions[2] + "/transitions",
                 {{"to", "suspended"}, {"reason", "documents missing"}}, one.etag)
                .status,
            200);
  Reply list = Call("officer", "POST", "/api/v1/payment-lists",
                    {{"programme_id", programme}, {"period", "2026-11"}});
  ASSERT_EQ(list.status, 201) << list.body.dump();
  EXPECT_EQ(list.body["totals"]["lines"], 2);
  EXPECT_EQ(list.body["totals"]["total_minor"], 200000);
  EXPECT_EQ(list.body["by_community"][0]["community_code"], "RO:1017");
  const std::string id = list.body["id"];
  Reply again = Call("officer", "POST", "/api/v1/payment-lists",
                     {{"programme_id", programme}, {"period", "2026-11"}});
  EXPECT_EQ(again.body["code"], "payment.nothing_to_pay") << "never paid twice for a month";
  const std::string far = AddMonths(core::MonthOf(core::Today()), 2).ToString();
  EXPECT_EQ(Call("officer", "POST", "/api/v1/payment-lists",
                 {{"programme_id", programme}, {"period", far}})
                .body["code"],
            "payment.future_month");
  // Listed for December too: the decision can no longer end in November.
  ASSERT_EQ(Call("officer", "POST", "/api/v1/payment-lists",
                 {{"programme_id", programme}, {"period", "2026-12"}})
                .status,
            201);
  Reply zero = Call("officer", "GET", "/api/v1/decisions/" + decisions[0]);
  Reply early = Call("officer", "POST", "/api/v1/decisions/" + decisions[0] + "/transitions",
                     {{"to", "ended"}, {"month", "2026-11"}, {"reason", "moved"}}, zero.etag);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.body["code"], "decision.month_listed");

  Reply lines = Call("officer", "GET", "/api/v1/payment-lists/" + id + "/lines");
  ASSERT_EQ(lines.body["items"].size(), 2u);
  const std::string first = lines.body["items"][0]["reference"];
  const std::string second = lines.body["items"][1]["reference"];
  EXPECT_EQ(lines.body["items"][0]["payee"]["name"], "Popescu M0");

  Payments payments(db());
  const auth::Principal officer = principals_["officer"];
  core::Result<ExportFile> csv = payments.Export(officer, id, ExportFormat::kCsv, "ro");
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  EXPECT_NE(csv->bytes.find("Referință,Beneficiar"), std::string::npos) << csv->bytes;
  EXPECT_NE(csv->bytes.find(first + ",Popescu M0,,Berca,1000.00,RON,2026-11,pending"),
            std::string::npos)
      << csv->bytes;
  core::Result<ExportFile> xlsx = payments.Export(officer, id, ExportFormat::kXlsx, "en");
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_EQ(xlsx->bytes.substr(0, 2), "PK");

  // A bad file changes nothing; a good one settles its lines, and again changes nothing more.
  const std::string bad =
      "reference,amount,status\n" + first + ",1000.00,paid\n" + second + ",999.00,paid\n";
  EXPECT_EQ(payments.Confirm(officer, id, bad).status().code(), "payment.amount_mismatch");
  const std::string good = "reference,amount,status,date\n" + first + ",1000.00,paid,2026-11-20\n" +
                           second + ",1000,returned,\n";
  core::Result<Confirmation> done = payments.Confirm(officer, id, good);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->paid, 1);
  EXPECT_EQ(done->returned, 1);
  EXPECT_EQ(payments.Confirm(officer, id, good)->unchanged, 2);
  Reply settled = Call("officer", "GET", "/api/v1/payment-lists/" + id);
  EXPECT_EQ(settled.body["totals"]["paid_minor"], 100000);
  EXPECT_EQ(settled.body["totals"]["returned_lines"], 1);
  Reply household = Call("worker", "GET", "/api/v1/payments?household_id=" + Id("pay0"));
  ASSERT_EQ(household.body["items"].size(), 2u) << "November and December, newest first";
  EXPECT_EQ(household.body["items"][0]["period"], "2026-12");
  EXPECT_EQ(household.body["items"][0]["state"], "pending");
  EXPECT_EQ(household.body["items"][1]["state"], "paid");
  EXPECT_EQ(household.body["items"][1]["settled_on"], "2026-11-20");
  EXPECT_EQ(payments.Confirm(principals_["other"], id, good).status().code(),
            "payment_list.not_found");
  EXPECT_EQ(Call("worker", "GET", "/api/v1/payment-lists/" + id + "/export").status, 403);
  EXPECT_EQ(Call("other", "GET", "/api/v1/payment-lists/" + id).status, 404);
  EXPECT_EQ(Call("other", "GET", "/api/v1/payment-lists/" + id + "/lines").status, 404);
  EXPECT_EQ(
      Call("other", "GET", "/api/v1/payments?household_id=" + Id("pay0")).body["items"].size(), 0u);

  // A line agrees with its decision on programme, household and community: the database
  // refuses a line moved to another registered household (pay2's, unpaid in November).
  const core::Status moved = db().Write([&](store::Session& tx) {
    return tx
        .Exec("UPDATE payment_lines SET household_id = ? WHERE reference = ?", {Id("pay2"), first})
        .status();
  });
  EXPECT_FALSE(moved.ok()) << "a line paying a household its decision does not name";
}

TEST(BankFileTest, EveryKindOfBadLineIsNamedByItsLine) {
  auto code = [](const std::string& csv) {
    core::Result<std::vector<BankLine>> r = ParseBankFile(csv);
    return r.ok() ? std::string("ok") : r.status().code() + "@" + r.status().field();
  };
  EXPECT_EQ(code("reference,amount,status\r\nA-1,1000.00,paid\r\nA-2,10,returned\r\n"), "ok");
  EXPECT_EQ(code("reference;amount;status;date\nA-1;1000,00;PAID;2026-11-05\n"), "ok");
  EXPECT_EQ(code("ref,amount,status\nA-1,1,paid\n"), "payment.malformed_file@lines[1]");
  EXPECT_EQ(code("reference,amount,status\nA-1,1,paid,extra\n"), "payment.malformed_file@lines[2]");
  EXPECT_EQ(code("reference,amount,status\nA-1,-1,paid\n"), "payment.invalid_amount@lines[2]");
  EXPECT_EQ(code("reference,amount,status\nA-1,1.005,paid\n"), "payment.invalid_amount@lines[2]");
  EXPECT_EQ(code("reference,amount,status\nA-1,1 000,paid\n"), "payment.invalid_amount@lines[2]");
  EXPECT_EQ(code("reference,amount,status\nA-1,1,lost\n"), "payment.invalid_status@lines[2]");
  EXPECT_EQ(code("reference,amount,status,date\nA-1,1,paid,2026-02-30\n"),
            "payment.invalid_date@lines[2]");
  EXPECT_EQ(code("reference,amount,status\nA-1,1,paid\nA-1,1,paid\n"),
            "payment.duplicate_line@lines[3]");
  EXPECT_EQ(code("reference,amount,status\n\"A-1,1,paid\n"), "payment.malformed_file@lines[2]");

  std::vector<PaymentLine> list(2);
  list[0].reference = "A-1";
  list[0].amount_minor = 100000;
  list[1].reference = "A-2";
  list[1].amount_minor = 5000;
  list[1].state = PaymentState::kPaid;
  auto check = [&](const std::string& csv) {
    core::Status s = CheckConfirmation(*ParseBankFile(csv), list);
    return s.ok() ? std::string("ok")
                  : s.code() + "@" + s.field() + "#" + s.params().at("problems");
  };
  EXPECT_EQ(check("reference,amount,status\nA-1,1000,paid\nA-2,50.00,paid\n"), "ok");
  EXPECT_EQ(check("reference,amount,status\nA-9,1000,paid\nA-1,999.99,paid\n"),
            "payment.unknown_reference@lines[2]#2");
  EXPECT_EQ(check("reference,amount,status\nA-1,1000.01,paid\n"),
            "payment.amount_mismatch@lines[2]#1");
  EXPECT_EQ(check("reference,amount,status\nA-2,50,returned\n"),
            "payment.already_settled@lines[2]#1");
}

SOCIUS_INSTANTIATE_BACKENDS(BenefitsTest);

}  // namespace
}  // namespace socius::benefits
