#include "registry/person_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/ids.h"
#include "registry/repository.h"
#include "registry/rules.h"
#include "registry/search.h"
#include "registry/test_fixture.h"
#include "text/match_key.h"

namespace socius::registry {
namespace {

constexpr char kBerca[] = "/RO/RO:10/RO:1017/";
constexpr char kOther[] = "/RO/RO:10/RO:2000/";
constexpr char kUkraine[] = "/UA/UA:0501/";

IndexRow Row(const std::string& id, const std::string& name, const std::string& path,
             std::optional<core::Date> birth = std::nullopt, int64_t version = 1) {
  return IndexRow{id, version, "c" + path, path, birth, text::NameMatchKey(name)};
}

IndexQuery Query(const std::string& text) {
  return ParseSearchText(text, core::Date{2026, 3, 1}).index;
}

std::vector<std::string> Ids(const std::vector<IndexHit>& hits) {
  std::vector<std::string> ids;
  for (const IndexHit& h : hits) ids.push_back(h.id);
  return ids;
}

class PersonIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Upsert(Row("olha", "Поліщук Ольга Іванівна", kUkraine, core::Date{1984, 3, 7}));
    index_.Upsert(Row("taras", "Шевченко Тарас", kUkraine, core::Date{1990, 1, 2}));
    index_.Upsert(Row("stefan", "Popescu Ștefan", kBerca, core::Date{1975, 6, 1}));
    index_.Upsert(Row("stefania", "Popescu Ștefania", kBerca, core::Date{2001, 6, 1}));
    index_.Upsert(Row("ion", "Popa Ion", kOther, core::Date{1960, 1, 1}));
  }
  std::vector<std::string> Find(const std::string& q, std::vector<std::string> scope = {"/"}) {
    return Ids(index_.Search(Query(q), scope, 10));
  }
  PersonIndex index_;
};

TEST_F(PersonIndexTest, FindsAcrossScriptsAndTransliterations) {
  for (const char* q : {"Polishchuk", "Polischuk", "Poliščuk", "Полищук", "polishchuk olha",
                        "Olga Polishchuk", "Shevchenko", "Ševčenko"}) {
    std::vector<std::string> ids = Find(q);
    ASSERT_FALSE(ids.empty()) << q;
    EXPECT_TRUE(ids[0] == "olha" || ids[0] == "taras") << q;
  }
  EXPECT_EQ(Find("Stefan Popescu").front(), "stefan");
}

TEST_F(PersonIndexTest, ToleratesTyposAndRanksExactFirst) {
  EXPECT_EQ(Find("Polishchukk"), (std::vector<std::string>{"olha"}));
  EXPECT_EQ(Find("Plishchuk Olga"), (std::vector<std::string>{"olha"}));
  EXPECT_EQ(Find("Shevcenko Tars"), (std::vector<std::string>{"taras"}));
  std::vector<IndexHit> hits = index_.Search(Query("Popescu Stefan"), {"/"}, 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, "stefan");
  EXPECT_EQ(hits[0].kind, MatchKind::kExact);
  EXPECT_EQ(hits[1].id, "stefania");
  EXPECT_NE(hits[1].kind, MatchKind::kExact);
  EXPECT_TRUE(Find("Zzyzx Qwerty").empty());
}

TEST_F(PersonIndexTest, PrefixMatchesWhileTyping) {
  std::vector<IndexHit> hits = index_.Search(Query("Popesc"), {"/"}, 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].kind, MatchKind::kPrefix);
}

TEST_F(PersonIndexTest, NameWordTypedTwiceMatchesAPersonWithItTwice) {
  index_.Upsert(Row("dumitru2", "Dumitru Dumitru", kBerca, core::Date{1976, 8, 14}));
  EXPECT_EQ(Find("Dumitru Dumitru"), std::vector<std::string>{"dumitru2"});
  EXPECT_EQ(Find("Dumitru").front(), "dumitru2");
}

TEST_F(PersonIndexTest, PrefixEndingInSilentSofteningVowelMatches) {
  index_.Upsert(Row("pocius", "Pocius Gediminas", kBerca, core::Date{1981, 12, 9}));
  EXPECT_EQ(Find("Poci Gedim"), std::vector<std::string>{"pocius"});
}

TEST_F(PersonIndexTest, PrefixWhoseLastLetterJoinsTheNextMatches) {
  index_.Upsert(Row("daniela", "Popa Daniela", kBerca, core::Date{1977, 4, 16}));
  index_.Upsert(Row("mockiene", "Mockienė Irena", kOther, core::Date{1963, 5, 28}));
  index_.Upsert(Row("mykhailo", "Ткачук Михайло", kUkraine, core::Date{2001, 1, 1}));
  index_.Upsert(Row("mircea", "Mircea Ion", kOther, core::Date{1950, 1, 1}));
  for (const auto& [typed, id] :
       std::vector<std::pair<std::string, std::string>>{{"Popa Dani 1977", "daniela"},
                                                        {"Mocki Ire", "mockiene"},
                                                        {"Tkachuk Myk", "mykhailo"},
                                                        {"Mirce Ion", "mircea"}}) {
    std::vector<IndexHit> hits = index_.Search(Query(typed), {"/"}, 10);
    ASSERT_EQ(hits.size(), 1u) << typed;
    EXPECT_EQ(hits[0].id, id) << typed;
    EXPECT_EQ(hits[0].kind, MatchKind::kPrefix) << typed;
  }
}

TEST_F(PersonIndexTest, PrefixOfTheTypedLettersRanksBeforeAContinuation) {
  // "Ткаче" keys "tkace"; Ткачук (tkacuk) is reached only as ce+u → cu, so Ткаченко, which
  // the typed letters begin, comes first although it is the longer completion.
  index_.Upsert(Row("tkachuk", "Ткачук Олена", kUkraine, core::Date{2025, 7, 30}));
  index_.Upsert(Row("tkachenko", "Ткаченко Олена", kUkraine, core::Date{2025, 9, 19}));
  EXPECT_EQ(Find("Ткаче Оле 2025"), (std::vector<std::string>{"tkachenko", "tkachuk"}));
  EXPECT_EQ(Find("Ткачу Оле 2025"), (std::vector<std::string>{"tkachuk"}));
}

TEST_F(PersonIndexTest, AmongEqualMatchesTheTypedWordOrderComesFirst) {
  // Both names are common as family and as given names; the one typed family name first
  // (as registers write it) ranks first, and the reverse query ranks the reverse first.
  index_.Upsert(Row("ion-constantin", "Ion Constantin", kBerca, core::Date{1970, 1, 1}));
  index_.Upsert(Row("constantin-ion", "Constantin Ion", kBerca, core::Date{1975, 5, 12}));
  EXPECT_EQ(Find("Constantin Ion"), (std::vector<std::string>{"constantin-ion", "ion-constantin"}));
  EXPECT_EQ(Find("Ion Constantin"), (std::vector<std::string>{"ion-constantin", "constantin-ion"}));
  EXPECT_EQ(Find("Conbtantin Ion").front(), "constantin-ion");
}

TEST_F(PersonIndexTest, FindsRomanianNamesTypedInMoldovanCyrillicOrThroughRussian) {
  index_.Upsert(Row("turcan", "Țurcan Ion", kBerca, core::Date{1970, 1, 1}));
  index_.Upsert(Row("lazar", "Lazăr Maria", kBerca, core::Date{1980, 1, 1}));
  index_.Upsert(Row("cojocaru", "Cojocaru Chiriac", kBerca, core::Date{1990, 1, 1}));
  for (const char* q : {"Цуркан Ион", "Tsurkan Ion", "Țurcan Ion", "Turcan Ion"}) {
    EXPECT_EQ(Find(q).front(), "turcan") << q;
  }
  for (const char* q : {"Лазэр Мария", "Lazar Mariya"}) EXPECT_EQ(Find(q).front(), "lazar") << q;
  for (const char* q : {"Кожокару Кириак", "Kozhokaru Kiriak"}) {
    EXPECT_EQ(Find(q).front(), "cojocaru") << q;
  }
  index_.Upsert(Row("georgiana", "Popescu Georgiana", kBerca, core::Date{1956, 8, 14}));
  for (const char* q : {"Попеску Джорджана", "Popesku Dzhordzhana"}) {
    EXPECT_EQ(Find(q).front(), "georgiana") << q;
  }
}

TEST_F(PersonIndexTest, FindsMacedonianNamesWrittenTheSerbianLatinWay) {
  index_.Upsert(Row("gjorgji", "Ѓорѓиевски Ѓорѓи", "/MK/MK:1/", core::Date{1970, 1, 1}));
  index_.Upsert(Row("marija", "Ќосевски Марија", "/MK/MK:1/", core::Date{1980, 1, 1}));
  for (const char* q : {"Đorđievski Đorđi", "Gjorgjievski Gjorgji", "Ǵorǵievski Ǵorǵi"}) {
    EXPECT_EQ(Find(q).front(), "gjorgji") << q;
  }
  for (const char* q : {"Ćosevski Marija", "Kjosevski Marija", "Ḱosevski Marija"}) {
    EXPECT_EQ(Find(q).front(), "marija") << q;
  }
}

TEST_F(PersonIndexTest, FindsAGivenNameTypedInAnotherLanguagesFormAfterTheTypedForm) {
  index_.Upsert(Row("hanna", "Бондар Ганна", kUkraine, core::Date{1970, 1, 1}));
  index_.Upsert(Row("anna", "Бондар Анна", kUkraine, core::Date{1980, 1, 1}));
  index_.Upsert(Row("oleksandr", "Rusu Олександр", kBerca, core::Date{1990, 1, 1}));
  EXPECT_EQ(Find("Бондар Анна"), (std::vector<std::string>{"anna", "hanna"}));
  EXPECT_EQ(Find("Bondar Hanna"), (std::vector<std::string>{"hanna", "anna"}));
  EXPECT_EQ(Find("Rusu Alexandru"), (std::vector<std::string>{"oleksandr"}));
  EXPECT_EQ(Find("Русу Александр"), (std::vector<std::string>{"oleksandr"}));
}

TEST_F(PersonIndexTest, AnotherFormOfAGivenNameIsAWholeNameNotTheStartOfALongerOne) {
  // Matei's Russian form is Матвей: it finds Матвей, and Матвеева only as a name two edits
  // away, never as if Матвей were typed part-way; so the family name Matei typed with a
  // letter missing from the given name finds its person before Матвеева.
  index_.Upsert(Row("ioana", "Matei Ioana", kBerca, core::Date{1962, 9, 13}));
  index_.Upsert(Row("matveeva", "Матвеева Яна", kUkraine, core::Date{1998, 11, 8}));
  index_.Upsert(Row("matvei", "Матвей Яна", kUkraine, core::Date{1990, 1, 1}));
  EXPECT_EQ(Find("Matei Iana"), (std::vector<std::string>{"matvei", "ioana", "matveeva"}));
  std::vector<IndexHit> hits = index_.Search(Query("Matei Iana"), {"/"}, 10);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[2].kind, MatchKind::kFuzzy);
  // Typed part-way, the letters themselves still reach the longer name.
  const std::vector<std::string> typing = Find("Матве");
  EXPECT_NE(std::find(typing.begin(), typing.end(), "matveeva"), typing.end());
}

TEST_F(PersonIndexTest, AmongEqualMatchesTheTypedSpellingComesBeforeAReading) {
  // Kovalenko reads as Romanian Covalenco (k → c): both are exact, the typed spelling first.
  index_.Upsert(Row("covalenco", "Covalenco Ivan", kBerca, core::Date{1970, 1, 1}));
  index_.Upsert(Row("kovalenko", "Коваленко Іван", kUkraine, core::Date{1980, 1, 1}));
  EXPECT_EQ(Find("Kovalenko Ivan"), (std::vector<std::string>{"kovalenko", "covalenco"}));
  EXPECT_EQ(Find("Covalenco Ivan").front(), "covalenco");
  std::vector<IndexHit> hits = index_.Search(Query("Kovalenko Ivan"), {"/"}, 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[1].kind, MatchKind::kExact);
}

TEST_F(PersonIndexTest, HeavilyMistypedWordIsCarriedByTheOtherWords) {
  index_.Upsert(Row("stanescu", "Stanescu Dan", kBerca, core::Date{1970, 2, 3}));
  index_.Upsert(Row("bagdonene", "Bagdonienė Daiva", kOther, core::Date{1975, 10, 11}));
  index_.Upsert(Row("marian", "Filip Marian", kOther, core::Date{1980, 5, 6}));
  // Two or three edits in one word, the other exact: found through the wider fallback.
  EXPECT_EQ(Find("Stansxu Dan"), std::vector<std::string>{"stanescu"});
  EXPECT_EQ(Find("Bagonieė Daiva"), std::vector<std::string>{"bagdonene"});
  EXPECT_EQ(Find("Filip Mardixan").front(), "marian");
  // A word that matches no name word at all no longer empties the result.
  std::vector<IndexHit> hits = index_.Search(Query("Popa Ion Qwxqwxqwx"), {"/"}, 10);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front().id, "ion");
  EXPECT_EQ(hits.front().kind, MatchKind::kFuzzy);
  // The fallback only runs when the ordinary bounds find nobody.
  hits = index_.Search(Query("Stanescu Dan"), {"/"}, 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits.front().kind, MatchKind::kExact);
  EXPECT_TRUE(Find("Qwxqwxqwx").empty());
}

TEST_F(PersonIndexTest, FiltersByBirthYearAndDate) {
  EXPECT_EQ(Find("Popescu 2001"), (std::vector<std::string>{"stefania"}));
  EXPECT_EQ(Find("1984"), (std::vector<std::string>{"olha"}));
  EXPECT_EQ(Find("07.03.1984"), (std::vector<std::string>{"olha"}));
  EXPECT_TRUE(Find("Popescu 1984").empty());
}

TEST_F(PersonIndexTest, KeepsToTheCallersScope) {
  EXPECT_EQ(Find("Popescu", {kOther}), std::vector<std::string>{});
  EXPECT_EQ(Find("Popa", {kOther}), (std::vector<std::string>{"ion"}));
  EXPECT_EQ(Find("Popa", {kBerca}), std::vector<std::string>{});
  EXPECT_EQ(Find("Popa", {"/RO/RO:10/"}), (std::vector<std::string>{"ion"}));
  EXPECT_TRUE(Find("Popa", {}).empty());
  // A root that is a string prefix but not a path prefix covers nothing.
  EXPECT_TRUE(Find("Popa", {"/RO/RO:1"}).empty());
}

TEST_F(PersonIndexTest, UpsertReplacesAndIgnoresOlderVersions) {
  index_.Upsert(Row("ion", "Rusu Ion", kOther, core::Date{1960, 1, 1}, 3));
  EXPECT_TRUE(Find("Popa").empty());
  EXPECT_EQ(Find("Rusu"), (std::vector<std::string>{"ion"}));
  index_.Upsert(Row("ion", "Popa Ion", kOther, core::Date{1960, 1, 1}, 2));  // late, older
  EXPECT_TRUE(Find("Popa").empty());
  index_.Remove("ion");
  EXPECT_TRUE(Find("Rusu").empty());
  EXPECT_EQ(index_.Stats().persons, 4u);
}

TEST_F(PersonIndexTest, ReadersAndWritersRunTogether) {
  std::atomic<bool> stop = false;
  std::atomic<int> misses = 0;
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!stop) {
        // Olha is never touched by the writers: she must always be found.
        if (Find("Polishchuk", {kUkraine}) != std::vector<std::string>{"olha"}) ++misses;
      }
    });
  }
  std::thread writer([&] {
    for (int i = 0; i < 3000; ++i) {
      index_.Upsert(Row("w" + std::to_string(i % 300), "Kovalenko Petro" + std::string(i % 3, 'o'),
                        kUkraine, std::nullopt, 1 + i / 300));
    }
  });
  writer.join();
  stop = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(misses, 0);
  EXPECT_EQ(index_.Stats().persons, 305u);
  EXPECT_EQ(Ids(index_.Search(Query("Kovalenko"), {kUkraine}, 1000)).size(), 300u);
}

// Loading from the database gives the same answers as the writes that built it.
class PersonIndexLoadTest : public testing::RegistryDatabaseTest {};

TEST_P(PersonIndexLoadTest, RebuildEqualsIncremental) {
  PersonIndex incremental;
  const char* names[][2] = {{"Ольга", "Поліщук"},
                            {"Ion", "Popa"},
                            {"Ștefan", "Popescu"},
                            {"Тарас", "Шевченко"},
                            {"Olga", "Polishchuk"}};
  for (auto& name : names) {
    Person p;
    PersonInput in;
    in.given_name = std::optional<std::string>(name[0]);
    in.family_name = std::optional<std::string>(name[1]);
    ASSERT_TRUE(ApplyPersonInput(in, true, core::Today(), p).ok());
    core::Status s = db().Write([&](store::Session& tx) {
      core::Result<Placement> placement =
          ResolvePlacement(tx, std::string("RO:1017"), std::nullopt, "person");
      if (!placement.ok()) return placement.status();
      p.id = core::NewId();
      p.community_id = placement->community.id;
      p.community_path = placement->community.path;
      return InsertPerson(tx, p);
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
    incremental.Upsert(IndexRowOf(p));
  }
  PersonIndex rebuilt;
  ASSERT_TRUE(rebuilt.Load(db()).ok());
  EXPECT_EQ(rebuilt.Stats().persons, 5u);
  EXPECT_EQ(rebuilt.Stats().words, incremental.Stats().words);
  for (const char* q : {"Polishchuk", "Popesku", "Shevchenko", "Ion", "Pop", "Olga"}) {
    auto a = Ids(incremental.Search(Query(q), {kBerca}, 10));
    auto b = Ids(rebuilt.Search(Query(q), {kBerca}, 10));
    EXPECT_EQ(a, b) << q;
    EXPECT_FALSE(a.empty()) << q;
  }
  EXPECT_EQ(Ids(rebuilt.Search(Query("Polishchuk"), {kBerca}, 10)).size(), 2u);
}

SOCIUS_INSTANTIATE_BACKENDS(PersonIndexLoadTest);

}  // namespace
}  // namespace socius::registry

namespace socius::registry {
namespace {

// Every decision of a search is taken over the caller's scope only: whatever is registered
// outside it, the caller's answers do not change (no way to probe other communities).
TEST(PersonIndexScopeTest, AnswersDoNotDependOnPersonsOutsideTheScope) {
  const std::vector<std::string> queries = {
      "Petrenko Quixotica", "Petrenko", "Petr",      "Quixotica Petrenko", "Petrenko Ivan",
      "Ivan Quixotic",      "Pet Iv",   "Ivan 1980", "Petrenco Ivon",      "Quix"};
  PersonIndex index;
  index.Upsert(Row("ivan", "Petrenko Ivan", kBerca, core::Date{1980, 5, 1}));
  index.Upsert(Row("maria", "Petrenko Maria", kBerca, core::Date{1982, 1, 9}));
  std::vector<std::vector<std::string>> before;
  for (const std::string& q : queries) before.push_back(Ids(index.Search(Query(q), {kBerca}, 10)));
  ASSERT_EQ(before[0], (std::vector<std::string>{"ivan", "maria"}))
      << "the fallback leaves out Quixotica";

  // Another community registers names that match the words the caller typed, and enough
  // words sharing the caller's prefixes to fill any cap on a prefix scan.
  index.Upsert(Row("q1", "Quixotica Maria", kOther, core::Date{1980, 5, 1}));
  index.Upsert(Row("q2", "Quixotic Petrenko", kUkraine, core::Date{1980, 5, 1}));
  index.Upsert(Row("q3", "Petrenko Ivan", kUkraine, core::Date{1980, 5, 1}));
  for (int i = 0; i < 30000; ++i) {
    std::string word = "Petra";  // keys sorting before the caller's "petrenko"
    for (int n = i, k = 0; k < 5; ++k, n /= 8) word += "bdlmnrsv"[n % 8];
    index.Upsert(Row("p" + std::to_string(i), word + " Ivanova", kOther));
  }
  for (size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(Ids(index.Search(Query(queries[i]), {kBerca}, 10)), before[i]) << queries[i];
  }
}

}  // namespace
}  // namespace socius::registry
