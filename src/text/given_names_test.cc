#include "text/given_names.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/match_key.h"

namespace socius::text {
namespace {

bool Has(const std::vector<std::string>& keys, std::string_view name) {
  return std::find(keys.begin(), keys.end(), NameMatchKey(name)) != keys.end();
}

struct Forms {
  std::string typed;
  std::vector<std::string> other_forms;  // each must be among GivenNameFormKeys(typed)
};

TEST(GivenNameFormKeys, GivesTheOtherFormsOfAGivenName) {
  const std::vector<Forms> cases = {
      {"Ганна", {"Анна", "Ana", "Ана"}},
      {"Анна", {"Ганна", "Hanna"}},
      {"Олександр", {"Александр", "Alexandru", "Aleksandr"}},
      {"Alexandru", {"Олександр", "Oleksandr", "Александр"}},
      {"Олена", {"Елена", "Elena", "Yelena"}},
      {"Elena", {"Олена", "Olena"}},
      {"Юрій", {"Iurie"}},
      {"Iurie", {"Юрій", "Yurii", "Yuriy"}},
      {"Михайло", {"Михаил", "Mihai", "Mihail"}},
      {"Mihai", {"Mykhailo", "Mikhail"}},
      {"Петро", {"Пётр", "Petru", "Pyotr"}},
      {"Petru", {"Petro", "Петар"}},
      {"Іван", {"Ion", "Ioan"}},
      {"Ion", {"Ivan", "Ioan"}},
      {"Dumitru", {"Dmytro", "Dmitriy"}},
      {"Ѓорѓи", {"Gheorghe", "Heorhii"}},
  };
  for (const Forms& c : cases) {
    const std::vector<std::string>& keys = GivenNameFormKeys(NameMatchKey(c.typed));
    for (const std::string& other : c.other_forms) {
      EXPECT_TRUE(Has(keys, other)) << c.typed << " should reach " << other;
    }
    EXPECT_FALSE(Has(keys, c.typed)) << c.typed << " lists itself";
  }
}

TEST(GivenNameFormKeys, KnowsNothingOfOtherWords) {
  EXPECT_TRUE(GivenNameFormKeys(NameMatchKey("Shevchenko")).empty());
  EXPECT_TRUE(GivenNameFormKeys(NameMatchKey("Ciobanu")).empty());
  EXPECT_TRUE(GivenNameFormKeys("").empty());
  // Names that are not forms of one another stay apart.
  EXPECT_FALSE(Has(GivenNameFormKeys(NameMatchKey("Ганна")), "Олена"));
  EXPECT_FALSE(Has(GivenNameFormKeys(NameMatchKey("Ion")), "Ilie"));
}

}  // namespace
}  // namespace socius::text
