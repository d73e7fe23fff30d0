// Possible duplicates, merges and their undo through the real Router on both backends: a run
// proposes the pair written in two scripts, a merge moves everything attached and an undo puts
// every row back as it was, "not the same person" is remembered by later runs, the bad input of
// the contract, and every endpoint from another community.
#include "dedup/dedup.h"

#include <gtest/gtest.h>

#include <sstream>

#include "dedup/routes.h"
#include "registry/person_index.h"
#include "registry/routes.h"
#include "registry/test_fixture.h"
#include "testing/route_client.h"

namespace socius::dedup {
namespace {

using http::Json;

class DedupTest : public registry::testing::RegistryDatabaseTest,
                  public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    AddUser("admin", "RO:10", auth::Role::kAdministrator);
    AddUser("head", "RO:1017", auth::Role::kHeadOfService);
    AddUser("worker", "RO:1017", auth::Role::kSocialWorker);
    AddUser("otherhead", "RO:2000", auth::Role::kHeadOfService);
    AddUser("otheradmin", "RO:2000", auth::Role::kAdministrator);
    registry::RegisterRegistryRoutes(router(), db(), index_);
    dedup_ = std::make_unique<Deduplication>(db(), index_);
    RegisterDedupRoutes(router(), *dedup_);
  }

  void TearDown() override {
    dedup_.reset();
    RegistryDatabaseTest::TearDown();
  }

  void AddUser(const std::string& name, const std::string& code, auth::Role role) {
    principals_[name] = RegistryDatabaseTest::AddUser(name, code, role);
  }

  std::string AddPerson(Json body, const std::string& community = "RO:1017") {
    body["community_code"] = community;
    body["duplicate_reason"] = "registered again on purpose";
    Reply r = Call(community == "RO:1017" ? "head" : "otherhead", "POST", "/api/v1/persons", body);
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("id", "");
  }

  // A home visit recorded on the person (as the cases room writes it).
  void AddContact(const std::string& id, const std::string& person) {
    core::Status s = db().Write([&](store::Session& tx) {
      return tx
          .Exec(
              "INSERT INTO contacts (id, community_id, kind, status, contact_date, person_id, "
              "worker_id, observations, created_at, updated_at) VALUES (?, 't-RO:1017', "
              "'home_visit', 'done', '2026-11-02', ?, ?, 'seen at home', ?, ?)",
              {id, person, principals_["worker"].user_id, std::string("2026-11-02T10:00:00.000Z"),
               std::string("2026-11-02T10:00:00.000Z")})
          .status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  SearchRun RunOver(const std::string& code) {
    core::Result<SearchRun> run = dedup_->RunNow(&principals_["admin"], code);
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return run.ok() ? *run : SearchRun{};
  }

  Json OpenPairs(const std::string& who, const std::string& query = "") {
    Reply r = Call(who, "GET", "/api/v1/duplicates" + query);
    EXPECT_EQ(r.status, 200) << r.body.dump();
    return r.body["items"];
  }

  // Every row of the persons and of what hangs on them, all columns but the version and the
  // time of the last change: what an undo must give back.
  std::string Rows(const std::vector<std::string>& ids) {
    std::ostringstream out;
    const std::string in = "('" + ids[0] + "', '" + ids[1] + "')";
    const std::vector<std::string> queries = {
        "SELECT id, community_id, settlement_id, given_name, family_name, patronymic, "
        "birth_date, sex, address, phone, languages, disability_degree, notes, name_key, "
        "household_id, created_at, created_by, import_id, source_row, merged_into FROM persons "
        "WHERE id IN " +
            in + " ORDER BY id",
        "SELECT person_id, scheme, value, country, community_id FROM person_identifiers WHERE "
        "person_id IN " +
            in + " ORDER BY person_id, scheme",
        "SELECT household_id, person_id, relationship_to_head, community_id FROM "
        "household_members WHERE person_id IN " +
            in + " ORDER BY person_id",
        "SELECT h.id, h.head_person_id, h.address FROM households h ORDER BY h.id",
        "SELECT id, person_id, community_id, observations FROM contacts ORDER BY id"};
    core::Status s = db().Read([&](store::Session& tx) -> core::Status {
      for (const std::string& sql : queries) {
        core::Result<store::Rows> rows = tx.Query(sql);
        if (!rows.ok()) return rows.status();
        for (const store::Row& row : *rows) {
          for (size_t i = 0; i < row.size(); ++i) {
            out << (row.IsNull(i) ? std::string("NULL") : row.Text(i)) << '|';
          }
          out << '\n';
        }
        out << "--\n";
      }
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out.str();
  }

  int64_t AuditCount(const std::string& action, const std::string& detail_like = "%") {
    int64_t n = -1;
    core::Status s = db().Read([&](store::Session& tx) -> core::Status {
      core::Result<store::Rows> rows =
          tx.Query("SELECT COUNT(*) FROM audit_log WHERE action = ? AND detail LIKE ?",
                   {action, detail_like});
      if (!rows.ok()) return rows.status();
      n = (*rows)[0].Int(0);
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return n;
  }

  registry::PersonIndex index_;
  std::unique_ptr<Deduplication> dedup_;
};

TEST_P(DedupTest, ARunProposesThePairWrittenInTwoScripts) {
  const std::string olha = AddPerson({{"given_name", "Ольга"},
                                      {"family_name", "Поліщук"},
                                      {"birth_date", "1948-03-02"},
                                      {"sex", "female"},
                                      {"phone", "+40 721 000 111"}});
  const std::string same = AddPerson({{"given_name", "Olha"},
                                      {"family_name", "Polishchuk"},
                                      {"birth_date", "1948-03-02"},
                                      {"sex", "female"},
                                      {"address", "Str. Unirii 4"}});
  AddPerson({{"given_name", "Ion"}, {"family_name", "Rusu"}, {"birth_date", "1990-07-01"}});
  const SearchRun run = RunOver("RO:1017");
  EXPECT_EQ(run.status, RunStatus::kDone);
  EXPECT_EQ(run.records, 3);
  EXPECT_GE(run.proposed_pairs, 1);

  Json pairs = OpenPairs("head");
  ASSERT_EQ(pairs.size(), 1u) << pairs.dump();
  const Json& pair = pairs[0];
  EXPECT_EQ(std::set<std::string>({pair["a"]["id"], pair["b"]["id"]}),
            std::set<std::string>({olha, same}));
  EXPECT_GE(pair["probability"].get<double>(), 0.9);
  bool names_agree = false;
  for (const Json& e : pair["evidence"]) {
    if (e["field"] == "family_name") names_agree = e["level"] == "same";
  }
  EXPECT_TRUE(names_agree) << pair["evidence"].dump();

  // The run as the list of runs shows it.
  Reply runs = Call("head", "GET", "/api/v1/duplicates/runs?territory=RO:1017");
  ASSERT_EQ(runs.status, 200);
  ASSERT_EQ(runs.body["items"].size(), 1u);
  EXPECT_EQ(runs.body["items"][0]["status"], "done");
  EXPECT_EQ(runs.body["items"][0]["records"], 3);
}

TEST_P(DedupTest, AMergeMovesEverythingAndItsUndoPutsEveryRowBack) {
  const std::string olha = AddPerson({{"given_name", "Ольга"},
                                      {"family_name", "Поліщук"},
                                      {"birth_date", "1948-03-02"},
                                      {"phone", "+40 721 000 111"}});
  const std::string same = AddPerson({{"given_name", "Olha"},
                                      {"family_name", "Polishchuk"},
                                      {"birth_date", "1948-03-02"},
                                      {"address", "Str. Unirii 4"}});
  Reply household = Call("head", "POST", "/api/v1/households",
                         {{"community_code", "RO:1017"},
                          {"members", {{{"person_id", same}, {"relationship_to_head", "head"}}}}});
  ASSERT_EQ(household.status, 201) << household.body.dump();
  AddContact("contact-one-xxxxxxxxxx", same);
  AddContact("contact-two-xxxxxxxxxx", olha);
  RunOver("RO:1017");
  Json pairs = OpenPairs("head");
  ASSERT_EQ(pairs.size(), 1u);
  const std::string pair_id = pairs[0]["id"];

  Reply detail = Call("head", "GET", "/api/v1/duplicates/" + pair_id);
  ASSERT_EQ(detail.status, 200) << detail.body.dump();
  const Json& side_of_same = detail.body["a"]["id"] == same ? detail.body["a"] : detail.body["b"];
  EXPECT_EQ(side_of_same["attached"]["contacts"], 1);
  EXPECT_FALSE(side_of_same["household"].is_null());
  EXPECT_EQ(AuditCount("person.read", "%\"view\":\"duplicate\"%"), 2);

  const std::string before = Rows({olha, same});
  Reply s = Call("head", "GET", "/api/v1/persons/" + olha);
  Reply m = Call("head", "GET", "/api/v1/persons/" + same);
  Reply merge = Call("head", "POST", "/api/v1/merges",
                     {{"survivor_id", olha},
                      {"survivor_version", s.body["version"]},
                      {"merged_id", same},
                      {"merged_version", m.body["version"]},
                      {"take_from_merged", {"address"}},
                      {"pair_id", pair_id}});
  ASSERT_EQ(merge.status, 201) << merge.body.dump();
  EXPECT_EQ(merge.body["moved"]["contacts"], 1);
  EXPECT_EQ(merge.body["moved"]["households"], 1);

  Reply survivor = Call("head", "GET", "/api/v1/persons/" + olha);
  EXPECT_EQ(survivor.body["address"], "Str. Unirii 4");
  EXPECT_EQ(survivor.body["phone"], "+40 721 000 111");
  EXPECT_EQ(survivor.body["household_id"], household.body["id"]);
  Reply gone = Call("head", "GET", "/api/v1/persons/" + same);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body["code"], "person.merged");
  EXPECT_EQ(gone.body["params"]["survivor_id"], olha);
  // The merged record's history is the survivor's now.
  Reply history = Call("head", "GET", "/api/v1/persons/" + olha + "/history?limit=50");
  bool merged_creation = false;
  for (const Json& e : history.body["items"]) {
    merged_creation = merged_creation || (e["action"] == "person.create" && e["entity_id"] == same);
  }
  EXPECT_TRUE(merged_creation) << history.body.dump();
  // Out of search and lists; the pair is merged.
  Reply listed = Call("head", "GET", "/api/v1/persons?limit=50");
  for (const Json& p : listed.body["items"]) EXPECT_NE(p["id"], same);
  EXPECT_TRUE(OpenPairs("head").empty());

  Reply undo =
      Call("head", "POST", "/api/v1/merges/" + merge.body["id"].get<std::string>() + "/undo",
           nullptr, merge.etag);
  ASSERT_EQ(undo.status, 200) << undo.body.dump();
  EXPECT_FALSE(undo.body["undone_at"].is_null());
  EXPECT_EQ(Rows({olha, same}), before);
  EXPECT_EQ(Call("head", "GET", "/api/v1/persons/" + same).status, 200);
  EXPECT_EQ(OpenPairs("head").size(), 1u);

  Reply again =
      Call("head", "POST", "/api/v1/merges/" + merge.body["id"].get<std::string>() + "/undo",
           nullptr, undo.etag);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["code"], "merge.already_undone");
  EXPECT_EQ(AuditCount("person.unmerge"), 1);
  EXPECT_EQ(AuditCount("person.merge"), 1);
}

TEST_P(DedupTest, NotTheSamePersonIsRemembered) {
  AddPerson({{"given_name", "Maria"}, {"family_name", "Popa"}, {"birth_date", "1970-01-05"}});
  AddPerson({{"given_name", "Maria"}, {"family_name", "Popa"}, {"birth_date", "1970-01-05"}});
  RunOver("RO:1017");
  Json pairs = OpenPairs("head");
  ASSERT_EQ(pairs.size(), 1u);
  const std::string id = pairs[0]["id"];
  Reply refused = Call("head", "POST", "/api/v1/duplicates/" + id + "/not-same",
                       {{"version", pairs[0]["version"]}});
  ASSERT_EQ(refused.status, 200) << refused.body.dump();
  EXPECT_EQ(refused.body["status"], "not_same");
  Reply twice = Call("head", "POST", "/api/v1/duplicates/" + id + "/not-same",
                     {{"version", refused.body["version"]}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.body["code"], "duplicate.already_decided");

  RunOver("RO:1017");
  EXPECT_TRUE(OpenPairs("head").empty());
  EXPECT_EQ(OpenPairs("head", "?status=not_same").size(), 1u);
  Reply reopened = Call("head", "POST", "/api/v1/duplicates/" + id + "/reopen",
                        {{"version", refused.body["version"]}});
  EXPECT_EQ(reopened.status, 200) << reopened.body.dump();
  EXPECT_EQ(OpenPairs("head").size(), 1u);
}

TEST_P(DedupTest, BadMergesAreRefusedAndWriteNothing) {
  const std::string a =
      AddPerson({{"given_name", "Andrei"},
                 {"family_name", "Ceban"},
                 {"birth_date", "1980-02-03"},
                 {"identifiers", {{{"scheme", "RO-CNP"}, {"value", "1800203400015"}}}}});
  const std::string b =
      AddPerson({{"given_name", "Andrei"},
                 {"family_name", "Ceban"},
                 {"birth_date", "1980-02-03"},
                 {"identifiers", {{{"scheme", "RO-CNP"}, {"value", "1800203400023"}}}}});
  const std::string elsewhere =
      AddPerson({{"given_name", "Andrei"}, {"family_name", "Ceban"}}, "RO:2000");
  const std::string before = Rows({a, b});
  auto body = [&](const std::string& survivor, const std::string& merged, Json extra) {
    Json out = {{"survivor_id", survivor},
                {"survivor_version", 1},
                {"merged_id", merged},
                {"merged_version", 1}};
    for (auto& [k, v] : extra.items()) out[k] = v;
    return out;
  };
  Reply self = Call("head", "POST", "/api/v1/merges", body(a, a, Json::object()));
  EXPECT_EQ(self.status, 400);
  EXPECT_EQ(self.body["code"], "merge.same_person");
  Reply stale = Call("head", "POST", "/api/v1/merges", body(a, b, {{"merged_version", 7}}));
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body["field"], "merged_version");
  Reply conflict = Call("head", "POST", "/api/v1/merges", body(a, b, Json::object()));
  EXPECT_EQ(conflict.status, 409) << conflict.body.dump();
  EXPECT_EQ(conflict.body["code"], "merge.identifier_conflict");
  EXPECT_EQ(conflict.body["params"]["scheme"], "RO-CNP");
  Reply unknown =
      Call("head", "POST", "/api/v1/merges", body(a, b, {{"take_from_merged", {"id"}}}));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.body["field"], "take_from_merged[0]");
  Reply outside = Call("head", "POST", "/api/v1/merges", body(a, elsewhere, Json::object()));
  EXPECT_EQ(outside.status, 404);
  EXPECT_EQ(outside.body["code"], "person.not_found");
  Reply worker = Call("worker", "POST", "/api/v1/merges", body(a, b, Json::object()));
  EXPECT_EQ(worker.status, 403);
  EXPECT_EQ(Rows({a, b}), before);

  // Choosing the survivor's identifier settles it; the merged one's is gone with its record.
  Reply chosen = Call("head", "POST", "/api/v1/merges",
                      body(a, b, {{"keep_from_survivor", {"identifier:RO-CNP"}}}));
  ASSERT_EQ(chosen.status, 201) << chosen.body.dump();
  Reply survivor = Call("head", "GET", "/api/v1/persons/" + a);
  ASSERT_EQ(survivor.body["identifiers"].size(), 1u);
  EXPECT_EQ(survivor.body["identifiers"][0]["value"], "1800203400015");
  // Merging a record that is merged already.
  Reply twice = Call("head", "POST", "/api/v1/merges", body(a, b, {{"survivor_version", 2}}));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.body["code"], "person.merged");
}

TEST_P(DedupTest, AnotherCommunitySeesNothingOfIt) {
  AddPerson({{"given_name", "Maria"}, {"family_name", "Popa"}, {"birth_date", "1970-01-05"}});
  AddPerson({{"given_name", "Maria"}, {"family_name", "Popa"}, {"birth_date", "1970-01-05"}});
  const SearchRun run = RunOver("RO:1017");
  Json pairs = OpenPairs("head");
  ASSERT_EQ(pairs.size(), 1u);
  const std::string id = pairs[0]["id"];
  EXPECT_TRUE(OpenPairs("otherhead").empty());
  EXPECT_EQ(Call("otherhead", "GET", "/api/v1/duplicates/" + id).status, 404);
  EXPECT_EQ(
      Call("otherhead", "POST", "/api/v1/duplicates/" + id + "/not-same", {{"version", 1}}).status,
      404);
  EXPECT_EQ(Call("otherhead", "GET", "/api/v1/duplicates?territory=RO:1017").status, 404);
  EXPECT_EQ(Call("otherhead", "GET", "/api/v1/duplicates/runs/" + run.id).status, 404);
  EXPECT_EQ(
      Call("otheradmin", "POST", "/api/v1/duplicates/runs", {{"territory_code", "RO:1017"}}).status,
      404);
  EXPECT_EQ(Call("head", "POST", "/api/v1/duplicates/runs", {{"territory_code", "RO:1017"}}).status,
            403);
  EXPECT_EQ(Call("worker", "GET", "/api/v1/duplicates").status, 403);
}

SOCIUS_INSTANTIATE_BACKENDS(DedupTest);

}  // namespace
}  // namespace socius::dedup
