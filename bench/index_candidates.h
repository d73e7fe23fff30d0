#pragma once

// The database-side alternatives to the in-process registry::PersonIndex that
// socius_index_choice_bench measures (ADR 0001): SQLite FTS5 with the trigram tokenizer and
// PostgreSQL pg_trgm, each over the same name match keys the PersonIndex holds, each asked
// the same parsed queries, each answering with generated persons' ordinals, best first.
//
// Both fetch candidates with their engine's own trigram matching and ranking, then re-rank
// them by edit distance over the match-key words (RankByEdits) as an engineer would who has
// text::BoundedEditDistance at hand: exact words, then prefixes, then typos, as PersonIndex
// orders its hits. Neither filters by territory (a scoped search would add a condition on
// the community path); both filter by birth year/date in SQL.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "registry/person_index.h"
#include "store/database.h"

namespace socius::bench {

// What an index keeps of one person: the row registry::PersonIndex::Load reads.
struct NameKeyRow {
  uint64_t ordinal = 0;  // of the generated person (OrdinalOfPersonId of its id)
  int32_t birth = 0;     // yyyymmdd; 0 when unknown
  std::string name_key;  // registry::PersonNameKey: the match keys of the name words
};

// Every person of `db`, through registry::ForEachIndexRow (the stream PersonIndex::Load
// reads). Exits on failure.
std::vector<NameKeyRow> ReadNameKeyRows(store::Database& db);

// A page of hits as generated persons' ordinals, best first (nullopt: not a generated person).
using OrdinalPage = std::vector<std::optional<uint64_t>>;

// One way to answer a name query.
class NameSearch {
 public:
  virtual ~NameSearch() = default;
  // At most `limit` persons matching `query`, best first. Exits on a database failure.
  virtual OrdinalPage Search(const registry::IndexQuery& query, size_t limit) = 0;
};

// What building an index cost.
struct BuildFigures {
  double seconds = 0;
  std::string how;    // the steps and their times
  int64_t bytes = 0;  // the index proper
  std::string sizes;  // the index and what it needs besides (content, table)
};

// SQLite FTS5 over " " + name_key + " " (tokenize='trigram', birth UNINDEXED; with the trigram
// tokenizer a phrase of 3+ characters matches where it occurs as a substring, so the spaces
// anchor it to word ends). A search runs, in one read transaction, while fewer than `limit`
// rows were found:
//  1. every query word as a whole word (an AND of " word " phrases) with the birth filter,
//     in rowid order (registration order, PersonIndex's last tie-break), at most 1,000 rows;
//  2. every query word as a word start (an AND of " wor" phrases), likewise;
//  3. typos: some trigram of each space-padded query word (an AND over the words of an OR
//     over each word's trigrams), best bm25 first, the top `candidates` rows; with
//     TypoStage::kWhenNothingFound only when stages 1 and 2 found nobody.
// The rows found are then re-ranked by edit distance.
class Fts5Search : public NameSearch {
 public:
  enum class TypoStage { kToFillThePage, kWhenNothingFound };
  Fts5Search(std::unique_ptr<store::Database> db, size_t candidates);
  ~Fts5Search() override;
  OrdinalPage Search(const registry::IndexQuery& query, size_t limit) override;
  void set_typo_stage(TypoStage stage) { typo_stage_ = stage; }

 private:
  std::unique_ptr<store::Database> db_;
  size_t candidates_;
  TypoStage typo_stage_ = TypoStage::kToFillThePage;
};

// Creates the FTS5 table in a new database file at `path` and inserts `rows`.
// `candidates`: rows the typo stage fetches. Exits on failure.
std::unique_ptr<Fts5Search> BuildFts5Search(const std::string& path,
                                            const std::vector<NameKeyRow>& rows, size_t candidates,
                                            BuildFigures* figures);

// PostgreSQL: table bench_person_names (replaced if there) with a GIN gin_trgm_ops index on
// name_key, in the database at `url` (pg_trgm is created there when missing).
// `threshold`: pg_trgm.word_similarity_threshold of the searches; `candidates`: rows fetched
// for re-ranking. The table is dropped when the search is destroyed.
std::unique_ptr<NameSearch> BuildPgTrgmSearch(const std::string& url,
                                              const std::vector<NameKeyRow>& rows, double threshold,
                                              size_t candidates, BuildFigures* figures);

}  // namespace socius::bench
