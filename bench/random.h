#pragma once

// A small seeded generator for the bench data: SplitMix64, whose output is fixed by the
// algorithm (unlike std:: distributions, which differ between standard libraries), so one
// seed gives the same persons on every machine.

#include <cstdint>
#include <string>
#include <vector>

namespace socius::bench {

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

 private:
  uint64_t state_;
};

// A record id in the shape of core::NewId (22 characters of base64url), from the seeded
// generator so that one seed gives the same data.
inline std::string RandomId(Random& r) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string id(22, 'A');
  uint64_t a = r.Next(), b = r.Next();
  for (int i = 0; i < 11; ++i, a >>= 6) id[static_cast<size_t>(i)] = kDigits[a & 63];
  for (int i = 11; i < 22; ++i, b >>= 6) id[static_cast<size_t>(i)] = kDigits[b & 63];
  return id;
}

// A draw from fixed weights in O(log n), by the cumulative sums.
class WeightedChoice {
 public:
  explicit WeightedChoice(const std::vector<double>& weights) {
    double sum = 0;
    for (double w : weights) cumulative_.push_back(sum += w);
  }
  // Rank-frequency weights 1 / (rank + 1)^exponent: how name frequencies fall off.
  static WeightedChoice Zipf(size_t n, double exponent);
  bool empty() const { return cumulative_.empty() || cumulative_.back() <= 0; }
  size_t Pick(Random& random) const;

 private:
  std::vector<double> cumulative_;
};

}  // namespace socius::bench
