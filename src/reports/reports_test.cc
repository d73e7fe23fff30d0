// The monthly activity report through the real Router on both backends: every indicator
// against a hand-computed expectation on a small fixture of two communities, the
// sub-territories adding up, the previous month and last year beside, the analyst's
// suppressed cells (primary and secondary), the records behind a figure with their audit entry
// and confidential subjects, the dashboard's series, the files, and the bad input and the
// territories outside the caller's scope that the contract names.
#include "reports/reports.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "cases/report_figures.h"
#include "core/clock.h"
#include "export/pdf_probe.h"
#include "registry/test_fixture.h"
#include "reports/files.h"
#include "reports/routes.h"
#include "testing/route_client.h"

namespace socius::reports {
namespace {

using http::Json;
using store::Null;
using store::Value;

// A: Berca (RO:1017), B: Pătârlagele (RO:2000), both in the region RO:10.
const std::string kA = "t-RO:1017";
const std::string kB = "t-RO:2000";
const std::string kStamp = "2026-01-01T00:00:00.000Z";

class ReportsTest : public registry::testing::RegistryDatabaseTest,
                    public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUser("admin", "RO:10", auth::Role::kAdministrator);
    AddUser("head", "RO:1017", auth::Role::kHeadOfService);
    AddUser("headb", "RO:2000", auth::Role::kHeadOfService);
    AddUser("analyst", "RO:10", auth::Role::kAnalyst);
    AddUser("worker", "RO:1017", auth::Role::kSocialWorker);
    RegisterReportRoutes(router(), db(), kDefaultMinCell);
    worker_ = principals_["head"].user_id;
    Fill();
  }

  void AddUser(const std::string& name, const std::string& code, auth::Role role) {
    principals_[name] = RegistryDatabaseTest::AddUser(name, code, role);
  }

  void Exec(const std::string& sql, std::vector<Value> params) {
    core::Status s = db().Write(
        [&](store::Session& tx) -> core::Status { return tx.Exec(sql, params).status(); });
    ASSERT_TRUE(s.ok()) << s.ToString() << "\n" << sql;
  }

  void Person(const std::string& id, const std::string& community, const std::string& family) {
    Exec(
        "INSERT INTO persons (id, community_id, given_name, family_name, name_key, created_at, "
        "updated_at) VALUES (?, ?, 'Ana', ?, ?, ?, ?)",
        {id, community, family, family, kStamp, kStamp});
  }

  void Household(const std::string& id, const std::string& community, const std::string& head) {
    Person(head, community, "Head" + id);
    Exec(
        "INSERT INTO households (id, community_id, head_person_id, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {id, community, head, kStamp, kStamp});
  }

  void Contact(const std::string& id, const std::string& community, const std::string& kind,
               const std::string& status, const std::string& date, const std::string& person,
               const std::string& reason = "other") {
    Exec(
        "INSERT INTO contacts (id, community_id, kind, status, contact_date, person_id, reason, "
        "worker_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, community, kind, status, date, person, reason, worker_, kStamp, kStamp});
  }

  void Case(const std::string& id, const std::string& community, const std::string& person,
            const std::string& category, const std::string& risk, const std::string& opened,
            const std::string& closed, bool confidential) {
    Exec(
        "INSERT INTO cases (id, community_id, number, person_id, category, risk_level, state, "
        "assigned_worker_id, opening_reason, origin_kind, confidential, child_case, opened_at, "
        "closed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'why', 'direct', ?, "
        "?, ?, ?, ?, ?)",
        {id, community, "N-" + id, person, category, risk,
         std::string(closed.empty() ? "in_service" : "closed"), worker_,
         int64_t{confidential ? 1 : 0}, int64_t{confidential ? 1 : 0}, opened,
         closed.empty() ? Null() : Value(closed), kStamp, kStamp});
  }

  void Action(const std::string& id, const std::string& case_id, const std::string& community,
              const std::string& agency, const std::string& deadline, const std::string& status,
              const std::string& created, const std::string& updated) {
    Exec(
        "INSERT INTO plan_goals (id, case_id, community_id, text, created_at, updated_at) VALUES "
        "(?, ?, ?, 'goal', ?, ?)",
        {"g" + id, case_id, community, created, created});
    Exec(
        "INSERT INTO plan_actions (id, goal_id, case_id, community_id, text, agency, "
        "responsible_name, deadline, status, created_at, updated_at) VALUES (?, ?, ?, ?, "
        "'act', ?, 'Someone', ?, ?, ?, ?)",
        {id, "g" + id, case_id, community, agency, deadline, status, created, updated});
  }

  void Screening(const std::string& id, const std::string& community, const std::string& household,
                 const std::string& status, const std::string& finished, const std::string& flags) {
    Exec(
        "INSERT INTO assessments (id, community_id, household_id, questionnaire_code, "
        "questionnaire_version, status, flags, created_at, updated_at, finished_at) VALUES (?, "
        "?, ?, 'household_screening', 1, ?, ?, ?, ?, ?)",
        {id, community, household, status, flags, kStamp, kStamp,
         status == "final" ? Value(finished) : Null()});
  }

  void Enrolment(const std::string& id, const std::string& service, const std::string& person,
                 const std::string& community, const std::string& state,
                 const std::string& requested, const std::string& offered,
                 const std::string& started, const std::string& ended) {
    auto opt = [](const std::string& s) { return s.empty() ? Null() : Value(s); };
    Exec(
        "INSERT INTO enrolments (id, service_id, person_id, community_id, state, state_rank, "
        "priority, priority_rank, requested_at, offered_at, started_on, ended_on, worker_id, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 'normal', 2, ?, ?, ?, ?, ?, ?, ?)",
        {id, service, person, community, state, requested, opt(offered), opt(started), opt(ended),
         worker_, kStamp, kStamp});
  }

  void Application(const std::string& id, const std::string& programme,
                   const std::string& household, const std::string& community,
                   const std::string& applicant, const std::string& submitted) {
    Exec(
        "INSERT INTO benefit_applications (id, programme_id, household_id, community_id, "
        "applicant_id, submitted_on, period_from, period_to, incomes, monthly_income_minor, "
        "documents, eligibility, eligible, state, recorded_by, created_at, updated_at) VALUES "
        "(?, ?, ?, ?, ?, ?, '2026-10', '2026-10', '[]', 0, '[]', '{}', 1, 'decided', ?, ?, ?)",
        {id, programme, household, community, applicant, submitted, worker_, kStamp, kStamp});
  }

  void Decision(const std::string& id, const std::string& application, const std::string& programme,
                const std::string& household, const std::string& community,
                const std::string& outcome, const std::string& state, const std::string& decided) {
    Exec(
        "INSERT INTO benefit_decisions (id, application_id, programme_id, household_id, "
        "community_id, outcome, state, amount_minor, period_from, period_to, decided_by, "
        "decided_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 100000, '2026-10', "
        "'2026-10', ?, ?, ?, ?)",
        {id, application, programme, household, community, outcome, state, worker_, decided, kStamp,
         kStamp});
  }

  void Line(const std::string& id, const std::string& programme, const std::string& household,
            const std::string& community, const std::string& decision, const std::string& payee,
            int64_t amount, const std::string& state) {
    Exec(
        "INSERT INTO payment_lines (id, list_id, programme_id, period, household_id, "
        "community_id, decision_id, payee_id, reference, amount_minor, state, settled_on) "
        "VALUES (?, ?, ?, '2026-10', ?, ?, ?, ?, ?, ?, ?, '2026-10-28')",
        {id, "list-" + programme, programme, household, community, decision, payee, "REF" + id,
         amount, state});
  }

  // The fixture: what docs/reports-api.md counts, in October 2026 (M), September (P) and
  // October 2025 (Y), with the expected figures worked out beside each group.
  void Fill() {
    for (int i = 1; i <= 5; ++i) Person("pa" + std::to_string(i), kA, "Popa" + std::to_string(i));
    for (int i = 1; i <= 2; ++i)
      Person("pb" + std::to_string(i), kB, "Ionescu" + std::to_string(i));
    // Contacts. M, A: 7 audiences done (4 social_aid, 3 housing) on pa1..pa5; 1 planned;
    // 2 phone calls; 6 home visits done, 1 missed; 1 school meeting.
    // M, B: 2 audiences (social_aid) on pb1. P, B: 3 home visits. Y, A: 5 audiences.
    const char* a_people[] = {"pa1", "pa2", "pa3", "pa4", "pa5", "pa1", "pa2"};
    for (int i = 0; i < 7; ++i) {
      Contact("ca" + std::to_string(i), kA, "audience", "done", "2026-10-0" + std::to_string(i + 1),
              a_people[i], i < 4 ? "social_aid" : "housing");
    }
    Contact("cplan", kA, "audience", "planned", "2026-10-30", "pa1");
    Contact("cph1", kA, "phone_call", "done", "2026-10-12", "pa3", "documents");
    Contact("cph2", kA, "phone_call", "done", "2026-10-13", "pa3", "documents");
    for (int i = 0; i < 6; ++i) {
      Contact("cv" + std::to_string(i), kA, "home_visit", "done", "2026-10-1" + std::to_string(i),
              "pa4");
    }
    Contact("cvm", kA, "home_visit", "missed", "2026-10-20", "pa5");
    Contact("csm", kA, "school_meeting", "done", "2026-10-21", "pa5");
    Contact("cb1", kB, "audience", "done", "2026-10-02", "pb1", "social_aid");
    Contact("cb2", kB, "audience", "done", "2026-10-03", "pb1", "social_aid");
    for (int i = 0; i < 3; ++i) {
      Contact("cbv" + std::to_string(i), kB, "home_visit", "done", "2026-09-1" + std::to_string(i),
              "pb2");
    }
    for (int i = 0; i < 5; ++i) {
      Contact("cy" + std::to_string(i), kA, "audience", "done", "2025-10-1" + std::to_string(i),
              "pa1");
    }
    // Cases. c1 (A, child at risk, high, confidential) opened in M; c2 (A, poverty) opened in
    // August, closed in M; c3 (A, poverty, medium) opened in P; c4 (B, elderly alone) in M.
    Case("c1", kA, "pa1", "child_at_risk", "high", "2026-10-05T09:00:00.000Z", "", true);
    Case("c2", kA, "pa2", "poverty", "low", "2026-08-10T09:00:00.000Z", "2026-10-20T09:00:00.000Z",
         false);
    Case("c3", kA, "pa3", "poverty", "medium", "2026-09-01T09:00:00.000Z", "", false);
    Case("c4", kB, "pb1", "elderly_alone", "low", "2026-10-15T09:00:00.000Z", "", false);
    // Plan actions: a1 overdue at the end of M; a2 done in time; a3 due after M; a4 due in P
    // and done only in November (overdue at the end of P and of M).
    Action("a1", "c1", kA, "education", "2026-10-10", "planned", "2026-10-05T10:00:00.000Z",
           "2026-10-05T10:00:00.000Z");
    Action("a2", "c1", kA, "health", "2026-10-25", "done", "2026-10-05T10:00:00.000Z",
           "2026-10-24T10:00:00.000Z");
    Action("a3", "c1", kA, "police", "2026-11-30", "planned", "2026-10-05T10:00:00.000Z",
           "2026-10-05T10:00:00.000Z");
    Action("a4", "c3", kA, "health", "2026-09-15", "done", "2026-09-02T10:00:00.000Z",
           "2026-11-02T10:00:00.000Z");
    // Services: a day centre and home care of the region.
    Exec(
        "INSERT INTO providers (id, territory_id, country, name, name_key, search_key, kind, "
        "created_at, updated_at) VALUES ('prov', 't-RO:10', 'RO', 'DGASPC', 'dgaspc', 'dgaspc', "
        "'public', ?, ?)",
        {kStamp, kStamp});
    for (const auto& [id, type] : {std::pair{"s1", "day_care"}, std::pair{"s2", "home_care"}}) {
      Exec(
          "INSERT INTO services (id, provider_id, territory_id, name, name_key, search_key, "
          "type, target_groups, languages, capacity, free, active, created_at, updated_at) "
          "VALUES (?, 'prov', 't-RO:10', ?, ?, ?, ?, '', 'ro', 10, 0, 1, ?, ?)",
          {std::string(id), std::string("Service ") + id, std::string(id), std::string(id),
           std::string(type), kStamp, kStamp});
    }
    // Referrals: c1 to the day centre (accepted), c3 outside the catalogue (pending).
    Exec(
        "INSERT INTO referrals (id, case_id, community_id, provider, service, referred_on, "
        "answer, service_id, created_at, updated_at) VALUES ('r1', 'c1', ?, 'DGASPC', 'Day "
        "centre', '2026-10-06', 'accepted', 's1', ?, ?)",
        {kA, kStamp, kStamp});
    Exec(
        "INSERT INTO referrals (id, case_id, community_id, provider, service, referred_on, "
        "answer, created_at, updated_at) VALUES ('r2', 'c3', ?, 'School', 'Tutoring', "
        "'2026-10-07', 'pending', ?, ?)",
        {kA, kStamp, kStamp});
    // Enrolments. e1 started in M (day care); e2 waits since 10 September (day care); e3 ran
    // from 1 September to 15 October (home care, B); e4 waits since 1 October (home care, B),
    // offered a place in November.
    Enrolment("e1", "s1", "pa1", kA, "active", "2026-10-01T08:00:00.000Z", "", "2026-10-02", "");
    Enrolment("e2", "s1", "pa2", kA, "waiting", "2026-09-10T08:00:00.000Z", "", "", "");
    Enrolment("e3", "s2", "pb1", kB, "ended", "2026-08-01T08:00:00.000Z", "", "2026-09-01",
              "2026-10-15");
    Enrolment("e4", "s2", "pb2", kB, "offered", "2026-10-01T08:00:00.000Z",
              "2026-11-03T08:00:00.000Z", "", "");
    // Households for screenings and benefits.
    Household("h1", kA, "ph1");
    Household("h2", kA, "ph2");
    Household("h3", kA, "ph3");
    Household("h4", kB, "ph4");
    Household("h5", kA, "ph5");
    Exec(
        "INSERT INTO questionnaires (code, version, subject, definition, created_at) VALUES "
        "('household_screening', 1, 'household', '{}', ?)",
        {kStamp});
    // Screenings in M: h1 twice (poverty+disability, then poverty), h2 with no flag, h3 a
    // draft, h4 (B) elderly_alone. Screened 3 (A 2, B 1); vulnerable 2 (h1, h4).
    Screening("as1", kA, "h1", "final", "2026-10-03T10:00:00.000Z", "poverty,disability");
    Screening("as2", kA, "h2", "final", "2026-10-04T10:00:00.000Z", "");
    Screening("as3", kA, "h1", "final", "2026-10-20T10:00:00.000Z", "poverty");
    Screening("as4", kA, "h3", "draft", "", "");
    Screening("as5", kB, "h4", "final", "2026-10-11T10:00:00.000Z", "elderly_alone");
    // Benefits: monthly aid in lei (g1) and a grant in euros (g2).
    for (const auto& [id, currency, name] :
         {std::tuple{"g1", "RON", "Ajutor social"}, std::tuple{"g2", "EUR", "Grant"}}) {
      Exec(
          "INSERT INTO programmes (id, territory_id, name, name_key, search_key, kind, currency, "
          "status, amount_rule, amount_minor, budget_period, budget_minor, rules, documents, "
          "created_at, updated_at) VALUES (?, 't-RO:10', ?, ?, ?, 'monthly_aid', ?, 'open', "
          "'fixed', 100000, 'month', 100000000, '[]', '[]', ?, ?)",
          {std::string(id), std::string(name), std::string(id), std::string(id),
           std::string(currency), kStamp, kStamp});
      Exec(
          "INSERT INTO payment_lists (id, programme_id, territory_id, period, number, lines, "
          "total_minor, created_by, created_at, updated_at) VALUES (?, ?, 't-RO:10', '2026-10', "
          "?, 0, 0, ?, ?, ?)",
          {"list-" + std::string(id), std::string(id), "PL-" + std::string(id), worker_, kStamp,
           kStamp});
    }
    Application("app1", "g1", "h1", kA, "ph1", "2026-10-01");
    Application("app2", "g1", "h2", kA, "ph2", "2026-10-02");
    Application("app3", "g2", "h5", kA, "ph5", "2026-10-03");
    Application("app4", "g1", "h4", kB, "ph4", "2026-09-20");
    Application("app5", "g1", "h3", kA, "ph3", "2026-10-04");
    Decision("d1", "app1", "g1", "h1", kA, "approved", "active", "2026-10-05T10:00:00.000Z");
    Decision("d2", "app2", "g1", "h2", kA, "rejected", "rejected", "2026-10-06T10:00:00.000Z");
    Decision("d3", "app3", "g2", "h5", kA, "approved", "active", "2026-10-07T10:00:00.000Z");
    Decision("d4", "app4", "g1", "h4", kB, "approved", "active", "2026-09-25T10:00:00.000Z");
    Decision("d5", "app5", "g1", "h3", kA, "approved", "awaiting_approval",
             "2026-10-08T10:00:00.000Z");
    // Paid for M: h1 and h4 in lei (100,000 each), h5 in euros (5,000); h3's line returned.
    Line("l1", "g1", "h1", kA, "d1", "ph1", 100000, "paid");
    Line("l2", "g1", "h4", kB, "d4", "ph4", 100000, "paid");
    Line("l3", "g2", "h5", kA, "d3", "ph5", 5000, "paid");
    Line("l4", "g1", "h3", kA, "d5", "ph3", 100000, "returned");
    // A large-family card issued in M.
    Exec(
        "INSERT INTO card_keys (id, generation, public_key, secret_key, created_at) VALUES "
        "('k1', 1, 'pub', 'sec', ?)",
        {kStamp});
    Exec(
        "INSERT INTO benefit_cards (id, number, programme_id, household_id, community_id, "
        "decision_id, valid_from, valid_until, state, token, key_id, issued_by, issued_at, "
        "created_at, updated_at) VALUES ('card1', 'LT-1', 'g1', 'h1', ?, 'd1', '2026-10-09', "
        "'2029-10-08', 'active', 'tok', 'k1', ?, '2026-10-09T10:00:00.000Z', ?, ?)",
        {kA, worker_, kStamp, kStamp});
  }

  // The figure (indicator, dimension, value_code, currency) of a report.
  static Json Find(const Json& report, const std::string& indicator,
                   const std::string& dimension = "", const std::string& value_code = "",
                   const std::string& currency = "") {
    for (const Json& f : report["figures"]) {
      auto text = [&](const char* key) {
        return f[key].is_null() ? std::string() : f[key].get<std::string>();
      };
      if (text("indicator") == indicator && text("dimension") == dimension &&
          text("value_code") == value_code && text("currency") == currency) {
        return f;
      }
    }
    ADD_FAILURE() << "no figure " << indicator << " " << dimension << " " << value_code;
    return Json::object();
  }

  Reply Monthly(const std::string& who, const std::string& territory, const std::string& month) {
    return Call(who, "GET", "/api/v1/reports/monthly?territory=" + territory + "&month=" + month);
  }

  std::string worker_;
};

TEST_P(ReportsTest, EveryIndicatorMatchesTheRecordsCountedByHand) {
  Reply r = Monthly("admin", "RO:10", "2026-10");
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["previous_month"], "2026-09");
  EXPECT_EQ(r.body["last_year_month"], "2025-10");
  EXPECT_TRUE(r.body["suppression"].is_null());
  EXPECT_TRUE(r.body["drill_down"].get<bool>());
  ASSERT_EQ(r.body["sub_territories"].size(), 2u);
  EXPECT_EQ(r.body["sub_territories"][0]["code"], "RO:1017");
  EXPECT_EQ(r.body["sub_territories"][1]["code"], "RO:2000");

  // {indicator, dimension, value_code, currency} → {M, P, Y, A in M, B in M}
  struct Expect {
    std::string indicator, dimension, value_code, currency;
    int64_t m, p, y, a, b;
  };
  const std::vector<Expect> expected = {
      {"audiences", "", "", "", 9, 0, 5, 7, 2},
      {"audiences", "reason", "social_aid", "", 6, 0, 0, 4, 2},
      {"audiences", "reason", "housing", "", 3, 0, 0, 3, 0},
      {"phone_calls", "", "", "", 2, 0, 0, 2, 0},
      {"home_visits_done", "", "", "", 6, 3, 0, 6, 0},
      {"home_visits_missed", "", "", "", 1, 0, 0, 1, 0},
      {"meetings", "", "", "", 1, 0, 0, 1, 0},
      {"persons_served", "", "", "", 6, 1, 1, 5, 1},
      {"households_served", "", "", "", 0, 0, 0, 0, 0},
      {"households_screened", "", "", "", 3, 0, 0, 2, 1},
      {"households_vulnerable", "", "", "", 2, 0, 0, 1, 1},
      {"households_vulnerable", "flag", "poverty", "", 1, 0, 0, 1, 0},
      {"households_vulnerable", "flag", "disability", "", 1, 0, 0, 1, 0},
      {"households_vulnerable", "flag", "elderly_alone", "", 1, 0, 0, 0, 1},
      {"cases_opened", "", "", "", 2, 1, 0, 1, 1},
      {"cases_opened", "category", "child_at_risk", "", 1, 0, 0, 1, 0},
      {"cases_opened", "risk_level", "low", "", 1, 0, 0, 0, 1},
      {"cases_closed", "", "", "", 1, 0, 0, 1, 0},
      {"cases_active", "", "", "", 3, 2, 0, 2, 1},
      {"cases_active", "category", "poverty", "", 1, 2, 0, 1, 0},
      {"plan_actions_overdue", "", "", "", 2, 1, 0, 2, 0},
      {"plan_actions_overdue", "agency", "education", "", 1, 0, 0, 1, 0},
      {"referrals", "", "", "", 2, 0, 0, 2, 0},
      {"referrals", "service_type", "day_care", "", 1, 0, 0, 1, 0},
      {"referrals", "service_type", "unlisted", "", 1, 0, 0, 1, 0},
      {"referrals", "answer", "pending", "", 1, 0, 0, 1, 0},
      {"enrolments_started", "", "", "", 1, 1, 0, 1, 0},
      {"enrolments_active", "", "", "", 1, 1, 0, 1, 0},
      {"waiting", "", "", "", 2, 1, 0, 1, 1},
      {"waiting", "service_type", "home_care", "", 1, 0, 0, 0, 1},
      {"applications", "", "", "", 4, 1, 0, 4, 0},
      {"applications", "programme", "g1", "", 3, 1, 0, 3, 0},
      {"decisions_approved", "", "", "", 2, 1, 0, 2, 0},
      {"decisions_rejected", "", "", "", 1, 0, 0, 1, 0},
      {"aid_beneficiaries", "", "", "", 3, 0, 0, 2, 1},
      {"aid_amount", "", "", "RON", 200000, 0, 0, 100000, 100000},
      {"aid_amount", "", "", "EUR", 5000, 0, 0, 5000, 0},
      {"aid_amount", "programme", "g2", "EUR", 5000, 0, 0, 5000, 0},
      {"cards_issued", "", "", "", 1, 0, 0, 1, 0},
  };
  for (const Expect& e : expected) {
    Json f = Find(r.body, e.indicator, e.dimension, e.value_code, e.currency);
    SCOPED_TRACE(e.indicator + " " + e.dimension + " " + e.value_code + " " + e.currency);
    EXPECT_EQ(f.value("value", Json()), Json(e.m));
    EXPECT_EQ(f.value("previous", Json()), Json(e.p));
    EXPECT_EQ(f.value("last_year", Json()), Json(e.y));
    ASSERT_EQ(f["by_territory"].size(), 2u);
    EXPECT_EQ(f["by_territory"][0]["value"], Json(e.a));
    EXPECT_EQ(f["by_territory"][1]["value"], Json(e.b));
  }
  // The longest wait is a maximum, not a sum: e2 since 10 September (51 days at the end of
  // October) in A, e4 since 1 October (30 days) in B.
  Json wait = Find(r.body, "longest_wait_days");
  EXPECT_EQ(wait["value"], 51);
  EXPECT_EQ(wait["previous"], 20);
  EXPECT_EQ(wait["by_territory"][0]["value"], 51);
  EXPECT_EQ(wait["by_territory"][1]["value"], 30);
  EXPECT_EQ(wait["unit"], "days");
  EXPECT_EQ(Find(r.body, "applications", "programme", "g1")["label"], "Ajutor social");

  // Every summed figure's sub-territories add up to it.
  for (const Json& f : r.body["figures"]) {
    if (f["indicator"] == "longest_wait_days") continue;
    for (const char* column : {"value", "previous", "last_year"}) {
      int64_t sum = 0;
      for (const Json& t : f["by_territory"]) sum += t[column].get<int64_t>();
      EXPECT_EQ(sum, f[column].get<int64_t>()) << f.dump();
    }
  }
}

TEST_P(ReportsTest, ACommunityHasNoSubTerritoriesAndEveryIndicatorAppears) {
  Reply r = Monthly("head", "RO:1017", "2026-10");
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_TRUE(r.body["sub_territories"].empty());
  EXPECT_EQ(Find(r.body, "audiences")["value"], 7);
  EXPECT_EQ(Find(r.body, "audiences")["by_territory"].size(), 0u);
  // A quiet month still lists every indicator, at 0.
  Reply quiet = Monthly("head", "RO:1017", "2024-01");
  ASSERT_EQ(quiet.status, 200);
  for (const char* name : {"audiences", "cases_active", "waiting", "cards_issued"}) {
    EXPECT_EQ(Find(quiet.body, name)["value"], 0) << name;
  }
}

TEST_P(ReportsTest, TheAnalystSeesSuppressedCellsThatCannotBeRecoveredBySubtraction) {
  Reply r = Monthly("analyst", "RO:10", "2026-10");
  ASSERT_EQ(r.status, 200) << r.body.dump();
  EXPECT_EQ(r.body["suppression"]["threshold"], 5);
  EXPECT_FALSE(r.body["drill_down"].get<bool>());
  // Audiences: 9 shown; B's 2 is under 5 and A's 7 is hidden with it.
  Json audiences = Find(r.body, "audiences");
  EXPECT_EQ(audiences["value"], 9);
  EXPECT_TRUE(audiences["by_territory"][0]["value"].is_null());
  EXPECT_TRUE(audiences["by_territory"][1]["value"].is_null());
  // By reason: housing 3 is under 5, so social_aid 6 goes too.
  EXPECT_TRUE(Find(r.body, "audiences", "reason", "housing")["value"].is_null());
  EXPECT_TRUE(Find(r.body, "audiences", "reason", "social_aid")["value"].is_null());
  // Home visits: 6 in A, 0 in B: shown.
  EXPECT_EQ(Find(r.body, "home_visits_done")["value"], 6);
  EXPECT_EQ(Find(r.body, "home_visits_done")["by_territory"][0]["value"], 6);
  // Money goes with the beneficiaries it paid: 3 beneficiaries are under 5.
  EXPECT_TRUE(Find(r.body, "aid_beneficiaries")["value"].is_null());
  EXPECT_TRUE(Find(r.body, "aid_amount", "", "", "RON")["value"].is_null());
  // No group of cells that adds up has exactly one hidden.
  for (const Json& f : r.body["figures"]) {
    if (f["indicator"] == "longest_wait_days") continue;
    for (const char* column : {"value", "previous", "last_year"}) {
      int hidden = f[column].is_null() ? 1 : 0;
      for (const Json& t : f["by_territory"]) hidden += t[column].is_null() ? 1 : 0;
      EXPECT_NE(hidden, 1) << f.dump();
    }
  }
  // The community's own report hides what the region's hid: no subtraction across answers.
  Reply community = Monthly("analyst", "RO:1017", "2026-10");
  ASSERT_EQ(community.status, 200) << community.body.dump();
  EXPECT_TRUE(Find(community.body, "audiences")["value"].is_null());
  EXPECT_EQ(Find(community.body, "home_visits_done")["value"], 6);
  // And no drill-down.
  Reply records = Call("analyst", "GET",
                       "/api/v1/reports/monthly/records?territory=RO:10&month=2026-10&indicator="
                       "home_visits_done");
  EXPECT_EQ(records.status, 403);
  EXPECT_EQ(records.body["code"], "auth.forbidden");
}

TEST_P(ReportsTest, TheRecordsBehindAFigureArePagedAuditedAndKeepConfidentialSubjects) {
  const std::string target =
      "/api/v1/reports/monthly/records?territory=RO:1017&month=2026-10&indicator="
      "home_visits_done&limit=4";
  Reply first = Call("head", "GET", target);
  ASSERT_EQ(first.status, 200) << first.body.dump();
  ASSERT_EQ(first.body["items"].size(), 4u);
  EXPECT_EQ(first.body["items"][0]["date"], "2026-10-15");
  EXPECT_EQ(first.body["items"][0]["subject"]["name"], "Popa4 Ana");
  EXPECT_EQ(first.body["items"][0]["kind"], "contact");
  ASSERT_TRUE(first.body["next_cursor"].is_string());
  Reply second =
      Call("head", "GET", target + "&cursor=" + first.body["next_cursor"].get<std::string>());
  ASSERT_EQ(second.status, 200) << second.body.dump();
  EXPECT_EQ(second.body["items"].size(), 2u);
  EXPECT_TRUE(second.body["next_cursor"].is_null());
  // Audited, one entry per page, naming what was listed.
  int64_t audited = -1;
  core::Status counted = db().Read([&](store::Session& tx) -> core::Status {
    core::Result<store::Rows> rows =
        tx.Query("SELECT COUNT(*) FROM audit_log WHERE action = 'report.drill_down'", {});
    if (!rows.ok()) return rows.status();
    audited = (*rows)[0].Int(0);
    return core::Status::Ok();
  });
  ASSERT_TRUE(counted.ok()) << counted.ToString();
  EXPECT_EQ(audited, 2);

  // A breakdown narrows the list.
  Reply housing = Call("head", "GET",
                       "/api/v1/reports/monthly/records?territory=RO:1017&month=2026-10&indicator="
                       "audiences&dimension=reason&value_code=housing");
  ASSERT_EQ(housing.status, 200) << housing.body.dump();
  EXPECT_EQ(housing.body["items"].size(), 3u);
  Reply flag = Call("head", "GET",
                    "/api/v1/reports/monthly/records?territory=RO:1017&month=2026-10&indicator="
                    "households_vulnerable&dimension=flag&value_code=disability");
  ASSERT_EQ(flag.status, 200) << flag.body.dump();
  EXPECT_EQ(flag.body["items"].size(), 1u);

  // The confidential child's case: its subject for the head of service, hidden from the
  // administrator, who does not supervise cases.
  const std::string opened =
      "/api/v1/reports/monthly/records?territory=RO:1017&month=2026-10&indicator=cases_opened";
  Reply head = Call("head", "GET", opened);
  ASSERT_EQ(head.status, 200);
  ASSERT_EQ(head.body["items"].size(), 1u);
  EXPECT_EQ(head.body["items"][0]["subject"]["name"], "Popa1 Ana");
  EXPECT_EQ(head.body["items"][0]["number"], "N-c1");
  Reply admin = Call("admin", "GET", opened);
  ASSERT_EQ(admin.status, 200);
  EXPECT_TRUE(admin.body["items"][0]["subject"].is_null());

  // Money records carry their amount and currency.
  Reply paid = Call("admin", "GET",
                    "/api/v1/reports/monthly/records?territory=RO:10&month=2026-10&indicator="
                    "aid_amount&currency=EUR");
  ASSERT_EQ(paid.status, 200) << paid.body.dump();
  ASSERT_EQ(paid.body["items"].size(), 1u);
  EXPECT_EQ(paid.body["items"][0]["amount_minor"], 5000);
  EXPECT_EQ(paid.body["items"][0]["currency"], "EUR");
}

TEST_P(ReportsTest, TheSeriesGivesEachFigureMonthByMonth) {
  Reply r = Call("admin", "GET", "/api/v1/reports/series?territory=RO:10&to=2026-10&months=12");
  ASSERT_EQ(r.status, 200) << r.body.dump();
  ASSERT_EQ(r.body["months"].size(), 12u);
  EXPECT_EQ(r.body["months"][0], "2025-11");
  EXPECT_EQ(r.body["months"][11], "2026-10");
  for (const Json& s : r.body["series"]) {
    if (s["indicator"] == "home_visits_done" && s["dimension"].is_null()) {
      EXPECT_EQ(s["values"][10], 3);
      EXPECT_EQ(s["values"][11], 6);
    }
  }
  EXPECT_EQ(Call("admin", "GET", "/api/v1/reports/series?territory=RO:10&to=2026-10&months=7")
                .body["code"],
            "report.invalid_period");
}

// An instant counts in the month of the installation's day: a case opened at 00:30 on
// 1 November in Bucharest (22:30 UTC on 31 October) is November's there, October's in UTC.
TEST_P(ReportsTest, AnInstantCountsInTheMonthOfTheInstallationsDay) {
  Case("late", kA, "pa3", "poverty", "low", "2026-10-31T22:30:00.000Z", "", false);
  auto opened = [&](core::Month month, std::string_view zone) {
    core::FigureQuery query = core::MakeFigureQuery("/", month);
    query.month_start_at = core::StartOfDayIn(core::FirstDay(month), zone);
    query.next_month_start_at = core::StartOfDayIn(core::FirstDay(core::AddMonths(month, 1)), zone);
    int64_t total = 0;
    const core::Status read = db().Read([&](store::Session& tx) -> core::Status {
      std::vector<core::FigureCount> counts;
      SOCIUS_RETURN_IF_ERROR(cases::CountFigures(tx, query, counts));
      for (const core::FigureCount& c : counts) {
        if (c.indicator == "cases_opened" && c.dimension.empty()) total += c.value;
      }
      return core::Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return total;
  };
  const core::Month october{2026, 10}, november{2026, 11};
  EXPECT_EQ(opened(november, "Europe/Bucharest"), opened(november, "UTC") + 1);
  EXPECT_EQ(opened(october, "Europe/Bucharest"), opened(october, "UTC") - 1);
}

TEST_P(ReportsTest, BadInputAndOtherTerritoriesAreRefused) {
  EXPECT_EQ(Monthly("admin", "RO:10", "2026-13").body["code"], "report.invalid_month");
  EXPECT_EQ(Monthly("admin", "RO:10", "Oct").body["code"], "report.invalid_month");
  EXPECT_EQ(Call("admin", "GET", "/api/v1/reports/monthly?territory=RO:10").body["code"],
            "report.invalid_month");
  const core::Month next = core::AddMonths(core::MonthOf(core::Today()), 1);
  Reply future = Monthly("admin", "RO:10", next.ToString());
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.body["code"], "report.future_month");
  EXPECT_EQ(Monthly("admin", "RO:99", "2026-10").body["code"], "territory.not_found");
  // Another community, another country: as if they did not exist.
  Reply other = Monthly("headb", "RO:1017", "2026-10");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body["code"], "territory.not_found");
  EXPECT_EQ(Monthly("head", "UA:0501", "2026-10").status, 404);
  EXPECT_EQ(Monthly("head", "RO:10", "2026-10").status, 404);
  Reply records = Call("headb", "GET",
                       "/api/v1/reports/monthly/records?territory=RO:1017&month=2026-10&indicator="
                       "audiences");
  EXPECT_EQ(records.status, 404);
  EXPECT_EQ(Call("headb", "GET", "/api/v1/reports/series?territory=RO:1017&to=2026-10").status,
            404);
  EXPECT_EQ(Call("headb", "GET",
                 "/api/v1/reports/monthly/export?territory=RO:1017&month=2026-10&format=csv")
                .status,
            404);
  // A social worker reads no reports.
  EXPECT_EQ(Monthly("worker", "RO:1017", "2026-10").status, 403);
  // Unknown indicators and breakdowns; a breakdown without its value; a bad cursor or format.
  const std::string base = "/api/v1/reports/monthly/records?territory=RO:1017&month=2026-10";
  EXPECT_EQ(Call("head", "GET", base + "&indicator=nonsense").body["code"],
            "report.unknown_indicator");
  EXPECT_EQ(
      Call("head", "GET", base + "&indicator=audiences&dimension=flag&value_code=x").body["code"],
      "report.invalid_breakdown");
  EXPECT_EQ(Call("head", "GET", base + "&indicator=audiences&dimension=reason").status, 400);
  EXPECT_EQ(Call("head", "GET", base + "&indicator=audiences&cursor=zz").status, 400);
  EXPECT_EQ(Call("head", "GET",
                 "/api/v1/reports/monthly/export?territory=RO:1017&month=2026-10&format=doc")
                .status,
            400);
}

TEST_P(ReportsTest, TheFilesCarryTheSameFigures) {
  Reports reports(db());
  core::Result<MonthlyReport> report = reports.MonthlyAsSystem("RO:10", core::Month{2026, 10});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  core::Result<ReportFile> csv = WriteMonthlyReport(*report, FileFormat::kCsv, "ro");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->name, "monthly-RO-10-2026-10.csv");
  EXPECT_NE(csv->bytes.find("Cetățeni primiți în audiență"), std::string::npos);
  EXPECT_NE(csv->bytes.find(",audiences,,,,,9,0,5,7,2\r\n"), std::string::npos) << csv->bytes;
  EXPECT_NE(csv->bytes.find(",aid_amount,,,,RON,2000.00,0.00,0.00,1000.00,1000.00"),
            std::string::npos);
  // The workbook, read back: its header frozen, the Ukrainian words and the figures as numbers.
  core::Result<ReportFile> xlsx = WriteMonthlyReport(*report, FileFormat::kXlsx, "uk");
  ASSERT_TRUE(xlsx.ok());
  std::optional<std::string> strings =
      exporting::probe::ReadZipMember(xlsx->bytes, "xl/sharedStrings.xml");
  std::optional<std::string> sheet =
      exporting::probe::ReadZipMember(xlsx->bytes, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(strings && sheet);
  EXPECT_NE(strings->find("Громадян прийнято (прийоми)"), std::string::npos);
  EXPECT_NE(strings->find("Pătârlagele"), std::string::npos);
  EXPECT_NE(sheet->find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet->find("<v>9</v>"), std::string::npos);
  // The PDF, read back by another reader: the title in Ukrainian, the Romanian territory names
  // with their diacritics, a figure, and pages that render.
  core::Result<ReportFile> pdf = WriteMonthlyReport(*report, FileFormat::kPdf, "uk");
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->content_type, "application/pdf");
  std::optional<int> pages = exporting::probe::PdfPageCount(pdf->bytes);
  ASSERT_TRUE(pages.has_value());
  std::string text;
  for (int page = 0; page < *pages; ++page) {
    text += exporting::probe::PdfPageText(pdf->bytes, page).value_or("");
    EXPECT_GT(exporting::probe::DarkPixelsOnPdfPage(pdf->bytes, page, 50).value_or(0), 1000);
  }
  EXPECT_NE(text.find("Щомісячний звіт про діяльність"), std::string::npos) << text;
  EXPECT_NE(text.find("Buzău"), std::string::npos);
  EXPECT_NE(text.find("Pătârlagele"), std::string::npos);
  EXPECT_NE(text.find("Громадян прийнято (прийоми)"), std::string::npos);
  // "n / n" at the foot of the last page (the extraction may drop a space).
  std::string compact;
  for (char c : text) {
    if (c != ' ') compact += c;
  }
  EXPECT_NE(compact.find(std::to_string(*pages) + "/" + std::to_string(*pages)), std::string::npos);
}

TEST_P(ReportsTest, TheDhis2MappingFeedsTheMonthsFiguresToEachMappedTerritory) {
  // The mapping is the installation's: a regional administrator does not keep it.
  auth::Principal root = principals_["admin"];
  root.grants = {{auth::Role::kAdministrator, "t-RO", "RO", "/"}};
  principals_["root"] = root;
  EXPECT_EQ(Call("admin", "GET", "/api/v1/reports/dhis2/mapping").status, 403);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/reports/dhis2/mapping").status, 403);
  Reply empty = Call("root", "GET", "/api/v1/reports/dhis2/mapping");
  ASSERT_EQ(empty.status, 200) << empty.body.dump();
  EXPECT_EQ(empty.body["version"], 1);
  EXPECT_TRUE(empty.body["data_elements"].empty());

  Json mapping = {{"data_set", "pBOMPrpg1QX"},
                  {"data_elements",
                   {{{"indicator", "audiences"},
                     {"data_element", "AudienceDE1"},
                     {"category_option_combo", "HllvX50cXC0"}},
                    {{"indicator", "aid_amount"},
                     {"currency", "RON"},
                     {"data_element", "AidAmountR1"},
                     {"category_option_combo", "HllvX50cXC0"}},
                    {{"indicator", "longest_wait_days"},
                     {"data_element", "LongWaitDE1"},
                     {"category_option_combo", "HllvX50cXC0"}}}},
                  {"org_units",
                   {{{"territory_code", "RO:10"}, {"org_unit", "Region00001"}},
                    {{"territory_code", "RO:1017"}, {"org_unit", "Berca000001"}}}}};
  // Bad mappings.
  auto with = [&](const std::string& pointer, const Json& value) {
    Json m = mapping;
    m[Json::json_pointer(pointer)] = value;
    return m;
  };
  auto put = [&](const Json& body, const std::string& version = "1") {
    return Call("root", "PUT", "/api/v1/reports/dhis2/mapping", body, version);
  };
  EXPECT_EQ(put(with("/data_elements/0/data_element", "short")).body["code"],
            "report.mapping_invalid");
  EXPECT_EQ(put(with("/data_elements/0/indicator", "nonsense")).body["code"],
            "report.mapping_invalid");
  EXPECT_EQ(put(with("/data_elements/1/currency", nullptr)).body["code"], "report.mapping_invalid");
  EXPECT_EQ(put(with("/data_elements/0/dimension", "reason")).body["code"],
            "report.mapping_invalid");
  EXPECT_EQ(put(with("/org_units/1/territory_code", "RO:99")).body["code"],
            "report.mapping_invalid");
  Reply twice = put(with("/org_units/1/territory_code", "RO:10"));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.body["code"], "report.mapping_duplicate");
  EXPECT_EQ(put(with("/data_elements/2/data_element", "AudienceDE1")).status, 409);
  EXPECT_EQ(put(with("/surprise", 1)).body["code"], "request.unknown_field");
  EXPECT_EQ(put(mapping, "").status, 428);
  EXPECT_EQ(put(mapping, "7").body["code"], "conflict.stale_version");
  EXPECT_EQ(Call("admin", "PUT", "/api/v1/reports/dhis2/mapping", mapping, "1").status, 403);
  Reply stored = put(mapping);
  ASSERT_EQ(stored.status, 200) << stored.body.dump();
  EXPECT_EQ(stored.body["version"], 2);
  EXPECT_EQ(stored.body["data_elements"].size(), 3u);

  // The feed of October for the region: the region and Berca, each figure added up.
  const std::string base = "/api/v1/reports/monthly/dhis2?territory=RO:10&month=2026-10";
  Reply feed = Call("admin", "GET", base);
  ASSERT_EQ(feed.status, 200);
  // The body is the dataValueSets document.
  const Json& set = feed.body;
  EXPECT_EQ(set["dataSet"], "pBOMPrpg1QX");
  EXPECT_EQ(set["period"], "202610");
  std::map<std::string, std::string> values;
  for (const Json& v : set["dataValues"]) {
    EXPECT_EQ(v["period"], "202610");
    EXPECT_EQ(v["categoryOptionCombo"], "HllvX50cXC0");
    values[v["orgUnit"].get<std::string>() + "/" + v["dataElement"].get<std::string>()] =
        v["value"].get<std::string>();
  }
  EXPECT_EQ(values, (std::map<std::string, std::string>{{"Region00001/AudienceDE1", "9"},
                                                        {"Region00001/AidAmountR1", "2000.00"},
                                                        {"Region00001/LongWaitDE1", "51"},
                                                        {"Berca000001/AudienceDE1", "7"},
                                                        {"Berca000001/AidAmountR1", "1000.00"},
                                                        {"Berca000001/LongWaitDE1", "51"}}));
  // The dry run names what is not mapped.
  Reply dry = Call("admin", "GET", base + "&dry_run=true");
  ASSERT_EQ(dry.status, 200) << dry.body.dump();
  EXPECT_EQ(dry.body["data_values"], 6);
  EXPECT_EQ(dry.body["unmapped_territories"], Json::array({"RO:2000"}));
  const Json& unmapped = dry.body["unmapped_figures"];
  auto has = [&](const std::string& name) {
    return std::find(unmapped.begin(), unmapped.end(), Json(name)) != unmapped.end();
  };
  EXPECT_TRUE(has("phone_calls"));
  EXPECT_TRUE(has("audiences/reason=housing"));
  EXPECT_TRUE(has("aid_amount[EUR]"));
  EXPECT_FALSE(has("audiences"));
  EXPECT_FALSE(has("aid_amount[RON]"));
  // Who may not see unsuppressed figures gets no feed; another community's head sees none.
  EXPECT_EQ(Call("analyst", "GET", base).status, 403);
  EXPECT_EQ(
      Call("headb", "GET", "/api/v1/reports/monthly/dhis2?territory=RO:1017&month=2026-10").status,
      404);
  EXPECT_EQ(Call("admin", "GET", base + "&format=xml").status, 400);
}

SOCIUS_INSTANTIATE_BACKENDS(ReportsTest);

}  // namespace
}  // namespace socius::reports
