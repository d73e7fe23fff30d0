#include "reports/suppression.h"

#include <gtest/gtest.h>

namespace socius::reports {
namespace {

std::vector<Cell> Cells(std::initializer_list<int64_t> values, int64_t threshold) {
  std::vector<Cell> out;
  for (int64_t v : values) out.push_back({v, BelowThreshold(v, threshold)});
  return out;
}

std::vector<bool> Hidden(const std::vector<Cell>& cells) {
  std::vector<bool> out;
  for (const Cell& c : cells) out.push_back(c.suppressed);
  return out;
}

TEST(SuppressionTest, BelowTheThresholdButNeverZero) {
  EXPECT_FALSE(BelowThreshold(0, 5));
  EXPECT_TRUE(BelowThreshold(1, 5));
  EXPECT_TRUE(BelowThreshold(4, 5));
  EXPECT_FALSE(BelowThreshold(5, 5));
}

TEST(SuppressionTest, ALoneSmallPartTakesTheSmallestOtherPartWithIt) {
  // total 30 = 2 + 8 + 20: 2 alone could be recovered as 30 - 8 - 20.
  std::vector<Cell> cells = Cells({30, 2, 8, 20}, 5);
  SuppressSecondary(cells, {{0, {1, 2, 3}}});
  EXPECT_EQ(Hidden(cells), (std::vector<bool>{false, true, true, false}));
}

TEST(SuppressionTest, TwoSmallPartsNeedNothingMore) {
  std::vector<Cell> cells = Cells({27, 3, 4, 20}, 5);
  SuppressSecondary(cells, {{0, {1, 2, 3}}});
  EXPECT_EQ(Hidden(cells), (std::vector<bool>{false, true, true, false}));
}

TEST(SuppressionTest, WhenNoOtherPartIsLeftTheTotalGoes) {
  // 3 + 0 = 3: the total is small itself; 7 = 3 + 0 + 4 would leave nothing: hide the 4.
  std::vector<Cell> small = Cells({3, 3, 0}, 5);
  SuppressSecondary(small, {{0, {1, 2}}});
  EXPECT_EQ(Hidden(small), (std::vector<bool>{true, true, false}));
  std::vector<Cell> lone = Cells({9, 2, 0, 7}, 5);
  lone[3].suppressed = true;  // already hidden elsewhere
  lone[1].suppressed = true;
  SuppressSecondary(lone, {{0, {1, 2, 3}}});
  EXPECT_EQ(Hidden(lone), (std::vector<bool>{false, true, false, true}));
  // One part hidden and the others zero: only the total can hide it.
  std::vector<Cell> zeros = Cells({8, 0, 0}, 5);
  zeros[1].value = 8;
  zeros[1].suppressed = true;
  SuppressSecondary(zeros, {{0, {1, 2}}});
  EXPECT_TRUE(zeros[0].suppressed);
}

TEST(SuppressionTest, GroupsThatShareCellsAreSettledTogether) {
  // A 2x2 table with row and column totals: hiding one inner cell spreads until every row
  // and column has none or at least two hidden.
  //        c1  c2 | total
  //   r1    2  10 |  12
  //   r2    9  11 |  20
  //  total 11  21 |  32
  std::vector<Cell> cells = Cells({2, 10, 9, 11, 12, 20, 11, 21, 32}, 5);
  const std::vector<AdditiveGroup> groups = {{4, {0, 1}}, {5, {2, 3}}, {6, {0, 2}},
                                             {7, {1, 3}}, {8, {4, 5}}, {8, {6, 7}}};
  SuppressSecondary(cells, groups);
  for (const AdditiveGroup& g : groups) {
    int hidden = cells[g.total].suppressed ? 1 : 0;
    for (size_t p : g.parts) hidden += cells[p].suppressed ? 1 : 0;
    EXPECT_NE(hidden, 1);
  }
  EXPECT_TRUE(cells[0].suppressed);
  EXPECT_FALSE(cells[8].suppressed);
}

}  // namespace
}  // namespace socius::reports
