#include "dedup/engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "dedup/internal.h"
#include "nlohmann/json.hpp"
#include "text/match_key.h"
#include "text/similarity.h"

namespace socius::dedup {
namespace {

Level LevelOf(const Levels& levels, Field field) { return levels[static_cast<size_t>(field)]; }

Record Person(std::string_view family, std::string_view given, int year, int month, int day) {
  Record r;
  r.family_key = text::NameMatchKey(family);
  r.given_key = text::NameMatchKey(given);
  r.birth_year = static_cast<int16_t>(year);
  r.birth_month = static_cast<int8_t>(month);
  r.birth_day = static_cast<int8_t>(day);
  return r;
}

TEST(JaroWinklerTest, GivesTheTextbookValues) {
  struct Case {
    const char* a;
    const char* b;
    double expected;
  };
  for (const Case& c : {Case{"MARTHA", "MARHTA", 0.961}, Case{"DWAYNE", "DUANE", 0.840},
                        Case{"DIXON", "DICKSONX", 0.813}, Case{"JELLYFISH", "SMELLYFISH", 0.896},
                        Case{"abc", "abc", 1.0}, Case{"abc", "", 0.0}, Case{"abc", "xyz", 0.0}}) {
    EXPECT_NEAR(JaroWinkler(c.a, c.b), c.expected, 0.0005) << c.a << " / " << c.b;
    EXPECT_NEAR(JaroWinkler(c.b, c.a), c.expected, 0.0005) << c.b << " / " << c.a;
  }
}

TEST(CompareTest, NamesAgreeAcrossScriptsFormsAndTypos) {
  struct Case {
    const char* a;
    const char* b;
    Field field;
    Level expected;
  };
  for (const Case& c : {
           Case{"Поліщук", "Polishchuk", Field::kFamilyName, Level::kSame},
           Case{"Шевченко", "Ševčenko", Field::kFamilyName, Level::kSame},
           Case{"Ганна", "Анна", Field::kGivenName, Level::kForm},
           Case{"Олександр", "Alexandru", Field::kGivenName, Level::kForm},
           Case{"Popescu", "Popsecu", Field::kFamilyName, Level::kClose},
           Case{"Kovalenko", "Kovalenco", Field::kFamilyName, Level::kClose},
           Case{"Rusu", "Ciobanu", Field::kFamilyName, Level::kDifferent},
           Case{"Maria", "Elena", Field::kGivenName, Level::kDifferent},
           Case{"Moldovan", "", Field::kFamilyName, Level::kMissing},
       }) {
    Record a = Person(c.field == Field::kFamilyName ? c.a : "X", c.a, 1980, 1, 1);
    Record b = Person(c.field == Field::kFamilyName ? c.b : "X", c.b, 1980, 1, 1);
    EXPECT_EQ(Name(LevelOf(Compare(a, b), c.field)), Name(c.expected)) << c.a << " / " << c.b;
  }
  // Similar: the Jaro-Winkler band below close.
  Record a = Person("Martinescu", "Ion", 1980, 1, 1), b = Person("Martinovici", "Ion", 1980, 1, 1);
  EXPECT_EQ(LevelOf(Compare(a, b), Field::kFamilyName), Level::kSimilar);
}

TEST(CompareTest, OneEditAgreesWithTheEditDistance) {
  std::mt19937_64 random(5);
  for (int i = 0; i < 20000; ++i) {
    std::string a, b;
    for (size_t n = random() % 7; n > 0; --n) a += static_cast<char>('a' + random() % 3);
    b = a;
    switch (random() % 4) {
      case 0:
        if (!b.empty()) b[random() % b.size()] = static_cast<char>('a' + random() % 3);
        break;
      case 1:
        b.insert(random() % (b.size() + 1), 1, 'b');
        break;
      case 2:
        if (b.size() > 1) {
          const size_t k = random() % (b.size() - 1);
          std::swap(b[k], b[k + 1]);
        }
        break;
      default:
        for (size_t n = random() % 7; n > 0; --n) b += static_cast<char>('a' + random() % 3);
    }
    EXPECT_EQ(internal::WithinOneEdit(a, b), text::BoundedEditDistance(a, b, 1) <= 1)
        << a << " / " << b;
  }
}

TEST(CompareTest, NameLevelsFollowJaroWinklerAndTheEditDistance) {
  // The family name's level against its definition, on random keys of the key alphabet.
  std::mt19937_64 random(9);
  const std::string letters = "abcdegiklmnoprstuvz";
  auto word = [&](size_t n) {
    std::string w;
    for (; n > 0; --n) w += letters[random() % letters.size()];
    return w;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string a = word(3 + random() % 8);
    std::string b = random() % 2 ? word(3 + random() % 8) : a;
    if (b == a && !b.empty()) b[random() % b.size()] = letters[random() % letters.size()];
    if (random() % 3 == 0) b += word(random() % 3);
    Record x, y;
    x.family_key = a;
    y.family_key = b;
    const double similarity = JaroWinkler(a, b);
    const Level expected = a == b ? Level::kSame
                           : text::BoundedEditDistance(a, b, 1) <= 1 || similarity >= 0.92
                               ? Level::kClose
                           : similarity >= 0.80 ? Level::kSimilar
                                                : Level::kDifferent;
    ASSERT_EQ(Name(LevelOf(Compare(x, y), Field::kFamilyName)), Name(expected)) << a << " / " << b;
  }
}

TEST(CompareTest, BirthDateLevels) {
  struct Case {
    int y1, m1, d1, y2, m2, d2;
    Level expected;
  };
  for (const Case& c : {
           Case{1980, 3, 12, 1980, 3, 12, Level::kSame},
           Case{1980, 3, 12, 1980, 3, 13, Level::kOnePart},
           Case{1980, 3, 12, 1980, 4, 12, Level::kOnePart},
           Case{1984, 3, 12, 1994, 3, 12, Level::kOnePart},
           Case{1980, 3, 12, 1980, 12, 3, Level::kTransposed},
           Case{1980, 3, 12, 1980, 7, 25, Level::kSimilar},
           Case{1989, 3, 12, 1990, 3, 12, Level::kSimilar},
           Case{1980, 3, 12, 1975, 7, 25, Level::kDifferent},
           Case{1980, 3, 12, 1985, 3, 13, Level::kDifferent},
           Case{1980, 3, 12, 0, 0, 0, Level::kMissing},
           Case{1980, 0, 0, 1980, 3, 12, Level::kSimilar},
       }) {
    const Record a = Person("A", "B", c.y1, c.m1, c.d1), b = Person("A", "B", c.y2, c.m2, c.d2);
    EXPECT_EQ(Name(LevelOf(Compare(a, b), Field::kBirthDate)), Name(c.expected))
        << c.y1 << "-" << c.m1 << "-" << c.d1 << " / " << c.y2 << "-" << c.m2 << "-" << c.d2;
  }
}

TEST(CompareTest, IdentifiersAgreeOnASharedScheme) {
  Record a = Person("A", "B", 1980, 1, 1), b = a;
  a.identifiers = {"MD_IDNP:2001234567890", "UA_RNOKPP:1234567890"};
  b.identifiers = {"UA_RNOKPP:1234567890"};
  EXPECT_EQ(LevelOf(Compare(a, b), Field::kIdentifier), Level::kSame);
  b.identifiers = {"UA_RNOKPP:1234567899"};
  EXPECT_EQ(LevelOf(Compare(a, b), Field::kIdentifier), Level::kDifferent);
  b.identifiers = {"RO_CNP:1800101123456"};
  EXPECT_EQ(LevelOf(Compare(a, b), Field::kIdentifier), Level::kMissing);
  b.identifiers.clear();
  EXPECT_EQ(LevelOf(Compare(a, b), Field::kIdentifier), Level::kMissing);
}

TEST(CompareTest, PhoneSettlementHouseholdAndSex) {
  Record a = Person("A", "B", 1980, 1, 1), b = a;
  a.phone = b.phone = "691234567";
  a.settlement = "s1";
  b.settlement = "s2";
  a.sex = 'f';
  a.household = b.household = "h1";
  Levels levels = Compare(a, b);
  EXPECT_EQ(LevelOf(levels, Field::kPhone), Level::kSame);
  EXPECT_EQ(LevelOf(levels, Field::kSettlement), Level::kDifferent);
  EXPECT_EQ(LevelOf(levels, Field::kSex), Level::kMissing);
  EXPECT_EQ(LevelOf(levels, Field::kHousehold), Level::kSame);
  b.phone = "691234568";
  b.sex = 'm';
  levels = Compare(a, b);
  EXPECT_EQ(LevelOf(levels, Field::kPhone), Level::kDifferent);
  EXPECT_EQ(LevelOf(levels, Field::kSex), Level::kDifferent);
  b.phone.clear();
  EXPECT_EQ(LevelOf(Compare(a, b), Field::kPhone), Level::kMissing);
}

TEST(ExplainTest, FieldWeightsAddUpToTheMatchWeight) {
  const Model model = Model::Defaults();
  Record a = Person("Moraru", "Ion", 1970, 5, 6), b = Person("Moraru", "Ioan", 1970, 6, 5);
  a.identifiers = {"MD_IDNP:2001234567890"};
  b.identifiers = {"MD_IDNP:2001234567890"};
  a.settlement = b.settlement = "s";
  const Score score = Explain(model, a, b);
  ASSERT_EQ(score.fields.size(), kFieldCount);
  double sum = std::log2(model.prior / (1 - model.prior));
  for (size_t f = 0; f < kFieldCount; ++f) {
    EXPECT_EQ(score.fields[f].field, static_cast<Field>(f));
    sum += score.fields[f].weight;
  }
  EXPECT_NEAR(score.match_weight, sum, 1e-9);
  EXPECT_NEAR(score.probability, std::exp2(sum) / (1 + std::exp2(sum)), 1e-12);
  EXPECT_EQ(score.fields[static_cast<size_t>(Field::kBirthDate)].level, Level::kTransposed);
  EXPECT_EQ(score.fields[static_cast<size_t>(Field::kPatronymic)].weight, 0);
  EXPECT_GT(score.fields[static_cast<size_t>(Field::kIdentifier)].weight, 10);
}

TEST(ExplainTest, AHouseholdCountsItsSharedFamilyNameAndSettlementOnce) {
  // Two sisters: one household, one family name, one settlement, different given names.
  const Model model = Model::Defaults();
  Record a = Person("Rusu", "Maria", 1990, 2, 3), b = Person("Rusu", "Elena", 1993, 7, 21);
  a.household = b.household = "h";
  a.settlement = b.settlement = "s";
  a.sex = b.sex = 'f';
  const Score sisters = Explain(model, a, b);
  EXPECT_EQ(sisters.fields[static_cast<size_t>(Field::kFamilyName)].weight, 0);
  EXPECT_EQ(sisters.fields[static_cast<size_t>(Field::kSettlement)].weight, 0);
  EXPECT_GT(sisters.fields[static_cast<size_t>(Field::kHousehold)].weight, 5);
  EXPECT_LT(sisters.probability, 0.01);
  // Apart, the same agreements count in full.
  b.household.clear();
  const Score apart = Explain(model, a, b);
  EXPECT_GT(apart.fields[static_cast<size_t>(Field::kFamilyName)].weight, 5);
  EXPECT_GT(apart.fields[static_cast<size_t>(Field::kSettlement)].weight, 1);
}

TEST(ModelTest, AnExactRareNameWeighsMoreThanAnExactCommonOne) {
  Model model = Model::Defaults();
  model.records = 100000;
  model.family_frequency = {{text::NameMatchKey("Ivanov"), 0.02}};
  std::sort(model.family_frequency.begin(), model.family_frequency.end());
  const Record common = Person("Ivanov", "Ivan", 1980, 1, 1);
  const Record rare = Person("Shcherbyna", "Ivan", 1980, 1, 1);
  const double common_weight = Explain(model, common, common).fields[0].weight;
  const double rare_weight = Explain(model, rare, rare).fields[0].weight;
  EXPECT_GT(rare_weight, common_weight + 5);
  // Without frequencies both weigh the field's average.
  model.records = 0;
  EXPECT_EQ(Explain(model, common, common).fields[0].weight,
            Explain(model, rare, rare).fields[0].weight);
}

TEST(ScorerTest, GivesExplainsProbabilityForEveryKindOfPair) {
  Model model = Model::Defaults();
  model.records = 1000;
  model.family_frequency = {{text::NameMatchKey("Moraru"), 0.05}};
  const Scorer scorer(model);
  Record a = Person("Moraru", "Ion", 1970, 5, 6);
  a.identifiers = {"MD-IDNP:2001234567890"};
  a.settlement = "s";
  std::vector<Record> others = {
      Person("Moraru", "Ion", 1970, 5, 6), Person("Moraru", "Ioan", 1970, 6, 5),
      Person("Морару", "Іон", 1970, 5, 6), Person("Rusu", "Elena", 1993, 7, 21)};
  others[1].identifiers = {"MD-IDNP:2001234567890"};
  others[2].identifiers = {"MD-IDNP:2009999999999"};
  others[3].settlement = "s";
  for (const Record& b : others) {
    EXPECT_DOUBLE_EQ(scorer.Probability(a, b), Explain(model, a, b).probability);
  }
  EXPECT_GT(scorer.Probability(a, others[1]), 0.99);
  EXPECT_LT(scorer.Probability(a, others[3]), 0.01);
}

TEST(ModelTest, RoundTripsThroughJson) {
  Model model = Model::Defaults();
  model.prior = 0.0123456789;
  model.records = 42;
  model.em_iterations = 7;
  model.family_frequency = {{"ivanov", 0.1}, {"popescu", 1.0 / 3}};
  model.given_frequency = {{"ion", 0.25}};
  model.m[3][2] = 0.123456789012345;
  const std::optional<Model> back = Model::FromJson(nlohmann::json::parse(model.ToJson().dump()));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->m, model.m);
  EXPECT_EQ(back->u, model.u);
  EXPECT_EQ(back->prior, model.prior);
  EXPECT_EQ(back->records, model.records);
  EXPECT_EQ(back->em_iterations, model.em_iterations);
  EXPECT_EQ(back->family_frequency, model.family_frequency);
  EXPECT_EQ(back->given_frequency, model.given_frequency);

  nlohmann::json broken = model.ToJson();
  broken["m"]["birth_date"].erase("same");
  EXPECT_FALSE(Model::FromJson(broken).has_value());
  broken = model.ToJson();
  broken["prior"] = 2;
  EXPECT_FALSE(Model::FromJson(broken).has_value());
  EXPECT_FALSE(Model::FromJson(nlohmann::json::array()).has_value());
}

// A small registry with planted duplicates, whose truth the tests know.
struct Planted {
  std::vector<Record> records;
  std::set<std::pair<uint32_t, uint32_t>> truth;
};

Planted MakeRegistry(size_t persons, uint64_t seed) {
  static const std::vector<std::string> kFamily = {
      "Popescu",   "Ionescu",    "Rusu",       "Ciobanu",    "Moraru",  "Shevchenko",
      "Kovalenko", "Bondar",     "Tkachenko",  "Kravchenko", "Oliinyk", "Melnyk",
      "Petrovski", "Nikolovski", "Kazlauskas", "Jankauskas", "Lungu",   "Munteanu",
      "Cebotari",  "Rotari",     "Stoica",     "Zaharia",    "Ursu",    "Balan",
      "Sirbu",     "Dumitrescu", "Andrievski", "Savchuk"};
  static const std::vector<std::string> kGiven = {
      "Ion",   "Maria",  "Elena",   "Andrei", "Olena",   "Mykola",   "Ivan",   "Anna",
      "Petro", "Vasile", "Natalia", "Sergiu", "Tetiana", "Gheorghe", "Iryna",  "Dmytro",
      "Jonas", "Ona",    "Marko",   "Ana",    "Stefan",  "Mihai",    "Oksana", "Yurii"};
  std::mt19937_64 random(seed);
  auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  auto typo = [&](std::string s) {
    if (s.size() < 4) return s;
    const size_t i = 1 + pick(s.size() - 2);
    std::swap(s[i], s[i + 1]);
    return s;
  };
  Planted out;
  for (size_t i = 0; i < persons; ++i) {
    const std::string family =
        kFamily[pick(kFamily.size())] + (pick(3) == 0 ? "" : "a" + std::to_string(pick(40)));
    Record r = Person(family, kGiven[pick(kGiven.size())], 1930 + static_cast<int>(pick(80)),
                      1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28)));
    r.id = std::to_string(i);
    r.sex = pick(2) ? 'f' : 'm';
    r.settlement = "s" + std::to_string(pick(20));
    if (pick(10) < 8) r.identifiers = {"RO_CNP:" + std::to_string(1000000 + i)};
    if (pick(2)) r.phone = std::to_string(600000000 + i);
    out.records.push_back(std::move(r));
  }
  std::vector<std::vector<uint32_t>> copies(persons);
  for (size_t i = 0; i < persons / 10; ++i) {
    const auto original = static_cast<uint32_t>(pick(persons));
    Record copy = out.records[original];
    switch (pick(5)) {
      case 0:
        copy.family_key = text::NameMatchKey(typo(copy.family_key));
        break;
      case 1:
        std::swap(copy.birth_month, copy.birth_day);
        break;
      case 2:
        copy.given_key = text::NameMatchKey(typo(copy.given_key));
        break;
      case 3:
        copy.birth_day = static_cast<int8_t>(1 + (copy.birth_day % 28));
        break;
      default:
        break;
    }
    if (pick(2)) copy.identifiers.clear();
    if (pick(2)) copy.phone.clear();
    if (pick(5) == 0) copy.settlement = "s" + std::to_string(pick(20));
    const auto index = static_cast<uint32_t>(out.records.size());
    out.records.push_back(std::move(copy));
    // Every two records of one person are a true pair, two copies included.
    out.truth.insert({original, index});
    for (uint32_t other : copies[original]) out.truth.insert({other, index});
    copies[original].push_back(index);
  }
  return out;
}

TEST(RecordOfTest, RememberedNameKeysGiveTheSameRecord) {
  NameKeys keys;
  const std::vector<PersonFields> people = {
      {"p1",
       "Olha",
       "Шевченко",
       "Петрівна",
       "1980-02-29",
       "female",
       {"IDNP:2000000000001"},
       "s1",
       "h1",
       "+373 69 123 456"},
      {"p2",
       "Ольга",
       "Shevchenko",
       std::nullopt,
       "1980",
       std::nullopt,
       {},
       "s1",
       std::nullopt,
       std::nullopt},
      {"p3",
       "Olha",
       "Шевченко",
       std::nullopt,
       std::nullopt,
       "male",
       {},
       "s2",
       std::nullopt,
       "069123456"},
      {"p4",
       "",
       "Ǵorǵievski",
       "Ḱiro",
       "2001-10-05",
       std::nullopt,
       {},
       "s3",
       std::nullopt,
       std::nullopt},
  };
  for (int pass = 0; pass < 2; ++pass) {  // the second pass reads every key remembered
    for (const PersonFields& p : people) {
      const Record remembered = RecordOf(p, keys), fresh = RecordOf(p);
      EXPECT_EQ(remembered.family_key, fresh.family_key) << p.id;
      EXPECT_EQ(remembered.given_key, fresh.given_key) << p.id;
      EXPECT_EQ(remembered.patronymic_key, fresh.patronymic_key) << p.id;
      EXPECT_EQ(Compare(remembered, fresh), Compare(fresh, fresh)) << p.id;
    }
  }
  EXPECT_EQ(keys.Of("Шевченко"), text::NameMatchKey("Шевченко"));
  EXPECT_EQ(&keys.Of("Olha"), &keys.Of("Olha")) << "keyed once, then read";
}

TEST(CompareTest, NumberedRecordsCompareAsTheRecords) {
  Planted planted = MakeRegistry(1500, 13);
  // Double given names and forms, so that every branch of the given name is met.
  planted.records[0].given_key = text::NameMatchKey("Ana Maria");
  planted.records[1].given_key = text::NameMatchKey("Ганна Марія");
  planted.records[2].given_key = text::NameMatchKey("Анна");
  planted.records[3].given_key = text::NameMatchKey("Ana");
  const internal::Interned interned = internal::Intern(planted.records);
  std::mt19937_64 random(1);
  const auto n = static_cast<uint32_t>(planted.records.size());
  std::vector<std::pair<uint32_t, uint32_t>> pairs(planted.truth.begin(), planted.truth.end());
  for (uint32_t a = 0; a < 4; ++a) {
    for (uint32_t b = 0; b < 4; ++b) pairs.emplace_back(a, b);
  }
  for (int i = 0; i < 20000; ++i) {
    pairs.emplace_back(static_cast<uint32_t>(random() % n), static_cast<uint32_t>(random() % n));
  }
  for (const auto& [a, b] : pairs) {
    ASSERT_EQ(internal::Compare(interned, a, b), Compare(planted.records[a], planted.records[b]))
        << a << " / " << b;
  }
  EXPECT_EQ(LevelOf(internal::Compare(interned, 0, 1), Field::kGivenName), Level::kForm);
}

TEST(BlockingTest, TruePairsMeetAndLargeBlocksAreWindowed) {
  const Planted planted = MakeRegistry(3000, 7);
  const auto pairs = CandidatePairs(planted.records, Options{});
  ASSERT_TRUE(std::is_sorted(pairs.begin(), pairs.end()));
  ASSERT_TRUE(std::adjacent_find(pairs.begin(), pairs.end()) == pairs.end());
  const std::set<std::pair<uint32_t, uint32_t>> candidates(pairs.begin(), pairs.end());
  size_t met = 0;
  for (const auto& pair : planted.truth) met += candidates.count(pair);
  EXPECT_EQ(met, planted.truth.size());

  // One huge block: each record meets at most window - 1 others per key.
  std::vector<Record> same(2000, Person("Popescu", "Ion", 0, 0, 0));
  Options options;
  options.max_block = 100;
  options.window = 8;
  const auto windowed = CandidatePairs(same, options);
  EXPECT_LE(windowed.size(), same.size() * 7 * 2);
  EXPECT_GE(windowed.size(), same.size() * 6);
}

TEST(RunTest, FindsThePlantedDuplicates) {
  const Planted planted = MakeRegistry(4000, 11);
  Options options;
  options.threads = 2;
  double last_progress = 0;
  const RunResult result = dedup::Run(planted.records, options, [&](double p) {
    EXPECT_GE(p, last_progress);
    last_progress = p;
  });
  EXPECT_EQ(last_progress, 1.0);
  size_t found = 0;
  for (const ScoredPair& pair : result.pairs) found += planted.truth.count({pair.a, pair.b});
  const double precision = static_cast<double>(found) / static_cast<double>(result.pairs.size());
  const double recall = static_cast<double>(found) / static_cast<double>(planted.truth.size());
  EXPECT_GT(precision, 0.95);
  EXPECT_GT(recall, 0.9);
  EXPECT_EQ(result.stats.proposed_pairs, static_cast<int64_t>(result.pairs.size()));
  ASSERT_EQ(result.group_of_pair.size(), result.pairs.size());

  // Run scores exactly as Explain does with the trained model.
  for (size_t i = 0; i < result.pairs.size(); i += 7) {
    const ScoredPair& pair = result.pairs[i];
    const Score score = Explain(result.model, planted.records[pair.a], planted.records[pair.b]);
    EXPECT_EQ(score.probability, pair.probability);
    EXPECT_EQ(score.match_weight, pair.match_weight);
  }
}

TEST(RunTest, GivesTheSameAnswerOnAnyNumberOfThreads) {
  const Planted planted = MakeRegistry(3000, 17);
  Options one;
  one.threads = 1;
  Options three;
  three.threads = 3;
  const RunResult a = dedup::Run(planted.records, one);
  const RunResult b = dedup::Run(planted.records, three);
  ASSERT_EQ(a.pairs.size(), b.pairs.size());
  for (size_t i = 0; i < a.pairs.size(); ++i) {
    EXPECT_EQ(a.pairs[i].a, b.pairs[i].a);
    EXPECT_EQ(a.pairs[i].b, b.pairs[i].b);
    EXPECT_EQ(a.pairs[i].probability, b.pairs[i].probability);
  }
  EXPECT_EQ(a.groups, b.groups);
  EXPECT_EQ(a.model.m, b.model.m);
  EXPECT_EQ(a.model.u, b.model.u);
}

TEST(RunTest, RunsOnTooFewRecordsToPair) {
  for (size_t n : {0, 1, 2}) {
    std::vector<Record> records(n, Person("Lungu", "Ion", 1970, 1, 2));
    if (n == 2) records[1] = Person("Rusu", "Ana", 1980, 3, 4);
    const RunResult result = dedup::Run(records, Options{});
    EXPECT_TRUE(result.pairs.empty()) << n;
    EXPECT_TRUE(result.groups.empty()) << n;
    EXPECT_EQ(result.stats.records, static_cast<int64_t>(n));
  }
}

TEST(RunTest, ExpectationMaximisationRecoversMAndThePrior) {
  const Planted planted = MakeRegistry(4000, 3);
  Options options;
  const RunResult result = dedup::Run(planted.records, options);
  const auto n = static_cast<double>(planted.records.size());
  const double truth = static_cast<double>(planted.truth.size()) / (n * (n - 1) / 2);
  EXPECT_GT(result.model.em_iterations, 1);
  EXPECT_NEAR(result.model.prior, truth, truth * 0.25);
  const auto date = static_cast<size_t>(Field::kBirthDate);
  // Three in five duplicates keep their date (the others: transposed, a day off).
  EXPECT_NEAR(result.model.m[date][static_cast<size_t>(Level::kSame)], 0.6, 0.08);
  EXPECT_GT(result.model.m[date][static_cast<size_t>(Level::kTransposed)], 0.1);
  EXPECT_LT(result.model.u[date][static_cast<size_t>(Level::kSame)], 0.001);
}

TEST(RunTest, ExcludedPairsAreNotProposed) {
  const Planted planted = MakeRegistry(2000, 5);
  Options options;
  options.train = false;
  const RunResult result = dedup::Run(planted.records, options);
  ASSERT_FALSE(result.pairs.empty());
  const uint32_t a = result.pairs[0].a, b = result.pairs[0].b;
  const auto proposed = [&](const RunResult& run) {
    return std::any_of(run.pairs.begin(), run.pairs.end(),
                       [&](const ScoredPair& p) { return p.a == a && p.b == b; });
  };
  const RunResult without = dedup::Run(planted.records, options, nullptr,
                                       [&](uint32_t x, uint32_t y) { return x == a && y == b; });
  EXPECT_FALSE(proposed(without));
  EXPECT_EQ(without.pairs.size() + 1, result.pairs.size());
}

TEST(RunTest, GroupsDoNotChainStrangers) {
  // B matches A and C well; A and C carry different identifiers and phones.
  Record a = Person("Bondar", "Olena", 1975, 4, 9);
  a.settlement = "s1";
  Record b = a, c = a;
  a.identifiers = {"UA_RNOKPP:1111111111"};
  a.phone = "501111111";
  c.identifiers = {"UA_RNOKPP:2222222222"};
  c.phone = "502222222";
  c.settlement = "s2";
  a.patronymic_key = text::NameMatchKey("Ivanivna");
  c.patronymic_key = text::NameMatchKey("Petrivna");
  std::vector<Record> records = {a, b, c};
  Options options;
  options.train = false;
  ASSERT_GE(Explain(options.model, a, b).probability, options.threshold);
  ASSERT_GE(Explain(options.model, b, c).probability, options.threshold);
  ASSERT_LT(Explain(options.model, a, c).probability, options.group_probability);

  const RunResult result = dedup::Run(records, options);
  ASSERT_EQ(result.pairs.size(), 2u);
  ASSERT_EQ(result.groups.size(), 1u);
  EXPECT_EQ(result.groups[0].size(), 2u);
  EXPECT_EQ(std::count(result.group_of_pair.begin(), result.group_of_pair.end(), kNoGroup), 1);
}

}  // namespace
}  // namespace socius::dedup
