// Run: the four steps of engine.h over a batch of records, in Options::threads threads.

#include "dedup/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dedup/internal.h"

namespace socius::dedup {
namespace internal {

void ParallelFor(size_t chunks, int threads, const std::function<void(size_t)>& work,
                 const std::function<void(double)>& progress) {
  if (chunks == 0) return;
  std::atomic<size_t> next{0}, done{0};
  auto loop = [&] {
    for (size_t c; (c = next.fetch_add(1)) < chunks;) {
      work(c);
      done.fetch_add(1);
    }
  };
  const size_t helpers = std::min<size_t>(chunks, static_cast<size_t>(std::max(1, threads))) - 1;
  std::vector<std::thread> pool;
  pool.reserve(helpers);
  for (size_t i = 0; i < helpers; ++i) pool.emplace_back(loop);
  for (size_t c; (c = next.fetch_add(1)) < chunks;) {
    work(c);
    done.fetch_add(1);
    if (progress) progress(static_cast<double>(done.load()) / static_cast<double>(chunks));
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace internal

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Random pairs u is estimated from: enough for rare levels to show, bounded in time.
size_t USamples(size_t records) { return std::clamp<size_t>(records * 2, 200'000, 4'000'000); }

}  // namespace

RunResult Run(const std::vector<Record>& records, const Options& options,
              const std::function<void(double)>& progress,
              const std::function<bool(uint32_t, uint32_t)>& excluded) {
  using internal::Pattern;
  RunResult result;
  result.model = options.model;
  result.stats.records = static_cast<int64_t>(records.size());
  const int threads = std::max(1, options.threads);
  auto report = [&](double from, double to) {
    return [&progress, from, to](double share) {
      if (progress) progress(from + (to - from) * share);
    };
  };

  // 1. Blocking.
  auto start = Clock::now();
  const std::vector<uint64_t> candidates = internal::CandidateKeys(records, options);
  const internal::Interned interned = internal::Intern(records, threads);
  result.stats.candidate_pairs = static_cast<int64_t>(candidates.size());
  result.stats.blocking_seconds = Since(start);
  report(0, 0.2)(1);

  // 2. Comparison of every candidate pair, kept as its packed levels.
  start = Clock::now();
  constexpr size_t kPairsPerChunk = 1 << 16;
  const size_t chunks = (candidates.size() + kPairsPerChunk - 1) / kPairsPerChunk;
  std::vector<Pattern> patterns(candidates.size());
  // How many pairs of each pattern (EM works on these counts), per chunk.
  std::vector<std::vector<std::pair<Pattern, int64_t>>> chunk_counts(chunks);
  internal::ParallelFor(
      chunks, threads,
      [&](size_t chunk) {
        const size_t to = std::min(candidates.size(), (chunk + 1) * kPairsPerChunk);
        std::unordered_map<Pattern, int64_t> counts;
        for (size_t i = chunk * kPairsPerChunk; i < to; ++i) {
          const uint64_t k = candidates[i];
          patterns[i] = internal::Pack(internal::Compare(interned, static_cast<uint32_t>(k >> 32),
                                                         static_cast<uint32_t>(k)));
          ++counts[patterns[i]];
        }
        chunk_counts[chunk].assign(counts.begin(), counts.end());
      },
      report(0.2, 0.6));
  double compare_seconds = Since(start);

  // 3. Training: u from random pairs, term frequencies, m and the prior by EM.
  start = Clock::now();
  Model& model = result.model;
  if (options.train && records.size() >= 2) {
    internal::EstimateU(interned, options.seed, USamples(records.size()), threads, model);
    internal::CountNameFrequencies(records, model);
    std::unordered_map<Pattern, int64_t> counts;
    for (const auto& part : chunk_counts) {
      for (const auto& [pattern, count] : part) counts[pattern] += count;
    }
    // In pattern order, so that EM adds up the same way on every run.
    std::vector<std::pair<Pattern, int64_t>> pattern_counts(counts.begin(), counts.end());
    std::sort(pattern_counts.begin(), pattern_counts.end());
    const auto n = static_cast<double>(records.size());
    model.em_iterations =
        internal::EstimateM(pattern_counts, n * (n - 1) / 2, options.em_max_iterations, model);
  }
  result.stats.training_seconds = Since(start);
  report(0.6, 0.7)(1);

  // Scoring: the exact-name weights once per record, then every pair.
  start = Clock::now();
  const internal::Weights weights = internal::WeightsOf(model);
  std::vector<double> family_exact(records.size()), given_exact(records.size());
  internal::ParallelFor(64, threads, [&](size_t chunk) {
    const size_t from = records.size() * chunk / 64, to = records.size() * (chunk + 1) / 64;
    for (size_t i = from; i < to; ++i) {
      family_exact[i] =
          internal::ExactNameWeight(model, weights, Field::kFamilyName, records[i].family_key);
      given_exact[i] =
          internal::ExactNameWeight(model, weights, Field::kGivenName, records[i].given_key);
    }
  });
  std::vector<std::vector<ScoredPair>> proposed(chunks);
  internal::ParallelFor(
      chunks, threads,
      [&](size_t chunk) {
        const size_t to = std::min(candidates.size(), (chunk + 1) * kPairsPerChunk);
        for (size_t i = chunk * kPairsPerChunk; i < to; ++i) {
          const auto a = static_cast<uint32_t>(candidates[i] >> 32);
          const auto b = static_cast<uint32_t>(candidates[i]);
          const Levels levels = internal::Unpack(patterns[i]);
          const double w = internal::MatchWeight(weights, levels, family_exact[a], given_exact[a]);
          const double p = internal::Probability(w);
          if (p >= options.threshold) proposed[chunk].push_back({a, b, p, w, levels});
        }
      },
      report(0.7, 0.95));
  for (auto& part : proposed) {
    for (const ScoredPair& pair : part) {
      if (!excluded || !excluded(pair.a, pair.b)) result.pairs.push_back(pair);
    }
    std::vector<ScoredPair>().swap(part);
  }
  std::sort(result.pairs.begin(), result.pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.match_weight != y.match_weight) return x.match_weight > y.match_weight;
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  result.stats.proposed_pairs = static_cast<int64_t>(result.pairs.size());
  result.stats.scoring_seconds = compare_seconds + Since(start);

  // 4. Clustering.
  start = Clock::now();
  auto score = [&](uint32_t a, uint32_t b) {
    return internal::Probability(internal::MatchWeight(weights, internal::Compare(interned, a, b),
                                                       family_exact[a], given_exact[a]));
  };
  internal::Cluster(records.size(), result.pairs, options.group_probability, score, excluded,
                    result);
  result.stats.groups = static_cast<int64_t>(result.groups.size());
  result.stats.clustering_seconds = Since(start);
  if (progress) progress(1);
  return result;
}

}  // namespace socius::dedup
