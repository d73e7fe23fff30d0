#include "text/collation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace socius::text {
namespace {

std::vector<std::string> SortedByKey(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return CollationKey(a) < CollationKey(b);
  });
  return names;
}

TEST(CollationKey, OrdersNamesAsReadersExpect) {
  EXPECT_EQ(SortedByKey({"Olt", "Județul Arad", "Argeș", "Ștefănești", "Sibiu"}),
            (std::vector<std::string>{"Argeș", "Județul Arad", "Olt", "Sibiu", "Ștefănești"}));
  EXPECT_EQ(
      SortedByKey({"Ясенівка", "Іванівка", "Бориспіль", "Ґалаґанівка", "Житомир", "Євгенівка"}),
      (std::vector<std::string>{"Бориспіль", "Ґалаґанівка", "Євгенівка", "Житомир", "Іванівка",
                                "Ясенівка"}));
  EXPECT_LT(CollationKey("petrivka"), CollationKey("Petrivka"));
  EXPECT_LT(CollationKey("Petrivka"), CollationKey("Petrivskyi"));
}

TEST(CollationKey, IsLowerCaseHex) {
  const std::string key = CollationKey("Вінниця");
  EXPECT_FALSE(key.empty());
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_LT(CollationKey(""), CollationKey("a"));
}

}  // namespace
}  // namespace socius::text
