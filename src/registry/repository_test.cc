// Persons and households on both backends: create, read, update, stale versions, duplicate
// identifiers, scope filtering.
#include "registry/repository.h"

#include <gtest/gtest.h>

#include "core/ids.h"
#include "registry/rules.h"
#include "registry/test_fixture.h"

namespace socius::registry {
namespace {

using core::Result;
using core::Status;

constexpr char kBerca[] = "/RO/RO:10/RO:1017/";
constexpr char kOther[] = "/RO/RO:10/RO:2000/";

class RepositoryTest : public testing::RegistryDatabaseTest {
 protected:
  // A validated person placed by code, inserted; its Status.
  Status Create(Person& p, const std::string& given, const std::string& family,
                const std::string& place, std::vector<IdentifierInput> ids = {}) {
    PersonInput in;
    in.given_name = std::optional<std::string>(given);
    in.family_name = std::optional<std::string>(family);
    in.identifiers = std::move(ids);
    SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(in, true, core::Today(), p));
    return db().Write([&](store::Session& tx) -> Status {
      const bool settlement = place == "RO:1026" || place == "RO:2011";
      Result<Placement> placement =
          ResolvePlacement(tx, settlement ? std::nullopt : std::optional<std::string>(place),
                           settlement ? std::optional<std::string>(place) : std::nullopt, "person");
      if (!placement.ok()) return placement.status();
      p.id = core::NewId();
      p.community_id = placement->community.id;
      p.community_path = placement->community.path;
      if (placement->settlement) p.settlement_id = placement->settlement->id;
      return InsertPerson(tx, p);
    });
  }

  Result<Person> Find(const std::string& id, std::vector<std::string> scope) {
    std::optional<Person> out;
    Status s = db().Read([&](store::Session& tx) -> Status {
      Result<Person> found = FindPerson(tx, id, scope);
      if (!found.ok()) return found.status();
      out = std::move(*found);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return *out;
  }

  std::string Cnp(int day, uint64_t seed = 1) {
    Result<std::string> cnp = GenerateIdentifier("RO-CNP", {1980, 1, day}, Sex::kMale, seed);
    EXPECT_TRUE(cnp.ok());
    return cnp.ok() ? *cnp : "";
  }
};

TEST_P(RepositoryTest, CreatesAndReadsBackEveryField) {
  Person p;
  p.address = "Str. Mare 1";
  p.phone = "+40 722 000 000";
  p.languages = {"ro", "uk"};
  p.notes = "line one\nline two";
  p.disability_degree = DisabilityDegree::kSevere;
  ASSERT_TRUE(Create(p, "Ion", "Popa", "RO:1026", {{"RO-CNP", Cnp(5)}}).ok());
  Result<Person> read = Find(p.id, {kBerca});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->given_name, "Ion");
  EXPECT_EQ(read->community_code, "RO:1017");
  EXPECT_EQ(read->community_name, "Berca");
  EXPECT_EQ(read->settlement_code, "RO:1026");
  EXPECT_EQ(read->birth_date, (core::Date{1980, 1, 5}));  // from the CNP
  EXPECT_EQ(read->sex, Sex::kMale);
  EXPECT_EQ(read->languages, (std::vector<std::string>{"ro", "uk"}));
  EXPECT_EQ(read->notes, "line one\nline two");
  EXPECT_EQ(read->disability_degree, DisabilityDegree::kSevere);
  ASSERT_EQ(read->identifiers.size(), 1u);
  EXPECT_EQ(read->identifiers[0].value, Cnp(5));
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(read->name_key, p.name_key);
}

TEST_P(RepositoryTest, OutOfScopeIsNotFound) {
  Person p;
  ASSERT_TRUE(Create(p, "Ion", "Popa", "RO:1017").ok());
  EXPECT_TRUE(Find(p.id, {"/RO/"}).ok());
  EXPECT_TRUE(Find(p.id, {"/"}).ok());
  EXPECT_EQ(Find(p.id, {kOther}).status().code(), "person.not_found");
  EXPECT_EQ(Find(p.id, {"/RO/RO:10/RO:10"}).status().code(), "person.not_found");
  EXPECT_EQ(Find(p.id, {}).status().code(), "person.not_found");
  EXPECT_EQ(Find("nobody", {"/"}).status().code(), "person.not_found");
}

TEST_P(RepositoryTest, UpdatesWithOptimisticConcurrency) {
  Person p;
  ASSERT_TRUE(Create(p, "Ion", "Popa", "RO:1017").ok());
  Person edit = *Find(p.id, {"/"});
  edit.family_name = "Rusu";
  ASSERT_TRUE(db().Write([&](store::Session& tx) { return UpdatePerson(tx, edit, 1); }).ok());
  EXPECT_EQ(edit.version, 2);
  EXPECT_EQ(Find(p.id, {"/"})->family_name, "Rusu");
  Person stale = p;
  stale.family_name = "Lost";
  Status s = db().Write([&](store::Session& tx) { return UpdatePerson(tx, stale, 1); });
  EXPECT_EQ(s.code(), "conflict.stale_version");
  EXPECT_EQ(Find(p.id, {"/"})->family_name, "Rusu");
}

TEST_P(RepositoryTest, IdentifierBelongsToOnePerson) {
  Person a;
  ASSERT_TRUE(Create(a, "Ion", "Popa", "RO:1017", {{"RO-CNP", Cnp(5)}}).ok());
  Person b;
  Status s = Create(b, "Ioan", "Popa", "RO:2000", {{"RO-CNP", Cnp(5)}});
  EXPECT_EQ(s.code(), "person.duplicate_identifier");
  EXPECT_EQ(s.field(), "identifiers[0].value");
  EXPECT_EQ(s.kind(), core::StatusKind::kConflict);
  // Nothing of the refused person was written.
  Result<int64_t> count = 0;
  ASSERT_TRUE(db().Read([&](store::Session& tx) {
                    auto rows = tx.Query("SELECT COUNT(*) FROM persons");
                    if (!rows.ok()) return rows.status();
                    count = (*rows)[0].Int(0);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(*count, 1);
  // The holder keeps it through an update.
  Person edit = *Find(a.id, {"/"});
  edit.phone = "+40 700 000 001";
  EXPECT_TRUE(db().Write([&](store::Session& tx) { return UpdatePerson(tx, edit, 1); }).ok());
}

TEST_P(RepositoryTest, PlacementNeedsCommunityOrSettlement) {
  auto place = [&](std::optional<std::string> community, std::optional<std::string> settlement) {
    return db().Write([&](store::Session& tx) {
      return ResolvePlacement(tx, community, settlement, "person").status();
    });
  };
  EXPECT_TRUE(place("RO:1017", "RO:1026").ok());
  EXPECT_EQ(place("RO:2000", "RO:1026").code(), "person.settlement_outside_community");
  EXPECT_EQ(place("RO:10", std::nullopt).code(), "person.not_a_community");
  EXPECT_EQ(place("RO:9999", std::nullopt).code(), "person.territory_not_found");
  EXPECT_EQ(place("ROOT", std::nullopt).code(), "person.territory_not_found");
  EXPECT_EQ(place(std::nullopt, std::nullopt).code(), "person.community_required");
}

TEST_P(RepositoryTest, ListsAndSummarisesOnlyInScope) {
  Person a, b, c;
  ASSERT_TRUE(Create(a, "Ion", "Popa", "RO:1017").ok());
  ASSERT_TRUE(Create(b, "Ana", "Albu", "RO:1026").ok());
  ASSERT_TRUE(Create(c, "Maria", "Mocanu", "RO:2000").ok());
  std::vector<std::string> names;
  std::optional<std::string> cursor;
  std::string after;
  do {
    ASSERT_TRUE(db().Read([&](store::Session& tx) -> Status {
                      Result<PersonPage> page = ListPersons(tx, {kBerca}, after, 1);
                      if (!page.ok()) return page.status();
                      for (auto& s : page->items) names.push_back(s.family_name);
                      cursor = page->last_key;
                      after = cursor.value_or("");
                      return Status::Ok();
                    })
                    .ok());
  } while (cursor);
  EXPECT_EQ(names, (std::vector<std::string>{"Albu", "Popa"}));
  std::vector<PersonSummary> summaries;
  ASSERT_TRUE(db().Read([&](store::Session& tx) -> Status {
                    auto found = FindSummaries(tx, {c.id, a.id, b.id}, {kBerca});
                    if (!found.ok()) return found.status();
                    summaries = *found;
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].id, a.id);
  EXPECT_EQ(summaries[1].id, b.id);
}

TEST_P(RepositoryTest, HouseholdMembersBelongToOneHousehold) {
  Person a, b;
  ASSERT_TRUE(Create(a, "Ion", "Popa", "RO:1017").ok());
  ASSERT_TRUE(Create(b, "Ana", "Popa", "RO:1017").ok());
  auto make = [&](Household& h, std::vector<HouseholdMember> members) {
    return db().Write([&](store::Session& tx) -> Status {
      h.id = core::NewId();
      h.community_id = "t-RO:1017";
      SOCIUS_RETURN_IF_ERROR(LoadMembers(tx, h.id, {kBerca}, members));
      SOCIUS_RETURN_IF_ERROR(CheckMembersCommunity(members, h.community_id));
      SOCIUS_RETURN_IF_ERROR(InsertHousehold(tx, h));
      return ReplaceMembers(tx, h, members);
    });
  };
  HouseholdMember head{a.id, Relationship::kHead, "", "", std::nullopt, ""};
  HouseholdMember spouse{b.id, Relationship::kSpouse, "", "", std::nullopt, ""};
  Household first;
  ASSERT_TRUE(make(first, {head, spouse}).ok());
  Household second;
  EXPECT_EQ(make(second, {head}).code(), "household.member_in_other_household");
  Result<Person> read = Find(a.id, {kBerca});
  EXPECT_EQ(read->household_id, first.id);
  EXPECT_EQ(read->version, 2);  // membership changes the person
  Household found;
  ASSERT_TRUE(db().Read([&](store::Session& tx) -> Status {
                    auto h = FindHousehold(tx, first.id, {kBerca});
                    if (!h.ok()) return h.status();
                    found = *h;
                    return FindHousehold(tx, first.id, {kOther}).status().code() ==
                                   "household.not_found"
                               ? Status::Ok()
                               : Status::Internal("household visible out of scope");
                  })
                  .ok());
  EXPECT_EQ(found.members.size(), 2u);
  // Removing a member clears their household.
  ASSERT_TRUE(
      db().Write([&](store::Session& tx) { return ReplaceMembers(tx, first, {head}); }).ok());
  EXPECT_EQ(Find(b.id, {kBerca})->household_id, std::nullopt);
}

SOCIUS_INSTANTIATE_BACKENDS(RepositoryTest);

}  // namespace
}  // namespace socius::registry
