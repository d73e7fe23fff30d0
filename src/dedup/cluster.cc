// Step 4: groups of records that are one person. Proposed pairs join their groups best first,
// and only when every pair across the two groups scores at least the group probability: a
// chain A-B-C where A and C disagree stays two groups.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "dedup/engine.h"
#include "dedup/internal.h"

namespace socius::dedup::internal {
namespace {

// More cross pairs than this and two groups stay apart: real groups are a handful of records,
// and a giant one would be a blocking or model failure, not a person.
constexpr size_t kMaxCrossPairs = 4096;

}  // namespace

void Cluster(size_t record_count, const std::vector<ScoredPair>& pairs, double group_probability,
             const std::function<double(uint32_t, uint32_t)>& score,
             const std::function<bool(uint32_t, uint32_t)>& excluded, RunResult& result) {
  constexpr uint32_t kAlone = UINT32_MAX;
  std::vector<uint32_t> group_of(record_count, kAlone);
  std::vector<std::vector<uint32_t>> members;
  auto group = [&](uint32_t record) {
    if (group_of[record] == kAlone) {
      group_of[record] = static_cast<uint32_t>(members.size());
      members.push_back({record});
    }
    return group_of[record];
  };
  auto compatible = [&](const std::vector<uint32_t>& x, const std::vector<uint32_t>& y) {
    if (x.size() * y.size() > kMaxCrossPairs) return false;
    for (uint32_t a : x) {
      for (uint32_t b : y) {
        const uint32_t lo = std::min(a, b), hi = std::max(a, b);
        if (excluded && excluded(lo, hi)) return false;
        if (score(lo, hi) < group_probability) return false;
      }
    }
    return true;
  };
  for (const ScoredPair& pair : pairs) {
    uint32_t ga = group(pair.a), gb = group(pair.b);
    if (ga == gb || !compatible(members[ga], members[gb])) continue;
    if (members[ga].size() < members[gb].size()) std::swap(ga, gb);
    for (uint32_t r : members[gb]) group_of[r] = ga;
    members[ga].insert(members[ga].end(), members[gb].begin(), members[gb].end());
    members[gb].clear();
  }
  // Number the groups of two or more in the order their best pair comes.
  std::vector<uint32_t> number(members.size(), kNoGroup);
  result.groups.clear();
  result.group_of_pair.clear();
  result.group_of_pair.reserve(pairs.size());
  for (const ScoredPair& pair : pairs) {
    const uint32_t g = group_of[pair.a];
    if (g != group_of[pair.b]) {
      result.group_of_pair.push_back(kNoGroup);
      continue;
    }
    if (number[g] == kNoGroup) {
      number[g] = static_cast<uint32_t>(result.groups.size());
      std::vector<uint32_t> records = members[g];
      std::sort(records.begin(), records.end());
      result.groups.push_back(std::move(records));
    }
    result.group_of_pair.push_back(number[g]);
  }
}

}  // namespace socius::dedup::internal
