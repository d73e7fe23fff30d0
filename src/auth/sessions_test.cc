#include "auth/sessions.h"

#include <gtest/gtest.h>

#include <atomic>

#include "auth/audit.h"
#include "auth/test_fixture.h"
#include "auth/tokens.h"
#include "auth/users.h"

namespace socius::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// Counts the transactions that reach the real database.
class CountingDatabase : public store::Database {
 public:
  explicit CountingDatabase(store::Database& inner) : inner_(inner) {}
  store::Dialect dialect() const override { return inner_.dialect(); }
  core::Status Read(const store::TxFn& fn) override {
    ++reads;
    return inner_.Read(fn);
  }
  core::Status Write(const store::TxFn& fn) override {
    ++writes;
    return inner_.Write(fn);
  }
  core::Status Backup(const std::string& path) override { return inner_.Backup(path); }
  void Close() override {}

  std::atomic<int> reads{0};
  std::atomic<int> writes{0};

 private:
  store::Database& inner_;
};

class SessionsTest : public testing::AuthDatabaseTest {
 protected:
  void SetUp() override {
    AuthDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    user_ = MakeUser("ana", Role::kSocialWorker, "RO:1017");
  }

  core::Result<LoginOutcome> Try(Sessions& sessions, const std::string& username,
                                 const std::string& password, const std::string& ip = "192.0.2.7") {
    return sessions.Login(LoginAttempt{username, password, ip, "test"});
  }

  std::vector<AuditEntry> Audit(const std::string& action) {
    std::vector<AuditEntry> entries;
    EXPECT_TRUE(db().Read([&](store::Session& tx) {
                      AuditQuery query;
                      query.installation_wide = true;
                      query.action = action;
                      query.limit = 100;
                      auto listed = ListAudit(tx, query);
                      if (!listed.ok()) return listed.status();
                      entries = std::move(*listed);
                      return core::Status::Ok();
                    })
                    .ok());
    return entries;
  }

  User user_;
};

TEST_P(SessionsTest, LoginOpensASessionThatResolvesToThePrincipal) {
  Sessions sessions(db(), options_);
  auto outcome = Try(sessions, "ANA", "a good password");
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->token.size(), 43u);
  EXPECT_EQ(outcome->user.username, "ana");
  ASSERT_EQ(outcome->principal.grants.size(), 1u);
  EXPECT_EQ(outcome->principal.grants[0].territory_path, "/RO/RO:10/RO:1017/");
  EXPECT_FALSE(outcome->principal.csrf_token.empty());

  // A second process (no shared cache) finds the same session in the database.
  Sessions other(db(), options_);
  auto resolved = other.Resolve(outcome->token);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->user_id, user_.id);
  EXPECT_EQ(resolved->csrf_token, outcome->principal.csrf_token);
  EXPECT_EQ(resolved->session_id, SessionIdOf(outcome->token));

  EXPECT_EQ(other.Resolve("").status().code(), "auth.unauthenticated");
  EXPECT_EQ(other.Resolve("forged-token").status().code(), "auth.unauthenticated");
  EXPECT_EQ(Audit("session.login").size(), 1u);
}

TEST_P(SessionsTest, CookiesAreHttpOnlyStrictAndClearable) {
  Sessions plain(db(), options_);
  EXPECT_EQ(plain.SessionCookie("tok"), "socius_session=tok; HttpOnly; SameSite=Strict; Path=/");
  EXPECT_EQ(plain.ClearedCookie(), "socius_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
  options_.secure_cookies = true;
  Sessions secure(db(), options_);
  EXPECT_TRUE(secure.SessionCookie("tok").ends_with("; Secure"));
}

TEST_P(SessionsTest, UnknownUserAndWrongPasswordFailAlikeAndAreAudited) {
  Sessions sessions(db(), options_);
  auto wrong = Try(sessions, "ana", "not the password");
  auto unknown = Try(sessions, "nobody", "not the password");
  EXPECT_EQ(wrong.status().code(), "auth.invalid_credentials");
  EXPECT_EQ(unknown.status().code(), "auth.invalid_credentials");
  EXPECT_EQ(wrong.status().kind(), core::StatusKind::kUnauthenticated);
  std::vector<AuditEntry> failed = Audit("session.login_failed");
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_NE(failed[0].detail_json.find("\"username\":\"nobody\""), std::string::npos);
  EXPECT_FALSE(failed[0].actor_id.has_value());
  for (const AuditEntry& e : failed) {
    EXPECT_EQ(e.detail_json.find("not the password"), std::string::npos) << e.detail_json;
  }
}

TEST_P(SessionsTest, FiveFailuresLockTheAccountUntilTheLockExpires) {
  Sessions sessions(db(), options_);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Try(sessions, "ana", "wrong password").status().code(), "auth.invalid_credentials")
        << i;
  }
  auto locked = Try(sessions, "ana", "a good password");
  ASSERT_EQ(locked.status().code(), "auth.locked");
  EXPECT_EQ(locked.status().kind(), core::StatusKind::kResourceExhausted);
  EXPECT_EQ(locked.status().params().at("retry_after"), "900");
  clock_.Advance(minutes(10));
  EXPECT_EQ(Try(sessions, "ana", "a good password").status().params().at("retry_after"), "300");
  auto user = UserAccounts(db(), options_, nullptr).Get(nullptr, user_.id);
  EXPECT_TRUE(user->LockedAt(core::FormatUtc(clock_.Now())));

  clock_.Advance(minutes(5) + seconds(1));
  EXPECT_TRUE(Try(sessions, "ana", "a good password").ok());
}

TEST_P(SessionsTest, SuccessResetsTheFailureCount) {
  Sessions sessions(db(), options_);
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(Try(sessions, "ana", "wrong password").ok());
  ASSERT_TRUE(Try(sessions, "ana", "a good password").ok());
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(Try(sessions, "ana", "wrong password").ok());
  EXPECT_TRUE(Try(sessions, "ana", "a good password").ok());
}

TEST_P(SessionsTest, OneAddressMayTryTwentyTimesAMinute) {
  Sessions sessions(db(), options_);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(Try(sessions, "user" + std::to_string(i), "x", "203.0.113.9").status().code(),
              "auth.invalid_credentials");
  }
  auto refused = Try(sessions, "ana", "a good password", "203.0.113.9");
  EXPECT_EQ(refused.status().code(), "auth.too_many_attempts");
  EXPECT_EQ(refused.status().params().at("retry_after"), "60");
  EXPECT_TRUE(Try(sessions, "ana", "a good password", "203.0.113.10").ok());
  clock_.Advance(seconds(61));
  EXPECT_TRUE(Try(sessions, "ana", "a good password", "203.0.113.9").ok());
}

TEST_P(SessionsTest, SuccessfulLoginsFromOneAddressAreNotLimited) {
  // A whole office signs in from one public address at the start of the day.
  Sessions sessions(db(), options_);
  for (int i = 0; i < 30; ++i) {
    EXPECT_TRUE(Try(sessions, "ana", "a good password", "203.0.113.9").ok()) << i;
  }
}

TEST_P(SessionsTest, IdleSessionExpires) {
  Sessions sessions(db(), options_);
  LogIn(sessions, "ana");
  clock_.Advance(minutes(20));
  ASSERT_TRUE(sessions.Resolve(last_token_).ok());  // activity moves last_seen
  clock_.Advance(minutes(20));
  ASSERT_TRUE(sessions.Resolve(last_token_).ok());
  // Another process sees the activity that was written (at most once a minute).
  Sessions other(db(), options_);
  ASSERT_TRUE(other.Resolve(last_token_).ok());
  clock_.Advance(minutes(31));
  EXPECT_EQ(sessions.Resolve(last_token_).status().code(), "auth.session_expired");
  // The expired session is gone from the database too.
  EXPECT_EQ(other.Resolve(last_token_).status().code(), "auth.unauthenticated");
}

TEST_P(SessionsTest, SessionEndsTwelveHoursAfterLoginHoweverActive) {
  Sessions sessions(db(), options_);
  LogIn(sessions, "ana");
  for (int i = 0; i < 35; ++i) {  // every 20 minutes for 11 h 40 min
    clock_.Advance(minutes(20));
    ASSERT_TRUE(sessions.Resolve(last_token_).ok()) << i;
  }
  clock_.Advance(minutes(20));
  EXPECT_EQ(sessions.Resolve(last_token_).status().code(), "auth.session_expired");
}

TEST_P(SessionsTest, LogoutEndsTheSessionAtOnce) {
  Sessions sessions(db(), options_);
  Principal p = LogIn(sessions, "ana");
  ASSERT_TRUE(sessions.Resolve(last_token_).ok());
  ASSERT_TRUE(sessions.Logout(p).ok());
  EXPECT_EQ(sessions.Resolve(last_token_).status().code(), "auth.unauthenticated");
  EXPECT_EQ(Audit("session.logout").size(), 1u);
}

TEST_P(SessionsTest, HotPathServesPrincipalsFromMemory) {
  CountingDatabase counting(db());
  Sessions sessions(counting, options_);
  LogIn(sessions, "ana");
  int reads = counting.reads;
  int writes = counting.writes;
  for (int i = 0; i < 100; ++i) {
    clock_.Advance(std::chrono::milliseconds(10));
    ASSERT_TRUE(sessions.Resolve(last_token_).ok());
  }
  EXPECT_EQ(counting.reads - reads, 0);
  EXPECT_EQ(counting.writes - writes, 0);
  // After the cache TTL the database is asked again; after a minute last_seen is written once.
  clock_.Advance(minutes(1));
  ASSERT_TRUE(sessions.Resolve(last_token_).ok());
  ASSERT_TRUE(sessions.Resolve(last_token_).ok());
  EXPECT_EQ(counting.reads - reads, 1);
  EXPECT_EQ(counting.writes - writes, 1);
}

TEST_P(SessionsTest, PasswordChangeEndsOtherSessionsOnly) {
  Sessions sessions(db(), options_);
  Principal first = LogIn(sessions, "ana");
  std::string first_token = last_token_;
  LogIn(sessions, "ana");
  std::string second_token = last_token_;

  EXPECT_EQ(sessions.ChangePassword(first, "a good password", "short").code(),
            "auth.password_too_short");
  EXPECT_EQ(sessions.ChangePassword(first, "a good password", "a good password").code(),
            "auth.password_unchanged");
  core::Status wrong = sessions.ChangePassword(first, "guess", "a better password");
  EXPECT_EQ(wrong.code(), "auth.wrong_password");
  EXPECT_EQ(wrong.field(), "current_password");

  ASSERT_TRUE(sessions.ChangePassword(first, "a good password", "a better password").ok());
  EXPECT_TRUE(sessions.Resolve(first_token).ok());
  EXPECT_EQ(sessions.Resolve(second_token).status().code(), "auth.unauthenticated");
  EXPECT_FALSE(Try(sessions, "ana", "a good password").ok());
  EXPECT_TRUE(Try(sessions, "ana", "a better password").ok());
  EXPECT_EQ(Audit("user.password_change").size(), 1u);
}

TEST_P(SessionsTest, OneTimePasswordMustBeChangedFirst) {
  auto otp = UserAccounts(db(), options_, nullptr).ResetPassword(nullptr, user_.id);
  ASSERT_TRUE(otp.ok());
  Sessions sessions(db(), options_);
  Principal p = LogIn(sessions, "ana", *otp);
  EXPECT_TRUE(p.must_change_password);
  ASSERT_TRUE(sessions.ChangePassword(p, *otp, "my own password").ok());
  auto after = sessions.Resolve(last_token_);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->must_change_password);
}

SOCIUS_INSTANTIATE_BACKENDS(SessionsTest);

}  // namespace
}  // namespace socius::auth
