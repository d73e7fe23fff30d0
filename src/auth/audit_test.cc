#include "auth/audit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <thread>
#include <vector>

#include "auth/test_fixture.h"

namespace socius::auth {
namespace {

class AuditTest : public testing::AuthDatabaseTest {
 protected:
  void Append(int n, const std::string& territory_id = "t-RO:1017") {
    Principal actor;
    actor.user_id = "u-1";
    actor.username = "ana";
    for (int i = 0; i < n; ++i) {
      core::Status s = db().Write([&](store::Session& tx) {
        return AppendAudit(
            tx, &actor,
            AuditEvent{"person.read", "person", "p-" + std::to_string(i), territory_id,
                       "{\"why\":\"visit " + std::to_string(i) + "\"}"});
      });
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
  }

  // Tampering as someone with direct database access would: around the append-only triggers.
  void Tamper(const std::string& sql) {
    std::string drop = dialect() == store::Dialect::kSqlite
                           ? "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                           : "DROP TRIGGER audit_log_no_update ON audit_log; "
                             "DROP TRIGGER audit_log_no_delete ON audit_log;";
    core::Status s = db().Write([&](store::Session& tx) {
      SOCIUS_RETURN_IF_ERROR(tx.ExecScript(drop));
      return tx.ExecScript(sql);
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // Runs `work` on `threads` threads at once, each as a worker of its own ("worker<t>").
  static void OnWorkerThreads(int threads, const std::function<void(const Principal&)>& work) {
    std::vector<std::thread> running;
    for (int t = 0; t < threads; ++t) {
      running.emplace_back([&, t] {
        Principal actor;
        actor.user_id = "u-" + std::to_string(t);
        actor.username = "worker" + std::to_string(t);
        work(actor);
      });
    }
    for (std::thread& t : running) t.join();
  }

  AuditVerification Verify() {
    auto v = VerifyAudit(db());
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : AuditVerification{};
  }

  std::vector<AuditEntry> List(AuditQuery query) {
    std::vector<AuditEntry> entries;
    core::Status s = db().Read([&](store::Session& tx) {
      auto listed = ListAudit(tx, query);
      if (!listed.ok()) return listed.status();
      entries = std::move(*listed);
      return core::Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return entries;
  }
};

TEST_P(AuditTest, ChainOfAppendsVerifies) {
  EXPECT_TRUE(Verify().ok);
  EXPECT_EQ(Verify().entries, 0);
  Append(5);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.ok) << v.problem << " at " << v.first_bad_seq;
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.first_bad_seq, 0);
}

// Group commit puts the appends of concurrent requests into shared transactions; the chain
// must still link each entry to the one committed before it, and a failed request in the
// same batch must leave no entry and no gap.
TEST_P(AuditTest, ChainVerifiesAfterConcurrentAuditedReadsWithSomeFailing) {
  constexpr int kThreads = 8;
  constexpr int kReads = 40;
  std::atomic<int> appended{0};
  std::atomic<int> unexpected{0};
  OnWorkerThreads(kThreads, [&](const Principal& actor) {
    for (int i = 0; i < kReads; ++i) {
      bool refuse = i % 5 == 4;  // the request fails after writing its audit entry
      core::Status s = db().Write([&](store::Session& tx) -> core::Status {
        SOCIUS_RETURN_IF_ERROR(AppendAudit(
            tx, &actor,
            AuditEvent{"person.read", "person", "p-" + std::to_string(i), "t-RO:1017", "{}"}));
        if (refuse) return core::Status::NotFound("test.gone", "id");
        return core::Status::Ok();
      });
      if (s.ok() && !refuse) {
        ++appended;
      } else if (!(refuse && s.code() == "test.gone")) {
        ++unexpected;
      }
    }
  });
  EXPECT_EQ(unexpected.load(), 0);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.ok) << v.problem << " at " << v.first_bad_seq;
  EXPECT_EQ(v.entries, appended.load());
  EXPECT_EQ(appended.load(), kThreads * (kReads - kReads / 5));
}

// Audited reads from many threads: each read that succeeds leaves exactly its own entries,
// next to each other and in the order it gave them, whoever wrote the batch they joined; a
// read that fails leaves none; the chain verifies.
TEST_P(AuditTest, ConcurrentAuditedReadsEachLeaveTheirEntriesOnce) {
  constexpr int kThreads = 8;
  constexpr int kReads = 30;
  std::atomic<int> unexpected{0};
  OnWorkerThreads(kThreads, [&](const Principal& actor) {
    for (int i = 0; i < kReads; ++i) {
      const bool refuse = i % 5 == 4;  // e.g. the record is out of the reader's scope
      const int shown = 1 + i % 3;     // one entry per record shown
      core::Status s = AuditedRead(db(), actor, [&](store::Session& tx, auto& entries) {
        SOCIUS_RETURN_IF_ERROR(tx.Query("SELECT seq FROM audit_head WHERE id = 1").status());
        for (int k = 0; k < shown; ++k) {
          entries.push_back(AuditEvent{"person.read", "person",
                                       "p-" + std::to_string(i) + "-" + std::to_string(k),
                                       "t-RO:1017", "{}"});
        }
        if (refuse) return core::Status::NotFound("test.gone", "id");
        return core::Status::Ok();
      });
      if (refuse ? s.code() != "test.gone" : !s.ok()) ++unexpected;
    }
  });
  EXPECT_EQ(unexpected.load(), 0);
  AuditVerification v = Verify();
  EXPECT_TRUE(v.ok) << v.problem << " at " << v.first_bad_seq;

  int expected = 0;
  for (int i = 0; i < kReads; ++i) {
    if (i % 5 != 4) expected += kThreads * (1 + i % 3);
  }
  EXPECT_EQ(v.entries, expected);
  AuditQuery query;
  query.installation_wide = true;
  query.limit = expected + 1;
  std::vector<AuditEntry> listed = List(query);
  ASSERT_EQ(static_cast<int>(listed.size()), expected);
  std::map<std::string, int> seen;
  // Newest first: a read's entries come in its order, p-i-0 .. p-i-(shown-1), when read back.
  for (size_t j = listed.size(); j-- > 0;) {
    const AuditEntry& e = listed[j];
    const std::string key = *e.actor_username + "/" + *e.entity_id;
    EXPECT_EQ(++seen[key], 1) << key << " recorded twice";
    const std::string entity = *e.entity_id;
    if (!entity.ends_with("-0")) {
      ASSERT_LT(j + 1, listed.size());
      const AuditEntry& before = listed[j + 1];
      std::string previous = entity;
      previous.back() = static_cast<char>(previous.back() - 1);
      EXPECT_EQ(*before.entity_id, previous) << "the entries of one read are apart";
      EXPECT_EQ(before.actor_username, e.actor_username);
    }
  }
}

TEST_P(AuditTest, AnAuditedReadThatFailsOrRecordsNothingAppendsNothing) {
  Principal actor;
  actor.user_id = "u-1";
  actor.username = "ana";
  core::Status s = AuditedRead(db(), actor, [](store::Session&, auto& entries) {
    entries.push_back(AuditEvent{"person.read", "person", "p-1", "t-RO:1017", "{}"});
    return core::Status::PermissionDenied("auth.forbidden");
  });
  EXPECT_EQ(s.code(), "auth.forbidden");
  s = AuditedRead(db(), actor, [](store::Session&, auto&) { return core::Status::Ok(); });
  EXPECT_TRUE(s.ok()) << s.ToString();
  // An action the log does not know is a bug, caught before anything is queued.
  s = AuditedRead(db(), actor, [](store::Session&, auto& entries) {
    entries.push_back(AuditEvent{"person.peek", "person", "p-1", "", "{}"});
    return core::Status::Ok();
  });
  EXPECT_EQ(s.kind(), core::StatusKind::kInternal);
  EXPECT_EQ(Verify().entries, 0);
  s = AuditedRead(db(), actor, [](store::Session&, auto& entries) {
    entries.push_back(AuditEvent{"person.read", "person", "p-1", "t-RO:1017", "{}"});
    return core::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Verify().entries, 1);
}

TEST_P(AuditTest, DatabaseRefusesToRewriteAnEntry) {
  Append(1);
  core::Status s = db().Write([](store::Session& tx) {
    auto r = tx.Exec("UPDATE audit_log SET detail = ? WHERE seq = 1", {std::string("{}")});
    return r.ok() ? core::Status::Ok() : r.status();
  });
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(Verify().ok);
}

TEST_P(AuditTest, DetectsAlteredDetail) {
  Append(4);
  Tamper("UPDATE audit_log SET detail = '{\"why\":\"nothing to see\"}' WHERE seq = 2");
  AuditVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_EQ(v.problem, "hash mismatch");
}

TEST_P(AuditTest, DetectsRehashedEntryByTheBrokenLink) {
  Append(3);
  // A forger who recomputes entry 2's hash still breaks entry 3's prev_hash.
  Tamper("UPDATE audit_log SET hash = 'ffff' WHERE seq = 2");
  AuditVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 2);
}

TEST_P(AuditTest, DetectsDeletedMiddleEntry) {
  Append(5);
  Tamper("DELETE FROM audit_log WHERE seq = 3");
  AuditVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_EQ(v.problem, "gap before");
}

TEST_P(AuditTest, DetectsDeletedLastEntryByTheHead) {
  Append(5);
  Tamper("DELETE FROM audit_log WHERE seq = 5");
  AuditVerification v = Verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 5);
  EXPECT_EQ(v.problem, "head mismatch");
}

TEST_P(AuditTest, HashCoversEveryFieldUnambiguously) {
  AuditRecord a;
  a.seq = 1;
  a.at = "2026-03-01T08:00:00.000Z";
  a.action = "user.create";
  a.entity_type = "user";
  a.prev_hash = std::string(64, '0');
  AuditRecord b = a;
  b.actor_id = "";  // empty is not NULL
  EXPECT_NE(AuditHash(a), AuditHash(b));
  AuditRecord c = a;
  c.action = "user.creat";
  c.entity_type = "euser";  // the same concatenation, other fields
  EXPECT_NE(AuditHash(a), AuditHash(c));
  EXPECT_EQ(AuditHash(a), AuditHash(a));
}

TEST_P(AuditTest, ListsNewestFirstWithinScope) {
  Append(3, "t-RO:1017");
  Append(2, "t-UA");
  Append(1, "");
  AuditQuery regional;
  regional.scope_roots = {"/RO/RO:10/"};
  regional.limit = 50;
  std::vector<AuditEntry> ro = List(regional);
  ASSERT_EQ(ro.size(), 3u);
  EXPECT_EQ(ro[0].seq, 3);
  EXPECT_EQ(ro[2].seq, 1);
  EXPECT_EQ(ro[0].territory_code, "RO:1017");
  EXPECT_EQ(ro[0].actor_username, "ana");

  regional.scope_roots = {"/RO/RO:101/"};
  EXPECT_TRUE(List(regional).empty());

  AuditQuery everything;
  everything.installation_wide = true;
  everything.limit = 2;
  std::vector<AuditEntry> page = List(everything);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, 6);
  EXPECT_FALSE(page[0].territory_code.has_value());
  everything.before_seq = page[1].seq;
  everything.limit = 50;
  EXPECT_EQ(List(everything).size(), 4u);

  AuditQuery filtered;
  filtered.installation_wide = true;
  filtered.entity_id = "p-1";
  filtered.actor_username = "ana";
  EXPECT_EQ(List(filtered).size(), 2u);  // p-1 in Romania and in Ukraine
  filtered.from = "2999-01-01T00:00:00.000Z";
  EXPECT_TRUE(List(filtered).empty());
}

TEST_P(AuditTest, ActorFilterMatchesPartOfTheUserNameInAnyCase) {
  Append(2);
  AuditQuery query;
  query.installation_wide = true;
  for (const char* part : {"an", "AN", "n", "ana"}) {
    query.actor_username = part;
    EXPECT_EQ(List(query).size(), 2u) << part;
  }
  for (const char* part : {"anab", "%", "_"}) {
    query.actor_username = part;
    EXPECT_TRUE(List(query).empty()) << part;
  }
}

TEST_P(AuditTest, RefusesAnActionNotListed) {
  Principal actor;
  actor.user_id = "u-1";
  actor.username = "ana";
  core::Status s = db().Write([&](store::Session& tx) {
    return AppendAudit(tx, &actor, AuditEvent{"person.peek", "person", "p-1", "", "{}"});
  });
  EXPECT_EQ(s.kind(), core::StatusKind::kInternal);
}

SOCIUS_INSTANTIATE_BACKENDS(AuditTest);

}  // namespace
}  // namespace socius::auth
