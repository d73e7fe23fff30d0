#include "text/match_key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "text/name_readings.h"
#include "text/similarity.h"

namespace socius::text {
namespace {

// Spellings of one name that must share a key. Each group counts (size - 1) pairs.
struct Variants {
  std::string key;  // the expected key, so that a change of the folding is seen in review
  std::vector<std::string> spellings;
};

const std::vector<Variants>& MeetingVariants() {
  static const std::vector<Variants> groups = {
      // Ukrainian 2010, Russian GOST/ICAO/BGN, ISO 9, scientific, no diacritics.
      {"polisuk",
       {"Поліщук", "Полищук", "Polishchuk", "Polischuk", "Poliščuk", "Polyshchuk", "Polìŝuk",
        "POLISHCHUK", "Polishuk"}},
      {"sevcenko",
       {"Шевченко", "Shevchenko", "Ševčenko", "Schewtschenko", "Szewczenko", "Şevcenko",
        "Sevcenko"}},
      {"kravcenko", {"Кравченко", "Kravchenko", "Kravčenko", "Krawtschenko"}},
      {"iulia", {"Юлія", "Юлия", "Yuliia", "Iuliia", "Julija", "Yuliya", "Ûlìâ"}},
      {"grusev", {"Хрущёв", "Khrushchev", "Khrushchyov", "Hruŝëv"}},
      {"solovev", {"Соловьёв", "Solovyov", "Solovyev", "Solov'ev", "Solovev"}},
      {"diacenko", {"Дьяченко", "D'yachenko", "Diachenko", "Djačenko", "Dyachenko"}},
      {"mariana", {"Мар'яна", "Мар’яна", "Марʼяна", "Maryana", "Mariana", "Marjana"}},
      {"gmelnicki", {"Хмельницький", "Khmelnytskyi", "Hmelnitskiy", "Khmelnytskyy"}},
      {"evgen", {"Євген", "Yevhen", "Ievhen", "Evhen", "Êvgen", "Jevhen"}},
      {"oleksandr", {"Олександр", "Oleksandr", "OLEKSANDR", "Olexandr"}},
      {"aleksandr", {"Александр", "Aleksandr", "Alexandr"}},
      {"dmitri", {"Дмитрий", "Dmitriy", "Dmitrii", "Dmitrij", "Dmitry", "Dmitri"}},
      {"iuri", {"Юрій", "Yurii", "Yuriy", "Jurij", "Iurii"}},
      {"sergi", {"Сергій", "Serhii", "Serhiy", "Serhij", "Sergii"}},
      {"andri", {"Андрій", "Andrii", "Andriy", "Andrij"}},
      {"natalia", {"Наталья", "Наталія", "Natalya", "Natalia", "Nataliia", "Natalja", "Natal'ya"}},
      {"tatiana", {"Татьяна", "Tatyana", "Tatiana", "Tat'jana", "Tatjana"}},
      {"tetiana", {"Тетяна", "Tetiana", "Tetyana", "Tetjana"}},
      {"alena", {"Алёна", "Alyona", "Alena", "Aljona", "Alëna"}},
      {"fedor", {"Фёдор", "Fyodor", "Fedor", "Fjodor"}},
      {"petr", {"Пётр", "Pyotr", "Petr"}},
      {"olga", {"Ольга", "Olha", "Olga", "Ol'ga"}},
      {"igor", {"Ігор", "Ihor", "Igor", "Игорь"}},
      {"galina", {"Галина", "Halyna", "Galina"}},
      {"oleg", {"Олег", "Oleh", "Oleg"}},
      {"goncarenko", {"Гончаренко", "Honcharenko", "Gončarenko", "Goncharenko"}},
      {"serbak", {"Щербак", "Shcherbak", "Scherbak", "Ščerbak", "Szczerbak"}},
      {"tkacenko", {"Ткаченко", "Tkachenko", "Tkačenko", "Tkatschenko"}},
      {"kovalcuk", {"Ковальчук", "Kovalchuk", "Kowalczuk", "Koval'chuk"}},
      {"pavliuk", {"Павлюк", "Pavliuk", "Pavlyuk", "Pawljuk"}},
      {"cimbaliuk", {"Цимбалюк", "Tsymbaliuk", "Cymbaljuk", "Tsimbalyuk"}},
      {"boiko", {"Бойко", "Boiko", "Boyko", "Bojko"}},
      {"olinik", {"Олійник", "Oliinyk", "Oliynyk", "Olijnyk"}},
      {"melnik", {"Мельник", "Melnyk", "Mel'nyk", "Melnik"}},
      {"zincenko", {"Зінченко", "Zinchenko", "Zintschenko"}},
      {"marcenko", {"Марченко", "Marchenko", "Martschenko", "Marčenko"}},
      {"lisenko", {"Лисенко", "Lysenko", "Lissenko"}},
      {"maksim", {"Максим", "Maksym", "Maksim", "Maxim"}},
      {"ksenia", {"Ксенія", "Kseniia", "Ksenia", "Kseniya", "Xenia"}},
      {"aleksei", {"Алексей", "Aleksei", "Aleksey", "Alexei", "Alexey", "Aleksej"}},
      {"vasilev", {"Васильев", "Vasilyev", "Vasiliev", "Vasil'ev", "Vasilev"}},
      {"ilin", {"Ильин", "Ilyin", "Il'in", "Iljin", "Ilin"}},
      {"gnatiuk", {"Гнатюк", "Hnatiuk", "Hnatyuk", "Gnatyuk", "Hnatjuk"}},
      {"iaroslav", {"Ярослав", "Yaroslav", "Iaroslav", "Jaroslav"}},
      {"izak", {"Їжак", "Yizhak", "Ïžak"}},
      {"gomenko", {"Хоменко", "Khomenko", "Homenko"}},
      {"cernov", {"Чернов", "Chernov", "Černov", "Tschernow"}},
      {"coi", {"Цой", "Tsoi", "Tsoy", "Coj"}},
      {"kiril", {"Кирилл", "Kirill", "Kiril", "Кирил"}},
      {"iacenko", {"Яценко", "Yatsenko", "Iatsenko", "Jacenko"}},
      {"eremenko", {"Єременко", "Yeremenko", "Ieremenko", "Jeremenko", "Eremenko", "Еременко"}},
      {"viaceslav", {"Вʼячеслав", "В'ячеслав", "Viacheslav", "Vyacheslav", "Vjačeslav"}},
      {"sukin", {"Щукин", "Shchukin", "Ščukin", "Schukin"}},
      {"zuk", {"Жук", "Zhuk", "Žuk"}},
      {"cornovol", {"Чорновол", "Chornovol", "Čornovol"}},
      {"savcenko", {"Савченко", "Savchenko", "Sawtschenko"}},
      {"kuznecov", {"Кузнецов", "Kuznetsov", "Kuznecov"}},
      {"petrovski", {"Петровский", "Petrovskiy", "Petrovskii", "Petrovskij", "Petrovski"}},
      {"zana", {"Жанна", "Zhanna", "Žana", "Zhana"}},
      {"vladimir", {"Владимир", "Vladimir", "Wladimir"}},
      // Macedonian official, ISO 9 and informal spellings.
      {"giorgi", {"Ѓорѓи", "Gjorgji", "Ǵorǵi", "Gjorgi"}},
      {"giorce", {"Ѓорче", "Gjorche", "Gjorče"}},
      {"iovanoski", {"Јованоски", "Jovanoski", "Yovanoski"}},
      {"cvetkovski", {"Цветковски", "Cvetkovski", "Tsvetkovski"}},
      {"liubica", {"Љубица", "Ljubica", "Ljubitsa"}},
      {"kiroski", {"Ќироски", "Kjiroski", "Ḱiroski"}},
      {"dzafer", {"Џафер", "Džafer", "Dzhafer"}},
      {"dzvezdana", {"Ѕвездана", "Dzvezdana"}},
      {"traikovski", {"Трајковски", "Trajkovski"}},
      {"nikolovska", {"Николовска", "Nikolovska"}},
      {"stoianovski", {"Стојановски", "Stojanovski", "Stoyanovski"}},
      // Lithuanian, with and without diacritics, and Cyrillic spellings of Lithuanian names.
      {"zukauskas", {"Жукаускас", "Žukauskas", "Zhukauskas", "Zukauskas"}},
      {"stankevicus", {"Станкевичюс", "Stankevičius", "Stankevicius"}},
      {"simkus", {"Šimkus", "Shimkus", "Шимкус", "Simkus"}},
      {"cepulis", {"Čepulis", "Chepulis", "Чепулис", "Cepulis"}},
      {"iankauskas", {"Jankauskas", "Янкаускас", "Yankauskas", "Iankauskas"}},
      {"azuolas", {"Ąžuolas", "Azhuolas", "Ažuolas", "Azuolas"}},
      {"ruta", {"Rūta", "Рута", "Ruta"}},
      {"grazina", {"Gražina", "Grazina", "Гражина"}},
      {"egle", {"Eglė", "Egle", "Эгле"}},
      {"ionas", {"Jonas", "Йонас", "Ionas"}},
      {"siaulis", {"Šiaulys", "Siaulys", "ŠIAULYS"}},
      // Romanian with and without diacritics (comma and cedilla forms), and Moldovan names in
      // Russian Cyrillic.
      {"stefan", {"Ștefan", "Ştefan", "Stefan", "STEFAN", "S\u0326tefan"}},
      {"turcanu", {"Țurcanu", "Ţurcanu", "Turcanu"}},
      {"ionita", {"Ioniță", "Ionita", "Ioniţă"}},
      {"balan", {"Bălan", "Balan", "BĂLAN"}},
      {"campeanu", {"Câmpeanu", "Campeanu"}},
      {"mirca", {"Мирча", "Mircea"}},
      {"cobanu", {"Чобану", "Ciobanu"}},
      {"ceban", {"Чебан", "Ceban"}},
      {"george", {"Gheorghe", "Георге"}},
      {"rusu", {"Русу", "Rusu"}},
      {"ion", {"Ион", "Іон", "Ion"}},
      // Greek-origin spellings, compatibility forms, several words.
      {"sofia", {"Sofia", "Sophia", "Софія", "Софья"}},
      {"filip", {"Filip", "Philipp", "Филипп", "\uFB01lip"}},
      {"teodor", {"Theodor", "Teodor"}},
      {"ivan", {"Ivan", "\uFF29\uFF56\uFF41\uFF4E", "Иван"}},
      {"ana", {"Анна", "Anna", "Ana"}},
      {"polisuk oleksandr", {"Поліщук Олександр", "POLISHCHUK  Oleksandr", "Polishchuk,Oleksandr"}},
      {"popescu ionescu", {"Popescu-Ionescu", "Popescu Ionescu", " popescu – ionescu "}},
  };
  return groups;
}

TEST(NameMatchKey, VariantSpellingsOfOneNameMeet) {
  size_t pairs = 0;
  for (const auto& group : MeetingVariants()) {
    for (const auto& spelling : group.spellings) {
      EXPECT_EQ(NameMatchKey(spelling), group.key) << spelling;
    }
    pairs += group.spellings.size() - 1;
  }
  EXPECT_GE(pairs, 100u);  // the issue asks for at least 100 meeting pairs
}

TEST(NameMatchKey, IsIdempotent) {
  for (const auto& group : MeetingVariants()) {
    for (const auto& spelling : group.spellings) {
      const std::string key = NameMatchKey(spelling);
      EXPECT_EQ(NameMatchKey(key), key) << spelling;
    }
  }
}

// Different names, or different forms of a name, that must keep different keys.
TEST(NameMatchKey, DifferentNamesDoNotMeet) {
  const std::pair<std::string, std::string> pairs[] = {
      {"Ivan", "Ivana"},
      {"Popescu", "Popovici"},
      {"Maria", "Marina"},
      {"Dmytro", "Dmitriy"},
      {"Oleksandr", "Aleksandr"},
      {"Serhii", "Sergei"},
      {"Olena", "Elena"},
      {"Ana", "Anca"},
      {"Ion", "Ioana"},
      {"Ioan", "Ion"},
      {"Mihai", "Mihaela"},
      {"Petru", "Petra"},
      {"Andrei", "Andreea"},
      {"Alexandru", "Alexandra"},
      {"Vasile", "Vasilica"},
      {"Nicolae", "Nicoleta"},
      {"Gheorghe", "Georgeta"},
      {"Kovalenko", "Kovalchuk"},
      {"Shevchenko", "Shevchuk"},
      {"Polishchuk", "Poliakov"},
      {"Bondarenko", "Bondarchuk"},
      {"Kravchenko", "Kravchuk"},
      {"Melnyk", "Melnychenko"},
      {"Tkachenko", "Tkachuk"},
      {"Jonas", "Jonaitis"},
      {"Kazlauskas", "Kazlauskienė"},
      {"Petrauskas", "Petrauskaitė"},
      {"Žukauskas", "Žukas"},
      {"Rūta", "Rita"},
      {"Jovanoski", "Jovanovski"},
      {"Nikolovski", "Nikolov"},
      {"Gjorgji", "Gjorgjievski"},
      {"Stojan", "Stojanka"},
      {"Trajko", "Trajkovska"},
      {"Yuliia", "Yulian"},
      {"Olha", "Olena"},
      {"Ihor", "Illia"},
      {"Maksym", "Mykola"},
      {"Andrii", "Anatolii"},
      {"Pavlo", "Pavlina"},
      {"Bogdan", "Bogdana"},
      {"Sofia", "Sonia"},
      {"Viktor", "Viktoria"},
      {"Roman", "Romana"},
      {"Daria", "Darina"},
      {"Oksana", "Olesia"},
      {"Kateryna", "Karyna"},
      {"Taras", "Tamara"},
      {"Vitalii", "Vitaliia"},
      {"Yaroslav", "Yaroslava"},
      {"Ruslan", "Ruslana"},
      {"Cristina", "Cristian"},
      {"Florin", "Florina"},
      {"Daniel", "Daniela"},
      {"Gabriel", "Gabriela"},
      {"Radu", "Rada"},
      {"Lupu", "Lupescu"},
      {"Munteanu", "Muntean"},
      {"Cojocaru", "Cojocariu"},
      {"Marin", "Marian"},
      {"Dan", "Dana"},
      {"Ilie", "Ilia"},
      {"Dragan", "Dragana"},
      {"Milan", "Milana"},
      {"Vesna", "Vesela"},
      {"Поліщук", "Полішко"},
      {"Шевченко", "Шевчук"},
      {"Юлія", "Юліан"},
      {"Ѓорѓи", "Ѓорѓија"},
      {"Мирча", "Марча"},
      {"Stefan", "Stefania"},
      {"Turcanu", "Turcan"},
  };
  for (const auto& [a, b] : pairs) {
    EXPECT_NE(NameMatchKey(a), NameMatchKey(b)) << a << " / " << b;
  }
  EXPECT_GE(std::size(pairs), 50u);  // the issue asks for at least 50 pairs that do not meet
}

// Misspellings and spellings the folding deliberately does not merge: their keys differ, but
// by no more than the given number of edits, so a search with typo tolerance finds them.
TEST(NameMatchKey, TyposAndUnfoldedSpellingsStayWithinTwoEdits) {
  struct Case {
    std::string a;
    std::string b;
    int distance;
  };
  const Case cases[] = {
      {"Popescu", "Popsecu", 1},        // transposition
      {"Ionescu", "Ionesu", 1},         // deletion
      {"Shevchenko", "Shevhcenko", 1},  // swapped letters in a digraph
      {"Kovalenko", "Kovalneko", 1},
      {"Oleksandr", "Oleksadr", 1},
      {"Poliščuk", "Polichuk", 1},
      {"Žukauskas", "Zukauskaz", 1},
      {"Stefan", "Stephen", 1},
      {"Alexandru", "Aleksandr", 1},    // Romanian vs Russian form
      {"Constantin", "Константин", 1},  // Romanian c = k is not folded
      {"Chiril", "Кирил", 1},           // Romanian ch = k before i is not folded
      {"Jitaru", "Житару", 1},          // Romanian j = ж is not folded
      {"Cîmpeanu", "Câmpeanu", 1},      // î and â stay apart
      {"Munteanu", "Мунтяну", 1},
      {"Cebotari", "Чеботарь", 1},
      {"Поліщук", "Полищюк", 1},
      {"Gjorgji", "Gjorgjі", 0},   // Cyrillic і typed inside a Latin name
      {"Mykhailo", "Mikhail", 1},  // Ukrainian vs Russian form of one name
      {"Kravchenko", "Kravcheno", 1},
      {"Hnatiuk", "Gnatuk", 1},
  };
  for (const auto& c : cases) {
    const std::string ka = NameMatchKey(c.a);
    const std::string kb = NameMatchKey(c.b);
    EXPECT_EQ(BoundedEditDistance(ka, kb, 2), c.distance)
        << c.a << " " << ka << " / " << c.b << " " << kb;
  }
}

// NameReadingKeys: one case per spelling family the match key keeps apart on purpose.
struct Reading {
  std::string family;  // which family of spellings, for the failure message
  std::string typed;
  std::string registered;  // NameMatchKey(registered) must be one of the typed name's readings
};

TEST(NameReadingKeys, ReachesTheSpellingANameWasRegisteredIn) {
  const std::vector<Reading> cases = {
      // Macedonian Ѓ/Ќ written the Serbian/Croatian-Latin way.
      {"mk đ", "Đorđi", "Ѓорѓи"},
      {"mk đ", "Đorđievski", "Ѓорѓиевски"},
      {"mk đ", "Đurovski", "Gjurovski"},
      {"mk dj", "Djorgji", "Gjorgji"},
      {"mk ć", "Ćosevski", "Ќосевски"},
      {"mk ć", "Zećiri", "Zekjiri"},
      {"mk ć", "Ćosevski Đorđi", "Ḱosevski Ǵorǵi"},
      {"mk ђ ћ", "Ђорђи Ћосевски", "Ѓорѓи Ќосевски"},
      // Romanian in Moldovan Cyrillic.
      {"ro э", "Лазэр", "Lazăr"},
      {"ro ц", "Цуркан", "Țurcan"},
      {"ro ц", "Цэрану", "Țăranu"},
      {"ro к", "Кожокару", "Cojocaru"},
      {"ro к", "Кирияк", "Chiriac"},
      {"ro ж", "Житару", "Jitaru"},
      {"ro дж", "Джеорджеску", "Georgescu"},
      {"ro дж", "Джорджеску", "Georgescu"},
      {"ro дж", "Джорджана", "Georgiana"},
      {"ro дж", "Джурджу", "Giurgiu"},
      {"ro дж", "Джанина", "Gianina"},
      {"ro ц э", "Цуркан Ион", "Țurcan Ion"},
      // Romanian through a Russian-language document back into Latin letters.
      {"ro ts", "Tsurkan", "Țurcan"},
      {"ro ts", "Gutsu", "Guțu"},
      {"ro zh", "Kozhokaru", "Cojocaru"},
      {"ro k", "Kiriak", "Chiriac"},
      {"ro dzh", "Dzheordzhesku", "Georgescu"},
      {"ro dzh", "Dzhordzhana", "Georgiana"},
      {"ro dzh", "Popesku Dzhordzhana", "Popescu Georgiana"},
  };
  for (const Reading& c : cases) {
    const std::vector<std::string> readings = NameReadingKeys(c.typed);
    const std::string want = NameMatchKey(c.registered);
    EXPECT_NE(NameMatchKey(c.typed), want) << c.family << ": already the same key, no case";
    EXPECT_NE(std::find(readings.begin(), readings.end(), want), readings.end())
        << c.family << ": " << c.typed << " should be read as " << c.registered << " (" << want
        << ")";
  }
}

TEST(NameReadingKeys, KeepsTheWordsOfTheKeyAndLeavesOutTheKeyItself) {
  for (std::string_view name : {"Đorđi Ćosevski", "Цуркан Ион Лазэр", "Tsurkan Ion", "Kozhokaru"}) {
    const std::string key = NameMatchKey(name);
    const auto words = std::count(key.begin(), key.end(), ' ');
    for (const std::string& reading : NameReadingKeys(name)) {
      EXPECT_NE(reading, key) << name;
      EXPECT_EQ(std::count(reading.begin(), reading.end(), ' '), words) << name;
    }
  }
  // Nothing to read otherwise: no letter of the families above.
  EXPECT_TRUE(NameReadingKeys("Popescu Maria").empty());
  EXPECT_TRUE(NameReadingKeys("Бондар Олена").empty());
  EXPECT_TRUE(NameReadingKeys("").empty());
}

TEST(NameMatchKey, GivesTheSameKeysFromManyThreadsAtOnce) {
  std::vector<std::string> names;
  for (const auto& group : MeetingVariants()) {
    names.insert(names.end(), group.spellings.begin(), group.spellings.end());
  }
  std::vector<std::vector<std::string>> keys(4);
  std::vector<std::thread> threads;
  for (auto& out : keys) {
    threads.emplace_back([&names, &out] {
      for (int round = 0; round < 20; ++round) {
        for (const auto& name : names) out.push_back(NameMatchKey(name));
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& out : keys) {
    ASSERT_EQ(out.size(), names.size() * 20);
    for (size_t i = 0; i < out.size(); ++i) {
      ASSERT_EQ(out[i], NameMatchKey(names[i % names.size()])) << names[i % names.size()];
    }
  }
}

TEST(NameMatchKey, DropsEverythingThatIsNotALetter) {
  const std::pair<std::string, std::string> cases[] = {
      {"", ""},
      {"   ", ""},
      {"123", ""},
      {"O'Neil", "oneil"},
      {" -- Ion -- ", "ion"},
      {"Ion\tPopescu\n", "ion popescu"},
      {"Ion\xFF"
       "Pop",
       "ion pop"},  // an ill-formed byte separates, never crashes
      {"Ion\xC3", "ion"},
      {"Σοφία", "sofia"},  // other scripts through ICU's Any-Latin
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(NameMatchKey(in), want) << in;
}

TEST(NameMatchKey, HandlesVeryLongNames) {
  std::string name;
  for (int i = 0; i < 2000; ++i) name += "Поліщук ";
  const std::string key = NameMatchKey(name);
  EXPECT_EQ(key.size(), 2000u * 8 - 1);
  EXPECT_EQ(key.substr(0, 8), "polisuk ");
}

}  // namespace
}  // namespace socius::text
