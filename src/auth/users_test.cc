#include "auth/users.h"

#include <gtest/gtest.h>

#include "auth/audit.h"
#include "auth/bootstrap.h"
#include "auth/permissions.h"
#include "auth/sessions.h"
#include "auth/test_fixture.h"
#include "core/ids.h"

namespace socius::auth {
namespace {

using core::StatusKind;

class UserAccountsTest : public testing::AuthDatabaseTest {
 protected:
  Principal AdminOver(const std::string& path) {
    Principal p;
    p.user_id = "actor";
    p.username = "regional.admin";
    p.grants = {RoleGrant{Role::kAdministrator, "t", "code", path}};
    return p;
  }
  UserAccounts Accounts(Sessions* sessions = nullptr) {
    return UserAccounts(db(), options_, sessions);
  }
  NewUser Draft(const std::string& username, const std::string& home,
                std::vector<RoleRequest> roles) {
    NewUser draft;
    draft.username = username;
    draft.display_name = "Display " + username;
    draft.home_territory_code = home;
    draft.roles = std::move(roles);
    draft.password = "a good password";
    return draft;
  }
};

TEST_P(UserAccountsTest, AdminCannotGrantOutsideOwnScope) {
  Principal admin = AdminOver("/RO/RO:10/");
  auto inside = Accounts().Create(&admin, Draft("wk1", "RO:1017", {{"social_worker", "RO:1017"}}));
  ASSERT_TRUE(inside.ok()) << inside.status().ToString();
  EXPECT_FALSE(inside->one_time_password.has_value());

  auto sibling = Accounts().Create(&admin, Draft("wk2", "RO:10", {{"social_worker", "RO:101"}}));
  EXPECT_EQ(sibling.status().code(), "auth.forbidden");
  auto above = Accounts().Create(&admin, Draft("wk3", "RO:10", {{"analyst", "RO"}}));
  EXPECT_EQ(above.status().code(), "auth.forbidden");
  auto home_outside = Accounts().Create(&admin, Draft("wk4", "UA", {}));
  EXPECT_EQ(home_outside.status().code(), "auth.forbidden");
  // Nothing of the refused attempts was written.
  EXPECT_EQ(Accounts().List(nullptr, "", 50, "")->items.size(), 1u);
}

TEST_P(UserAccountsTest, UnknownRoleTerritoryAndBadInputAreNamed) {
  Principal admin = AdminOver("/");
  EXPECT_EQ(Accounts().Create(&admin, Draft("xx1", "RO", {{"superuser", "RO"}})).status().code(),
            "auth.unknown_role");
  auto nowhere = Accounts().Create(&admin, Draft("xx2", "RO", {{"analyst", "XX:1"}}));
  EXPECT_EQ(nowhere.status().code(), "territory.not_found");
  EXPECT_EQ(nowhere.status().kind(), StatusKind::kNotFound);
  EXPECT_EQ(Accounts().Create(&admin, Draft("xx 3", "RO", {})).status().code(),
            "user.invalid_username");
  NewUser weak = Draft("xx4", "RO", {});
  weak.password = "short";
  EXPECT_EQ(Accounts().Create(&admin, weak).status().code(), "auth.password_too_short");
}

TEST_P(UserAccountsTest, OutOfScopeOrUnknownUserIsNotFound) {
  User ukrainian = MakeUser("olena", Role::kSocialWorker, "UA");
  Principal admin = AdminOver("/RO/");
  EXPECT_EQ(Accounts().Get(&admin, ukrainian.id).status().code(), "user.not_found");
  EXPECT_EQ(Accounts().Get(&admin, core::NewId()).status().code(), "user.not_found");
  EXPECT_EQ(Accounts().Get(&admin, "../etc").status().code(), "user.not_found");
  UserChange change;
  change.display_name = "Renamed";
  EXPECT_EQ(Accounts().Update(&admin, ukrainian.id, 1, change).status().code(), "user.not_found");
  EXPECT_EQ(Accounts().ResetPassword(&admin, ukrainian.id).status().code(), "user.not_found");
}

TEST_P(UserAccountsTest, ReaderWithoutWriteIsForbiddenToChange) {
  User worker = MakeUser("wrk", Role::kSocialWorker, "RO:10");
  Principal head;
  head.user_id = "h";
  head.grants = {RoleGrant{Role::kHeadOfService, "t", "RO:10", "/RO/RO:10/"}};
  EXPECT_TRUE(Accounts().Get(&head, worker.id).ok());
  UserChange change;
  change.active = false;
  EXPECT_EQ(Accounts().Update(&head, worker.id, 1, change).status().code(), "auth.forbidden");
}

TEST_P(UserAccountsTest, CannotTakeAwayAGrantOutsideOwnScope) {
  NewUser draft = Draft("both", "RO:10", {{"social_worker", "RO:10"}, {"analyst", "UA"}});
  auto user = Accounts().Create(nullptr, draft);
  ASSERT_TRUE(user.ok());
  Principal admin = AdminOver("/RO/");
  UserChange change;
  change.roles = std::vector<RoleRequest>{{"social_worker", "RO:10"}};
  EXPECT_EQ(Accounts().Update(&admin, user->user.id, 1, change).status().code(), "auth.forbidden");
  // Even keeping the Ukrainian grant: the user reaches further than the administrator, so
  // the administrator may change nothing about them.
  change.roles = std::vector<RoleRequest>{
      {"social_worker", "RO:10"}, {"analyst", "UA"}, {"benefits_officer", "RO:1017"}};
  EXPECT_EQ(Accounts().Update(&admin, user->user.id, 1, change).status().code(), "auth.forbidden");
  // Someone who covers both countries may.
  Principal wide = AdminOver("/");
  auto updated = Accounts().Update(&wide, user->user.id, 1, change);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->roles.size(), 3u);
}

// An administrator can become whoever they can reset or unlock: every action on a user needs
// user.write over every territory the user holds a role in, not only over their home.
TEST_P(UserAccountsTest, NeverActsOnAUserWithMoreReachThanTheActor) {
  auto wide_admin =
      Accounts().Create(nullptr, Draft("wide.admin", "RO:1017", {{"administrator", "ROOT"}}));
  ASSERT_TRUE(wide_admin.ok()) << wide_admin.status().ToString();
  auto two_places = Accounts().Create(
      nullptr, Draft("two.places", "RO:1017", {{"social_worker", "RO:1017"}, {"analyst", "UA"}}));
  ASSERT_TRUE(two_places.ok());
  Principal county = AdminOver("/RO/RO:10/");
  for (const CreatedUser* target : {&*wide_admin, &*two_places}) {
    const std::string& id = target->user.id;
    EXPECT_TRUE(Accounts().Get(&county, id).ok()) << "the home is in scope: visible";
    EXPECT_EQ(Accounts().ResetPassword(&county, id).status().code(), "auth.forbidden");
    UserChange deactivate;
    deactivate.active = false;
    EXPECT_EQ(Accounts().Update(&county, id, 1, deactivate).status().code(), "auth.forbidden");
    UserChange unlock;
    unlock.unlock = true;
    EXPECT_EQ(Accounts().Update(&county, id, 1, unlock).status().code(), "auth.forbidden");
    UserChange rename;
    rename.display_name = "Renamed";
    rename.language = "ro";
    EXPECT_EQ(Accounts().Update(&county, id, 1, rename).status().code(), "auth.forbidden");
    auto after = Accounts().Get(nullptr, id);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->version, 1) << "nothing was changed";
    EXPECT_TRUE(after->active);
    EXPECT_FALSE(after->must_change_password);
  }
  // A user whose every grant is in the county is the county administrator's to manage.
  auto local =
      Accounts().Create(nullptr, Draft("local", "RO:1017", {{"social_worker", "RO:1017"}}));
  ASSERT_TRUE(local.ok());
  EXPECT_TRUE(Accounts().ResetPassword(&county, local->user.id).ok());
}

TEST_P(UserAccountsTest, ResetAndDeactivationEndSessions) {
  options_.max_attempts_per_ip = 1000;
  Sessions sessions(db(), options_);
  User user = MakeUser("worker", Role::kSocialWorker, "RO:10");
  LogIn(sessions, "worker");
  std::string token = last_token_;
  ASSERT_TRUE(sessions.Resolve(token).ok());

  auto otp = Accounts(&sessions).ResetPassword(nullptr, user.id);
  ASSERT_TRUE(otp.ok());
  EXPECT_EQ(sessions.Resolve(token).status().code(), "auth.unauthenticated");
  Principal again = LogIn(sessions, "worker", *otp);
  EXPECT_TRUE(again.must_change_password);

  UserChange off;
  off.active = false;
  auto current = Accounts().Get(nullptr, user.id);
  ASSERT_TRUE(Accounts(&sessions).Update(nullptr, user.id, current->version, off).ok());
  EXPECT_EQ(sessions.Resolve(last_token_).status().code(), "auth.unauthenticated");
  auto refused = sessions.Login(LoginAttempt{"worker", *otp, "192.0.2.1", ""});
  EXPECT_EQ(refused.status().code(), "auth.invalid_credentials");
}

TEST_P(UserAccountsTest, RoleChangeTakesEffectAtOnceInThisProcess) {
  Sessions sessions(db(), options_);
  User user = MakeUser("grow", Role::kAnalyst, "RO:10");
  LogIn(sessions, "grow");
  auto before = sessions.Resolve(last_token_);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(AllowsAnywhere(*before, Permission::kPersonRead));
  UserChange change;
  change.roles = std::vector<RoleRequest>{{"social_worker", "RO:10"}};
  ASSERT_TRUE(Accounts(&sessions).Update(nullptr, user.id, 1, change).ok());
  auto after = sessions.Resolve(last_token_);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(Allows(*after, Permission::kPersonRead, "/RO/RO:10/RO:1017/"));
}

TEST_P(UserAccountsTest, BootstrapCreatesAdministratorOverTheWholeInstallationOnce) {
  auto otp = EnsureFirstAdministrator(db(), std::nullopt);
  ASSERT_TRUE(otp.ok()) << otp.status().ToString();
  ASSERT_TRUE(otp->has_value());
  EXPECT_EQ((*otp)->size(), 16u);
  auto again = EnsureFirstAdministrator(db(), std::nullopt);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());

  Sessions sessions(db(), options_);
  Principal admin = LogIn(sessions, "ADMIN", **otp);
  EXPECT_TRUE(admin.must_change_password);
  EXPECT_EQ(admin.display_name, "Administrator");
  EXPECT_TRUE(InstallationWide(admin, Permission::kUserWrite));
  EXPECT_TRUE(Allows(admin, Permission::kTerritoryWrite, "/UA/"));
  MakeUser("olena", Role::kSocialWorker, "UA");
  EXPECT_EQ(Accounts().List(&admin, "", 50, "")->items.size(), 2u);

  auto users = ListUsers(db());
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].home_territory.code, "ROOT");
  auto verified = VerifyAudit(db());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok);
}

TEST_P(UserAccountsTest, BootstrapWithPasswordFromEnvironmentPrintsNothing) {
  auto otp = EnsureFirstAdministrator(db(), std::string("from the environment"));
  ASSERT_TRUE(otp.ok());
  EXPECT_FALSE(otp->has_value());
  Sessions sessions(db(), options_);
  Principal admin = LogIn(sessions, "admin", "from the environment");
  EXPECT_FALSE(admin.must_change_password);
}

TEST_P(UserAccountsTest, CommandLineAddsUsersAndSetsPasswords) {
  auto added = AddUser(db(), "cli.user", "CLI User", "auditor", "RO:10", std::nullopt);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_TRUE(added->one_time_password.has_value());
  EXPECT_EQ(AddUser(db(), "cli.user", "Again", "auditor", "RO:10", std::nullopt).status().code(),
            "user.duplicate_username");
  ASSERT_TRUE(SetPassword(db(), "CLI.USER", "a chosen password").ok());
  EXPECT_EQ(SetPassword(db(), "nobody", "a chosen password").code(), "user.not_found");
  Sessions sessions(db(), options_);
  Principal p = LogIn(sessions, "cli.user", "a chosen password");
  EXPECT_FALSE(p.must_change_password);
}

SOCIUS_INSTANTIATE_BACKENDS(UserAccountsTest);

}  // namespace
}  // namespace socius::auth
