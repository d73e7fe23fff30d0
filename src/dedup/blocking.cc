// Step 1: blocking. Every record gets a few blocking keys; records sharing a key are compared,
// all with all in a block of at most Options::max_block records, else each with its next
// neighbours in the block's sort order (sorted neighbourhood). The pairs of all keys are
// gathered as one integer each and made distinct by sorting.

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "dedup/engine.h"
#include "dedup/internal.h"
#include "text/given_names.h"

namespace socius::dedup {
namespace internal {
namespace {

// The kinds of blocking key, mixed into the key so that two kinds never share a block.
enum class Key : uint64_t {
  kFamilyYear = 1,       // family name and birth year: other spellings, typos in the date
  kGivenDate,            // given name (any of its forms) and birth date: family name changed
  kNamePrefixes,         // first letters of family and given names: typos, dates wrong
  kIdentifier,           // one national identifier
  kPhone,                // one phone number
  kDateSettlement,       // birth date and settlement: both names differ
  kGivenYearSettlement,  // given name, birth year and settlement: name changed, date typo
  kHousehold             // one household: a member registered twice in it
};

uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}

uint64_t Mix(uint64_t h, std::string_view s) {
  uint64_t fnv = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) fnv = (fnv ^ c) * 0x100000001b3ULL;
  return Mix(h, fnv ^ s.size());
}

// The first `n` (at most 8) bytes of `s` as a number that sorts as the text does.
uint64_t Prefix(std::string_view s, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | (i < s.size() ? static_cast<uint8_t>(s[i]) : 0);
  return v;
}

uint64_t Date(const Record& r) {
  return (static_cast<uint64_t>(static_cast<uint16_t>(r.birth_year)) << 9) |
         (static_cast<uint64_t>(r.birth_month) << 5) | static_cast<uint64_t>(r.birth_day);
}

struct Entry {
  uint64_t block;
  uint64_t order;  // the sorted neighbourhood's order inside a large block
  uint32_t record;
  bool operator<(const Entry& o) const {
    if (block != o.block) return block < o.block;
    if (order != o.order) return order < o.order;
    return record < o.record;
  }
};

// The given name's key that all its forms share (the smallest of them), so that Ганна and
// Анна meet.
std::string_view CanonicalGiven(std::string_view key) {
  std::string_view canonical = key;
  for (const std::string& form : text::GivenNameFormKeys(key)) {
    if (std::string_view(form) < canonical) canonical = form;
  }
  return canonical;
}

void KeysOf(const Record& r, uint32_t index, std::vector<Entry>& out) {
  const auto key = [](Key kind) { return Mix(0, static_cast<uint64_t>(kind)); };
  const bool full_date = r.birth_year && r.birth_month && r.birth_day;
  const std::string_view given = CanonicalGiven(r.given_key);
  const uint64_t family_order = Prefix(r.family_key, 8);
  if (!r.family_key.empty() && r.birth_year) {
    out.push_back({Mix(Mix(key(Key::kFamilyYear), r.family_key), Date(r) >> 9),
                   (Date(r) & 511) << 32 | Prefix(r.given_key, 4), index});
  }
  if (!given.empty() && full_date) {
    out.push_back({Mix(Mix(key(Key::kGivenDate), given), Date(r)), family_order, index});
  }
  if (!r.family_key.empty() && !given.empty()) {
    const std::string_view family = r.family_key;
    out.push_back({Mix(Mix(key(Key::kNamePrefixes), family.substr(0, 3)), given.substr(0, 2)),
                   Prefix(family.size() > 3 ? family.substr(3) : "", 3) << 40 |
                       Prefix(given.size() > 2 ? given.substr(2) : "", 2) << 24 |
                       (Date(r) & 0xffffff),
                   index});
  }
  for (const std::string& identifier : r.identifiers) {
    out.push_back({Mix(key(Key::kIdentifier), identifier), family_order, index});
  }
  if (!r.household.empty()) {
    out.push_back({Mix(key(Key::kHousehold), r.household), family_order, index});
  }
  if (!r.phone.empty()) {
    out.push_back({Mix(key(Key::kPhone), r.phone), family_order, index});
  }
  if (full_date && !r.settlement.empty()) {
    out.push_back(
        {Mix(Mix(key(Key::kDateSettlement), r.settlement), Date(r)), family_order, index});
  }
  if (!given.empty() && r.birth_year && !r.settlement.empty()) {
    out.push_back({Mix(Mix(Mix(key(Key::kGivenYearSettlement), given), r.settlement), Date(r) >> 9),
                   (Date(r) & 511) << 32 | (family_order >> 32), index});
  }
}

}  // namespace

std::vector<uint64_t> CandidateKeys(const std::vector<Record>& records, const Options& options) {
  const size_t n = records.size();
  if (n < 2) return {};
  const int threads = std::max(1, options.threads);
  const size_t max_block = std::max<size_t>(2, options.max_block);
  const size_t window = std::max<size_t>(2, options.window);
  // Work is cut three times, each part independent of the others: records into chunks (their
  // keys), keys into ranges of the block hash (whole blocks, sorted, their pairs), pairs into
  // ranges of the first record (sorted, made distinct). Ranges in order give sorted output.
  constexpr size_t kChunks = 64;
  const size_t ranges = static_cast<size_t>(threads) * 8;
  auto block_range = [&](uint64_t block) {
    return static_cast<size_t>((block >> 32) * ranges >> 32);
  };
  auto pair_range = [&](uint64_t first) { return static_cast<size_t>(first * ranges / n); };

  std::vector<std::vector<std::vector<Entry>>> keys(kChunks,
                                                    std::vector<std::vector<Entry>>(ranges));
  ParallelFor(kChunks, threads, [&](size_t chunk) {
    const size_t from = n * chunk / kChunks, to = n * (chunk + 1) / kChunks;
    std::vector<Entry> mine;
    mine.reserve((to - from) * 9);
    for (size_t i = from; i < to; ++i) KeysOf(records[i], static_cast<uint32_t>(i), mine);
    for (const Entry& e : mine) keys[chunk][block_range(e.block)].push_back(e);
  });

  std::vector<std::vector<std::vector<uint64_t>>> pairs(ranges,
                                                        std::vector<std::vector<uint64_t>>(ranges));
  ParallelFor(ranges, threads, [&](size_t range) {
    std::vector<Entry> entries;
    size_t total = 0;
    for (size_t c = 0; c < kChunks; ++c) total += keys[c][range].size();
    entries.reserve(total);
    for (size_t c = 0; c < kChunks; ++c) {
      entries.insert(entries.end(), keys[c][range].begin(), keys[c][range].end());
      std::vector<Entry>().swap(keys[c][range]);
    }
    std::sort(entries.begin(), entries.end());
    auto emit = [&](uint32_t x, uint32_t y) {
      if (x == y) return;
      if (x > y) std::swap(x, y);
      pairs[range][pair_range(x)].push_back(static_cast<uint64_t>(x) << 32 | y);
    };
    for (size_t i = 0; i < entries.size();) {
      size_t end = i + 1;
      while (end < entries.size() && entries[end].block == entries[i].block) ++end;
      const size_t reach = end - i <= max_block ? end - i : window;
      for (size_t a = i; a < end; ++a) {
        for (size_t b = a + 1; b < end && b < a + reach; ++b) {
          emit(entries[a].record, entries[b].record);
        }
      }
      i = end;
    }
  });

  std::vector<std::vector<uint64_t>> sorted(ranges);
  ParallelFor(ranges, threads, [&](size_t range) {
    size_t total = 0;
    for (size_t r = 0; r < ranges; ++r) total += pairs[r][range].size();
    std::vector<uint64_t>& mine = sorted[range];
    mine.reserve(total);
    for (size_t r = 0; r < ranges; ++r) {
      mine.insert(mine.end(), pairs[r][range].begin(), pairs[r][range].end());
      std::vector<uint64_t>().swap(pairs[r][range]);
    }
    std::sort(mine.begin(), mine.end());
    mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
  });
  size_t total = 0;
  for (const auto& part : sorted) total += part.size();
  std::vector<uint64_t> out;
  out.reserve(total);
  for (auto& part : sorted) {
    out.insert(out.end(), part.begin(), part.end());
    std::vector<uint64_t>().swap(part);
  }
  return out;
}

}  // namespace internal

std::vector<std::pair<uint32_t, uint32_t>> CandidatePairs(const std::vector<Record>& records,
                                                          const Options& options) {
  const std::vector<uint64_t> keys = internal::CandidateKeys(records, options);
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  pairs.reserve(keys.size());
  for (uint64_t k : keys)
    pairs.emplace_back(static_cast<uint32_t>(k >> 32), static_cast<uint32_t>(k));
  return pairs;
}

}  // namespace socius::dedup
