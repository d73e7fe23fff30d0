#pragma once

// Shared set-up of the auth room's database tests: a few territories, a controllable clock,
// users made through UserAccounts as the system. Test code only.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "auth/model.h"
#include "auth/sessions.h"
#include "auth/users.h"
#include "core/clock.h"
#include "testing/test_database.h"

namespace socius::auth::testing {

// A clock tests move by hand. Starts at 2026-03-01T08:00:00Z.
class ManualClock {
 public:
  ManualClock()
      : now_(std::make_shared<core::TimePoint>(*core::ParseUtc("2026-03-01T08:00:00Z"))) {}
  core::TimePoint Now() const { return *now_; }
  void Advance(std::chrono::nanoseconds d) {
    *now_ += std::chrono::duration_cast<core::TimePoint::duration>(d);
  }
  std::function<core::TimePoint()> AsFunction() const {
    auto now = now_;
    return [now] { return *now; };
  }

 private:
  std::shared_ptr<core::TimePoint> now_;
};

class AuthDatabaseTest : public socius::testing::DatabaseTest {
 protected:
  void SetUp() override {
    setenv("SOCIUS_PASSWORD_COST", "min", 1);
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    options_.password_cost = PasswordCost::kMinimum;
    options_.clock = clock_.AsFunction();
    AddTerritory("RO", "", "country", "România", "/RO/");
    AddTerritory("RO:10", "RO", "region", "Buzău", "/RO/RO:10/");
    AddTerritory("RO:1017", "RO:10", "community", "Berca", "/RO/RO:10/RO:1017/");
    AddTerritory("RO:101", "RO", "region", "Other", "/RO/RO:101/");
    AddTerritory("UA", "", "country", "Україна", "/UA/");
  }

  // Inserts a territory row directly (the territory room's code is not ours to call).
  void AddTerritory(const std::string& code, const std::string& parent_code,
                    const std::string& level, const std::string& name, const std::string& path) {
    core::Status s = db().Write([&](store::Session& tx) {
      std::vector<store::Value> params = {"t-" + code, code};
      params.push_back(parent_code.empty() ? store::Null() : store::Value("t-" + parent_code));
      params.insert(params.end(), {level, name, path, std::string("2026-01-01T00:00:00.000Z"),
                                   std::string("2026-01-01T00:00:00.000Z")});
      auto r = tx.Exec(
          "INSERT INTO territories (id, code, parent_id, level, name, path, version, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
          params);
      return r.ok() ? core::Status::Ok() : r.status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Creates `username` with one role over `code` (also the home territory) and a known
  // password; returns the user.
  User MakeUser(const std::string& username, Role role, const std::string& code,
                const std::string& password = "a good password") {
    NewUser draft;
    draft.username = username;
    draft.display_name = "User " + username;
    draft.home_territory_code = code;
    draft.roles = {RoleRequest{std::string(Name(role)), code}};
    draft.password = password;
    auto created = UserAccounts(db(), options_, nullptr).Create(nullptr, draft);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->user : User{};
  }

  // The principal a fresh login of `username` gets.
  Principal LogIn(Sessions& sessions, const std::string& username,
                  const std::string& password = "a good password") {
    auto outcome = sessions.Login(LoginAttempt{username, password, "192.0.2.1", "test"});
    EXPECT_TRUE(outcome.ok()) << outcome.status().ToString();
    last_token_ = outcome.ok() ? outcome->token : "";
    return outcome.ok() ? outcome->principal : Principal{};
  }

  ManualClock clock_;
  AuthOptions options_;
  std::string last_token_;
};

}  // namespace socius::auth::testing
