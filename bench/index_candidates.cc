#include "index_candidates.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "bench_registry_common.h"
#include "person_gen.h"
#include "registry/repository.h"
#include "text/similarity.h"

namespace socius::bench {

namespace {

using core::Status;
using store::Value;

// As registry::PersonIndex: at most 4 query words and 8 name words take part.
constexpr size_t kMaxQueryWords = 4;
constexpr size_t kMaxPersonWords = 8;
// Rows an exact or word-start stage of the FTS5 search reads at most (as SearchPersons pages
// through at most registry::kMaxSearchResults).
constexpr int64_t kMaxStageRows = 1000;
constexpr int kGapScale = 1024;
constexpr int kMaxGap = 255;
constexpr int kNoMatch = -1;

double MiB(int64_t bytes) { return static_cast<double>(bytes) / 1048576.0; }

std::string Format(const char* format, double a, double b = 0, double c = 0) {
  char text[256];
  std::snprintf(text, sizeof text, format, a, b, c);
  return text;
}

int32_t Pack(const std::optional<core::Date>& d) {
  return d ? d->year * 10000 + d->month * 100 + d->day : 0;
}

std::vector<std::string_view> SplitWords(std::string_view key, size_t max) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start < key.size() && words.size() < max) {
    size_t end = key.find(' ', start);
    if (end == std::string_view::npos) end = key.size();
    if (end > start) words.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::vector<std::string> QueryWords(const registry::IndexQuery& query) {
  const size_t n = std::min(query.words.size(), kMaxQueryWords);
  return {query.words.begin(), query.words.begin() + static_cast<std::ptrdiff_t>(n)};
}

// The yyyymmdd range the query's birth date or year allows.
std::pair<int64_t, int64_t> BirthRange(const registry::IndexQuery& query) {
  if (query.birth_date) return {Pack(query.birth_date), Pack(query.birth_date)};
  if (query.birth_year) return {*query.birth_year * 10000LL, *query.birth_year * 10000LL + 9999};
  return {0, 99'999'999};
}

// A row a backend returned, in the backend's order.
struct Found {
  uint64_t ordinal = 0;
  std::string name_key;
};

// The cost of query word `q` against name word `w`, with PersonIndex's bounds: quality (0
// exact, 1 prefix of a word of 2+ letters, 1 + edits within 1 for 3..4 letters, 2 for longer)
// times kGapScale plus the difference of their lengths; kNoMatch when none applies.
int WordCost(std::string_view q, std::string_view w) {
  const int gap =
      std::min(kMaxGap, std::abs(static_cast<int>(w.size()) - static_cast<int>(q.size())));
  if (q == w) return 0;
  if (q.size() >= 2 && w.starts_with(q)) return kGapScale + gap;
  if (q.size() < 3) return kNoMatch;
  const int max_edits = q.size() <= 4 ? 1 : 2;
  if (gap > max_edits) return kNoMatch;
  const int d = text::BoundedEditDistance(q, w, max_edits);
  return d <= max_edits ? (1 + d) * kGapScale + gap : kNoMatch;
}

// The least total cost giving each query word its own name word; kNoMatch when impossible.
// `worst`: the largest quality of the assignment chosen.
int BestAssignment(const std::vector<std::vector<int>>& c, size_t i, uint32_t used, int* worst) {
  if (i == c.size()) return 0;
  int best = kNoMatch;
  int best_worst = 0;
  for (size_t j = 0; j < c[i].size(); ++j) {
    if (((used >> j) & 1u) != 0 || c[i][j] == kNoMatch) continue;
    int rest_worst = 0;
    const int rest = BestAssignment(c, i + 1, used | (1u << j), &rest_worst);
    if (rest == kNoMatch) continue;
    if (best == kNoMatch || c[i][j] + rest < best) {
      best = c[i][j] + rest;
      best_worst = std::max(c[i][j] / kGapScale, rest_worst);
    }
  }
  *worst = best_worst;
  return best;
}

// The first `limit` of `found` ranked as PersonIndex ranks its hits: by kind (exact, prefix,
// typo), total distance, closeness in length, fewer extra name words; then the backend's
// order. Rows whose words do not all match within the bounds follow, in the backend's order.
OrdinalPage RankByEdits(const std::vector<std::string>& words, const std::vector<Found>& found,
                        size_t limit) {
  // (kind, distance, gap, extra words, position); kind 3: not verified
  std::vector<std::tuple<int, int, int, int, size_t>> ranked;
  ranked.reserve(found.size());
  std::vector<std::vector<int>> cost(words.size());
  for (size_t position = 0; position < found.size(); ++position) {
    const std::vector<std::string_view> name =
        SplitWords(found[position].name_key, kMaxPersonWords);
    for (size_t i = 0; i < words.size(); ++i) {
      cost[i].clear();
      for (std::string_view w : name) cost[i].push_back(WordCost(words[i], w));
    }
    int worst = 0;
    const int total = BestAssignment(cost, 0, 0, &worst);
    const int extra = static_cast<int>(name.size()) - static_cast<int>(words.size());
    if (total == kNoMatch) {
      ranked.emplace_back(3, 0, 0, 0, position);
    } else {
      ranked.emplace_back(std::min(worst, 2), total / kGapScale, total % kGapScale, extra,
                          position);
    }
  }
  const size_t keep = std::min(limit, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                    ranked.end());
  OrdinalPage page;
  for (size_t i = 0; i < keep; ++i) page.push_back(found[std::get<4>(ranked[i])].ordinal);
  return page;
}

// Runs `sql` (selecting an ordinal and a name key) and appends the rows not seen yet.
Status Fetch(store::Session& tx, std::string_view sql, const std::vector<Value>& params,
             std::vector<Found>& found, std::unordered_set<uint64_t>& seen) {
  auto rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  for (const store::Row& row : *rows) {
    const auto ordinal = static_cast<uint64_t>(row.Int(0));
    if (seen.insert(ordinal).second) found.push_back(Found{ordinal, row.Text(1)});
  }
  return Status::Ok();
}

// The FTS5 match of every query word as a whole word (" ivan ") or as a word start (" iv"):
// an AND of phrases, which the spaces around the stored key anchor to word ends.
std::string AllWords(const std::vector<std::string>& words, bool whole) {
  std::string match;
  for (const std::string& w : words) {
    const std::string phrase = " " + w + (whole ? " " : "");
    if (phrase.size() < 3) continue;  // too short for a trigram: left to RankByEdits
    if (!match.empty()) match += " AND ";
    match += "\"" + phrase + "\"";
  }
  return match;
}

// Some trigram of each query word, space-padded: an AND over the words of an OR over the
// word's trigrams, the candidates of a typo. (An OR of every trigram of every word matches
// several times more rows, each of which bm25 then scores.)
std::string SomeTrigramOfEach(const std::vector<std::string>& words) {
  std::string match;
  for (const std::string& w : words) {
    const std::string padded = " " + w + " ";
    std::set<std::string> trigrams;
    for (size_t i = 0; i + 3 <= padded.size(); ++i) trigrams.insert(padded.substr(i, 3));
    std::string any;
    for (const std::string& t : trigrams) any += (any.empty() ? "\"" : " OR \"") + t + "\"";
    match += (match.empty() ? "(" : " AND (") + any + ")";
  }
  return match;
}

// The query of the pg_trgm candidate, one statement: the query words (space-joined) as a
// word_similarity match (`<%`, which the GIN index serves, under the threshold set for the
// transaction) with the birth filter, most similar first, the top `candidates` rows; ranked
// then by RankByEdits. `<%` rather than `%`: the whole-string similarity of `%` would
// penalise every name word not typed (a patronymic, a second given name).
class PgTrgmSearch : public NameSearch {
 public:
  PgTrgmSearch(std::unique_ptr<store::Database> db, double threshold, size_t candidates)
      : db_(std::move(db)),
        set_threshold_(Format("SET LOCAL pg_trgm.word_similarity_threshold = %.2f", threshold)),
        candidates_(candidates) {}
  ~PgTrgmSearch() override {
    (void)db_->Write(
        [](store::Session& tx) { return tx.ExecScript("DROP TABLE bench_person_names"); });
    db_->Close();
  }

  OrdinalPage Search(const registry::IndexQuery& query, size_t limit) override {
    static constexpr std::string_view kSql =
        "SELECT ordinal, name_key FROM bench_person_names "
        "WHERE ? <% name_key AND birth BETWEEN ? AND ? "
        "ORDER BY word_similarity(?, name_key) DESC, ordinal LIMIT ?";
    const std::vector<std::string> words = QueryWords(query);
    if (words.empty()) return {};
    std::string text;
    for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
    const auto [low, high] = BirthRange(query);
    std::vector<Found> found;
    std::unordered_set<uint64_t> seen;
    Check(db_->Read([&](store::Session& tx) -> Status {
      SOCIUS_RETURN_IF_ERROR(tx.ExecScript(set_threshold_));
      return Fetch(tx, kSql, {text, low, high, text, static_cast<int64_t>(candidates_)}, found,
                   seen);
    }),
          "pg_trgm search");
    return RankByEdits(words, found, limit);
  }

 private:
  std::unique_ptr<store::Database> db_;
  std::string set_threshold_;
  size_t candidates_;
};

// Inserts `rows` with `insert` (one row's placeholders: "(?, ?, ?)"), `per_statement` rows a
// statement, kLoadBatch rows a transaction.
void InsertRows(store::Database& db, const std::string& insert_head,
                const std::vector<NameKeyRow>& rows, size_t per_statement,
                const std::string& what) {
  for (size_t done = 0; done < rows.size();) {
    const size_t batch_end = std::min(rows.size(), done + static_cast<size_t>(kLoadBatch));
    Check(db.Write([&](store::Session& tx) -> Status {
      while (done < batch_end) {
        const size_t n = std::min(per_statement, batch_end - done);
        std::string sql = insert_head;
        std::vector<Value> params;
        params.reserve(3 * n);
        for (size_t i = 0; i < n; ++i) {
          sql += i == 0 ? " (?, ?, ?)" : ", (?, ?, ?)";
          const NameKeyRow& row = rows[done + i];
          params.emplace_back(static_cast<int64_t>(row.ordinal));
          params.emplace_back(row.name_key);
          params.emplace_back(static_cast<int64_t>(row.birth));
        }
        auto r = tx.Exec(sql, params);
        if (!r.ok()) return r.status();
        done += n;
      }
      return Status::Ok();
    }),
          what);
  }
}

}  // namespace

Fts5Search::Fts5Search(std::unique_ptr<store::Database> db, size_t candidates)
    : db_(std::move(db)), candidates_(candidates) {}

Fts5Search::~Fts5Search() { db_->Close(); }

OrdinalPage Fts5Search::Search(const registry::IndexQuery& query, size_t limit) {
  static constexpr std::string_view kStage =
      "SELECT rowid, name_key FROM person_names WHERE person_names MATCH ? "
      "AND birth BETWEEN ? AND ? LIMIT ?";
  static constexpr std::string_view kTypos =
      "SELECT rowid, name_key FROM person_names WHERE person_names MATCH ? "
      "AND birth BETWEEN ? AND ? ORDER BY rank LIMIT ?";
  const std::vector<std::string> words = QueryWords(query);
  if (words.empty()) return {};
  const auto [low, high] = BirthRange(query);
  std::vector<Found> found;
  std::unordered_set<uint64_t> seen;
  Check(db_->Read([&](store::Session& tx) -> Status {
    for (const bool whole : {true, false}) {
      const std::string match = AllWords(words, whole);
      if (match.empty()) continue;
      SOCIUS_RETURN_IF_ERROR(Fetch(tx, kStage, {match, low, high, kMaxStageRows}, found, seen));
      if (found.size() >= limit) return Status::Ok();
    }
    if (typo_stage_ == TypoStage::kWhenNothingFound && !found.empty()) return Status::Ok();
    return Fetch(tx, kTypos,
                 {SomeTrigramOfEach(words), low, high, static_cast<int64_t>(candidates_)}, found,
                 seen);
  }),
        "FTS5 search");
  return RankByEdits(words, found, limit);
}

std::vector<NameKeyRow> ReadNameKeyRows(store::Database& db) {
  std::vector<NameKeyRow> rows;
  Check(db.Read([&](store::Session& tx) {
    return registry::ForEachIndexRow(tx, [&](const registry::IndexRow& row) {
      const std::optional<uint64_t> ordinal = OrdinalOfPersonId(row.id);
      if (ordinal) rows.push_back(NameKeyRow{*ordinal, Pack(row.birth_date), row.name_key});
    });
  }),
        "reading the index rows");
  return rows;
}

std::unique_ptr<Fts5Search> BuildFts5Search(const std::string& path,
                                            const std::vector<NameKeyRow>& rows, size_t candidates,
                                            BuildFigures* figures) {
  auto opened = store::Database::Open("sqlite:" + path);
  Check(opened.status(), "opening " + path);
  std::unique_ptr<store::Database> db = std::move(*opened);
  auto database_bytes = [&] {
    int64_t bytes = 0;
    Check(db->Read([&](store::Session& tx) -> Status {
      auto r = tx.Query("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
      if (!r.ok()) return r.status();
      bytes = r->rows.at(0).Int(0);
      return Status::Ok();
    }),
          "FTS5 database size");
    return bytes;
  };
  Check(db->Write([](store::Session& tx) {
    return tx.ExecScript(
        "CREATE VIRTUAL TABLE person_names USING fts5(name_key, birth UNINDEXED, "
        "tokenize = 'trigram')");
  }),
        "creating the FTS5 table");
  const int64_t empty_bytes = database_bytes();

  const auto start = Clock::now();
  std::vector<NameKeyRow> padded;
  padded.reserve(rows.size());
  for (const NameKeyRow& row : rows)
    padded.push_back({row.ordinal, row.birth, " " + row.name_key + " "});
  InsertRows(*db, "INSERT INTO person_names (rowid, name_key, birth) VALUES", padded, 1,
             "FTS5 inserts");
  const double insert_seconds = Seconds(start);
  const auto optimize_start = Clock::now();
  Check(db->Write([](store::Session& tx) {
    return tx.ExecScript("INSERT INTO person_names (person_names) VALUES ('optimize')");
  }),
        "FTS5 optimize");
  figures->seconds = Seconds(start);
  figures->how = Format("INSERT of every row %.2f s, then 'optimize' (one b-tree) %.2f s",
                        insert_seconds, Seconds(optimize_start));

  // The index proper is every shadow table but the content (the keys and birth dates, which
  // a deployment could keep elsewhere with content='').
  const int64_t total_bytes = database_bytes() - empty_bytes;
  int64_t content_bytes = -1;
  Status stat = db->Read([&](store::Session& tx) -> Status {
    auto r = tx.Query("SELECT SUM(pgsize) FROM dbstat WHERE name = 'person_names_content'");
    if (!r.ok()) return r.status();
    content_bytes = r->rows.at(0).Int(0);
    return Status::Ok();
  });
  if (stat.ok()) {
    figures->bytes = total_bytes - content_bytes;
    figures->sizes = Format(
        "index (shadow tables _data, _idx, _docsize, _config; dbstat) %.1f MiB + content "
        "(_content: keys, birth dates) %.1f MiB = database growth %.1f MiB",
        MiB(figures->bytes), MiB(content_bytes), MiB(total_bytes));
  } else {
    figures->bytes = total_bytes;
    figures->sizes = Format("database growth %.1f MiB (dbstat not available: content included)",
                            MiB(total_bytes));
  }
  return std::make_unique<Fts5Search>(std::move(db), candidates);
}

std::unique_ptr<NameSearch> BuildPgTrgmSearch(const std::string& url,
                                              const std::vector<NameKeyRow>& rows, double threshold,
                                              size_t candidates, BuildFigures* figures) {
  auto opened = store::Database::Open(url);
  Check(opened.status(), "opening the PostgreSQL database");
  std::unique_ptr<store::Database> db = std::move(*opened);
  Check(db->Write([](store::Session& tx) {
    return tx.ExecScript(
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
        "DROP TABLE IF EXISTS bench_person_names;"
        "CREATE TABLE bench_person_names (ordinal bigint PRIMARY KEY, name_key text NOT NULL, "
        "birth integer NOT NULL)");
  }),
        "creating bench_person_names (pg_trgm)");

  const auto start = Clock::now();
  InsertRows(*db, "INSERT INTO bench_person_names (ordinal, name_key, birth) VALUES", rows, 1000,
             "pg_trgm inserts");
  const double insert_seconds = Seconds(start);
  const auto index_start = Clock::now();
  // The GIN index built once the rows are in (faster than row by row), with room to sort.
  Check(db->Write([](store::Session& tx) {
    return tx.ExecScript(
        "SET LOCAL maintenance_work_mem = '256MB';"
        "CREATE INDEX bench_person_names_trgm ON bench_person_names "
        "USING gin (name_key gin_trgm_ops);"
        "ANALYZE bench_person_names");
  }),
        "building the pg_trgm GIN index");
  figures->seconds = Seconds(start);
  figures->how = Format(
      "INSERT of every row (1,000 a statement) %.2f s, then CREATE INDEX ... gin_trgm_ops and "
      "ANALYZE %.2f s",
      insert_seconds, Seconds(index_start));
  int64_t table_bytes = 0;
  Check(db->Read([&](store::Session& tx) -> Status {
    auto r = tx.Query(
        "SELECT pg_relation_size('bench_person_names_trgm'), "
        "pg_table_size('bench_person_names'), pg_relation_size('bench_person_names_pkey')");
    if (!r.ok()) return r.status();
    figures->bytes = r->rows.at(0).Int(0);
    table_bytes = r->rows.at(0).Int(1);
    const int64_t pkey_bytes = r->rows.at(0).Int(2);
    figures->sizes = Format(
        "GIN index (pg_relation_size) %.1f MiB; the table it needs (keys, birth dates) %.1f "
        "MiB and its primary key %.1f MiB",
        MiB(figures->bytes), MiB(table_bytes), MiB(pkey_bytes));
    return Status::Ok();
  }),
        "pg_trgm sizes");
  return std::make_unique<PgTrgmSearch>(std::move(db), threshold, candidates);
}

}  // namespace socius::bench
