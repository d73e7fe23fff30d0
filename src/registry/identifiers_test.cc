#include "registry/identifiers.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace socius::registry {
namespace {

constexpr core::Date kToday{2025, 6, 1};

// `body` completed with its check digit, to build codes whose only fault is elsewhere.
std::string WithCheck(std::string_view scheme, std::string body) {
  std::string digits = body;
  std::erase(digits, '-');
  const std::optional<char> check = CheckDigit(scheme, digits);
  EXPECT_TRUE(check.has_value()) << scheme << " " << body;
  return body + check.value_or('?');
}

struct ValidCase {
  std::string scheme;
  std::string value;
  std::string normalised;
  std::optional<core::Date> birth;
  std::optional<Sex> sex;
};

TEST(ValidateIdentifier, AcceptsValidCodesAndReportsWhatTheyImply) {
  const auto M = Sex::kMale;
  const auto F = Sex::kFemale;
  const ValidCase cases[] = {
      // Romania: published examples, then one per century/sex digit and county range.
      {"RO-CNP", "1070504429315", "1070504429315", core::Date{1907, 5, 4}, M},
      {"RO-CNP", "2700116065277", "2700116065277", core::Date{1970, 1, 16}, F},
      {"RO-CNP", "4910527475018", "4910527475018", core::Date{1891, 5, 27}, F},
      {"RO-CNP", "1980228401232", "1980228401232", core::Date{1998, 2, 28}, M},
      {"RO-CNP", "5000101700016", "5000101700016", core::Date{2000, 1, 1}, M},    // county 70
      {"RO-CNP", "1470315481230", "1470315481230", core::Date{1947, 3, 15}, M},   // sector 8
      {"RO-CNP", "2511229510016", "2511229510016", core::Date{1951, 12, 29}, F},  // Călărași
      {"RO-CNP", "7000622456787", "7000622456787", core::Date{2000, 6, 22}, M},   // resident
      {"RO-CNP", "8960404407771", "8960404407771", core::Date{1996, 4, 4}, F},    // 2096 future
      {"RO-CNP", "9111111400504", "9111111400504", core::Date{2011, 11, 11}, std::nullopt},
      {"RO-CNP", "  2871231123450\t", "2871231123450", core::Date{1987, 12, 31}, F},
      // Moldova: no birth date nor sex in the code.
      {"MD-IDNP", "2002001234563", "2002001234563", std::nullopt, std::nullopt},
      {"MD-IDNP", "0998000012340", "0998000012340", std::nullopt, std::nullopt},
      {"MD-IDNP", "2015000777775", "2015000777775", std::nullopt, std::nullopt},
      {"MD-IDNP", "2007000000014", "2007000000014", std::nullopt, std::nullopt},
      {"MD-IDNP", " 2123004567891 ", "2123004567891", std::nullopt, std::nullopt},
      // Ukraine RNOKPP: published examples, then pinned ones.
      {"UA-RNOKPP", "3652504575", "3652504575", core::Date{2000, 1, 1}, M},
      {"UA-RNOKPP", "3068208400", "3068208400", core::Date{1984, 1, 2}, F},
      {"UA-RNOKPP", "3124112315", "3124112315", core::Date{1985, 7, 14}, M},
      {"UA-RNOKPP", "3293145607", "3293145607", core::Date{1990, 2, 28}, F},
      {"UA-RNOKPP", "3835199974", "3835199974", core::Date{2004, 12, 31}, M},
      {"UA-RNOKPP", "2191500124", "2191500124", core::Date{1960, 1, 1}, F},
      {"UA-RNOKPP", "1514833389", "1514833389", core::Date{1941, 6, 22}, F},
      // Ukraine UNZR, with and without the dash.
      {"UA-UNZR", "19850714-01239", "19850714-01239", core::Date{1985, 7, 14}, std::nullopt},
      {"UA-UNZR", "20000229-00454", "20000229-00454", core::Date{2000, 2, 29}, std::nullopt},
      {"UA-UNZR", "1970123109999", "19701231-09999", core::Date{1970, 12, 31}, std::nullopt},
      {"UA-UNZR", "20160101-00078", "20160101-00078", core::Date{2016, 1, 1}, std::nullopt},
      {"UA-UNZR", " 19410622-03334", "19410622-03334", core::Date{1941, 6, 22}, std::nullopt},
      // North Macedonia.
      {"MK-EMBG", "0101006500006", "0101006500006", core::Date{2006, 1, 1}, M},
      {"MK-EMBG", "1407985450125", "1407985450125", core::Date{1985, 7, 14}, M},
      {"MK-EMBG", "2902000415120", "2902000415120", core::Date{2000, 2, 29}, F},
      {"MK-EMBG", "3112972487000", "3112972487000", core::Date{1972, 12, 31}, F},
      {"MK-EMBG", "0101000459993", "0101000459993", core::Date{2000, 1, 1}, F},
      {"MK-EMBG", "1506961491236", "1506961491236", core::Date{1961, 6, 15}, M},
      // Lithuania: the published example, then pinned ones, and a 9 code without a date.
      {"LT-AK", "33309240064", "33309240064", core::Date{1933, 9, 24}, M},
      {"LT-AK", "38507140124", "38507140124", core::Date{1985, 7, 14}, M},
      {"LT-AK", "49002284567", "49002284567", core::Date{1990, 2, 28}, F},
      {"LT-AK", "50412319999", "50412319999", core::Date{2004, 12, 31}, M},
      {"LT-AK", "61001010018", "61001010018", core::Date{2010, 1, 1}, F},
      {"LT-AK", "34106223333", "34106223333", core::Date{1941, 6, 22}, M},
      {"LT-AK", "90000001235", "90000001235", std::nullopt, std::nullopt},
  };
  for (const auto& c : cases) {
    auto r = ValidateIdentifier(c.scheme, c.value, kToday);
    ASSERT_TRUE(r.ok()) << c.scheme << " " << c.value << ": " << r.status().ToString();
    EXPECT_EQ(r->scheme, c.scheme);
    EXPECT_EQ(r->value, c.normalised) << c.value;
    EXPECT_EQ(r->birth_date, c.birth) << c.value;
    EXPECT_EQ(r->sex, c.sex) << c.value;
  }
}

struct InvalidCase {
  std::string scheme;
  std::string value;
  std::string code;
};

std::vector<InvalidCase> InvalidCases() {
  return {
      {"XX-ID", "1234", "identifier.unknown_scheme"},
      {"ro-cnp", "1070504429315", "identifier.unknown_scheme"},
      // Romania.
      {"RO-CNP", "1070504429316", "identifier.bad_check_digit"},
      {"RO-CNP", "2700116065271", "identifier.bad_check_digit"},
      {"RO-CNP", "107050442931", "identifier.wrong_length"},
      {"RO-CNP", "10705044293155", "identifier.wrong_length"},
      {"RO-CNP", "", "identifier.wrong_length"},
      {"RO-CNP", "27001160C5277", "identifier.not_digits"},
      {"RO-CNP", "2700116 65277", "identifier.not_digits"},
      {"RO-CNP", "-700116065277", "identifier.not_digits"},
      {"RO-CNP", WithCheck("RO-CNP", "603022952999"), "identifier.bad_date"},  // 29 Feb 2003
      {"RO-CNP", WithCheck("RO-CNP", "190023140123"), "identifier.bad_date"},  // 31 Feb
      {"RO-CNP", WithCheck("RO-CNP", "190130140123"), "identifier.bad_date"},  // month 13
      {"RO-CNP", WithCheck("RO-CNP", "530010140123"), "identifier.bad_date"},  // 2030: future
      {"RO-CNP", WithCheck("RO-CNP", "090010140123"), "identifier.bad_century"},
      {"RO-CNP", WithCheck("RO-CNP", "190010149123"), "identifier.bad_region"},  // county 49
      {"RO-CNP", WithCheck("RO-CNP", "190010100123"), "identifier.bad_region"},  // county 00
      {"RO-CNP", WithCheck("RO-CNP", "190010171123"), "identifier.bad_region"},  // county 71
      {"RO-CNP", WithCheck("RO-CNP", "190010140000"), "identifier.bad_serial"},
      // Moldova.
      {"MD-IDNP", "2002001234564", "identifier.bad_check_digit"},
      {"MD-IDNP", "2002001234536", "identifier.bad_check_digit"},  // swapped digits
      {"MD-IDNP", "200200123456", "identifier.wrong_length"},
      {"MD-IDNP", "20020012345633", "identifier.wrong_length"},
      {"MD-IDNP", "200200123456O", "identifier.not_digits"},
      {"MD-IDNP", "2002 01234563", "identifier.not_digits"},
      {"MD-IDNP", WithCheck("MD-IDNP", "100860003841"), "identifier.bad_prefix"},  // an IDNO
      {"MD-IDNP", WithCheck("MD-IDNP", "900200123456"), "identifier.bad_prefix"},
      {"MD-IDNP", "２００２００１２３４５６３", "identifier.not_digits"},  // full-width digits
      // Ukraine RNOKPP.
      {"UA-RNOKPP", "3652504576", "identifier.bad_check_digit"},
      {"UA-RNOKPP", "3068208401", "identifier.bad_check_digit"},
      {"UA-RNOKPP", "365250457", "identifier.wrong_length"},
      {"UA-RNOKPP", "36525045755", "identifier.wrong_length"},
      {"UA-RNOKPP", "36525O4575", "identifier.not_digits"},
      {"UA-RNOKPP", "+365250457", "identifier.not_digits"},
      {"UA-RNOKPP", WithCheck("UA-RNOKPP", "000001234"), "identifier.bad_date"},  // day 0
      {"UA-RNOKPP", WithCheck("UA-RNOKPP", "470001234"), "identifier.bad_date"},  // 2028: future
      {"UA-RNOKPP", WithCheck("UA-RNOKPP", "999991234"), "identifier.bad_date"},
      // Ukraine UNZR.
      {"UA-UNZR", "19850714-01238", "identifier.bad_check_digit"},
      {"UA-UNZR", "19850714-10239", "identifier.bad_check_digit"},
      {"UA-UNZR", "19850714-0123", "identifier.wrong_length"},
      {"UA-UNZR", "19850714--01239", "identifier.not_digits"},
      {"UA-UNZR", "1985071-401239", "identifier.not_digits"},  // dash in the wrong place
      {"UA-UNZR", "19850714 01239", "identifier.not_digits"},
      {"UA-UNZR", WithCheck("UA-UNZR", "19850231-0123"), "identifier.bad_date"},  // 31 Feb
      {"UA-UNZR", WithCheck("UA-UNZR", "20300101-0123"), "identifier.bad_date"},  // future
      {"UA-UNZR", WithCheck("UA-UNZR", "19850001-0123"), "identifier.bad_date"},  // month 0
      // North Macedonia.
      {"MK-EMBG", "0101006500007", "identifier.bad_check_digit"},
      {"MK-EMBG", "1407985450152", "identifier.bad_check_digit"},
      {"MK-EMBG", "140798545012", "identifier.wrong_length"},
      {"MK-EMBG", "14079854501255", "identifier.wrong_length"},
      {"MK-EMBG", "14O7985450125", "identifier.not_digits"},
      {"MK-EMBG", "14.07985450125", "identifier.not_digits"},
      {"MK-EMBG", WithCheck("MK-EMBG", "310298545012"), "identifier.bad_date"},  // 31 Feb
      {"MK-EMBG", WithCheck("MK-EMBG", "010103045010"), "identifier.bad_date"},  // 2030: future
      {"MK-EMBG", WithCheck("MK-EMBG", "001398545012"), "identifier.bad_date"},  // day 0, month 13
      // EMBG whose remainder gives 10: never issued, whatever the last digit.
      {"MK-EMBG", "0101006450050", "identifier.bad_check_digit"},
      // Lithuania.
      {"LT-AK", "33309240065", "identifier.bad_check_digit"},
      {"LT-AK", "38507140125", "identifier.bad_check_digit"},
      {"LT-AK", "3330924006", "identifier.wrong_length"},
      {"LT-AK", "333092400644", "identifier.wrong_length"},
      {"LT-AK", "3330924006a", "identifier.not_digits"},
      {"LT-AK", WithCheck("LT-AK", "3850231012"), "identifier.bad_date"},  // 31 Feb
      {"LT-AK", WithCheck("LT-AK", "5300101012"), "identifier.bad_date"},  // 2030: future
      {"LT-AK", WithCheck("LT-AK", "0850714012"), "identifier.bad_century"},
      {"LT-AK", WithCheck("LT-AK", "7850714012"), "identifier.bad_century"},
      {"LT-AK", WithCheck("LT-AK", "8850714012"), "identifier.bad_century"},
  };
}

TEST(ValidateIdentifier, RejectsInvalidCodesWithStableCodeAndField) {
  for (const auto& c : InvalidCases()) {
    auto r = ValidateIdentifier(c.scheme, c.value, kToday);
    ASSERT_FALSE(r.ok()) << c.scheme << " " << c.value;
    EXPECT_EQ(r.status().kind(), core::StatusKind::kInvalidArgument);
    EXPECT_EQ(r.status().code(), c.code) << c.scheme << " " << c.value;
    EXPECT_EQ(r.status().field(), "identifiers");
    EXPECT_EQ(r.status().params().at("scheme"), c.scheme);
  }
}

TEST(ValidateIdentifier, EmbgRowWithRemainderTenHasNoCheckDigit) {
  // The EMBG row in InvalidCases() relies on this body having no possible check digit.
  EXPECT_FALSE(CheckDigit("MK-EMBG", "010100645005").has_value());
}

TEST(ValidateIdentifier, ResidentCnpTakesTheLatestCenturyNotInTheFuture) {
  // S = 7, born 25-05-31 (in the past on kToday) → 2025; born 25-06-30 → 1925.
  auto past = ValidateIdentifier("RO-CNP", WithCheck("RO-CNP", "725053140123"), kToday);
  ASSERT_TRUE(past.ok()) << past.status().ToString();
  EXPECT_EQ(past->birth_date, (core::Date{2025, 5, 31}));
  auto later = ValidateIdentifier("RO-CNP", WithCheck("RO-CNP", "725063040123"), kToday);
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(later->birth_date, (core::Date{1925, 6, 30}));
}

TEST(ValidateIdentifier, AcceptsABirthOnTodayButNotTomorrow) {
  EXPECT_TRUE(ValidateIdentifier("UA-UNZR", WithCheck("UA-UNZR", "20250601-0001"), kToday).ok());
  EXPECT_EQ(
      ValidateIdentifier("UA-UNZR", WithCheck("UA-UNZR", "20250602-0001"), kToday).status().code(),
      "identifier.bad_date");
}

TEST(CheckDigit, RefusesMalformedBodies) {
  EXPECT_FALSE(CheckDigit("RO-CNP", "12345").has_value());
  EXPECT_FALSE(CheckDigit("RO-CNP", "10705044293a").has_value());
  EXPECT_FALSE(CheckDigit("XX", "107050442931").has_value());
  EXPECT_EQ(CheckDigit("RO-CNP", "107050442931"), '5');
  EXPECT_EQ(CheckDigit("UA-RNOKPP", "365250457"), '5');
  EXPECT_EQ(CheckDigit("LT-AK", "3330924006"), '4');
}

const std::vector<core::Date>& BirthDates() {
  static const std::vector<core::Date> dates = {
      {1900, 1, 1},  {1905, 3, 1},   {1933, 9, 24},  {1948, 2, 29}, {1959, 12, 31},
      {1970, 1, 1},  {1984, 7, 15},  {1999, 12, 31}, {2000, 1, 1},  {2000, 2, 29},
      {2008, 6, 30}, {2016, 11, 11}, {2024, 2, 29},  {2025, 5, 31}};
  return dates;
}

TEST(GenerateIdentifier, EveryGeneratedCodeValidatesAndImpliesTheBirthAndSex) {
  for (std::string_view scheme : IdentifierSchemes()) {
    for (const auto& birth : BirthDates()) {
      for (Sex sex : {Sex::kFemale, Sex::kMale}) {
        for (uint64_t seed = 0; seed < 25; ++seed) {
          auto code = GenerateIdentifier(scheme, birth, sex, seed);
          ASSERT_TRUE(code.ok()) << scheme << " " << birth.ToString();
          auto facts = ValidateIdentifier(scheme, *code, kToday);
          ASSERT_TRUE(facts.ok()) << scheme << " " << *code << ": " << facts.status().ToString();
          EXPECT_EQ(facts->value, *code);
          if (scheme == "MD-IDNP") {
            EXPECT_FALSE(facts->birth_date.has_value());
            EXPECT_FALSE(facts->sex.has_value());
            continue;
          }
          EXPECT_EQ(facts->birth_date, birth) << scheme << " " << *code;
          if (scheme != "UA-UNZR") {
            EXPECT_EQ(facts->sex, sex) << scheme << " " << *code;
          }
        }
      }
    }
  }
}

TEST(GenerateIdentifier, IsReproducibleFromTheSeedAndVariesWithIt) {
  for (std::string_view scheme : IdentifierSchemes()) {
    const core::Date birth{1984, 7, 15};
    auto a = GenerateIdentifier(scheme, birth, Sex::kFemale, 42);
    auto b = GenerateIdentifier(scheme, birth, Sex::kFemale, 42);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b);
    int different = 0;
    for (uint64_t seed = 0; seed < 20; ++seed) {
      different += *GenerateIdentifier(scheme, birth, Sex::kFemale, seed) != *a;
    }
    EXPECT_GE(different, 15) << scheme;
  }
}

TEST(GenerateIdentifier, RefusesWhatTheSchemeCannotEncode) {
  const std::pair<std::string, core::Date> cases[] = {
      {"RO-CNP", {1799, 12, 31}},    {"RO-CNP", {2100, 1, 1}},    {"LT-AK", {1750, 1, 1}},
      {"UA-RNOKPP", {1899, 12, 31}}, {"UA-RNOKPP", {2200, 1, 1}}, {"MK-EMBG", {1799, 1, 1}},
      {"UA-UNZR", {2001, 2, 29}},  // not a date
  };
  for (const auto& [scheme, birth] : cases) {
    auto r = GenerateIdentifier(scheme, birth, Sex::kMale, 1);
    ASSERT_FALSE(r.ok()) << scheme << " " << birth.ToString();
    EXPECT_EQ(r.status().code(), "identifier.bad_date");
  }
  EXPECT_EQ(GenerateIdentifier("XX", {1990, 1, 1}, Sex::kMale, 1).status().code(),
            "identifier.unknown_scheme");
}

// Schemes whose check digit catches every single-digit error: IDNP and UNZR (weights 7, 3, 1
// are prime to 10) and EMBG (weights nonzero mod 11, and remainder 10 never issued). For CNP,
// RNOKPP and asmens kodas two remainders share a check digit, so a rare error slips through;
// there the structure or the check digit must catch nearly all.
TEST(ValidateIdentifier, ChangingAnyOneDigitBreaksTheCode) {
  for (std::string_view scheme : IdentifierSchemes()) {
    const bool guaranteed = scheme == "MD-IDNP" || scheme == "UA-UNZR" || scheme == "MK-EMBG";
    int changes = 0, caught = 0;
    for (const auto& birth : BirthDates()) {
      for (uint64_t seed = 0; seed < 10; ++seed) {
        const std::string code = *GenerateIdentifier(scheme, birth, Sex::kMale, seed);
        for (size_t i = 0; i < code.size(); ++i) {
          if (code[i] == '-') continue;
          for (char d = '0'; d <= '9'; ++d) {
            if (d == code[i]) continue;
            std::string changed = code;
            changed[i] = d;
            const bool ok = ValidateIdentifier(scheme, changed, kToday).ok();
            ++changes;
            caught += !ok;
            if (guaranteed) {
              EXPECT_FALSE(ok) << scheme << " " << code << " -> " << changed;
            }
          }
        }
      }
    }
    EXPECT_GE(caught, changes * 95 / 100) << scheme << ": " << caught << " of " << changes;
  }
}

}  // namespace
}  // namespace socius::registry
