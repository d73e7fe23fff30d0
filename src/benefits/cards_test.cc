// The large-family card through the real Router on both backends: issued from an active
// decision of a card programme with a number per community and year, one active card per
// household, read, listed, revoked and printed; every endpoint from another community; and
// the public verification (valid, tampered, malformed, unknown key, expired, not yet valid,
// revoked), its published keys, its limit per sender and its page.
#include "benefits/cards.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "benefits/card_routes.h"
#include "benefits/card_token.h"
#include "benefits/routes.h"
#include "export/pdf_probe.h"
#include "registry/test_fixture.h"
#include "testing/route_client.h"

namespace socius::benefits {
namespace {

using http::Json;

class CardsTest : public registry::testing::RegistryDatabaseTest,
                  public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUser("admin", "RO:10", auth::Role::kAdministrator);
    AddUser("officer", "RO:1017", auth::Role::kBenefitsOfficer);
    AddUser("worker", "RO:1017", auth::Role::kSocialWorker);
    AddUser("other", "RO:2000", auth::Role::kBenefitsOfficer);
    AddUser("analyst", "RO:10", auth::Role::kAnalyst);
    RegisterBenefitRoutes(router(), db());
    RegisterCardRoutes(router(), db());
    card_programme_ = NewProgramme("large_family_card");
  }

  void AddUser(const std::string& name, const std::string& code, auth::Role role) {
    principals_[name] = RegistryDatabaseTest::AddUser(name, code, role);
  }

  static std::string Id(const std::string& prefix) {
    return prefix + std::string(22 - prefix.size(), 'q');
  }

  // A household of `community` with a head and two children; returns its id.
  std::string AddHousehold(const std::string& key, const std::string& community) {
    const std::string hid = Id(key);
    const std::string now = "2020-01-01T00:00:00.000Z";
    const std::vector<std::string> births = {"1985-03-01", "2012-05-05", "2015-06-06"};
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
                    "name_key, household_id, created_at, updated_at) "
                    "VALUES (?, ?, ?, 'Popescu', ?, 'popescu', ?, ?, ?)",
                    {pid, "t-" + community, i == 0 ? "Ioana" : "C" + std::to_string(i), births[i],
                     hid, now, now})
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

  std::string NewProgramme(const std::string& kind) {
    Json body = {{"territory_code", "RO:10"},
                 {"name", kind == "large_family_card" ? "Card familie numeroasă" : "Ajutor"},
                 {"kind", kind},
                 {"currency", "RON"},
                 {"status", "open"},
                 {"amount", {{"rule", "fixed"}, {"amount_minor", 100}}},
                 {"budget_minor", 100000000}};
    Reply r = Call("admin", "POST", "/api/v1/programmes", body);
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("id", "");
  }

  // An approved, active decision of `programme` for a new household `key` of `community`,
  // decided by `who` (an officer of that community).
  Reply ActiveDecision(const std::string& key, const std::string& community = "RO:1017",
                       const std::string& who = "officer", std::string programme = "") {
    if (programme.empty()) programme = card_programme_;
    const std::string household = AddHousehold(key, community);
    Json body = {
        {"programme_id", programme},
        {"household_id", household},
        {"applicant_id", Id(key + "-m0")},
        {"period_from", "2026-11"},
        {"incomes", {{{"person_id", nullptr}, {"kind", "salary"}, {"monthly_amount_minor", 1}}}}};
    Reply a = Call(who, "POST", "/api/v1/applications", body);
    EXPECT_EQ(a.status, 201) << a.body.dump();
    Reply d = Call(who, "POST", "/api/v1/applications/" + a.body.value("id", "") + "/decision",
                   {{"outcome", "approved"}}, a.etag);
    EXPECT_EQ(d.status, 201) << d.body.dump();
    EXPECT_EQ(d.body.value("state", ""), "active");
    return d;
  }

  Reply Issue(const Reply& decision, Json extra = Json::object(),
              const std::string& who = "officer") {
    Json body = {{"decision_id", decision.body.value("id", "")}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    return Call(who, "POST", "/api/v1/cards", body);
  }

  // A request as a client without an account sends it, from `ip`.
  http::Response Public(const std::string& method, const std::string& target,
                        const std::string& ip = "192.0.2.7", const std::string& body = "",
                        const std::string& accept_language = "") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(request.SetTarget(target).ok()) << target;
    request.client_ip = ip;
    if (!accept_language.empty()) request.headers["accept-language"] = accept_language;
    if (!body.empty()) {
      request.headers["content-type"] = "application/x-www-form-urlencoded";
      request.body = body;
    }
    return router().Dispatch(request);
  }

  Json Verify(const std::string& token, const std::string& ip = "192.0.2.7") {
    std::string encoded;
    for (char c : token) {
      if (c == '+' || c == '/' || c == '=' || c == '&' || c == '%' || c == '#') {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
        encoded += hex;
      } else {
        encoded += c;
      }
    }
    http::Response r = Public("GET", "/api/v1/public/cards/verify?token=" + encoded, ip);
    EXPECT_EQ(r.status, 200) << r.body;
    return Json::parse(r.body, nullptr, false);
  }

  // The installation's newest signing key, as stored.
  CardSigningKey StoredKey() {
    std::string secret;
    core::Status s = db().Read([&](store::Session& tx) -> core::Status {
      core::Result<store::Rows> rows =
          tx.Query("SELECT secret_key FROM card_keys ORDER BY generation DESC", {});
      if (!rows.ok()) return rows.status();
      if (!rows->empty()) secret = (*rows)[0].Text(0);
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    core::Result<CardSigningKey> key = ParseCardSigningKey(secret);
    EXPECT_TRUE(key.ok());
    return key.ok() ? std::move(*key) : GenerateCardKey();
  }

  void SetToken(const std::string& card_id, const std::string& token) {
    core::Status s = db().Write([&](store::Session& tx) -> core::Status {
      return tx.Exec("UPDATE benefit_cards SET token = ? WHERE id = ?", {token, card_id}).status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  int64_t AuditCount(const std::string& action, const std::string& card_id) {
    int64_t n = -1;
    core::Status s = db().Read([&](store::Session& tx) -> core::Status {
      core::Result<store::Rows> rows = tx.Query(
          "SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?", {action, card_id});
      if (!rows.ok()) return rows.status();
      n = (*rows)[0].Int(0);
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return n;
  }

  std::string card_programme_;
};

TEST_P(CardsTest, IssuesACardWithANumberAndValidityFromAnActiveDecision) {
  Reply d = ActiveDecision("fam1");
  Reply card = Issue(d);
  ASSERT_EQ(card.status, 201) << card.body.dump();
  const core::Date today = core::Today();
  EXPECT_EQ(card.body["number"], "1017-" + std::to_string(today.year) + "-000001");
  EXPECT_EQ(card.body["valid_from"], today.ToString());
  EXPECT_EQ(card.body["valid_until"], CardEnd(today, 3).ToString());
  EXPECT_EQ(card.body["state"], "active");
  EXPECT_EQ(card.body["household_name"], "Popescu Ioana");
  EXPECT_EQ(card.body["decision_id"], d.body["id"]);
  EXPECT_EQ(card.body["issued_by"]["display_name"], "User officer");
  EXPECT_EQ(card.etag, "\"1\"");
  const std::string id = card.body["id"];
  EXPECT_EQ(AuditCount("card.issue", id), 1);

  Reply read = Call("worker", "GET", "/api/v1/cards/" + id);
  ASSERT_EQ(read.status, 200) << read.body.dump();
  EXPECT_EQ(read.body["token"], card.body["token"]);
  Reply list =
      Call("worker", "GET", "/api/v1/cards?household_id=" + d.body.value("household_id", ""));
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["id"], id);
  EXPECT_EQ(Call("worker", "GET", "/api/v1/cards?state=revoked").body["items"].size(), 0u);
  EXPECT_EQ(Call("worker", "GET", "/api/v1/cards?state=lost").status, 400);

  // A second card of the same community and year takes the next number.
  Reply second = Issue(ActiveDecision("fam2"), {{"valid_until", CardEnd(today, 5).ToString()}});
  ASSERT_EQ(second.status, 201) << second.body.dump();
  EXPECT_EQ(second.body["number"], "1017-" + std::to_string(today.year) + "-000002");
  EXPECT_EQ(second.body["valid_until"], CardEnd(today, 5).ToString());
  Reply page = Call("officer", "GET", "/api/v1/cards?limit=1");
  ASSERT_EQ(page.body["items"].size(), 1u);
  ASSERT_TRUE(page.body["next_cursor"].is_string());
  Reply rest = Call("officer", "GET",
                    "/api/v1/cards?limit=1&cursor=" + page.body["next_cursor"].get<std::string>());
  ASSERT_EQ(rest.body["items"].size(), 1u);
  EXPECT_NE(rest.body["items"][0]["id"], page.body["items"][0]["id"]);
}

TEST_P(CardsTest, RefusesWhatCannotBeACard) {
  const core::Date today = core::Today();
  Reply d = ActiveDecision("fam1");
  EXPECT_EQ(Issue(d, {{"valid_until", core::AddDays(today, -1).ToString()}}).body["code"],
            "card.invalid_validity");
  EXPECT_EQ(
      Issue(d, {{"valid_until", core::AddDays(CardEnd(today, 5), 1).ToString()}}).body["code"],
      "card.invalid_validity");
  EXPECT_EQ(Issue(d, {{"valid_until", "2030-02-30"}}).body["code"], "card.invalid_validity");
  EXPECT_EQ(Issue(d, {{"valid_until", 2030}}).status, 400);
  EXPECT_EQ(Issue(d, {{"colour", "blue"}}).body["code"], "request.unknown_field");
  EXPECT_EQ(Call("officer", "POST", "/api/v1/cards", Json::object()).body["code"],
            "request.missing_field");
  EXPECT_EQ(Call("officer", "POST", "/api/v1/cards", {{"decision_id", Id("nothing")}}).status, 404);
  EXPECT_EQ(Issue(d, Json::object(), "worker").status, 403) << "benefit.read is not enough";
  EXPECT_EQ(Issue(d, Json::object(), "analyst").status, 403);

  Reply aid = ActiveDecision("fam2", "RO:1017", "officer", NewProgramme("monthly_aid"));
  Reply refused = Issue(aid);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.body["code"], "card.not_a_card_programme");
  EXPECT_EQ(refused.body["field"], "decision_id");

  Reply suspended =
      Call("officer", "POST", "/api/v1/decisions/" + d.body.value("id", "") + "/transitions",
           {{"to", "suspended"}, {"reason", "moved away"}}, d.etag);
  ASSERT_EQ(suspended.status, 200) << suspended.body.dump();
  Reply not_active = Issue(d);
  EXPECT_EQ(not_active.status, 409);
  EXPECT_EQ(not_active.body["code"], "card.decision_not_active");
}

TEST_P(CardsTest, OneActiveCardPerHouseholdUntilRevoked) {
  Reply d = ActiveDecision("fam1");
  Reply card = Issue(d);
  ASSERT_EQ(card.status, 201) << card.body.dump();
  Reply again = Issue(d);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["code"], "card.already_active");

  const std::string revoke = "/api/v1/cards/" + card.body.value("id", "") + "/revoke";
  EXPECT_EQ(Call("officer", "POST", revoke, {{"reason", "lost"}}).status, 428);
  EXPECT_EQ(Call("officer", "POST", revoke, {{"reason", "  "}}, card.etag).body["code"],
            "card.reason_required");
  EXPECT_EQ(Call("officer", "POST", revoke, Json::object(), card.etag).body["code"],
            "card.reason_required");
  EXPECT_EQ(Call("officer", "POST", revoke, {{"reason", "lost"}}, "\"7\"").body["code"],
            "conflict.stale_version");
  EXPECT_EQ(Call("worker", "POST", revoke, {{"reason", "lost"}}, card.etag).status, 403);
  Reply revoked = Call("officer", "POST", revoke, {{"reason", "lost"}}, card.etag);
  ASSERT_EQ(revoked.status, 200) << revoked.body.dump();
  EXPECT_EQ(revoked.body["state"], "revoked");
  EXPECT_EQ(revoked.body["revoke_reason"], "lost");
  EXPECT_EQ(revoked.body["revoked_by"]["display_name"], "User officer");
  EXPECT_EQ(revoked.etag, "\"2\"");
  EXPECT_EQ(AuditCount("card.revoke", card.body.value("id", "")), 1);
  Reply twice = Call("officer", "POST", revoke, {{"reason", "lost"}}, revoked.etag);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.body["code"], "card.not_active");
  Reply print = Call("officer", "GET", "/api/v1/cards/" + card.body.value("id", "") + "/pdf");
  EXPECT_EQ(print.status, 409);
  EXPECT_EQ(print.body["code"], "card.not_active") << "a revoked card is not printed again";

  Reply replacement = Issue(d);
  ASSERT_EQ(replacement.status, 201) << replacement.body.dump();
  EXPECT_NE(replacement.body["number"], card.body["number"]);
  EXPECT_EQ(Call("officer", "GET", "/api/v1/cards?state=active").body["items"].size(), 1u);
}

TEST_P(CardsTest, ConcurrentIssuesGiveOneCardPerHouseholdDistinctNumbersAndOneKey) {
  std::vector<Reply> decisions;
  for (int i = 0; i < 12; ++i) decisions.push_back(ActiveDecision("c" + std::to_string(i)));
  // Twelve households at once (the first issue makes the key), and twelve times one household.
  std::vector<Reply> outcomes(24);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    threads.emplace_back([&, i] { outcomes[i] = Issue(i < 12 ? decisions[i] : decisions[0]); });
  }
  for (std::thread& t : threads) t.join();
  std::set<std::string> numbers;
  std::set<std::string> keys;
  int refused = 0;
  for (const Reply& r : outcomes) {
    if (r.status == 201) {
      numbers.insert(r.body["number"].get<std::string>());
      keys.insert(r.body["key_id"].get<std::string>());
    } else if (r.status == 409 && r.body["code"] == "card.already_active") {
      ++refused;
    } else {
      ADD_FAILURE() << r.status << " " << r.body.dump();
    }
  }
  EXPECT_EQ(numbers.size(), 12u);
  EXPECT_EQ(refused, 12);
  EXPECT_EQ(keys.size(), 1u);
  http::Response published = Public("GET", "/api/v1/public/cards/keys");
  EXPECT_EQ(Json::parse(published.body)["keys"].size(), 1u);
}

TEST_P(CardsTest, AnotherCommunitySeesNoCardAsIfMissing) {
  Reply d = ActiveDecision("fam1");
  Reply card = Issue(d);
  ASSERT_EQ(card.status, 201);
  const std::string id = card.body["id"];
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/cards/" + id},
                                                        {"POST", "/api/v1/cards/" + id + "/revoke"},
                                                        {"GET", "/api/v1/cards/" + id + "/pdf"}}) {
    Reply far = Call("other", method, path, method == "POST" ? Json{{"reason", "lost"}} : Json(),
                     card.etag);
    EXPECT_EQ(far.status, 404) << method << " " << path;
    EXPECT_EQ(far.body["code"], "card.not_found") << method << " " << path;
  }
  EXPECT_EQ(Call("officer", "GET", "/api/v1/cards/" + Id("missing")).body["code"],
            "card.not_found");
  EXPECT_EQ(Call("other", "GET", "/api/v1/cards").body["items"].size(), 0u);
  EXPECT_EQ(Call("other", "GET", "/api/v1/cards?household_id=" + d.body.value("household_id", ""))
                .body["items"]
                .size(),
            0u);
  Reply issue = Issue(d, Json::object(), "other");
  EXPECT_EQ(issue.status, 404);
  EXPECT_EQ(issue.body["code"], "decision.not_found");
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/cards/" + id).status, 403);
}

TEST_P(CardsTest, PrintsTheCardAsAPdfAndAuditsIt) {
  Reply card = Issue(ActiveDecision("fam1"));
  ASSERT_EQ(card.status, 201);
  const std::string id = card.body["id"];
  for (const std::string layout : {"card", "a4"}) {
    http::Request request;
    request.method = "GET";
    ASSERT_TRUE(request.SetTarget("/api/v1/cards/" + id + "/pdf?layout=" + layout).ok());
    request.headers["cookie"] = "socius_session=officer";
    http::Response pdf = router().Dispatch(request);
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
    std::string disposition;
    for (const auto& [name, value] : pdf.headers) {
      if (name == "Content-Disposition") disposition = value;
    }
    EXPECT_EQ(disposition,
              "attachment; filename=\"card-" + card.body.value("number", "") + ".pdf\"");
    std::optional<std::string> text = exporting::probe::PdfPageText(pdf.body, 0);
    ASSERT_TRUE(text.has_value());
    EXPECT_NE(text->find("Popescu Ioana"), std::string::npos) << *text;
    EXPECT_NE(text->find(card.body.value("number", "")), std::string::npos) << *text;
    EXPECT_NE(text->find("Valid until"), std::string::npos) << *text;
    EXPECT_EQ(exporting::probe::ReadQrOnPdfPage(pdf.body, 0, 600), card.body.value("token", ""));
  }
  EXPECT_EQ(AuditCount("card.print", id), 2);
  EXPECT_EQ(Call("officer", "GET", "/api/v1/cards/" + id + "/pdf?layout=poster").status, 400);
  // The labels follow the officer's language.
  principals_["officer"].language = "lt";
  http::Request request;
  request.method = "GET";
  ASSERT_TRUE(request.SetTarget("/api/v1/cards/" + id + "/pdf").ok());
  request.headers["cookie"] = "socius_session=officer";
  http::Response pdf = router().Dispatch(request);
  ASSERT_EQ(pdf.status, 200);
  std::optional<std::string> text = exporting::probe::PdfPageText(pdf.body, 0);
  ASSERT_TRUE(text.has_value());
  EXPECT_NE(text->find("Galioja iki"), std::string::npos) << *text;
}

TEST_P(CardsTest, VerifiesATokenWithoutSayingWhoHoldsIt) {
  Reply card = Issue(ActiveDecision("fam1"));
  ASSERT_EQ(card.status, 201);
  const std::string token = card.body["token"];
  const std::string until = card.body["valid_until"];
  EXPECT_EQ(Verify(token), (Json{{"status", "valid"}, {"valid_until", until}}));

  // Altered: one character of the payload changed.
  std::string tampered = token;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Verify(tampered), (Json{{"status", "invalid"}}));
  EXPECT_EQ(Verify("not a token"), (Json{{"status", "invalid"}}));
  EXPECT_EQ(Verify(std::string(600, 'x')), (Json{{"status", "invalid"}}));
  EXPECT_EQ(Public("GET", "/api/v1/public/cards/verify").status, 400);

  // Signed by a key the installation never had, for a real card number.
  const core::Date today = core::Today();
  CardPayload payload{card.body["number"], CardScheme(card_programme_), today, CardEnd(today, 3),
                      today};
  core::Result<std::string> forged = SignCard(payload, GenerateCardKey());
  ASSERT_TRUE(forged.ok());
  EXPECT_EQ(Verify(*forged), (Json{{"status", "invalid"}}));

  // Well signed, but no card of this installation carries it.
  CardPayload unknown = payload;
  unknown.card_number = "1017-1999-000001";
  core::Result<std::string> stray = SignCard(unknown, StoredKey());
  ASSERT_TRUE(stray.ok());
  EXPECT_EQ(Verify(*stray), (Json{{"status", "invalid"}}));

  // The published key checks the token offline.
  http::Response keys = Public("GET", "/api/v1/public/cards/keys");
  ASSERT_EQ(keys.status, 200);
  Json published = Json::parse(keys.body);
  ASSERT_EQ(published["keys"].size(), 1u);
  EXPECT_EQ(published["keys"][0]["key_id"], card.body["key_id"]);
  EXPECT_FALSE(published["keys"][0].contains("secret_key"));
  core::Result<CardPublicKey> key =
      ParseCardPublicKey(published["keys"][0]["public_key"].get<std::string>());
  ASSERT_TRUE(key.ok());
  core::Result<CardCheck> offline = VerifyCardToken(token, {*key}, today);
  ASSERT_TRUE(offline.ok());
  EXPECT_EQ(offline->payload.card_number, card.body["number"]);

  // Expired and not yet valid: the card's own token re-signed with other dates.
  const std::string id = card.body["id"];
  CardPayload old = payload;
  old.valid_from = core::AddDays(today, -400);
  old.valid_until = core::AddDays(today, -1);
  old.issued_on = old.valid_from;
  core::Result<std::string> expired = SignCard(old, StoredKey());
  ASSERT_TRUE(expired.ok());
  SetToken(id, *expired);
  EXPECT_EQ(Verify(*expired),
            (Json{{"status", "expired"}, {"valid_until", old.valid_until.ToString()}}));
  CardPayload later = payload;
  later.valid_from = core::AddDays(today, 10);
  core::Result<std::string> early = SignCard(later, StoredKey());
  ASSERT_TRUE(early.ok());
  SetToken(id, *early);
  EXPECT_EQ(Verify(*early)["status"], "not_yet_valid");
  EXPECT_EQ(Verify(token), (Json{{"status", "invalid"}})) << "no longer the card's token";
  SetToken(id, token);

  Reply revoked = Call("officer", "POST", "/api/v1/cards/" + id + "/revoke",
                       {{"reason", "no longer eligible"}}, card.etag);
  ASSERT_EQ(revoked.status, 200);
  EXPECT_EQ(Verify(token), (Json{{"status", "revoked"}, {"valid_until", until}}));
}

TEST_P(CardsTest, LimitsChecksPerSender) {
  Reply card = Issue(ActiveDecision("fam1"));
  ASSERT_EQ(card.status, 201);
  const std::string target = "/api/v1/public/cards/verify?token=x";
  for (int i = 0; i < 60; ++i) {
    ASSERT_EQ(Public("GET", target, "198.51.100.4").status, 200) << i;
  }
  http::Response refused = Public("GET", target, "198.51.100.4");
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("card.too_many_checks"), std::string::npos);
  bool retry_after = false;
  for (const auto& [name, value] : refused.headers) retry_after |= name == "Retry-After";
  EXPECT_TRUE(retry_after);
  EXPECT_EQ(Public("GET", target, "198.51.100.5").status, 200) << "another sender";
  EXPECT_EQ(Public("GET", "/cards/verify?t=x", "198.51.100.4").status, 429) << "the page too";
  // An IPv6 machine holds its whole /64.
  for (int i = 0; i < 60; ++i) {
    ASSERT_EQ(Public("GET", target, "2001:db8:1:2::" + std::to_string(i + 1)).status, 200) << i;
  }
  EXPECT_EQ(Public("GET", target, "2001:db8:1:2::ffff").status, 429);
  EXPECT_EQ(Public("GET", target, "2001:db8:1:3::1").status, 200);
}

TEST_P(CardsTest, ThePublicPageAnswersInTheVisitorsLanguage) {
  Reply card = Issue(ActiveDecision("fam1"));
  ASSERT_EQ(card.status, 201);
  const std::string token = card.body["token"];
  http::Response empty = Public("GET", "/cards/verify", "192.0.2.9", "", "uk,en;q=0.5");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.content_type, "text/html; charset=utf-8");
  EXPECT_NE(empty.body.find("<html lang=\"uk\""), std::string::npos);
  EXPECT_NE(empty.body.find("<label for=\"t\">"), std::string::npos);
  EXPECT_NE(empty.body.find("<script src=\"/cards/verify.js\""), std::string::npos);
  EXPECT_EQ(empty.body.find("data-status"), std::string::npos);

  http::Response valid = Public("GET", "/cards/verify?lang=lt&t=" + token);
  ASSERT_EQ(valid.status, 200);
  EXPECT_NE(valid.body.find("data-status=\"valid\""), std::string::npos);
  EXPECT_NE(valid.body.find("Kortelė galioja iki " + card.body.value("valid_until", "")),
            std::string::npos);
  EXPECT_EQ(valid.body.find("Popescu"), std::string::npos) << "never who holds it";
  EXPECT_EQ(valid.body.find(card.body.value("number", "")), std::string::npos);

  http::Response posted = Public("POST", "/cards/verify", "192.0.2.9", "lang=ro&t=SC1.abc.def");
  ASSERT_EQ(posted.status, 200);
  EXPECT_NE(posted.body.find("data-status=\"invalid\""), std::string::npos);
  EXPECT_NE(posted.body.find("Nevalabil"), std::string::npos);

  http::Response script = Public("GET", "/cards/verify.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_NE(script.body.find("location.hash"), std::string::npos);
}

SOCIUS_INSTANTIATE_BACKENDS(CardsTest);

TEST(CardEndTest, RunsToTheDayBeforeTheSameDateYearsLater) {
  EXPECT_EQ(CardEnd({2026, 12, 6}, 3), (core::Date{2029, 12, 5}));
  EXPECT_EQ(CardEnd({2027, 1, 1}, 5), (core::Date{2031, 12, 31}));
  // 29 February of a leap year: to the last day of February.
  EXPECT_EQ(CardEnd({2028, 2, 29}, 3), (core::Date{2031, 2, 28}));
  EXPECT_EQ(CardEnd({2028, 3, 1}, 4), (core::Date{2032, 2, 29}));
}

TEST(CardLabelsTest, SpeakTheSixLanguagesAndEnglishOtherwise) {
  EXPECT_EQ(CardLabelsIn("lt").valid_until, "Galioja iki");
  EXPECT_EQ(CardLabelsIn("ro").card_number, "Nr.");
  EXPECT_EQ(CardLabelsIn("uk").card_number, "№");
  EXPECT_EQ(CardLabelsIn("mk").valid_until, "Важи до");
  EXPECT_EQ(CardLabelsIn("ru").valid_until, "Действительна до");
  EXPECT_EQ(CardLabelsIn("de").valid_until, "Valid until");
}

}  // namespace
}  // namespace socius::benefits
