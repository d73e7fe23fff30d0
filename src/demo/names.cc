#include "demo/names.h"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace socius::demo {

namespace {

using Sex = registry::Sex;

// Frequent given and family names of Moldova (civil registry rankings, in rank order).
const std::vector<std::string>& MoldovanMen() {
  static const std::vector<std::string> v = {
      "Ion",     "Vasile",  "Gheorghe", "Nicolae", "Mihai",    "Andrei",     "Alexandru", "Sergiu",
      "Victor",  "Dumitru", "Ștefan",   "Igor",    "Vladimir", "Constantin", "Petru",     "Vitalie",
      "Valeriu", "Iurie",   "Maxim",    "Daniel",  "Cristian", "Nichita",    "David",     "Artur"};
  return v;
}
const std::vector<std::string>& MoldovanWomen() {
  static const std::vector<std::string> v = {
      "Maria",   "Elena",     "Ana",     "Tatiana", "Natalia", "Svetlana",  "Galina",  "Valentina",
      "Olga",    "Ecaterina", "Ludmila", "Irina",   "Nadejda", "Cristina",  "Daniela", "Victoria",
      "Mihaela", "Alexandra", "Doina",   "Lilia",   "Sofia",   "Anastasia", "Emilia",  "Eugenia"};
  return v;
}
const std::vector<std::string>& MoldovanFamilies() {
  static const std::vector<std::string> v = {
      "Rusu",    "Ceban",      "Ciobanu",  "Turcan",  "Cebotari", "Lungu", "Munteanu", "Rotari",
      "Sârbu",   "Popa",       "Cojocaru", "Ursu",    "Moraru",   "Bivol", "Guțu",     "Melnic",
      "Țurcanu", "Botnari",    "Cazacu",   "Gîrlea",  "Grosu",    "Roșca", "Lupu",     "Mocanu",
      "Railean", "Plămădeală", "Bejenari", "Chiriac", "Pascari",  "Balan", "Croitoru", "Darie"};
  return v;
}

const std::vector<std::string>& UkrainianWomen() {
  static const std::vector<std::string> v = {
      "Олена",  "Наталія",   "Тетяна", "Ірина",     "Світлана", "Оксана",   "Юлія",     "Людмила",
      "Галина", "Ольга",     "Марія",  "Валентина", "Ганна",    "Катерина", "Вікторія", "Надія",
      "Лариса", "Анастасія", "Софія",  "Дарина",    "Христина", "Любов",    "Алла",     "Зоя"};
  return v;
}

// A man's given name with the patronymic his son and his daughter bear.
struct UkrainianMan {
  std::string name;
  std::string son;
  std::string daughter;
};
const std::vector<UkrainianMan>& UkrainianMen() {
  static const std::vector<UkrainianMan> v = {{"Олександр", "Олександрович", "Олександрівна"},
                                              {"Сергій", "Сергійович", "Сергіївна"},
                                              {"Андрій", "Андрійович", "Андріївна"},
                                              {"Володимир", "Володимирович", "Володимирівна"},
                                              {"Микола", "Миколайович", "Миколаївна"},
                                              {"Іван", "Іванович", "Іванівна"},
                                              {"Василь", "Васильович", "Василівна"},
                                              {"Петро", "Петрович", "Петрівна"},
                                              {"Віктор", "Вікторович", "Вікторівна"},
                                              {"Юрій", "Юрійович", "Юріївна"},
                                              {"Михайло", "Михайлович", "Михайлівна"},
                                              {"Дмитро", "Дмитрович", "Дмитрівна"},
                                              {"Олег", "Олегович", "Олегівна"},
                                              {"Богдан", "Богданович", "Богданівна"},
                                              {"Тарас", "Тарасович", "Тарасівна"},
                                              {"Максим", "Максимович", "Максимівна"},
                                              {"Роман", "Романович", "Романівна"},
                                              {"Степан", "Степанович", "Степанівна"},
                                              {"Григорій", "Григорович", "Григорівна"},
                                              {"Павло", "Павлович", "Павлівна"},
                                              {"Артем", "Артемович", "Артемівна"},
                                              {"Денис", "Денисович", "Денисівна"}};
  return v;
}
const std::vector<std::string>& UkrainianFamilies() {
  static const std::vector<std::string> v = {
      "Мельник",   "Шевченко",   "Бойко",      "Коваленко", "Бондаренко",  "Ткаченко",
      "Кравченко", "Ковальчук",  "Олійник",    "Шевчук",    "Поліщук",     "Лисенко",
      "Бондар",    "Марченко",   "Мороз",      "Савченко",  "Руденко",     "Петренко",
      "Клименко",  "Павленко",   "Кравчук",    "Кузьменко", "Вакуленко",   "Гончаренко",
      "Левченко",  "Карпенко",   "Тимошенко",  "Білик",     "Ковальський", "Вишневський",
      "Грищенко",  "Захарченко", "Задорожний", "Литвиненко"};
  return v;
}

const std::vector<std::string>& MoldovanStreets() {
  static const std::vector<std::string> v = {
      "str. Ștefan cel Mare", "str. Mihai Eminescu", "str. Alexandru cel Bun", "str. Independenței",
      "str. Păcii",           "str. Nistrului",      "str. Livezilor",         "str. Școlii",
      "str. Morilor",         "str. Viilor"};
  return v;
}
const std::vector<std::string>& UkrainianStreets() {
  static const std::vector<std::string> v = {
      "вул. Шевченка",   "вул. Незалежності",  "вул. Миру",    "вул. Садова",
      "вул. Центральна", "вул. Лесі Українки", "вул. Шкільна", "вул. Зарічна",
      "вул. Польова",    "вул. Івана Франка"};
  return v;
}

bool EndsWith(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

}  // namespace

uint64_t Dice::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string NameBook::Given(Dice& dice, Sex sex) const {
  if (country_ == Country::kMoldova) {
    return dice.Pick(sex == Sex::kMale ? MoldovanMen() : MoldovanWomen());
  }
  return sex == Sex::kMale ? dice.Pick(UkrainianMen()).name : dice.Pick(UkrainianWomen());
}

std::string NameBook::Family(Dice& dice) const {
  return dice.Pick(country_ == Country::kMoldova ? MoldovanFamilies() : UkrainianFamilies());
}

std::string NameBook::FamilyFor(std::string_view family, Sex sex) const {
  std::string out(family);
  if (country_ == Country::kMoldova || sex == Sex::kMale) return out;
  // Ukrainian adjectival family names take the feminine ending: -ський → -ська, -ний → -на.
  if (EndsWith(out, "ий")) return out.substr(0, out.size() - std::string_view("ий").size()) + "а";
  return out;
}

std::string NameBook::Patronymic(std::string_view father, Sex sex) const {
  if (country_ == Country::kMoldova) return "";
  for (const UkrainianMan& man : UkrainianMen()) {
    if (man.name == father) return sex == Sex::kMale ? man.son : man.daughter;
  }
  return "";
}

std::string NameBook::Street(Dice& dice) const {
  const std::string& street =
      dice.Pick(country_ == Country::kMoldova ? MoldovanStreets() : UkrainianStreets());
  return street + (country_ == Country::kMoldova ? " " : ", ") +
         std::to_string(dice.Between(1, 140));
}

// Howard Hinnant's days_from_civil.
int64_t DayNumber(core::Date date) {
  int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (date.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

core::Date DateOfDay(int64_t day) {
  day += 719468;
  const int64_t era = (day >= 0 ? day : day - 146096) / 146097;
  const int64_t doe = day - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return core::Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int AgeOn(core::Date birth, core::Date on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

std::string NationalIdentifier(Country country, core::Date birth, Sex sex, uint64_t serial) {
  char body[64];
  if (country == Country::kMoldova) {
    // 2, the year the code was assigned (the first identity document, 1995 at the earliest),
    // a serial; the check digit completes it.
    const int assigned = std::max(1995, birth.year + (birth.year < 1995 ? 0 : 1)) % 1000;
    const uint64_t number = (serial * 48271 + 1234567) % 100000000;
    std::snprintf(body, sizeof body, "2%03d%08llu", assigned,
                  static_cast<unsigned long long>(number));
  } else {
    // Days since 1899-12-31, a serial, the sex digit (odd for men).
    const int64_t days = DayNumber(birth) - DayNumber(core::Date{1899, 12, 31});
    const int sex_digit = static_cast<int>((serial / 1000) % 5) * 2 + (sex == Sex::kMale ? 1 : 0);
    std::snprintf(body, sizeof body, "%05lld%03llu%d", static_cast<long long>(days),
                  static_cast<unsigned long long>(serial % 1000), sex_digit);
  }
  const std::string_view scheme = country == Country::kMoldova ? "MD-IDNP" : "UA-RNOKPP";
  std::optional<char> check = registry::CheckDigit(scheme, body);
  return check ? std::string(body) + *check : std::string();
}

}  // namespace socius::demo
