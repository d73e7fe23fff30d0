#include "core/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace socius::core {
namespace {

TEST(Ids, NewIdHasUrlSafeShapeAndIsUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewId();
    EXPECT_TRUE(LooksLikeId(id)) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
  }
}

TEST(Ids, RejectsMalformedIds) {
  EXPECT_FALSE(LooksLikeId(""));
  EXPECT_FALSE(LooksLikeId("../../etc/passwd"));
  EXPECT_FALSE(LooksLikeId("AAAAAAAAAAAAAAAAAAAAA"));   // 21
  EXPECT_FALSE(LooksLikeId("AAAAAAAAAAAAAAAAAAAA A"));  // space
}

TEST(Ids, RandomHexHasRequestedLength) {
  EXPECT_EQ(RandomHex(16).size(), 32u);
  EXPECT_NE(RandomHex(16), RandomHex(16));
}

}  // namespace
}  // namespace socius::core
