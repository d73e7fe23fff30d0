// Conformance of Session: values, placeholders, errors, streaming, RETURNING.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>

#include "store/database.h"
#include "store/migrations.h"
#include "store/sql.h"
#include "testing/test_database.h"

namespace socius::store {
namespace {

using core::StatusKind;

class StoreSessionTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db().Write([](Session& tx) {
                      return tx.ExecScript(
                          "CREATE TABLE items (id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
                          " qty BIGINT, price DOUBLE PRECISION, note TEXT,"
                          " a TEXT, b TEXT, UNIQUE (a, b))");
                    })
                    .ok());
  }

  // Rows of `sql` read in their own transaction; fails the test on error.
  Rows Select(const std::string& sql, const std::vector<Value>& params = {}) {
    Rows out;
    Status s = db().Read([&](Session& tx) {
      Result<Rows> rows = tx.Query(sql, params);
      if (!rows.ok()) return rows.status();
      out = std::move(*rows);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  Status Insert(int64_t id, const std::string& code, const Value& a = Null(),
                const Value& b = Null()) {
    return db().Write([&](Session& tx) {
      return tx.Exec("INSERT INTO items (id, code, a, b) VALUES (?, ?, ?, ?)", {id, code, a, b})
          .status();
    });
  }
};

TEST_P(StoreSessionTest, RoundTripsEveryValueTypeThroughAColumn) {
  const std::string cyrillic = "Поліщук Ірина Олексіївна";
  const std::string romanian = "Ștefan Țărână, județul Iași";
  const int64_t big = std::numeric_limits<int64_t>::max();
  const int64_t small = std::numeric_limits<int64_t>::min();
  ASSERT_TRUE(db().Write([&](Session& tx) {
                    Status s = tx.Exec(
                                     "INSERT INTO items (id, code, qty, price, note) "
                                     "VALUES (?, ?, ?, ?, ?)",
                                     {int64_t{1}, cyrillic, big, 0.1, romanian})
                                   .status();
                    if (!s.ok()) return s;
                    return tx
                        .Exec(
                            "INSERT INTO items (id, code, qty, price, note) "
                            "VALUES (?, ?, ?, ?, ?)",
                            {int64_t{2}, std::string(""), small, -2.5e300, Null()})
                        .status();
                  })
                  .ok());
  Rows rows = Select("SELECT code, qty, price, note FROM items ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at(0), Value(cyrillic));
  EXPECT_EQ(rows[0].at(1), Value(big));
  EXPECT_EQ(rows[0].at(2), Value(0.1));
  EXPECT_EQ(rows[0].at(3), Value(romanian));
  EXPECT_EQ(rows[1].at(0), Value(std::string("")));
  EXPECT_EQ(rows[1].at(1), Value(small));
  EXPECT_EQ(rows[1].at(2), Value(-2.5e300));
  EXPECT_TRUE(rows[1].IsNull(3));
  EXPECT_FALSE(rows[1].IsNull(0));
}

TEST_P(StoreSessionTest, RoundTripsEveryValueTypeAsABareParameter) {
  Rows rows =
      Select("SELECT ?, ?, ?, ?", {int64_t{-7}, 1.5, std::string("Ţară şi ţară — Київ"), Null()});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at(0), Value(int64_t{-7}));
  EXPECT_EQ(rows[0].at(1), Value(1.5));
  EXPECT_EQ(rows[0].at(2), Value(std::string("Ţară şi ţară — Київ")));
  EXPECT_TRUE(rows[0].IsNull(3));
}

TEST_P(StoreSessionTest, AggregatesComeBackAsNumbers) {
  ASSERT_TRUE(db().Write([](Session& tx) {
                    return tx.ExecScript(
                        "INSERT INTO items (id, code, qty) VALUES (1, 'a', 2), (2, 'b', 3)");
                  })
                  .ok());
  Rows rows = Select("SELECT COUNT(*), SUM(qty), AVG(qty), 1 < 2 FROM items");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at(0), Value(int64_t{2}));
  EXPECT_EQ(rows[0].at(1), Value(int64_t{5}));
  EXPECT_EQ(rows[0].at(2), Value(2.5));
  EXPECT_EQ(rows[0].at(3), Value(int64_t{1}));
}

TEST_P(StoreSessionTest, LeavesQuestionMarksInsideStringLiteralsAlone) {
  ASSERT_TRUE(db().Write([](Session& tx) {
                    return tx
                        .Exec("INSERT INTO items (id, code, note) VALUES (?, 'why?', ?)",
                              {int64_t{1}, std::string("who? 'me'")})
                        .status();
                  })
                  .ok());
  Rows rows =
      Select("SELECT code, note, '?' FROM items WHERE code = 'why?' AND id = ?", {int64_t{1}});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "why?");
  EXPECT_EQ(rows[0].Text(1), "who? 'me'");
  EXPECT_EQ(rows[0].Text(2), "?");
}

TEST_P(StoreSessionTest, WrongParameterCountIsAnError) {
  Status s = db().Read([](Session& tx) { return tx.Query("SELECT ?", {}).status(); });
  EXPECT_EQ(s.kind(), StatusKind::kInternal);
}

TEST_P(StoreSessionTest, SyntaxErrorIsInternalWithTheBackendsMessage) {
  Status s = db().Read([](Session& tx) { return tx.Query("SELEC 1").status(); });
  EXPECT_EQ(s.kind(), StatusKind::kInternal);
  EXPECT_NE(s.detail().find("SELEC"), std::string::npos) << s.ToString();
}

TEST_P(StoreSessionTest, UniqueViolationIsConflictNamingTheColumn) {
  ASSERT_TRUE(Insert(1, "RO:1017").ok());
  Status s = Insert(2, "RO:1017");
  EXPECT_EQ(s.kind(), StatusKind::kConflict);
  EXPECT_EQ(s.code(), "store.unique_violation");
  EXPECT_EQ(s.field(), "code");
  s = Insert(1, "other");
  EXPECT_EQ(s.code(), "store.unique_violation");
  EXPECT_EQ(s.field(), "id");
}

TEST_P(StoreSessionTest, CompositeUniqueViolationNamesAllItsColumns) {
  ASSERT_TRUE(Insert(1, "x", std::string("u1"), std::string("worker")).ok());
  Status s = Insert(2, "y", std::string("u1"), std::string("worker"));
  EXPECT_EQ(s.code(), "store.unique_violation");
  EXPECT_EQ(s.field(), "a,b");
}

TEST_P(StoreSessionTest, ForeignKeysAreEnforced) {
  ASSERT_TRUE(db().Write([](Session& tx) {
                    return tx.ExecScript(
                        "CREATE TABLE parents (id BIGINT PRIMARY KEY);"
                        "CREATE TABLE children (id BIGINT PRIMARY KEY,"
                        " parent_id BIGINT NOT NULL REFERENCES parents (id));"
                        "INSERT INTO parents (id) VALUES (1);"
                        "INSERT INTO children (id, parent_id) VALUES (1, 1)");
                  })
                  .ok());
  Status s = db().Write([](Session& tx) {
    return tx.Exec("INSERT INTO children (id, parent_id) VALUES (?, ?)", {int64_t{2}, int64_t{2}})
        .status();
  });
  // A constraint the schema cannot name as a field: an internal error with the backend's words.
  EXPECT_EQ(s.kind(), StatusKind::kInternal) << s.ToString();
  std::string detail = s.detail();
  std::transform(detail.begin(), detail.end(), detail.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  EXPECT_NE(detail.find("foreign key"), std::string::npos) << s.ToString();
  EXPECT_EQ(Select("SELECT id FROM children").size(), 1u);
  // Deleting a parent that still has a child is refused as well.
  s = db().Write([](Session& tx) { return tx.ExecScript("DELETE FROM parents WHERE id = 1"); });
  EXPECT_EQ(s.kind(), StatusKind::kInternal) << s.ToString();
  EXPECT_EQ(Select("SELECT id FROM parents").size(), 1u);
}

TEST_P(StoreSessionTest, ReportsAffectedRowsAndRowsOfReturning) {
  Status s = db().Write([](Session& tx) -> Status {
    Result<Rows> inserted =
        tx.Query("INSERT INTO items (id, code, qty) VALUES (?, ?, ?) RETURNING id, code",
                 {int64_t{10}, std::string("Ω"), int64_t{1}});
    if (!inserted.ok()) return inserted.status();
    EXPECT_EQ(inserted->affected, 1);
    EXPECT_EQ(inserted->size(), 1u);
    EXPECT_EQ((*inserted)[0].Int(0), 10);
    EXPECT_EQ((*inserted)[0].Text(1), "Ω");
    SOCIUS_RETURN_IF_ERROR(
        tx.ExecScript("INSERT INTO items (id, code, qty) VALUES (11, 'b', 1), (12, 'c', 5)"));
    Result<Rows> updated =
        tx.Query("UPDATE items SET qty = qty + 1 WHERE qty = ? RETURNING id", {int64_t{1}});
    if (!updated.ok()) return updated.status();
    EXPECT_EQ(updated->affected, 2);
    EXPECT_EQ(updated->size(), 2u);
    Result<int64_t> deleted = tx.Exec("DELETE FROM items WHERE qty = ?", {int64_t{2}});
    if (!deleted.ok()) return deleted.status();
    EXPECT_EQ(*deleted, 2);
    Result<Rows> selected = tx.Query("SELECT id FROM items");
    if (!selected.ok()) return selected.status();
    EXPECT_EQ(selected->affected, 0);
    EXPECT_EQ(selected->size(), 1u);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

// A multi-row insert has as many shapes as it has row counts, a long IN list as many as its
// length. Each runs, with its values typed as in any statement (numbers, text, NULL); on
// PostgreSQL the shapes past 64 parameters are not prepared, so they never fill the
// connection's prepared statements.
TEST_P(StoreSessionTest, StatementsOfManyParametersRunInEveryShape) {
  int64_t next_id = 1;
  int64_t prepared_before = -1;
  for (int rows = 1; rows <= 40; ++rows) {
    Status s = db().Write([&](Session& tx) -> Status {
      if (dialect() == Dialect::kPostgres && prepared_before < 0) {
        Result<Rows> count = tx.Query("SELECT COUNT(*) FROM pg_prepared_statements");
        if (!count.ok()) return count.status();
        prepared_before = (*count)[0].Int(0);
      }
      std::string sql = "INSERT INTO items (id, code, qty, note) VALUES ";
      std::vector<Value> params;
      for (int r = 0; r < rows; ++r) {
        sql += r == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
        const int64_t id = next_id++;
        params.emplace_back(id);
        params.emplace_back("c" + std::to_string(id));
        params.emplace_back(id * 10);
        params.emplace_back(r % 2 == 0 ? Value(Null()) : Value(std::string("n\"'") + "ș"));
      }
      Result<int64_t> inserted = tx.Exec(sql, params);
      if (!inserted.ok()) return inserted.status();
      EXPECT_EQ(*inserted, rows);
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << rows << " rows: " << s.ToString();
  }
  Rows all = Select("SELECT COUNT(*), SUM(qty), COUNT(note) FROM items");
  const int64_t total = next_id - 1;
  EXPECT_EQ(all[0].Int(0), total);
  EXPECT_EQ(all[0].Int(1), 10 * total * (total + 1) / 2);
  // Long IN lists, past 64 parameters, in reads and in a streamed read.
  for (int64_t n = 65; n <= 88; ++n) {
    std::vector<Value> ids;
    for (int64_t id = 1; id <= n; ++id) ids.emplace_back(id);
    const std::string in = "SELECT id FROM items WHERE id IN (" + Placeholders(ids.size()) + ")";
    EXPECT_EQ(static_cast<int64_t>(Select(in, ids).size()), n);
    int64_t streamed = 0;
    Status s = db().Read([&](Session& tx) {
      return tx.ForEach(in, ids, [&](const Row&) {
        ++streamed;
        return true;
      });
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(streamed, n);
  }
  Rows noted = Select("SELECT note FROM items WHERE note IS NOT NULL LIMIT 1");
  ASSERT_EQ(noted.size(), 1u);
  EXPECT_EQ(noted[0].Text(0), std::string("n\"'") + "ș");
  if (dialect() == Dialect::kPostgres) {
    Status s = db().Write([&](Session& tx) -> Status {
      Result<Rows> count = tx.Query("SELECT COUNT(*) FROM pg_prepared_statements");
      if (!count.ok()) return count.status();
      // Shapes of up to 16 rows (64 parameters) are prepared; the 24 larger ones are not.
      EXPECT_LE((*count)[0].Int(0), prepared_before + 16 + 2);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

TEST_P(StoreSessionTest, ForEachStreamsEveryRowAndStopsEarlyOnRequest) {
  ASSERT_TRUE(db().Write([](Session& tx) -> Status {
                    for (int64_t i = 1; i <= 100; ++i) {
                      SOCIUS_RETURN_IF_ERROR(tx.Exec("INSERT INTO items (id, code) VALUES (?, ?)",
                                                     {i, "c" + std::to_string(i)})
                                                 .status());
                    }
                    return Status::Ok();
                  })
                  .ok());
  Status s = db().Read([](Session& tx) -> Status {
    int64_t seen = 0;
    int64_t sum = 0;
    SOCIUS_RETURN_IF_ERROR(tx.ForEach("SELECT id FROM items WHERE id > ? ORDER BY id", {int64_t{0}},
                                      [&](const Row& row) {
                                        ++seen;
                                        sum += row.Int(0);
                                        return true;
                                      }));
    EXPECT_EQ(seen, 100);
    EXPECT_EQ(sum, 5050);
    seen = 0;
    SOCIUS_RETURN_IF_ERROR(tx.ForEach("SELECT id FROM items ORDER BY id", {}, [&](const Row& row) {
      ++seen;
      return row.Int(0) < 10;
    }));
    EXPECT_EQ(seen, 10);
    // The session is usable again after an early stop.
    Result<Rows> after = tx.Query("SELECT COUNT(*) FROM items");
    if (!after.ok()) return after.status();
    EXPECT_EQ((*after)[0].Int(0), 100);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(StoreSessionTest, ForEachRefusesUseOfTheSessionInsideTheCallback) {
  ASSERT_TRUE(Insert(1, "a").ok());
  Status inner;
  Status s = db().Read([&](Session& tx) {
    return tx.ForEach("SELECT id FROM items", {}, [&](const Row&) {
      inner = tx.Query("SELECT 1").status();
      return true;
    });
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(inner.kind(), StatusKind::kInternal);
}

TEST_P(StoreSessionTest, ForEachReportsErrors) {
  Status s = db().Read([](Session& tx) {
    return tx.ForEach("SELECT * FROM no_such_table", {}, [](const Row&) { return true; });
  });
  EXPECT_FALSE(s.ok());
}

TEST_P(StoreSessionTest, MigrateTwiceAppliesNothingTheSecondTime) {
  Result<int> again = db().Migrate();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
  Rows rows = Select("SELECT COUNT(*), MAX(number) FROM schema_migrations");
  const std::vector<Migration> all = MigrationsFor(dialect());
  EXPECT_EQ(rows[0].Int(0), static_cast<int64_t>(all.size()));
  EXPECT_EQ(rows[0].Int(1), all.back().number);
}

TEST_P(StoreSessionTest, ReadTransactionsCannotWrite) {
  Status s = db().Read(
      [](Session& tx) { return tx.Exec("INSERT INTO items (id, code) VALUES (1, 'x')").status(); });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Select("SELECT COUNT(*) FROM items")[0].Int(0), 0);
}

SOCIUS_INSTANTIATE_BACKENDS(StoreSessionTest);

}  // namespace
}  // namespace socius::store
