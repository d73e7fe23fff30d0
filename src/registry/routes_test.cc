// The registry's HTTP handlers through the real Router on both backends: a worker of one
// community never sees another's people, in search or by id; audit of reads; If-Match.
#include "registry/routes.h"

#include <gtest/gtest.h>

#include "registry/test_fixture.h"
#include "testing/route_client.h"

namespace socius::registry {
namespace {

using http::Json;

class RoutesTest : public testing::RegistryDatabaseTest, public socius::testing::RouteClient {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    principals_["berca"] = Worker("RO:1017", "/RO/RO:10/RO:1017/");
    principals_["other"] = Worker("RO:2000", "/RO/RO:10/RO:2000/");
    principals_["region"] = Worker("RO:10", "/RO/RO:10/", auth::Role::kHeadOfService);
    principals_["analyst"] = Worker("RO:10", "/RO/RO:10/", auth::Role::kAnalyst);
    ASSERT_TRUE(index_.Load(db()).ok());
    RegisterRegistryRoutes(router(), db(), index_);
  }

  std::string CreatePerson(const std::string& who, const Json& body) {
    Reply r = Call(who, "POST", "/api/v1/persons", body);
    EXPECT_EQ(r.status, 201) << r.body.dump();
    return r.body.value("id", "");
  }

  std::vector<std::string> SearchIds(const std::string& who, const std::string& q) {
    Reply r = Call(who, "GET", "/api/v1/persons?q=" + q);
    EXPECT_EQ(r.status, 200) << r.body.dump();
    std::vector<std::string> ids;
    for (const Json& item : r.body["items"]) ids.push_back(item["id"]);
    return ids;
  }

  int64_t AuditCount(const std::string& action, const std::string& id) {
    int64_t n = -1;
    EXPECT_TRUE(db().Read([&](store::Session& tx) {
                      auto rows = tx.Query(
                          "SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?",
                          {action, id});
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      return core::Status::Ok();
                    })
                    .ok());
    return n;
  }

  PersonIndex index_;
};

TEST_P(RoutesTest, WorkerNeverSeesAnotherCommunitysPeople) {
  const std::string mine = CreatePerson(
      "berca",
      {{"given_name", "Ольга"}, {"family_name", "Поліщук"}, {"community_code", "RO:1017"}});
  const std::string theirs = CreatePerson(
      "other",
      {{"given_name", "Olga"}, {"family_name", "Polishchuk"}, {"community_code", "RO:2000"}});
  // Search by a Latin transliteration with a typo finds only one's own.
  EXPECT_EQ(SearchIds("berca", "Polishuk%20Olga"), std::vector<std::string>{mine});
  EXPECT_EQ(SearchIds("other", "Поліщук"), std::vector<std::string>{theirs});
  EXPECT_EQ(SearchIds("region", "Polishchuk").size(), 2u);
  // By id: 404, exactly like a missing person, for reads, writes and history.
  Reply r = Call("berca", "GET", "/api/v1/persons/" + theirs);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body["code"], "person.not_found");
  EXPECT_EQ(
      Call("berca", "PATCH", "/api/v1/persons/" + theirs, {{"phone", "+40700000000"}}, "\"1\"")
          .status,
      404);
  EXPECT_EQ(Call("berca", "GET", "/api/v1/persons/" + theirs + "/history").status, 404);
  // The plain listing keeps to the scope too.
  r = Call("berca", "GET", "/api/v1/persons");
  ASSERT_EQ(r.body["items"].size(), 1u);
  EXPECT_EQ(r.body["items"][0]["id"], mine);
  // Registering into another community is refused.
  EXPECT_EQ(Call("berca", "POST", "/api/v1/persons",
                 {{"given_name", "Ion"}, {"family_name", "Popa"}, {"community_code", "RO:2000"}})
                .status,
            403);
  // A role without person.read sees nothing at all.
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/persons?q=Polishchuk").status, 403);
}

TEST_P(RoutesTest, ReadsAreAuditedAndEditsNeedTheCurrentVersion) {
  const std::string id = CreatePerson("berca", {{"given_name", "Ion"},
                                                {"family_name", "Popa"},
                                                {"settlement_code", "RO:1026"},
                                                {"birth_date", "1980-01-05"},
                                                {"notes", "confidential"}});
  EXPECT_EQ(AuditCount("person.create", id), 1);
  SearchIds("berca", "Popa");
  EXPECT_EQ(AuditCount("person.read", id), 0);  // search results are not full reads
  Reply got = Call("berca", "GET", "/api/v1/persons/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body["community_code"], "RO:1017");
  EXPECT_EQ(got.body["settlement_code"], "RO:1026");
  EXPECT_TRUE(got.body["age"].is_number());
  EXPECT_EQ(got.etag, "\"1\"");
  EXPECT_EQ(AuditCount("person.read", id), 1);

  const std::string path = "/api/v1/persons/" + id;
  EXPECT_EQ(Call("berca", "PATCH", path, {{"family_name", "Rusu"}}).status, 428);
  Reply updated = Call("berca", "PATCH", path, {{"family_name", "Rusu"}}, "\"1\"");
  ASSERT_EQ(updated.status, 200) << updated.body.dump();
  EXPECT_EQ(updated.body["version"], 2);
  Reply stale = Call("berca", "PATCH", path, {{"family_name", "Lost"}}, "\"1\"");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body["code"], "conflict.stale_version");
  // The index follows the write.
  EXPECT_EQ(SearchIds("berca", "Rusu"), std::vector<std::string>{id});
  EXPECT_TRUE(SearchIds("berca", "Popa").empty());

  Reply history = Call("berca", "GET", path + "/history");
  ASSERT_EQ(history.status, 200);
  std::vector<std::string> actions;
  for (const Json& e : history.body["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"person.update", "person.read", "person.create"}));
  EXPECT_EQ(history.body["items"][0]["detail"]["changes"]["family_name"]["to"], "Rusu");
  // The creation records what was given, each field from nothing (null, not "").
  const Json& created = history.body["items"][2]["detail"];
  EXPECT_TRUE(created["community_code"]["from"].is_null()) << created.dump();
  EXPECT_EQ(created["community_code"]["to"], "RO:1017");
  EXPECT_TRUE(created["family_name"]["from"].is_null());
}

TEST_P(RoutesTest, BadInputNamesTheField) {
  Reply r = Call("berca", "POST", "/api/v1/persons",
                 {{"given_name", std::string(10000, 'a')},
                  {"family_name", "Popa"},
                  {"community_code", "RO:1017"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["code"], "person.name_too_long");
  EXPECT_EQ(r.body["field"], "given_name");
  r = Call("berca", "POST", "/api/v1/persons",
           {{"given_name", "Ion"},
            {"family_name", "Popa"},
            {"community_code", "RO:1017"},
            {"identifiers", {{{"scheme", "RO-CNP"}, {"value", "123"}}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["field"], "identifiers[0].value");
  r = Call("berca", "POST", "/api/v1/persons", {{"given_name", "Ion"}, {"family_name", "Popa"}});
  EXPECT_EQ(r.body["code"], "person.community_required");
  r = Call("berca", "POST", "/api/v1/persons", {{"given_name", "Ion"}, {"colour", "red"}});
  EXPECT_EQ(r.body["code"], "request.unknown_field");
}

TEST_P(RoutesTest, HouseholdsGroupPeopleOfOneCommunity) {
  const std::string a = CreatePerson(
      "berca", {{"given_name", "Ion"}, {"family_name", "Popa"}, {"community_code", "RO:1017"}});
  const std::string b = CreatePerson(
      "berca", {{"given_name", "Ana"}, {"family_name", "Popa"}, {"community_code", "RO:1017"}});
  const std::string c = CreatePerson(
      "other", {{"given_name", "Dan"}, {"family_name", "Rusu"}, {"community_code", "RO:2000"}});
  Reply created = Call("berca", "POST", "/api/v1/households",
                       {{"dwelling_type", "house"},
                        {"members", {{{"person_id", a}, {"relationship_to_head", "head"}}}}});
  ASSERT_EQ(created.status, 201) << created.body.dump();
  EXPECT_EQ(created.body["community_code"], "RO:1017");
  EXPECT_EQ(created.body["head_person_id"], a);
  const std::string path = "/api/v1/households/" + created.body["id"].get<std::string>();
  Json members = {{{"person_id", a}, {"relationship_to_head", "head"}},
                  {{"person_id", b}, {"relationship_to_head", "spouse"}}};
  Reply added = Call("berca", "PATCH", path, {{"members", members}}, created.etag);
  ASSERT_EQ(added.status, 200) << added.body.dump();
  EXPECT_EQ(added.body["members"].size(), 2u);
  EXPECT_EQ(Call("berca", "GET", "/api/v1/persons/" + b).body["household_id"], created.body["id"]);
  // A person of another community cannot be added (and is not even visible).
  members.push_back({{"person_id", c}, {"relationship_to_head", "child"}});
  Reply refused = Call("berca", "PATCH", path, {{"members", members}}, added.etag);
  EXPECT_EQ(refused.body["code"], "household.member_not_found");
  EXPECT_EQ(refused.body["field"], "members[2].person_id");
  EXPECT_EQ(Call("other", "GET", path).status, 404);
  EXPECT_EQ(Call("berca", "GET", "/api/v1/households").body["items"].size(), 1u);
  EXPECT_EQ(Call("other", "GET", "/api/v1/households").body["items"].size(), 0u);

  // Joining and leaving are lines of each person's own history, naming the household.
  Reply left =
      Call("berca", "PATCH", path,
           {{"members", {{{"person_id", a}, {"relationship_to_head", "head"}}}}}, added.etag);
  ASSERT_EQ(left.status, 200) << left.body.dump();
  Reply history = Call("berca", "GET", "/api/v1/persons/" + b + "/history");
  ASSERT_EQ(history.status, 200);
  std::vector<std::string> actions;
  for (const Json& e : history.body["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"person.household_leave", "person.read",
                                               "person.household_join", "person.create"}));
  const Json& joined = history.body["items"][2]["detail"];
  EXPECT_EQ(joined["household_id"], created.body["id"]);
  EXPECT_EQ(joined["relationship_to_head"], "spouse");
  EXPECT_EQ(history.body["items"][0]["detail"]["household_id"], created.body["id"]);
  // The head stayed throughout: one join, from the creation, and no leave.
  EXPECT_EQ(AuditCount("person.household_join", a), 1);
  EXPECT_EQ(AuditCount("person.household_leave", a), 0);
  EXPECT_EQ(Call("other", "GET", "/api/v1/persons/" + b + "/history").status, 404);
}

SOCIUS_INSTANTIATE_BACKENDS(RoutesTest);

}  // namespace
}  // namespace socius::registry
