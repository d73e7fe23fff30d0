// Step 3: the Fellegi-Sunter model (engine.h, Model): weights, term frequencies, the
// estimation of u from random pairs and of m and the prior by expectation-maximisation, and
// the model's JSON form.

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "dedup/engine.h"
#include "dedup/internal.h"
#include "nlohmann/json.hpp"

namespace socius::dedup {
namespace internal {
namespace {

using Table = std::array<std::array<double, kLevelCount>, kFieldCount>;

double Floored(double p) { return std::max(p, kFloor); }

double LogOdds(double p) {
  p = std::clamp(p, kFloor * kFloor, 1.0 - kFloor);
  return std::log2(p / (1.0 - p));
}

// SplitMix64: a fixed algorithm, so one seed samples the same pairs everywhere.
uint64_t NextRandom(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Shares of the levels of each field among the fields that are not missing (the weights
// compare like with like); kMissing gets its share of all.
void Normalise(const Table& counts, Table& out) {
  for (size_t f = 0; f < kFieldCount; ++f) {
    double present = 0, all = 0;
    for (size_t l = 0; l < kLevelCount; ++l) {
      all += counts[f][l];
      if (static_cast<Level>(l) != Level::kMissing) present += counts[f][l];
    }
    for (size_t l = 0; l < kLevelCount; ++l) {
      const bool missing = static_cast<Level>(l) == Level::kMissing;
      const double total = missing ? all : present;
      out[f][l] = total > 0 ? counts[f][l] / total : 0;
    }
  }
}

double Share(const std::vector<std::pair<std::string, double>>& frequencies, std::string_view key,
             int64_t records) {
  auto it = std::lower_bound(frequencies.begin(), frequencies.end(), key,
                             [](const std::pair<std::string, double>& entry, std::string_view k) {
                               return entry.first < k;
                             });
  if (it != frequencies.end() && it->first == key) return it->second;
  return 1.0 / static_cast<double>(records);
}

}  // namespace

Weights WeightsOf(const Model& model) {
  Weights weights;
  for (size_t f = 0; f < kFieldCount; ++f) {
    for (size_t l = 0; l < kLevelCount; ++l) {
      if (static_cast<Level>(l) == Level::kMissing) continue;
      weights.weight[f][l] = std::log2(Floored(model.m[f][l]) / Floored(model.u[f][l]));
    }
  }
  weights.prior_log_odds = LogOdds(model.prior);
  weights.term_frequency = model.records > 0;
  return weights;
}

double ExactNameWeight(const Model& model, const Weights& weights, Field field,
                       std::string_view key) {
  const auto f = static_cast<size_t>(field);
  const auto same = static_cast<size_t>(Level::kSame);
  if (!weights.term_frequency) return weights.weight[f][same];
  const auto& frequencies =
      field == Field::kFamilyName ? model.family_frequency : model.given_frequency;
  return std::log2(Floored(model.m[f][same]) / Floored(Share(frequencies, key, model.records)));
}

double MatchWeight(const Weights& weights, const Levels& levels, double family_exact,
                   double given_exact, std::vector<FieldWeight>* fields) {
  double total = weights.prior_log_odds;
  const bool household = levels[static_cast<size_t>(Field::kHousehold)] == Level::kSame;
  for (size_t f = 0; f < kFieldCount; ++f) {
    const Level level = levels[f];
    double weight = weights.weight[f][static_cast<size_t>(level)];
    if (level == Level::kMissing) {
      weight = 0;
    } else if (level == Level::kSame && f == static_cast<size_t>(Field::kFamilyName)) {
      weight = family_exact;
    } else if (level == Level::kSame && f == static_cast<size_t>(Field::kGivenName)) {
      weight = given_exact;
    }
    // Members of one household share their settlement and mostly their family name: with the
    // household, those agreements are counted once (its own weight), never again.
    if (household && (f == static_cast<size_t>(Field::kSettlement) ||
                      f == static_cast<size_t>(Field::kFamilyName))) {
      weight = std::min(weight, 0.0);
    }
    total += weight;
    if (fields) fields->push_back({static_cast<Field>(f), level, weight});
  }
  return total;
}

void EstimateU(const Interned& records, uint64_t seed, size_t samples, int threads, Model& model) {
  if (records.persons.size() < 2 || samples == 0) return;
  constexpr size_t kChunks = 64;
  std::vector<Table> counts(kChunks, Table{});
  const uint64_t n = records.persons.size();
  ParallelFor(kChunks, threads, [&](size_t chunk) {
    uint64_t state = seed * 0x100000001b3ULL + chunk;
    const size_t from = samples * chunk / kChunks, to = samples * (chunk + 1) / kChunks;
    for (size_t i = from; i < to; ++i) {
      const uint64_t a = NextRandom(state) % n;
      uint64_t b = NextRandom(state) % (n - 1);
      if (b >= a) ++b;
      const Levels levels = Compare(records, static_cast<uint32_t>(a), static_cast<uint32_t>(b));
      for (size_t f = 0; f < kFieldCount; ++f) {
        counts[chunk][f][static_cast<size_t>(levels[f])] += 1;
      }
    }
  });
  Table total{};
  for (const Table& c : counts) {
    for (size_t f = 0; f < kFieldCount; ++f) {
      for (size_t l = 0; l < kLevelCount; ++l) total[f][l] += c[f][l];
    }
  }
  Normalise(total, model.u);
}

int EstimateM(const std::vector<std::pair<Pattern, int64_t>>& pattern_counts, double all_pairs,
              int max_rounds, Model& model) {
  double candidates = 0;
  for (const auto& entry : pattern_counts) candidates += static_cast<double>(entry.second);
  if (candidates == 0 || all_pairs <= 0) return 0;
  // Start from one candidate pair in a hundred being a match, whatever the model said.
  model.prior = std::clamp(0.01 * candidates / all_pairs, kFloor * kFloor, 0.5);
  int rounds = 0;
  while (rounds < max_rounds) {
    ++rounds;
    // E-step: the posterior of each pattern under the current m and prior, u fixed. The
    // prior is that of a random pair, as u is, so blocking does not inflate the posteriors.
    const Weights weights = WeightsOf(model);
    Table matched{};
    double matches = 0;
    for (const auto& [pattern, count] : pattern_counts) {
      const Levels levels = Unpack(pattern);
      const double posterior = Probability(
          MatchWeight(weights, levels, weights.weight[static_cast<size_t>(Field::kFamilyName)][0],
                      weights.weight[static_cast<size_t>(Field::kGivenName)][0]));
      const double expected = posterior * static_cast<double>(count);
      for (size_t f = 0; f < kFieldCount; ++f) {
        matched[f][static_cast<size_t>(levels[f])] += expected;
      }
      matches += expected;
    }
    // M-step: m from the expected matches, the prior from their number among all pairs.
    Table m{};
    Normalise(matched, m);
    double change = 0;
    for (size_t f = 0; f < kFieldCount; ++f) {
      for (size_t l = 0; l < kLevelCount; ++l) {
        change = std::max(change, std::abs(m[f][l] - model.m[f][l]));
      }
    }
    const double prior = std::clamp(matches / all_pairs, kFloor * kFloor, 1.0 - kFloor);
    change = std::max(change, std::abs(prior - model.prior) / model.prior);
    model.m = m;
    model.prior = prior;
    if (change < 1e-5) break;
  }
  return rounds;
}

void CountNameFrequencies(const std::vector<Record>& records, Model& model) {
  auto count = [&](std::string Record::*key, std::vector<std::pair<std::string, double>>& out) {
    std::unordered_map<std::string_view, int64_t> counts;
    counts.reserve(records.size() / 4);
    for (const Record& r : records) {
      const std::string& k = r.*key;
      if (!k.empty()) ++counts[k];
    }
    out.clear();
    for (const auto& [k, c] : counts) {
      if (c > 1) out.emplace_back(std::string(k), static_cast<double>(c) / records.size());
    }
    std::sort(out.begin(), out.end());
  };
  count(&Record::family_key, model.family_frequency);
  count(&Record::given_key, model.given_frequency);
  model.records = static_cast<int64_t>(records.size());
}

}  // namespace internal

Model Model::Defaults() {
  Model model;
  auto set = [&](Field field, Level level, double m, double u) {
    model.m[static_cast<size_t>(field)][static_cast<size_t>(level)] = m;
    model.u[static_cast<size_t>(field)][static_cast<size_t>(level)] = u;
  };
  using L = Level;
  // Names: most duplicates agree exactly; women's family names change with marriage.
  set(Field::kFamilyName, L::kSame, 0.85, 0.005);
  set(Field::kFamilyName, L::kClose, 0.06, 0.003);
  set(Field::kFamilyName, L::kSimilar, 0.02, 0.02);
  set(Field::kFamilyName, L::kDifferent, 0.07, 0.972);
  set(Field::kGivenName, L::kSame, 0.88, 0.01);
  set(Field::kGivenName, L::kForm, 0.04, 0.002);
  set(Field::kGivenName, L::kClose, 0.05, 0.004);
  set(Field::kGivenName, L::kSimilar, 0.01, 0.02);
  // Twins share a family name, a birth date and a village: a different given name must
  // outweigh them.
  set(Field::kGivenName, L::kDifferent, 0.002, 0.964);
  set(Field::kPatronymic, L::kSame, 0.90, 0.02);
  set(Field::kPatronymic, L::kClose, 0.05, 0.01);
  set(Field::kPatronymic, L::kSimilar, 0.02, 0.04);
  set(Field::kPatronymic, L::kDifferent, 0.03, 0.93);
  // Birth dates: one day in about 30,000 for strangers.
  set(Field::kBirthDate, L::kSame, 0.90, 0.00004);
  set(Field::kBirthDate, L::kOnePart, 0.05, 0.003);
  set(Field::kBirthDate, L::kTransposed, 0.02, 0.00004);
  set(Field::kBirthDate, L::kSimilar, 0.01, 0.012);
  set(Field::kBirthDate, L::kDifferent, 0.02, 0.985);
  // Identifiers: a shared value is nearly proof, a different one nearly a refutation.
  set(Field::kIdentifier, L::kSame, 0.998, 0.000001);
  // Codes are checked by their check digits when typed: two valid codes of one scheme that
  // differ are two persons, nearly always.
  set(Field::kIdentifier, L::kDifferent, 0.0002, 0.999999);
  // Records compared lie in one territory, mostly in a few villages: a shared settlement says
  // little.
  set(Field::kSettlement, L::kSame, 0.85, 0.2);
  set(Field::kSettlement, L::kDifferent, 0.15, 0.8);
  set(Field::kHousehold, L::kSame, 0.30, 0.0005);
  set(Field::kHousehold, L::kDifferent, 0.70, 0.9995);
  set(Field::kPhone, L::kSame, 0.70, 0.001);
  set(Field::kPhone, L::kDifferent, 0.30, 0.999);
  set(Field::kSex, L::kSame, 0.98, 0.5);
  set(Field::kSex, L::kDifferent, 0.02, 0.5);
  model.prior = 1e-4;
  return model;
}

namespace {

nlohmann::json TableJson(const std::array<std::array<double, kLevelCount>, kFieldCount>& t) {
  nlohmann::json out = nlohmann::json::object();
  for (size_t f = 0; f < kFieldCount; ++f) {
    nlohmann::json levels = nlohmann::json::object();
    for (size_t l = 0; l < kLevelCount; ++l) {
      levels[std::string(Name(static_cast<Level>(l)))] = t[f][l];
    }
    out[std::string(Name(static_cast<Field>(f)))] = std::move(levels);
  }
  return out;
}

bool ReadTable(const nlohmann::json& json, std::string_view name,
               std::array<std::array<double, kLevelCount>, kFieldCount>& t) {
  auto it = json.find(name);
  if (it == json.end() || !it->is_object()) return false;
  for (size_t f = 0; f < kFieldCount; ++f) {
    auto field = it->find(Name(static_cast<Field>(f)));
    if (field == it->end() || !field->is_object()) return false;
    for (size_t l = 0; l < kLevelCount; ++l) {
      auto level = field->find(Name(static_cast<Level>(l)));
      if (level == field->end() || !level->is_number()) return false;
      const double p = level->get<double>();
      if (!(p >= 0 && p <= 1)) return false;
      t[f][l] = p;
    }
  }
  return true;
}

nlohmann::json FrequencyJson(const std::vector<std::pair<std::string, double>>& frequencies) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, share] : frequencies) out.push_back({key, share});
  return out;
}

bool ReadFrequencies(const nlohmann::json& json, std::string_view name,
                     std::vector<std::pair<std::string, double>>& out) {
  auto it = json.find(name);
  if (it == json.end() || !it->is_array()) return false;
  for (const nlohmann::json& entry : *it) {
    if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() || !entry[1].is_number()) {
      return false;
    }
    out.emplace_back(entry[0].get<std::string>(), entry[1].get<double>());
  }
  return std::is_sorted(out.begin(), out.end());
}

}  // namespace

nlohmann::json Model::ToJson() const {
  return {{"m", TableJson(m)},
          {"u", TableJson(u)},
          {"prior", prior},
          {"records", records},
          {"em_iterations", em_iterations},
          {"family_frequency", FrequencyJson(family_frequency)},
          {"given_frequency", FrequencyJson(given_frequency)}};
}

std::optional<Model> Model::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return std::nullopt;
  Model model;
  if (!ReadTable(json, "m", model.m) || !ReadTable(json, "u", model.u)) return std::nullopt;
  auto prior = json.find("prior");
  auto records = json.find("records");
  auto rounds = json.find("em_iterations");
  if (prior == json.end() || !prior->is_number() || records == json.end() ||
      !records->is_number_integer() || rounds == json.end() || !rounds->is_number_integer()) {
    return std::nullopt;
  }
  model.prior = prior->get<double>();
  model.records = records->get<int64_t>();
  model.em_iterations = rounds->get<int>();
  if (!(model.prior > 0 && model.prior < 1) || model.records < 0) return std::nullopt;
  if (!ReadFrequencies(json, "family_frequency", model.family_frequency) ||
      !ReadFrequencies(json, "given_frequency", model.given_frequency)) {
    return std::nullopt;
  }
  return model;
}

Score Explain(const Model& model, const Record& a, const Record& b) {
  const internal::Weights weights = internal::WeightsOf(model);
  const Levels levels = Compare(a, b);
  const double family =
      levels[static_cast<size_t>(Field::kFamilyName)] == Level::kSame
          ? internal::ExactNameWeight(model, weights, Field::kFamilyName, a.family_key)
          : 0;
  const double given =
      levels[static_cast<size_t>(Field::kGivenName)] == Level::kSame
          ? internal::ExactNameWeight(model, weights, Field::kGivenName, a.given_key)
          : 0;
  Score score;
  score.fields.reserve(kFieldCount);
  score.match_weight = internal::MatchWeight(weights, levels, family, given, &score.fields);
  score.probability = internal::Probability(score.match_weight);
  return score;
}

Scorer::Scorer(Model model)
    : model_(std::move(model)),
      weights_(std::make_unique<const internal::Weights>(internal::WeightsOf(model_))) {}

Scorer::~Scorer() = default;

double Scorer::Probability(const Record& a, const Record& b) const {
  const Levels levels = Compare(a, b);
  const double family =
      levels[static_cast<size_t>(Field::kFamilyName)] == Level::kSame
          ? internal::ExactNameWeight(model_, *weights_, Field::kFamilyName, a.family_key)
          : 0;
  const double given =
      levels[static_cast<size_t>(Field::kGivenName)] == Level::kSame
          ? internal::ExactNameWeight(model_, *weights_, Field::kGivenName, a.given_key)
          : 0;
  return internal::Probability(internal::MatchWeight(*weights_, levels, family, given, nullptr));
}

}  // namespace socius::dedup
