#include "registry/rules.h"

#include <gtest/gtest.h>

#include <string>

namespace socius::registry {
namespace {

constexpr core::Date kToday{2026, 3, 1};

struct NameCase {
  std::string raw;
  std::string code;  // "" when valid
  std::string stored = {};
};

class PersonNameTest : public ::testing::TestWithParam<NameCase> {};

TEST_P(PersonNameTest, CleansOrRejectsWithCode) {
  const NameCase& c = GetParam();
  core::Result<std::string> r = CleanPersonName(c.raw, "given_name");
  if (c.code.empty()) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(*r, c.stored.empty() ? c.raw : c.stored);
  } else {
    ASSERT_FALSE(r.ok()) << *r;
    EXPECT_EQ(r.status().code(), c.code);
    EXPECT_EQ(r.status().field(), "given_name");
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, PersonNameTest,
    ::testing::Values(NameCase{"Ștefan", ""}, NameCase{"Поліщук", ""}, NameCase{"Мар'яна", ""},
                      NameCase{"Maria-Elena", ""}, NameCase{"O’Neill", ""},
                      NameCase{"  Ana   Maria ", "", "Ana Maria"},
                      NameCase{"Іван-Ion", ""},  // two words, each in one script
                      NameCase{"", "person.empty_name"}, NameCase{"   ", "person.empty_name"},
                      NameCase{std::string(101, 'a'), "person.name_too_long"},
                      NameCase{std::string(10000, 'a'), "person.name_too_long"},
                      NameCase{std::string(100, 'a'), ""},
                      NameCase{"Ana\x01", "person.control_characters"},
                      NameCase{"Ana\nMaria", "person.control_characters"},
                      NameCase{"Ana\xE2\x80\xAE", "person.control_characters"},
                      NameCase{"Ana2", "person.invalid_characters"},
                      NameCase{"Ana@x", "person.invalid_characters"},
                      NameCase{"Polіщук", "person.mixed_scripts"},  // Latin P-o-l + Cyrillic
                      NameCase{"Иvan", "person.mixed_scripts"},
                      NameCase{"\xC3\x28", "person.invalid_utf8"}));

TEST(BirthDateTest, RejectsImpossibleAndFutureDates) {
  EXPECT_TRUE(ParseBirthDate("1984-03-07", kToday).ok());
  EXPECT_TRUE(ParseBirthDate("2026-03-01", kToday).ok());
  EXPECT_EQ(ParseBirthDate("2026-03-02", kToday).status().code(), "person.birth_date_future");
  EXPECT_EQ(ParseBirthDate("1990-02-31", kToday).status().code(), "person.invalid_birth_date");
  EXPECT_EQ(ParseBirthDate("07.03.1984", kToday).status().code(), "person.invalid_birth_date");
  EXPECT_EQ(ParseBirthDate("1850-01-01", kToday).status().code(), "person.invalid_birth_date");
  EXPECT_EQ(ParseBirthDate("1984-3-7", kToday).status().code(), "person.invalid_birth_date");
}

PersonInput Minimal() {
  PersonInput in;
  in.given_name = std::optional<std::string>("Olha");
  in.family_name = std::optional<std::string>("Поліщук");
  return in;
}

std::string CodeOf(const PersonInput& in, std::string* field = nullptr) {
  Person p;
  core::Status s = ApplyPersonInput(in, true, kToday, p);
  if (field) *field = s.field();
  return s.ok() ? "" : s.code();
}

TEST(ApplyPersonInputTest, RequiresBothNamesOnCreate) {
  PersonInput in = Minimal();
  in.family_name.reset();
  std::string field;
  EXPECT_EQ(CodeOf(in, &field), "person.empty_name");
  EXPECT_EQ(field, "family_name");
  EXPECT_EQ(CodeOf(Minimal()), "");
}

TEST(ApplyPersonInputTest, ValidatesEveryEnumeratedField) {
  struct Case {
    void (*set)(PersonInput&);
    std::string code;
    std::string field;
  };
  const Case cases[] = {
      {[](PersonInput& in) { in.sex = std::optional<std::string>("f"); }, "person.invalid_sex",
       "sex"},
      {[](PersonInput& in) { in.birth_date = std::optional<std::string>("2030-01-01"); },
       "person.birth_date_future", "birth_date"},
      {[](PersonInput& in) { in.disability_degree = std::optional<std::string>("grav"); },
       "person.invalid_disability_degree", "disability_degree"},
      {[](PersonInput& in) {
         in.languages = std::vector<std::string>{"ro", "RU"};
       },
       "person.invalid_language", "languages[1]"},
      {[](PersonInput& in) { in.phone = std::optional<std::string>("call me"); },
       "person.invalid_phone", "phone"},
      {[](PersonInput& in) { in.phone = std::optional<std::string>("12"); }, "person.invalid_phone",
       "phone"},
      {[](PersonInput& in) { in.address = std::optional<std::string>(std::string(301, 'x')); },
       "person.field_too_long", "address"},
      {[](PersonInput& in) { in.patronymic = std::optional<std::string>("Ivan0vich"); },
       "person.invalid_characters", "patronymic"},
      {[](PersonInput& in) {
         in.identifiers = std::vector<IdentifierInput>{{"XX-ID", "123"}};
       },
       "identifier.unknown_scheme", "identifiers[0].scheme"},
      {[](PersonInput& in) {
         in.identifiers = std::vector<IdentifierInput>{{"RO-CNP", "18403074000"}};
       },
       "identifier.wrong_length", "identifiers[0].value"},
  };
  for (const Case& c : cases) {
    PersonInput in = Minimal();
    c.set(in);
    std::string field;
    EXPECT_EQ(CodeOf(in, &field), c.code);
    EXPECT_EQ(field, c.field) << c.code;
  }
}

TEST(ApplyPersonInputTest, NotesKeepLineBreaks) {
  PersonInput in = Minimal();
  in.notes = std::optional<std::string>("first line\nsecond line");
  Person p;
  ASSERT_TRUE(ApplyPersonInput(in, true, kToday, p).ok());
  EXPECT_EQ(p.notes, "first line\nsecond line");
}

TEST(ApplyPersonInputTest, IdentifierMustAgreeWithBirthDateAndSex) {
  const core::Date birth{1984, 3, 7};
  core::Result<std::string> cnp = GenerateIdentifier("RO-CNP", birth, Sex::kFemale, 7);
  ASSERT_TRUE(cnp.ok());
  PersonInput in = Minimal();
  in.identifiers = std::vector<IdentifierInput>{{"RO-CNP", *cnp}};

  Person filled;
  ASSERT_TRUE(ApplyPersonInput(in, true, kToday, filled).ok());
  EXPECT_EQ(filled.birth_date, birth);  // implied by the code
  EXPECT_EQ(filled.sex, Sex::kFemale);

  in.birth_date = std::optional<std::string>("1984-03-08");
  std::string field;
  EXPECT_EQ(CodeOf(in, &field), "person.identifier_mismatch");
  EXPECT_EQ(field, "identifiers[0].value");
  in.birth_date = std::optional<std::string>("1984-03-07");
  in.sex = std::optional<std::string>("male");
  EXPECT_EQ(CodeOf(in), "person.identifier_mismatch");
  in.sex = std::optional<std::string>("female");
  EXPECT_EQ(CodeOf(in), "");

  std::string wrong = *cnp;
  wrong.back() = wrong.back() == '9' ? '0' : static_cast<char>(wrong.back() + 1);
  in.identifiers = std::vector<IdentifierInput>{{"RO-CNP", wrong}};
  EXPECT_EQ(CodeOf(in, &field), "identifier.bad_check_digit");
  EXPECT_EQ(field, "identifiers[0].value");

  in.identifiers = std::vector<IdentifierInput>{{"RO-CNP", *cnp}};
  in.identifiers->push_back({"RO-CNP", *cnp});
  EXPECT_EQ(CodeOf(in, &field), "person.duplicate_scheme");
  EXPECT_EQ(field, "identifiers[1].scheme");
}

TEST(ApplyPersonInputTest, NameKeyMeetsAcrossScripts) {
  Person a;
  Person b;
  PersonInput in = Minimal();
  ASSERT_TRUE(ApplyPersonInput(in, true, kToday, a).ok());
  in.family_name = std::optional<std::string>("Polishchuk");
  in.given_name = std::optional<std::string>("Ольга");
  ASSERT_TRUE(ApplyPersonInput(in, true, kToday, b).ok());
  EXPECT_FALSE(a.name_key.empty());
  EXPECT_EQ(a.name_key, b.name_key);
}

TEST(PlacementTest, ChecksLevelsAndContainment) {
  const Place community{"c1", "RO:1017", "Berca", "community", "/RO/RO:1017/", "c1"};
  const Place other{"c2", "RO:2000", "Other", "community", "/RO/RO:2000/", "c2"};
  const Place settlement{"s1", "RO:1026", "Joseni", "settlement", "/RO/RO:1017/RO:1026/", "c1"};
  const Place region{"r1", "RO:10", "Buzău", "region", "/RO/RO:10/", std::nullopt};
  EXPECT_TRUE(CheckPlacement(community, std::nullopt, "person").ok());
  EXPECT_TRUE(CheckPlacement(std::nullopt, settlement, "person").ok());
  EXPECT_TRUE(CheckPlacement(community, settlement, "person").ok());
  EXPECT_EQ(CheckPlacement(std::nullopt, std::nullopt, "person").code(),
            "person.community_required");
  EXPECT_EQ(CheckPlacement(std::nullopt, std::nullopt, "household").code(),
            "household.community_required");
  EXPECT_EQ(CheckPlacement(region, std::nullopt, "person").code(), "person.not_a_community");
  EXPECT_EQ(CheckPlacement(std::nullopt, community, "person").code(), "person.not_a_settlement");
  EXPECT_EQ(CheckPlacement(other, settlement, "person").code(),
            "person.settlement_outside_community");
}

TEST(HouseholdRulesTest, ChecksMembers) {
  EXPECT_TRUE(CheckMembers({}).ok());
  EXPECT_TRUE(CheckMembers({{"a", "head"}, {"b", "spouse"}, {"c", "grandchild"}}).ok());
  auto code = [](std::vector<MemberInput> in) {
    auto r = CheckMembers(in);
    return r.ok() ? std::string() : r.status().code() + " " + r.status().field();
  };
  EXPECT_EQ(code({{"a", "spouse"}}), "household.head_required members");
  EXPECT_EQ(code({{"a", "head"}, {"b", "head"}}),
            "household.multiple_heads members[1].relationship_to_head");
  EXPECT_EQ(code({{"a", "head"}, {"a", "child"}}),
            "household.duplicate_member members[1].person_id");
  EXPECT_EQ(code({{"a", "cousin"}}),
            "household.invalid_relationship members[0].relationship_to_head");
  std::vector<HouseholdMember> members(2);
  members[0].community_id = "c1";
  members[1].community_id = "c2";
  core::Status s = CheckMembersCommunity(members, "c1");
  EXPECT_EQ(s.code(), "household.member_other_community");
  EXPECT_EQ(s.field(), "members[1].person_id");
}

TEST(HouseholdRulesTest, ValidatesDwellingAndIncome) {
  HouseholdInput in;
  in.dwelling_type = std::optional<std::string>("castle");
  Household h;
  EXPECT_EQ(ApplyHouseholdInput(in, h).code(), "household.invalid_dwelling_type");
  in.dwelling_type = std::optional<std::string>("social_housing");
  in.income_band = std::optional<std::string>("rich");
  EXPECT_EQ(ApplyHouseholdInput(in, h).code(), "household.invalid_income_band");
  in.income_band = std::optional<std::string>("very_low");
  ASSERT_TRUE(ApplyHouseholdInput(in, h).ok());
  EXPECT_EQ(h.dwelling_type, DwellingType::kSocialHousing);
  EXPECT_EQ(h.income_band, IncomeBand::kVeryLow);
}

TEST(AgeAndMaskTest, ComputesWholeYearsAndMasks) {
  EXPECT_EQ(AgeOn({1984, 3, 7}, {2026, 3, 6}), 41);
  EXPECT_EQ(AgeOn({1984, 3, 7}, {2026, 3, 7}), 42);
  EXPECT_EQ(AgeOn({2027, 1, 1}, {2026, 3, 7}), std::nullopt);
  EXPECT_EQ(MaskIdentifier("1840307123456"), "*********3456");
  EXPECT_EQ(MaskIdentifier("123"), "***");
  EXPECT_EQ(CountryOfScheme("UA-UNZR"), "UA");
}

}  // namespace
}  // namespace socius::registry
