#pragma once

// The in-process search index of the registry: finds persons by the match keys of their name
// words (text/match_key.h), cross-script and typo-tolerant, and by birth year or date, within
// the caller's territories.
//
// Layout, chosen for a million persons in little memory and a few milliseconds per query:
//  - persons are ordinals 0..n-1 with struct-of-arrays fields (id, community ordinal, birth
//    date packed as yyyymmdd, version, the ids of their name words); ids and words live in
//    one chunked arena each, found through an open-addressing table / an ordered map;
//  - every distinct name word (the vocabulary) has a sorted posting list of person ordinals;
//  - every trigram (text::Trigrams) has a list of the vocabulary words that contain it.
// A query word is matched against the vocabulary (exact, prefix through the ordered map,
// fuzzy through trigram counts then text::BoundedEditDistance), then the persons of the query
// word with the fewest postings are checked against the other query words.
//
// Thread-safe: searches share a lock and run in parallel; Upsert/Remove/Load take it alone.
// The index holds no personal data beyond ids, name keys, birth dates and community paths;
// what a result shows is read from the database.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "registry/repository.h"
#include "store/database.h"

namespace socius::registry {

// How a hit matched, best first.
enum class MatchKind { kIdentifier, kExact, kPrefix, kFuzzy };
std::string_view Name(MatchKind kind);

struct IndexQuery {
  std::vector<std::string> words;  // match keys of the name words typed (at most 4 are used)
  // Per word (may be shorter than `words`): other keys the word may be registered under
  // (text::NameReadingKeys, text::GivenNameFormKeys), matched with the same bounds as the word
  // itself; a name word found only through one ranks after one the typed key finds.
  std::vector<std::vector<std::string>> readings;
  // Per word (may be shorter than `words`): the other forms of the word as a given name
  // (text::GivenNameFormKeys). A form is a whole name, so it matches a name word exactly or
  // within the edit bounds, never as the start of a longer one (the form Matvei of Matei
  // does not reach the family name Matveeva); it ranks like a reading.
  std::vector<std::vector<std::string>> forms;
  std::optional<int> birth_year;
  std::optional<core::Date> birth_date;
};

struct IndexHit {
  std::string id;
  MatchKind kind = MatchKind::kExact;
  int distance = 0;  // sum over query words: 0 exact, 1 prefix, 1 + edits for fuzzy
};

struct IndexStats {
  size_t persons = 0;
  size_t words = 0;         // distinct name words
  size_t communities = 0;   // distinct communities with persons
  size_t memory_bytes = 0;  // approximate heap held by the index
};

class PersonIndex {
 public:
  PersonIndex();
  ~PersonIndex();
  PersonIndex(const PersonIndex&) = delete;
  PersonIndex& operator=(const PersonIndex&) = delete;

  // Replaces the contents with every person of `db`, streamed in one read transaction. Upserts
  // that arrive meanwhile are applied after the swap, so nothing written is lost. Returns the
  // store's failure (and keeps the old contents) when reading fails.
  core::Status Load(store::Database& db);

  // Adds or replaces one person. Call after the write transaction committed. A row whose
  // version is not newer than the one held is ignored, so concurrent writers may call in any
  // order.
  void Upsert(const IndexRow& row);
  void Remove(std::string_view id);

  // At most `max_hits` persons whose community lies under one of `scope` (subtree roots as
  // auth::ScopePaths gives; "/" is everything), best first: every query word must match a
  // distinct name word of the person (exact, prefix for words of 2+ letters — including the
  // continuations a last letter may take in the whole name's key, see PrefixContinuations —,
  // edit distance ≤ 1 for words of 3..4 letters, ≤ 2 for longer) — or match one of the
  // word's readings the same way —; the birth year/date, when given, must equal the person's.
  // Ordered by kind, then distance, then the words matched in the order typed, then the
  // closeness in length of the words matched to the words typed (the nearest completion or
  // correction first; a continuation after every plain prefix; a word found only through a
  // reading after one the typed key finds as well, kReadingGap), then
  // fewer extra name words, then registration order. When that finds nobody, the search is repeated
  // with the same bounds against the whole vocabulary (not only words sharing trigrams), a
  // query word matching nothing even then being left out for a penalty of 5 on the distance;
  // such hits are kFuzzy. Without words, the persons born in that year/date,
  // by birth date.
  // Every decision above (whether a word matches, which word the fallback leaves out, how
  // many words a prefix reaches) looks only at the persons in `scope` that pass the birth
  // filters: the answer is the same whatever is registered outside the caller's scope.
  std::vector<IndexHit> Search(const IndexQuery& query, const std::vector<std::string>& scope,
                               size_t max_hits) const;

  IndexStats Stats() const;

 private:
  class Data;
  mutable std::shared_mutex mutex_;
  std::unique_ptr<Data> data_;
  bool loading_ = false;           // guarded by mutex_
  std::vector<IndexRow> pending_;  // upserts during Load; guarded by mutex_
  std::vector<std::string> pending_removals_;
};

}  // namespace socius::registry
