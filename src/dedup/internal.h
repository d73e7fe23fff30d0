#pragma once

// What the engine's steps share (engine.h is the contract): the weights of a model in a form
// cheap to apply to millions of pairs, the levels of a pair packed in one integer, and the
// chunked parallel loop. Private to src/dedup.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dedup/engine.h"

namespace socius::dedup::internal {

// Probabilities are never taken below this, so that no weight is infinite.
inline constexpr double kFloor = 1e-6;

// The levels of a pair, three bits per field (Field order from the low bits).
using Pattern = uint32_t;
inline Pattern Pack(const Levels& levels) {
  Pattern p = 0;
  for (size_t f = 0; f < kFieldCount; ++f) p |= static_cast<Pattern>(levels[f]) << (3 * f);
  return p;
}
inline Level LevelOf(Pattern p, size_t field) {
  return static_cast<Level>((p >> (3 * field)) & 7u);
}
inline Levels Unpack(Pattern p) {
  Levels levels{};
  for (size_t f = 0; f < kFieldCount; ++f) levels[f] = LevelOf(p, f);
  return levels;
}

// True when `a` and `b` are at most one edit apart (insertion, deletion, substitution or the
// swap of two neighbours): text::BoundedEditDistance(a, b, 1) <= 1, without its allocations.
bool WithinOneEdit(std::string_view a, std::string_view b);

// The records as numbers, for comparing millions of pairs: every distinct name key, settlement,
// household, phone and identifier gets a number (0: none), so that equal values are equal
// numbers and a pair touches one small struct per record.
struct Interned {
  struct Person {
    uint32_t family = 0, given = 0, patronymic = 0;
    int16_t birth_year = 0;
    int8_t birth_month = 0, birth_day = 0;
    char sex = 0;
    uint32_t settlement = 0, household = 0, phone = 0;
    uint32_t identifiers_begin = 0, identifiers_end = 0;  // into `identifiers`
  };
  std::vector<Person> persons;
  std::vector<std::pair<uint32_t, uint32_t>> identifiers;  // (scheme, identifier)
  std::string name_text;                     // every distinct name key, one after another
  std::vector<std::string_view> names;       // the key of each name number, in name_text
  std::vector<uint32_t> first_word;          // of each given name number: its first word's number
  std::vector<std::vector<uint32_t>> forms;  // of given names and first words: other forms
};
Interned Intern(const std::vector<Record>& records, int threads = 1);

// Compare(records[a], records[b]), on the numbers.
Levels Compare(const Interned& interned, uint32_t a, uint32_t b);

// log2(m/u) of every field and level, 0 for kMissing; and the prior's log-odds.
struct Weights {
  std::array<std::array<double, kLevelCount>, kFieldCount> weight{};
  double prior_log_odds = 0;
  bool term_frequency = false;  // the model carries key frequencies (records > 0)
};
Weights WeightsOf(const Model& model);

// The weight of an exact agreement on `key` of a name field (family or given): m of kSame
// over the key's frequency. Without frequencies in the model, the field's plain weight.
double ExactNameWeight(const Model& model, const Weights& weights, Field field,
                       std::string_view key);

// The match weight of a pair from its levels, with `family_exact` and `given_exact` the
// weights ExactNameWeight gives for their keys (used only when that field is kSame). When
// `fields` is not null, it receives every field's part. Run and Explain both score through
// here, so their probabilities are equal.
double MatchWeight(const Weights& weights, const Levels& levels, double family_exact,
                   double given_exact, std::vector<FieldWeight>* fields = nullptr);

inline double Probability(double match_weight) { return 1.0 / (1.0 + std::exp2(-match_weight)); }

// Calls work(chunk) for every chunk in [0, chunks) over `threads` threads, the calling one
// among them; `progress` (optional) is called from the calling thread with the share of
// chunks done.
void ParallelFor(size_t chunks, int threads, const std::function<void(size_t)>& work,
                 const std::function<void(double)>& progress = nullptr);

// u of every field and level from `samples` random pairs of `records` (seeded).
void EstimateU(const Interned& records, uint64_t seed, size_t samples, int threads, Model& model);

// m and the prior by expectation-maximisation over the candidate pairs, given as the count of
// pairs of each pattern, out of `all_pairs` pairs of records; u stays. Returns the rounds run.
int EstimateM(const std::vector<std::pair<Pattern, int64_t>>& pattern_counts, double all_pairs,
              int max_rounds, Model& model);

// The key frequencies of the records' family and given names (keys held more than once).
void CountNameFrequencies(const std::vector<Record>& records, Model& model);

// Groups of the proposed `pairs` (best first), joined only when every cross pair scores at
// least `group_probability` under `score(a, b)`; `excluded` pairs never join. Fills the
// result's groups and group_of_pair.
void Cluster(size_t record_count, const std::vector<ScoredPair>& pairs, double group_probability,
             const std::function<double(uint32_t, uint32_t)>& score,
             const std::function<bool(uint32_t, uint32_t)>& excluded, RunResult& result);

// The candidate pairs as (a << 32 | b), a < b, sorted and distinct.
std::vector<uint64_t> CandidateKeys(const std::vector<Record>& records, const Options& options);

}  // namespace socius::dedup::internal
