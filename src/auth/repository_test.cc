#include "auth/repository.h"

#include <gtest/gtest.h>

#include "auth/test_fixture.h"
#include "auth/users.h"

namespace socius::auth {
namespace {

using core::StatusKind;

class UserRepositoryTest : public testing::AuthDatabaseTest {
 protected:
  Principal AdminOver(const std::string& path) {
    Principal p;
    p.user_id = "actor";
    p.username = "actor";
    p.grants = {RoleGrant{Role::kAdministrator, "t", "code", path}};
    return p;
  }
  UserAccounts Accounts() { return UserAccounts(db(), options_, nullptr); }
};

TEST_P(UserRepositoryTest, CreatesUserWithRolesAndReadsItBack) {
  NewUser draft;
  draft.username = "Ana.Pop";
  draft.display_name = "Ana Pop";
  draft.language = "ro";
  draft.home_territory_code = "RO:1017";
  draft.roles = {{"social_worker", "RO:1017"}, {"analyst", "RO:10"}};
  auto created = Accounts().Create(nullptr, draft);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_TRUE(created->one_time_password.has_value());
  EXPECT_EQ(created->one_time_password->size(), 16u);

  auto user = Accounts().Get(nullptr, created->user.id);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->username, "Ana.Pop");
  EXPECT_EQ(user->language, "ro");
  EXPECT_EQ(user->home_territory.code, "RO:1017");
  EXPECT_TRUE(user->must_change_password);
  EXPECT_TRUE(user->active);
  EXPECT_EQ(user->version, 1);
  ASSERT_EQ(user->roles.size(), 2u);
  EXPECT_EQ(user->roles[0].role, Role::kAnalyst);  // ordered by territory path
  EXPECT_EQ(user->roles[0].territory.name, "Buzău");
  EXPECT_EQ(user->roles[1].role, Role::kSocialWorker);
  EXPECT_EQ(user->roles[1].territory.code, "RO:1017");
}

TEST_P(UserRepositoryTest, UsernameIsUniqueIgnoringCase) {
  MakeUser("ana.pop", Role::kSocialWorker, "RO:10");
  NewUser draft;
  draft.username = "ANA.Pop";
  draft.display_name = "Another Ana";
  draft.home_territory_code = "RO:10";
  auto duplicate = Accounts().Create(nullptr, draft);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.status().code(), "user.duplicate_username");
  EXPECT_EQ(duplicate.status().kind(), StatusKind::kConflict);
  EXPECT_EQ(duplicate.status().field(), "username");
}

TEST_P(UserRepositoryTest, StaleVersionIsAConflictAndChangesNothing) {
  User user = MakeUser("ion", Role::kSocialWorker, "RO:10");
  UserChange rename;
  rename.display_name = "Ion Ionescu";
  auto updated = Accounts().Update(nullptr, user.id, 1, rename);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->display_name, "Ion Ionescu");

  UserChange again;
  again.display_name = "Stale";
  auto stale = Accounts().Update(nullptr, user.id, 1, again);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), "conflict.stale_version");
  EXPECT_EQ(Accounts().Get(nullptr, user.id)->display_name, "Ion Ionescu");
}

TEST_P(UserRepositoryTest, ListsOnlyUsersWhoseHomeIsInScope) {
  MakeUser("in.region", Role::kSocialWorker, "RO:10");
  MakeUser("in.community", Role::kSocialWorker, "RO:1017");
  MakeUser("next.region", Role::kSocialWorker, "RO:101");  // '/RO/RO:101/' shares a prefix
  MakeUser("ukraine", Role::kSocialWorker, "UA");
  Principal admin = AdminOver("/RO/RO:10/");
  auto page = Accounts().List(&admin, "", 50, "");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  std::vector<std::string> names;
  for (const User& u : page->items) names.push_back(u.username);
  EXPECT_EQ(names, (std::vector<std::string>{"in.community", "in.region"}));

  auto everyone = Accounts().List(nullptr, "", 50, "");
  ASSERT_TRUE(everyone.ok());
  EXPECT_EQ(everyone->items.size(), 4u);
}

TEST_P(UserRepositoryTest, UnderscoreInACodeIsNotAWildcard) {
  AddTerritory("RO:1_", "RO", "region", "Underscore", "/RO/RO:1_/");
  AddTerritory("RO:1x", "RO", "region", "Lookalike", "/RO/RO:1x/");
  MakeUser("under", Role::kSocialWorker, "RO:1_");
  MakeUser("lookalike", Role::kSocialWorker, "RO:1x");
  Principal admin = AdminOver("/RO/RO:1_/");
  auto page = Accounts().List(&admin, "", 50, "");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].username, "under");
}

TEST_P(UserRepositoryTest, SearchesAndPagesByCursor) {
  for (const char* name : {"maria.a", "maria.b", "maria.c", "petru"}) {
    MakeUser(name, Role::kSocialWorker, "RO:10");
  }
  auto first = Accounts().List(nullptr, "MARIA", 2, "");
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[1].username, "maria.b");
  ASSERT_TRUE(first->next_cursor.has_value());
  auto second = Accounts().List(nullptr, "MARIA", 2, *first->next_cursor);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].username, "maria.c");
  EXPECT_FALSE(second->next_cursor.has_value());

  auto bad = Accounts().List(nullptr, "", 2, "%%%");
  EXPECT_EQ(bad.status().code(), "request.invalid_query");
}

TEST_P(UserRepositoryTest, FailedLoginsLockAtTheThreshold) {
  User user = MakeUser("lock.me", Role::kAnalyst, "RO:10");
  ASSERT_TRUE(db().Write([&](store::Session& tx) {
                    UserRepository users(tx);
                    for (int i = 0; i < 4; ++i) {
                      auto locked = users.RecordFailedLogin(user.id, 5, "2030-01-01T00:00:00.000Z");
                      if (!locked.ok()) return locked.status();
                      if (locked->has_value()) return core::Status::Internal("locked early");
                    }
                    auto locked = users.RecordFailedLogin(user.id, 5, "2030-01-01T00:00:00.000Z");
                    if (!locked.ok()) return locked.status();
                    if (*locked != "2030-01-01T00:00:00.000Z")
                      return core::Status::Internal("not locked");
                    return core::Status::Ok();
                  })
                  .ok());
  auto login = db().Read([&](store::Session& tx) {
    auto record = UserRepository(tx).FindLogin("LOCK.ME");
    if (!record.ok() || !record->has_value()) return core::Status::Internal("missing");
    EXPECT_EQ((*record)->failed_logins, 0);
    EXPECT_EQ((*record)->locked_until, "2030-01-01T00:00:00.000Z");
    return core::Status::Ok();
  });
  EXPECT_TRUE(login.ok());
}

SOCIUS_INSTANTIATE_BACKENDS(UserRepositoryTest);

}  // namespace
}  // namespace socius::auth
