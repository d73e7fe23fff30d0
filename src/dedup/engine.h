#pragma once

// The record-linkage engine: which registered persons are probably the same person. Pure
// computation over records already read (no I/O, no SQL), so the batch run, the check on
// entry and the benchmark share it.
//
//  1. Blocking: candidate pairs are the records that share at least one blocking key (the
//     family-name key with the birth year; the given-name key with the birth date; the
//     family key's first letters with the given key's; an identifier; a phone number; ...),
//     so that true pairs meet at least once while the comparisons stay near-linear. A block
//     larger than Options::max_block is cut into windows (sorted neighbourhood), which bounds
//     the comparisons per record.
//  2. Comparison: each field of a pair gets an agreement level (Level below): names on their
//     match keys (same key, another form of one given name, Jaro-Winkler and edit distance),
//     birth dates (same, one part differs, day and month transposed, ...), identifiers,
//     settlement, household, phone, sex.
//  3. Fellegi-Sunter: every level of every field has m = P(level | same person) and
//     u = P(level | different persons); its weight is log2(m / u), and a pair's match weight
//     is the prior's log-odds plus the sum of its fields' weights (fields that go together
//     count once: when the household agrees, an agreeing family name and settlement add
//     nothing, as a household's members share them). m and λ (the prior) are
//     estimated without labels by expectation-maximisation over the candidate pairs; u from
//     random pairs. A name that agrees exactly has its weight adjusted by how common that key
//     is (term frequency): two "Ivanov Ivan" are weaker evidence than two "Shcherbyna
//     Yevdokiia".
//  4. Clustering: pairs above the threshold are joined into groups best first, and two groups
//     join only when every pair across them scores at least Options::group_probability, so one
//     weak link never chains strangers together.
//
// Every score decomposes into the per-field weights shown to the user (Explain).
// Thread-safe: functions share no state; Run uses Options::threads threads.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "nlohmann/json_fwd.hpp"

namespace socius::dedup {

// One person as the engine sees it. Keys are text::NameMatchKey of each name part; empty
// when unknown. Dates 0 when unknown (a year alone is possible).
struct Record {
  std::string id;  // the caller's (a person id); the engine only carries it
  std::string family_key, given_key, patronymic_key;
  int16_t birth_year = 0;
  int8_t birth_month = 0, birth_day = 0;
  char sex = 0;  // 'f', 'm' or 0
  // "SCHEME:value" of each national identifier, sorted.
  std::vector<std::string> identifiers;
  std::string settlement;  // a settlement id, else the community id
  std::string household;   // household id, "" when none
  std::string phone;       // digits only, the last 9 (so +373 and 0 prefixes meet); "" none
};

// A person's fields as stored (the registry's columns), for RecordOf.
struct PersonFields {
  std::string id;
  std::string given_name, family_name;
  std::optional<std::string> patronymic;
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  std::optional<std::string> sex;         // "female", "male"
  std::vector<std::string> identifiers;   // "SCHEME:value"
  std::string settlement;                 // settlement id, else community id
  std::optional<std::string> household_id;
  std::optional<std::string> phone;  // as typed
};

// The record of a person: each name part keyed with text::NameMatchKey, the birth date split,
// the phone reduced to its last nine digits (+373 69 123 456 and 069123456 meet), the
// identifiers sorted.
Record RecordOf(const PersonFields& person);

// text::NameMatchKey of name parts, remembered. An import meets the same given and family
// names again and again, and each key is an ICU transliteration. One thread's.
class NameKeys {
 public:
  const std::string& Of(const std::string& part);

 private:
  static constexpr size_t kMaxRemembered = 200'000;  // then it starts again
  std::unordered_map<std::string, std::string> keys_;
};

// RecordOf, with the name keys taken from (and left in) `keys`.
Record RecordOf(const PersonFields& person, NameKeys& keys);

enum class Field : uint8_t {
  kFamilyName,
  kGivenName,
  kPatronymic,
  kBirthDate,
  kIdentifier,
  kSettlement,
  kHousehold,
  kPhone,
  kSex,
};
inline constexpr size_t kFieldCount = 9;
std::string_view Name(Field field);  // "family_name", "given_name", "patronymic",
                                     // "birth_date", "identifier", "settlement",
                                     // "household", "phone", "sex"

// The agreement level of one field of a pair. Not every level applies to every field:
//   names:      kSame (same key), kForm (another form of the same given name, e.g. Ганна and
//               Анна; given names only), kClose (Jaro-Winkler ≥ 0.92 or one edit),
//               kSimilar (Jaro-Winkler ≥ 0.80), kDifferent, kMissing (either side empty)
//   birth date: kSame, kOnePart (one of day, month, year differs), kTransposed (day and month
//               swapped), kSimilar (same year, or years one apart with same day and month),
//               kDifferent, kMissing
//   identifier: kSame (one shared scheme:value), kDifferent (a shared scheme with different
//               values), kMissing (no scheme in common)
//   settlement, household, phone, sex: kSame, kDifferent, kMissing
enum class Level : uint8_t {
  kSame,
  kForm,
  kClose,
  kSimilar,
  kOnePart,
  kTransposed,
  kDifferent,
  kMissing,
};
inline constexpr size_t kLevelCount = 8;
std::string_view Name(Level level);  // "same", "form", "close", "similar", "one_part",
                                     // "transposed", "different", "missing"

// The levels of one pair, one per field (indexed by Field).
using Levels = std::array<Level, kFieldCount>;

// The agreement levels of a pair (step 2). Pure.
Levels Compare(const Record& a, const Record& b);

// Jaro-Winkler similarity of two byte strings (match keys are ASCII), in [0, 1]; the prefix
// scale 0.1 over at most 4 characters. Exposed for tests.
double JaroWinkler(std::string_view a, std::string_view b);

// The Fellegi-Sunter parameters: m and u per field and level, the prior probability that a
// candidate pair is a match, and the term frequencies of family and given name keys.
struct Model {
  std::array<std::array<double, kLevelCount>, kFieldCount> m{};
  std::array<std::array<double, kLevelCount>, kFieldCount> u{};
  // λ: P(match) for two records drawn at random, the population u is measured on, so that
  // the prior and the weights speak of the same pairs. EM counts the matches among the
  // candidate pairs (blocking leaves out almost none) and divides by all pairs.
  double prior = 1e-4;
  // Share of records holding each key (only keys held by more than one record are kept);
  // a key absent here counts as held by one record in `records`.
  std::vector<std::pair<std::string, double>> family_frequency, given_frequency;  // sorted
  int64_t records = 0;
  int em_iterations = 0;  // how many EM rounds ran (0: the defaults)

  // Defaults from the literature, for the check on entry before any batch run has trained
  // one: identifiers and birth dates strong, settlements weak.
  static Model Defaults();
  nlohmann::json ToJson() const;
  static std::optional<Model> FromJson(const nlohmann::json& json);
};

// One field's part of a score.
struct FieldWeight {
  Field field;
  Level level;
  double weight;  // log2(m/u), term-frequency adjusted for exact names; 0 for kMissing and
                  // for an agreeing family name or settlement when the household agrees
};

struct Score {
  double match_weight = 0;          // log2 odds: log2(prior/(1-prior)) + Σ weights
  double probability = 0;           // 2^w / (1 + 2^w)
  std::vector<FieldWeight> fields;  // every field, in Field order
};

// The score of a pair under `model`, with its explanation. Pure.
Score Explain(const Model& model, const Record& a, const Record& b);

// Scores many pairs under one model: the weights are computed once (Explain computes them
// for every pair). For the import, which compares each row with a few registered persons.
namespace internal {
struct Weights;
}

class Scorer {
 public:
  explicit Scorer(Model model);
  ~Scorer();
  Scorer(const Scorer&) = delete;
  Scorer& operator=(const Scorer&) = delete;
  // Explain(model, a, b).probability, without the explanation.
  double Probability(const Record& a, const Record& b) const;

 private:
  Model model_;
  std::unique_ptr<const internal::Weights> weights_;
};

struct Options {
  double threshold = 0.90;          // a pair is proposed from this probability
  double group_probability = 0.50;  // two groups join only if every cross pair reaches this
  size_t max_block = 64;            // records compared together at most, per blocking key
  // A block larger than max_block is sorted and each record meets only the next window - 1.
  size_t window = 16;
  int em_max_iterations = 25;
  int threads = 2;
  uint64_t seed = 1;  // for the random pairs u is estimated from
  // Training off: score with `model` as given (the check on entry, tests).
  bool train = true;
  Model model = Model::Defaults();
};

struct ScoredPair {
  uint32_t a = 0, b = 0;  // indexes into the records, a < b
  double probability = 0;
  double match_weight = 0;
  Levels levels{};
};

struct RunStats {
  int64_t records = 0;
  int64_t candidate_pairs = 0;  // distinct pairs compared after blocking
  int64_t proposed_pairs = 0;   // pairs at or above the threshold
  int64_t groups = 0;           // groups of two or more records
  double blocking_seconds = 0, training_seconds = 0, scoring_seconds = 0, clustering_seconds = 0;
};

inline constexpr uint32_t kNoGroup = UINT32_MAX;

struct RunResult {
  Model model;                    // as trained (or as given)
  std::vector<ScoredPair> pairs;  // proposed pairs, best first
  // Groups of two or more record indexes; pairs of one group share its index here.
  std::vector<std::vector<uint32_t>> groups;
  // Parallel to `pairs`; kNoGroup when the pair's records stayed apart (a cross pair of
  // their groups scored below Options::group_probability).
  std::vector<uint32_t> group_of_pair;
  RunStats stats;
};

// Steps 1-4 over `records`. `progress` (optional) is called now and then with the share done,
// in [0, 1], from the calling thread. `excluded(a, b)` (optional; indexes, a < b) leaves a
// pair out of the proposals (pairs already marked "not the same person").
RunResult Run(const std::vector<Record>& records, const Options& options,
              const std::function<void(double)>& progress = nullptr,
              const std::function<bool(uint32_t, uint32_t)>& excluded = nullptr);

// The candidate pairs of `records` by blocking alone (step 1), a < b, sorted. For the
// benchmark's pair completeness and for tests.
std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(const std::vector<Record>& records,
                                                          const Options& options);

}  // namespace socius::dedup
