#include "text/similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace socius::text {
namespace {

// The textbook optimal-string-alignment distance, unbounded, to check the banded one against.
int ReferenceDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

TEST(BoundedEditDistance, CountsEachEditOnce) {
  struct Case {
    std::string a;
    std::string b;
    int max;
    int want;
  };
  const Case cases[] = {
      {"", "", 2, 0},
      {"polisuk", "polisuk", 2, 0},
      {"polisuk", "polsuk", 2, 1},    // deletion
      {"polisuk", "poliisuk", 2, 1},  // insertion
      {"polisuk", "polasuk", 2, 1},   // substitution
      {"polisuk", "ploisuk", 2, 1},   // transposition counts as one
      {"popescu", "popsecu", 2, 1},
      {"ionescu", "ioensuc", 2, 2},  // two transpositions
      {"ivan", "ivana", 2, 1},
      {"", "abc", 2, 3},  // beyond max: max + 1
      {"abc", "", 5, 3},
      {"maria", "marina", 0, 1},  // max 0: equal or not
      {"maria", "maria", 0, 0},
      {"sevcenko", "kravcuk", 2, 3},
      {"ca", "abc", 3, 3},  // OSA, not unrestricted Damerau (which gives 2)
      {"a", "b", -1, 1},    // negative max is 0
  };
  for (const auto& c : cases) {
    EXPECT_EQ(BoundedEditDistance(c.a, c.b, c.max), c.want) << c.a << " / " << c.b;
    EXPECT_EQ(BoundedEditDistance(c.b, c.a, c.max), c.want) << c.b << " / " << c.a;
  }
}

TEST(BoundedEditDistance, AgreesWithTheUnboundedReferenceOnRandomStrings) {
  std::mt19937 random(7);
  auto word = [&] {
    std::string w(random() % 9, 'a');
    for (char& c : w) c = static_cast<char>('a' + random() % 4);  // small alphabet: many edits
    return w;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string a = word(), b = word();
    const int max = static_cast<int>(random() % 4);
    const int reference = ReferenceDistance(a, b);
    EXPECT_EQ(BoundedEditDistance(a, b, max), std::min(reference, max + 1))
        << a << " / " << b << " max " << max;
  }
}

std::vector<std::string> Texts(const std::vector<uint32_t>& trigrams) {
  std::vector<std::string> out;
  for (uint32_t t : trigrams) out.push_back(TrigramText(t));
  return out;
}

TEST(Trigrams, PadsEachWordAndSortsWithoutDuplicates) {
  EXPECT_EQ(Texts(Trigrams("ion")), (std::vector<std::string>{"  i", " io", "ion", "on "}));
  EXPECT_EQ(Texts(Trigrams("a")), (std::vector<std::string>{"  a", " a "}));
  EXPECT_EQ(Texts(Trigrams("ana ana")), (std::vector<std::string>{"  a", " an", "ana", "na "}));
  EXPECT_EQ(Texts(Trigrams("ion pop")),
            (std::vector<std::string>{"  i", "  p", " io", " po", "ion", "on ", "op ", "pop"}));
  EXPECT_TRUE(Trigrams("").empty());
  const auto t = Trigrams("polisuk sevcenko");
  EXPECT_TRUE(std::is_sorted(t.begin(), t.end()));
  EXPECT_EQ(std::adjacent_find(t.begin(), t.end()), t.end());
}

TEST(Trigrams, OneTypoLeavesMostTrigramsShared) {
  const auto a = Trigrams("sevcenko");
  const auto b = Trigrams("sevcenco");
  std::vector<uint32_t> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  EXPECT_EQ(a.size(), 9u);
  EXPECT_EQ(shared.size(), 6u);  // the typo touches only the last three
}

}  // namespace
}  // namespace socius::text
