#include "demo/names.h"

#include <gtest/gtest.h>

#include <set>

#include "registry/identifiers.h"

namespace socius::demo {
namespace {

TEST(DemoNamesTest, DayNumbersRoundTrip) {
  EXPECT_EQ(DayNumber(core::Date{1970, 1, 1}), 0);
  for (int64_t day = -40000; day < 40000; day += 37) {
    EXPECT_EQ(DayNumber(DateOfDay(day)), day);
  }
  EXPECT_EQ(DateOfDay(DayNumber(core::Date{2024, 2, 28}) + 1), (core::Date{2024, 2, 29}));
  EXPECT_EQ(AgeOn(core::Date{2000, 12, 7}, core::Date{2026, 12, 6}), 25);
  EXPECT_EQ(AgeOn(core::Date{2000, 12, 6}, core::Date{2026, 12, 6}), 26);
}

TEST(DemoNamesTest, MakesValidUniqueIdnpCodes) {
  std::set<std::string> seen;
  for (uint64_t serial = 1; serial <= 3000; ++serial) {
    const core::Date birth = DateOfDay(-20000 + static_cast<int64_t>(serial) * 13);
    const std::string code =
        NationalIdentifier(Country::kMoldova, birth, registry::Sex::kFemale, serial);
    EXPECT_TRUE(registry::ValidateIdentifier("MD-IDNP", code, core::Date{2026, 12, 6}).ok())
        << code;
    EXPECT_TRUE(seen.insert(code).second) << code;
  }
}

TEST(DemoNamesTest, RnokppCarriesTheBirthDateAndSex) {
  std::set<std::string> seen;
  const core::Date birth{1987, 4, 23};
  for (uint64_t serial = 1; serial <= 3000; ++serial) {
    const registry::Sex sex = serial % 2 == 0 ? registry::Sex::kMale : registry::Sex::kFemale;
    const std::string code = NationalIdentifier(Country::kUkraine, birth, sex, serial);
    core::Result<registry::IdentifierFacts> facts =
        registry::ValidateIdentifier("UA-RNOKPP", code, core::Date{2026, 12, 6});
    ASSERT_TRUE(facts.ok()) << code;
    EXPECT_EQ(facts->birth_date, birth) << code;
    EXPECT_EQ(facts->sex, sex) << code;
    EXPECT_TRUE(seen.insert(code).second) << code;
  }
}

TEST(DemoNamesTest, UkrainianWomenBearTheFeminineForms) {
  const NameBook book(Country::kUkraine);
  EXPECT_EQ(book.FamilyFor("Ковальський", registry::Sex::kFemale), "Ковальська");
  EXPECT_EQ(book.FamilyFor("Задорожний", registry::Sex::kFemale), "Задорожна");
  EXPECT_EQ(book.FamilyFor("Шевченко", registry::Sex::kFemale), "Шевченко");
  EXPECT_EQ(book.Patronymic("Микола", registry::Sex::kFemale), "Миколаївна");
  EXPECT_EQ(book.Patronymic("Микола", registry::Sex::kMale), "Миколайович");
  EXPECT_EQ(NameBook(Country::kMoldova).Patronymic("Ion", registry::Sex::kMale), "");
}

TEST(DemoNamesTest, TheSameSeedDrawsTheSameNames) {
  Dice a(42), b(42), c(43);
  const NameBook book(Country::kMoldova);
  std::string from_a, from_b, from_c;
  for (int i = 0; i < 20; ++i) {
    from_a += book.Given(a, registry::Sex::kFemale) + book.Family(a);
    from_b += book.Given(b, registry::Sex::kFemale) + book.Family(b);
    from_c += book.Given(c, registry::Sex::kFemale) + book.Family(c);
  }
  EXPECT_EQ(from_a, from_b);
  EXPECT_NE(from_a, from_c);
}

}  // namespace
}  // namespace socius::demo
