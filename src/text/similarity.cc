#include "text/similarity.h"

#include <algorithm>

namespace socius::text {

int BoundedEditDistance(std::string_view a, std::string_view b, int max) {
  if (max < 0) max = 0;
  if (a.size() > b.size()) std::swap(a, b);
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (m - n > max) return max + 1;
  const int kFar = max + 1;
  // Three rows of the dynamic programme, restricted to the diagonal band |i - j| <= max.
  std::vector<int> before(static_cast<size_t>(m + 1), kFar);
  std::vector<int> previous(static_cast<size_t>(m + 1), kFar);
  std::vector<int> current(static_cast<size_t>(m + 1), kFar);
  for (int j = 0; j <= std::min(m, max); ++j) previous[static_cast<size_t>(j)] = j;
  for (int i = 1; i <= n; ++i) {
    const int from = std::max(1, i - max);
    const int to = std::min(m, i + max);
    std::fill(current.begin(), current.end(), kFar);
    if (i <= max) current[0] = i;
    int row_best = current[0];
    for (int j = from; j <= to; ++j) {
      const size_t uj = static_cast<size_t>(j);
      const int cost = a[static_cast<size_t>(i - 1)] == b[uj - 1] ? 0 : 1;
      int d = std::min({previous[uj] + 1, current[uj - 1] + 1, previous[uj - 1] + cost});
      if (i > 1 && j > 1 && a[static_cast<size_t>(i - 1)] == b[uj - 2] &&
          a[static_cast<size_t>(i - 2)] == b[uj - 1]) {
        d = std::min(d, before[uj - 2] + 1);
      }
      current[uj] = std::min(d, kFar);
      row_best = std::min(row_best, current[uj]);
    }
    if (row_best > max) return max + 1;  // every later row can only be worse
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[static_cast<size_t>(m)], kFar);
}

std::vector<uint32_t> Trigrams(std::string_view key) {
  std::vector<uint32_t> out;
  size_t start = 0;
  while (start < key.size()) {
    size_t end = key.find(' ', start);
    if (end == std::string_view::npos) end = key.size();
    if (end > start) {
      std::string padded = "  ";
      padded.append(key.substr(start, end - start));
      padded.push_back(' ');
      for (size_t i = 0; i + 3 <= padded.size(); ++i) {
        out.push_back((static_cast<uint32_t>(static_cast<unsigned char>(padded[i])) << 16) |
                      (static_cast<uint32_t>(static_cast<unsigned char>(padded[i + 1])) << 8) |
                      static_cast<uint32_t>(static_cast<unsigned char>(padded[i + 2])));
      }
    }
    start = end + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string TrigramText(uint32_t trigram) {
  return std::string{static_cast<char>((trigram >> 16) & 0xFF),
                     static_cast<char>((trigram >> 8) & 0xFF), static_cast<char>(trigram & 0xFF)};
}

}  // namespace socius::text
