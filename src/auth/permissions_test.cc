#include "auth/permissions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace socius::auth {
namespace {

Principal WithGrants(std::vector<RoleGrant> grants) {
  Principal p;
  p.user_id = "u1";
  p.grants = std::move(grants);
  return p;
}

RoleGrant Grant(Role role, std::string path) {
  return RoleGrant{role, "t", "code", std::move(path)};
}

TEST(RolesTest, NamesRoundTripForEveryRole) {
  std::set<std::string_view> names;
  for (Role role : AllRoles()) {
    ASSERT_EQ(ParseRole(Name(role)), role);
    names.insert(Name(role));
  }
  EXPECT_EQ(AllRoles().size(), 8u);
  EXPECT_EQ(names.size(), 8u);
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_FALSE(ParseRole("Administrator").has_value());
}

TEST(RolesTest, PermissionTableMatchesTheContract) {
  struct Row {
    const char* role;
    std::set<std::string> permissions;
  };
  const std::vector<Row> contract = {
      {"administrator",
       {"territory.read", "territory.write", "user.read",        "user.write",
        "audit.read",     "person.read",     "person.write",     "person.import",
        "case.read",      "assessment.read", "assessment.write", "questionnaire.write",
        "screening.read", "service.read",    "service.manage",   "programme.manage",
        "benefit.read",   "report.read",     "report.drill",     "report.configure",
        "person.merge",   "dedup.run"}},
      {"head_of_service",
       {"territory.read", "user.read", "person.read", "person.write", "person.import", "case.read",
        "case.work", "case.supervise", "assessment.read", "assessment.write", "screening.read",
        "service.read", "service.manage", "enrolment.work", "benefit.read", "benefit.work",
        "report.read", "report.drill", "person.merge"}},
      {"social_worker",
       {"territory.read", "person.read", "person.write", "case.read", "case.work",
        "assessment.read", "assessment.write", "screening.read", "service.read", "enrolment.work",
        "benefit.read"}},
      {"benefits_officer",
       {"territory.read", "person.read", "case.read", "service.read", "benefit.read",
        "benefit.work"}},
      {"commission_member", {"territory.read", "person.read", "case.read", "service.read"}},
      {"provider_staff", {"territory.read", "provider.work"}},
      {"analyst", {"territory.read", "screening.read", "service.read", "report.read"}},
      {"auditor", {"territory.read", "audit.read"}},
  };
  for (const Row& row : contract) {
    std::optional<Role> role = ParseRole(row.role);
    ASSERT_TRUE(role.has_value()) << row.role;
    std::set<std::string> held;
    for (Permission p : PermissionsOf(*role)) held.insert(std::string(Name(p)));
    EXPECT_EQ(held, row.permissions) << row.role;
  }
}

TEST(PathCoversTest, SubtreeIsAPrefixEndingInSlash) {
  EXPECT_TRUE(PathCovers("/RO/RO:10/", "/RO/RO:10/"));
  EXPECT_TRUE(PathCovers("/RO/RO:10/", "/RO/RO:10/RO:1017/"));
  EXPECT_FALSE(PathCovers("/RO/RO:10/", "/RO/RO:101/"));
  EXPECT_FALSE(PathCovers("/RO/RO:10/", "/RO/"));
  EXPECT_FALSE(PathCovers("/RO/RO:10/", "/UA/RO:10/"));
  EXPECT_TRUE(PathCovers("/", "/UA/UA:01/"));
  EXPECT_FALSE(PathCovers("/RO/RO:10", "/RO/RO:101/"));  // malformed root covers nothing
  EXPECT_FALSE(PathCovers("", "/RO/"));
}

TEST(AllowsTest, GrantReachesItsSubtreeOnly) {
  Principal worker = WithGrants({Grant(Role::kSocialWorker, "/RO/RO:10/")});
  EXPECT_TRUE(Allows(worker, Permission::kPersonWrite, "/RO/RO:10/RO:1017/"));
  EXPECT_FALSE(Allows(worker, Permission::kPersonWrite, "/RO/RO:101/"));
  EXPECT_FALSE(Allows(worker, Permission::kPersonWrite, "/RO/"));
  EXPECT_FALSE(Allows(worker, Permission::kUserRead, "/RO/RO:10/"));
  EXPECT_TRUE(AllowsAnywhere(worker, Permission::kTerritoryRead));
  EXPECT_FALSE(AllowsAnywhere(worker, Permission::kAuditRead));
  EXPECT_FALSE(InstallationWide(worker, Permission::kPersonRead));
}

TEST(AllowsTest, PermissionComesFromTheGrantThatCoversThePath) {
  Principal p =
      WithGrants({Grant(Role::kAdministrator, "/RO/RO:10/"), Grant(Role::kAnalyst, "/UA/")});
  EXPECT_TRUE(Allows(p, Permission::kUserWrite, "/RO/RO:10/RO:1017/"));
  EXPECT_FALSE(Allows(p, Permission::kUserWrite, "/UA/UA:01/"));
  EXPECT_TRUE(Allows(p, Permission::kTerritoryRead, "/UA/UA:01/"));
}

TEST(RequireTest, ForbiddenOutsideScope) {
  Principal p = WithGrants({Grant(Role::kAdministrator, "/MD/")});
  EXPECT_TRUE(Require(p, Permission::kUserWrite, "/MD/MD:01/").ok());
  core::Status denied = Require(p, Permission::kUserWrite, "/RO/");
  EXPECT_EQ(denied.kind(), core::StatusKind::kPermissionDenied);
  EXPECT_EQ(denied.code(), "auth.forbidden");
  EXPECT_EQ(Require(Principal{}, Permission::kTerritoryRead, "/").code(), "auth.forbidden");
}

TEST(ScopePathsTest, KeepsOnlyMinimalRootsForThePermission) {
  Principal p = WithGrants(
      {Grant(Role::kSocialWorker, "/RO/RO:10/RO:1017/"), Grant(Role::kSocialWorker, "/RO/RO:10/"),
       Grant(Role::kSocialWorker, "/RO/RO:101/"), Grant(Role::kAnalyst, "/UA/"),
       Grant(Role::kSocialWorker, "/RO/RO:10/")});
  std::vector<std::string> person = ScopePaths(p, Permission::kPersonRead);
  std::sort(person.begin(), person.end());
  EXPECT_EQ(person, (std::vector<std::string>{"/RO/RO:10/", "/RO/RO:101/"}));
  std::vector<std::string> territory = ScopePaths(p, Permission::kTerritoryRead);
  std::sort(territory.begin(), territory.end());
  EXPECT_EQ(territory, (std::vector<std::string>{"/RO/RO:10/", "/RO/RO:101/", "/UA/"}));
  EXPECT_TRUE(ScopePaths(p, Permission::kAuditRead).empty());
}

TEST(ScopePathsTest, InstallationRootCoversEverything) {
  Principal admin =
      WithGrants({Grant(Role::kAdministrator, "/"), Grant(Role::kAdministrator, "/RO/")});
  EXPECT_EQ(ScopePaths(admin, Permission::kUserRead), (std::vector<std::string>{"/"}));
  EXPECT_TRUE(InstallationWide(admin, Permission::kAuditRead));
  EXPECT_TRUE(Allows(admin, Permission::kUserWrite, "/LT/LT:13/"));
}

}  // namespace
}  // namespace socius::auth
