#pragma once

// Shared set-up of the registry's database tests: a small territory tree with two
// communities in Romania and one in Ukraine, and principals scoped to them. Test code only.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "auth/principal.h"
#include "registry/model.h"
#include "testing/test_database.h"

namespace socius::registry::testing {

class RegistryDatabaseTest : public socius::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Add("RO", "", "country", "România", "/RO/", "");
    Add("RO:10", "RO", "region", "Buzău", "/RO/RO:10/", "");
    Add("RO:1017", "RO:10", "community", "Berca", "/RO/RO:10/RO:1017/", "RO:1017");
    Add("RO:1026", "RO:1017", "settlement", "Joseni", "/RO/RO:10/RO:1017/RO:1026/", "RO:1017");
    Add("RO:2000", "RO:10", "community", "Pătârlagele", "/RO/RO:10/RO:2000/", "RO:2000");
    Add("RO:2011", "RO:2000", "settlement", "Valea Sibiciului", "/RO/RO:10/RO:2000/RO:2011/",
        "RO:2000");
    Add("UA", "", "country", "Україна", "/UA/", "");
    Add("UA:0501", "UA", "community", "Кам’янецька", "/UA/UA:0501/", "UA:0501");
  }

  void Add(const std::string& code, const std::string& parent, const std::string& level,
           const std::string& name, const std::string& path, const std::string& community) {
    core::Status s = db().Write([&](store::Session& tx) {
      return tx
          .Exec(
              "INSERT INTO territories (id, code, parent_id, level, name, path, community_id, "
              "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
              {"t-" + code, code, parent.empty() ? store::Null() : store::Value("t-" + parent),
               level, name, path,
               community.empty() ? store::Null() : store::Value("t-" + community),
               std::string("2026-01-01T00:00:00.000Z"), std::string("2026-01-01T00:00:00.000Z")})
          .status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // A user stored in the database (active, holding `role` over the Romanian community or the
  // region `code` of the tree above), as the principal of their requests: what a room checks
  // before it gives someone work. The id (22 characters, as core::NewId's) comes from `name`,
  // of at most 18 letters.
  auth::Principal AddUser(const std::string& name, const std::string& code, auth::Role role) {
    EXPECT_LE(name.size(), 18u) << name;
    const std::string id = ("user" + name + std::string(18, 'x')).substr(0, 22);
    const std::string path = code == "RO:10" ? "/RO/RO:10/" : "/RO/RO:10/" + code + "/";
    const std::string now = "2026-01-01T00:00:00.000Z";
    core::Status s = db().Write([&](store::Session& tx) -> core::Status {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO users (id, username, username_key, display_name, password_hash, "
                  "home_territory_id, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?, ?)",
                  {id, name, name, "User " + name, "t-" + code, now, now})
              .status());
      return tx
          .Exec(
              "INSERT INTO role_assignments (id, user_id, role, territory_id, created_at) "
              "VALUES (?, ?, ?, ?, ?)",
              {"r-" + id, id, std::string(auth::Name(role)), "t-" + code, now})
          .status();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    auth::Principal who = Worker(code, path, role);
    who.user_id = id;
    who.username = name;
    who.display_name = "User " + name;
    return who;
  }

  static auth::Principal Worker(const std::string& code, const std::string& path,
                                auth::Role role = auth::Role::kSocialWorker) {
    auth::Principal who;
    who.user_id = "u-" + code;
    who.username = "worker-" + code;
    who.language = "en";
    who.csrf_token = "csrf";
    who.grants.push_back({role, "t-" + code, code, path});
    return who;
  }
};

}  // namespace socius::registry::testing
