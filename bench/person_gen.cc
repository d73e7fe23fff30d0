#include "person_gen.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <span>
#include <string_view>

#include "registry/model.h"
#include "spelling.h"
#include "text/match_key.h"

namespace socius::bench {
namespace {

namespace fs = std::filesystem;
using registry::Sex;

constexpr std::string_view kCountryCodes[kCountries] = {"RO", "MD", "UA", "MK", "LT"};
constexpr std::string_view kCountryFiles[kCountries] = {"ro.csv", "md.csv", "ua.csv", "mk.csv",
                                                        "lt.csv"};
// Share of households per country (Romania and Ukraine are the largest installations).
constexpr double kCountryWeights[kCountries] = {0.34, 0.10, 0.36, 0.08, 0.12};
constexpr char kTimestamp[] = "2026-01-01T00:00:00.000Z";

// Splits one CSV record without embedded newlines (the territory files have none).
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

std::string CsvQuote(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string SqlText(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string SqlOptText(std::string_view s) { return s.empty() ? "NULL" : SqlText(s); }

uint64_t Mix(uint64_t a, uint64_t b) {
  Random r(a * 0x9e3779b97f4a7c15ULL ^ b);
  return r.Next();
}

uint64_t HashText(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h == 0 ? 1 : h;
}

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64Digits(uint64_t value, int digits) {
  std::string out(static_cast<size_t>(digits), 'A');
  for (int i = digits - 1; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kBase64Url[value & 63];
    value >>= 6;
  }
  return out;
}

std::string TwoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

const std::vector<std::string_view>& Streets(Country c) {
  static const std::vector<std::string_view> kRo = {
      "Florilor", "Mihai Eminescu", "Ștefan cel Mare", "Libertății",    "Unirii", "Primăverii",
      "Morii",    "Bisericii",      "Școlii",          "Independenței", "Păcii",  "Trandafirilor",
      "Teilor",   "Victoriei",      "Gării",           "Principală"};
  static const std::vector<std::string_view> kUa = {
      "Шевченка", "Центральна",    "Миру",         "Незалежності", "Садова",  "Шкільна",
      "Польова",  "Лесі Українки", "Івана Франка", "Грушевського", "Зарічна", "Молодіжна"};
  static const std::vector<std::string_view> kMk = {
      "Маршал Тито", "Илинденска",   "Партизанска", "Гоце Делчев",
      "Македонска",  "Никола Тесла", "Кочо Рацин",  "Св. Климент Охридски"};
  static const std::vector<std::string_view> kLt = {"Vilniaus", "Gedimino", "Laisvės", "Mokyklos",
                                                    "Sodų",     "Liepų",    "Beržų",   "Ąžuolų",
                                                    "Taikos",   "Žalgirio", "Kauno",   "Pievų"};
  switch (c) {
    case Country::kUkraine:
      return kUa;
    case Country::kMacedonia:
      return kMk;
    case Country::kLithuania:
      return kLt;
    default:
      return kRo;
  }
}

std::string Address(Country country, const Community& community, Random& random) {
  const std::vector<std::string_view>& streets = Streets(country);
  const std::string street(streets[random.Below(streets.size())]);
  const std::string number = std::to_string(random.Between(1, 180));
  const std::string place = community.settlements.empty()
                                ? community.name
                                : community.settlements[random.Below(community.settlements.size())];
  switch (country) {
    case Country::kUkraine:
      return "вул. " + street + ", " + number + ", " + place;
    case Country::kMacedonia:
      return "ул. " + street + " бр. " + number + ", " + place;
    case Country::kLithuania:
      return street + " g. " + number + ", " + place;
    default:
      return "Str. " + street + " nr. " + number + ", " + place;
  }
}

std::string Phone(Country country, Random& random) {
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + random.Below(10));
    return s;
  };
  switch (country) {
    case Country::kRomania:
      return "+40 7" + digits(2) + " " + digits(3) + " " + digits(3);
    case Country::kMoldova:
      return "+373 6" + digits(1) + " " + digits(3) + " " + digits(3);
    case Country::kUkraine:
      return "+380 " + std::string(random.Chance(0.5) ? "67" : "50") + " " + digits(3) + " " +
             digits(2) + " " + digits(2);
    case Country::kMacedonia:
      return "+389 7" + digits(1) + " " + digits(3) + " " + digits(3);
    case Country::kLithuania:
      return "+370 6" + digits(2) + " " + digits(5);
  }
  return "";
}

// Ages (whole years) of adults living alone or heading a household: the clients of social
// services lean old.
int AdultAge(Random& random) {
  const double u = random.Unit();
  if (u < 0.08) return random.Between(18, 24);
  if (u < 0.55) return random.Between(25, 59);
  if (u < 0.90) return random.Between(60, 79);
  return random.Between(80, 99);
}

}  // namespace

WeightedChoice WeightedChoice::Zipf(size_t n, double exponent) {
  std::vector<double> w(n);
  for (size_t i = 0; i < n; ++i) w[i] = 1.0 / std::pow(static_cast<double>(i + 1), exponent);
  return WeightedChoice(w);
}

size_t WeightedChoice::Pick(Random& random) const {
  const double x = random.Unit() * cumulative_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
  return std::min<size_t>(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

std::string_view CountryCode(Country country) {
  return kCountryCodes[static_cast<size_t>(country)];
}

std::string DefaultTerritoriesDir() { return std::string(SOCIUS_SOURCE_DIR) + "/data/territories"; }

core::Result<Territories> LoadTerritories(const std::string& dir) {
  Territories t;
  bool any = false;
  for (int c = 0; c < kCountries; ++c) {
    const fs::path file = fs::path(dir) / kCountryFiles[c];
    std::ifstream in(file);
    if (!in) {
      t.notes.push_back(file.string() + " missing: no persons of " + std::string(kCountryCodes[c]));
      continue;
    }
    any = true;
    std::string line;
    std::getline(in, line);  // header
    std::unordered_map<std::string, size_t> index;
    std::vector<std::pair<std::string, std::string>> settlements;  // parent code, name
    while (std::getline(in, line)) {
      const std::vector<std::string> f = CsvFields(line);
      if (f.size() < 4) continue;
      if (f[2] == "community") {
        index.emplace(f[0], t.communities[c].size());
        t.communities[c].push_back(Community{f[0], f[1], f[3], {}});
      } else if (f[2] == "settlement") {
        settlements.emplace_back(f[1], f[3]);
      }
    }
    for (auto& [parent, name] : settlements) {
      auto it = index.find(parent);
      if (it != index.end()) t.communities[c][it->second].settlements.push_back(std::move(name));
    }
    if (t.communities[c].empty()) {
      t.notes.push_back(file.string() + " has no community-level territory (the registry places " +
                        "persons only in communities): no persons of " +
                        std::string(kCountryCodes[c]));
    }
  }
  if (!any) return core::Status::NotFound("bench.no_territories", "no territory files in " + dir);
  return t;
}

PersonGenerator::PersonGenerator(const Territories& territories, uint64_t seed, core::Date today)
    : territories_(territories),
      random_(seed),
      today_(today),
      countries_([&] {
        std::vector<double> w(kCountryWeights, kCountryWeights + kCountries);
        for (int c = 0; c < kCountries; ++c) {
          if (territories.communities[c].empty()) w[static_cast<size_t>(c)] = 0;
        }
        return w;
      }()),
      used_ids_(1 << 16, 0) {
  for (int s = 0; s <= static_cast<int>(NameStock::kLithuanian); ++s) {
    const NameLists& lists = NamesOf(static_cast<NameStock>(s));
    male_.emplace(&lists, WeightedChoice::Zipf(lists.male.size(), 0.9));
    female_.emplace(&lists, WeightedChoice::Zipf(lists.female.size(), 0.9));
    family_.emplace(&lists, WeightedChoice::Zipf(lists.family.size(), 0.8));
  }
}

const GeneratedPerson& PersonGenerator::Next() {
  if (queue_.empty()) MakeHousehold();
  current_ = std::move(queue_.front());
  queue_.pop_front();
  current_.ordinal = next_ordinal_++;
  return current_;
}

GeneratedPerson PersonGenerator::MakePerson(Country country, NameStock stock,
                                            const Community& community, Sex sex, int age) {
  GeneratedPerson p;
  p.country = country;
  p.stock = stock;
  p.community = &community;
  p.sex = sex;
  const NameLists& lists = NamesOf(stock);
  p.native_given = sex == Sex::kMale ? lists.male[male_.at(&lists).Pick(random_)]
                                     : lists.female[female_.at(&lists).Pick(random_)];
  int year = today_.year - age;
  const int month = random_.Between(1, 12);
  const int day = random_.Between(1, DaysInMonth(year, month));
  if (month > today_.month || (month == today_.month && day > today_.day)) --year;
  p.birth_date = core::Date{year, month, std::min(day, DaysInMonth(year, month))};
  return p;
}

void PersonGenerator::MakeHousehold() {
  const Country country = static_cast<Country>(countries_.Pick(random_));
  const std::vector<Community>& communities =
      territories_.communities[static_cast<size_t>(country)];
  const Community& community = communities[random_.Below(communities.size())];
  NameStock stock = NameStock::kRomanian;
  switch (country) {
    case Country::kRomania:
      stock = NameStock::kRomanian;
      break;
    case Country::kMoldova:
      stock = NameStock::kMoldovan;
      break;
    case Country::kUkraine:
      stock = random_.Chance(0.15) ? NameStock::kRussian : NameStock::kUkrainian;
      break;
    case Country::kMacedonia:
      stock = NameStock::kMacedonian;
      break;
    case Country::kLithuania:
      stock = NameStock::kLithuanian;
      break;
  }
  const NameLists& lists = NamesOf(stock);
  // The family name in its base (masculine) form: mostly a common one, else from the long tail.
  std::string family = lists.family[family_.at(&lists).Pick(random_)];
  if (random_.Chance(0.35) && !lists.stems.empty()) {
    family = lists.stems[random_.Below(lists.stems.size())] +
             lists.endings[random_.Below(lists.endings.size())];
  }
  auto father_name = [&] { return lists.male[male_.at(&lists).Pick(random_)]; };

  // Household size: 1 (alone) to 6.
  const double u = random_.Unit();
  const int size = u < 0.30 ? 1 : u < 0.55 ? 2 : u < 0.75 ? 3 : u < 0.90 ? 4 : u < 0.97 ? 5 : 6;
  const std::string address = Address(country, community, random_);
  const std::string ref =
      size == 1 ? "" : "H" + std::string(CountryCode(country)) + std::to_string(households_ + 1);
  const uint64_t household = size == 1 ? 0 : households_ + 1;
  if (size > 1) ++households_;

  std::vector<GeneratedPerson> members;
  const int head_age = size == 1 ? AdultAge(random_) : random_.Between(22, 75);
  const bool with_spouse = size >= 2 && random_.Chance(0.8);
  const Sex head_sex = size == 1     ? (random_.Chance(0.55) ? Sex::kFemale : Sex::kMale)
                       : with_spouse ? (random_.Chance(0.8) ? Sex::kMale : Sex::kFemale)
                                     : (random_.Chance(0.6) ? Sex::kFemale : Sex::kMale);
  auto family_for = [&](Sex sex, bool married) {
    return sex == Sex::kMale ? family : FeminineFamilyName(stock, family, married);
  };
  GeneratedPerson head = MakePerson(country, stock, community, head_sex, head_age);
  head.native_family = family_for(head_sex, random_.Chance(0.8));
  if (lists.patronymic)
    head.native_patronymic = Patronymic(stock, father_name(), head_sex == Sex::kMale);
  head.relationship_to_head = size == 1 ? "" : "head";
  members.push_back(std::move(head));
  std::string father = members[0].sex == Sex::kMale ? members[0].native_given : "";
  if (with_spouse) {
    const Sex sex = head_sex == Sex::kMale ? Sex::kFemale : Sex::kMale;
    GeneratedPerson spouse =
        MakePerson(country, stock, community, sex, std::max(18, head_age + random_.Between(-6, 6)));
    spouse.native_family = family_for(sex, true);
    if (lists.patronymic)
      spouse.native_patronymic = Patronymic(stock, father_name(), sex == Sex::kMale);
    spouse.relationship_to_head = "spouse";
    if (sex == Sex::kMale) father = spouse.native_given;
    members.push_back(std::move(spouse));
  }
  if (father.empty()) father = father_name();
  const bool with_parent =
      static_cast<int>(members.size()) < size && head_age <= 60 && random_.Chance(0.15);
  while (static_cast<int>(members.size()) < size - (with_parent ? 1 : 0)) {
    const Sex sex = random_.Chance(0.5) ? Sex::kMale : Sex::kFemale;
    const int age = std::max(0, head_age - random_.Between(18, 40));
    GeneratedPerson child = MakePerson(country, stock, community, sex, std::min(age, 40));
    // Parents do not give two children one name.
    for (int retry = 0; retry < 8; ++retry) {
      const bool taken = std::any_of(members.begin(), members.end(), [&](const auto& m) {
        return m.native_given == child.native_given;
      });
      if (!taken) break;
      child.native_given = MakePerson(country, stock, community, sex, 0).native_given;
    }
    child.native_family = family_for(sex, false);
    if (lists.patronymic) child.native_patronymic = Patronymic(stock, father, sex == Sex::kMale);
    child.relationship_to_head = "child";
    members.push_back(std::move(child));
  }
  if (with_parent) {
    GeneratedPerson parent = MakePerson(country, stock, community, Sex::kFemale,
                                        std::min(99, head_age + random_.Between(20, 35)));
    parent.native_family = family_for(Sex::kFemale, true);
    if (lists.patronymic) parent.native_patronymic = Patronymic(stock, father_name(), false);
    parent.relationship_to_head = "parent";
    members.push_back(std::move(parent));
  }
  for (GeneratedPerson& p : members) {
    p.household = household;
    p.household_ref = ref;
    p.address = address;
    if (random_.Chance(p.relationship_to_head == "child" ? 0.2 : 0.75)) {
      p.phone = Phone(country, random_);
    }
    Register(p);
    queue_.push_back(std::move(p));
  }
}

void PersonGenerator::Register(GeneratedPerson& p) {
  p.given_name = p.native_given;
  p.family_name = p.native_family;
  p.patronymic = p.native_patronymic;
  auto each = [&](const std::function<std::string(std::string_view)>& f) {
    p.given_name = f(p.given_name);
    p.family_name = f(p.family_name);
    p.patronymic = f(p.patronymic);
  };
  const NameLists& lists = NamesOf(p.stock);
  if (lists.cyrillic) {
    if (random_.Chance(0.06)) {
      const auto standard = static_cast<Romanisation>(random_.Below(kRomanisations));
      each([&](std::string_view s) { return Romanise(s, p.stock, standard); });
    }
  } else if (random_.Chance(p.stock == NameStock::kLithuanian ? 0.08 : 0.10)) {
    each([](std::string_view s) { return StripDiacritics(s); });
  } else if (p.stock != NameStock::kLithuanian && random_.Chance(0.03)) {
    each([](std::string_view s) { return CedillaForm(s); });
  }
  if (random_.Chance(0.015)) {
    std::string& part = random_.Chance(0.5) ? p.family_name : p.given_name;
    part = AddTypo(part, random_, 5);
  }
  std::string scheme;
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string value = Identifier(p, &scheme);
    if (value.empty()) break;
    const uint64_t h = HashText(scheme + value);
    size_t mask = used_ids_.size() - 1;
    size_t i = h & mask;
    while (used_ids_[i] != 0 && used_ids_[i] != h) i = (i + 1) & mask;
    if (used_ids_[i] == h) continue;  // taken: draw another serial
    used_ids_[i] = h;
    if (++used_count_ * 2 > used_ids_.size()) {
      std::vector<uint64_t> old(used_ids_.size() * 2, 0);
      old.swap(used_ids_);
      mask = used_ids_.size() - 1;
      for (uint64_t v : old) {
        if (v == 0) continue;
        size_t j = v & mask;
        while (used_ids_[j] != 0) j = (j + 1) & mask;
        used_ids_[j] = v;
      }
    }
    p.identifier_scheme = scheme;
    p.identifier_value = value;
    break;
  }
}

std::string PersonGenerator::Identifier(const GeneratedPerson& p, std::string* scheme) {
  if (random_.Chance(0.03)) return "";  // registered before the identifier was known
  switch (p.country) {
    case Country::kRomania:
      *scheme = "RO-CNP";
      break;
    case Country::kMoldova:
      *scheme = "MD-IDNP";
      break;
    case Country::kUkraine:
      *scheme = p.birth_date.year >= 2013 || random_.Chance(0.12) ? "UA-UNZR" : "UA-RNOKPP";
      break;
    case Country::kMacedonia:
      *scheme = "MK-EMBG";
      break;
    case Country::kLithuania:
      *scheme = "LT-AK";
      break;
  }
  core::Result<std::string> code =
      registry::GenerateIdentifier(*scheme, p.birth_date, p.sex, random_.Next());
  return code.ok() ? *code : "";
}

const std::vector<std::string>& VariantKinds() {
  static const std::vector<std::string> kKinds = {
      "translit",  "script",     "typo",     "given_family", "family_year", "prefix",
      "full_date", "identifier", "mk_latin", "ro_cyrillic",  "given_form",  "given_drop"};
  return kKinds;
}

namespace {

// Ukrainian spelling of a Russian-spelt Cyrillic name and back (Полищук ↔ Поліщук).
std::string OtherCyrillicOrthography(std::string_view text, NameStock stock) {
  using Replacement = std::pair<std::string_view, std::string_view>;
  // и → ы comes first, then і → и, so that the two do not collapse.
  static constexpr Replacement kUaToRu[] = {{"и", "ы"}, {"і", "и"}, {"ї", "и"},
                                            {"є", "е"}, {"ґ", "г"}, {"'", "ь"},
                                            {"’", "ь"}, {"І", "И"}, {"Є", "Е"}};
  static constexpr Replacement kRuToUa[] = {{"и", "і"},  {"ы", "и"}, {"э", "е"},
                                            {"ё", "ьо"}, {"ъ", "'"}, {"Э", "Е"}};
  std::span<const Replacement> table;
  if (stock == NameStock::kUkrainian) table = kUaToRu;
  if (stock == NameStock::kRussian) table = kRuToUa;
  if (table.empty()) return std::string(text);
  // Left to right, the first replacement that matches at each position wins.
  std::string out;
  for (size_t i = 0; i < text.size();) {
    auto match = std::find_if(table.begin(), table.end(), [&](const Replacement& r) {
      return text.substr(i).starts_with(r.first);
    });
    if (match == table.end()) {
      out += text[i++];
    } else {
      out += match->second;
      i += match->first.size();
    }
  }
  return out;
}

std::string Prefix(std::string_view text, double share, size_t at_least) {
  std::vector<size_t> starts;  // byte offset of each code point
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  const size_t n = starts.size();
  const size_t keep = std::min(n, std::max(at_least, static_cast<size_t>(std::ceil(share * n))));
  return std::string(text.substr(0, keep < n ? starts[keep] : text.size()));
}

std::string DottedDate(const core::Date& d) {
  return TwoDigits(d.day) + "." + TwoDigits(d.month) + "." + std::to_string(d.year);
}

}  // namespace

QueryVariant MakeVariant(const GeneratedPerson& p, size_t n, Random& random) {
  const std::vector<std::string>& kinds = VariantKinds();
  const NameLists& lists = NamesOf(p.stock);
  const bool registered_latin = lists.cyrillic && !HasCyrillic(p.family_name);
  QueryVariant v;
  v.ordinal = p.ordinal;
  // The other form of the given name, drawn only when the kind asks for it.
  std::string other_given;
  auto applies = [&](const std::string& kind) {
    if (kind == "identifier") return !p.identifier_value.empty();
    if (kind == "mk_latin") return p.stock == NameStock::kMacedonian;
    if (kind == "ro_cyrillic") {
      return p.stock == NameStock::kRomanian || p.stock == NameStock::kMoldovan;
    }
    if (kind == "given_form") {
      other_given = OtherGivenNameForm(p.native_given, random);
      return !other_given.empty();
    }
    if (kind == "given_drop") return DropLetter(p.native_given, random) != p.native_given;
    return true;
  };
  for (size_t k = 0; k < kinds.size(); ++k) {
    v.kind = kinds[(n + k) % kinds.size()];
    if (applies(v.kind)) break;
  }
  const std::string& family = p.native_family;
  const std::string& given = p.native_given;
  auto romanised = [&](std::string_view s, Romanisation r) { return Romanise(s, p.stock, r); };
  if (v.kind == "translit") {
    if (lists.cyrillic) {
      if (p.stock != NameStock::kMacedonian && random.Chance(0.5)) {
        v.query = OtherCyrillicOrthography(family, p.stock) + " " +
                  OtherCyrillicOrthography(given, p.stock);
      } else {
        const auto r = static_cast<Romanisation>(random.Below(kRomanisations));
        v.query = romanised(family, r) + " " + romanised(given, r);
      }
    } else if (p.stock != NameStock::kLithuanian && random.Chance(0.3)) {
      v.query = CedillaForm(family) + " " + CedillaForm(given);
    } else {
      v.query = StripDiacritics(family) + " " + StripDiacritics(given);
    }
  } else if (v.kind == "script") {
    if (lists.cyrillic) {
      const auto r = static_cast<Romanisation>(random.Below(kRomanisations));
      v.query = registered_latin ? family + " " + given
                                 : romanised(family, r) + " " + romanised(given, r);
    } else {
      v.query = Cyrillicise(family, p.stock) + " " + Cyrillicise(given, p.stock);
    }
  } else if (v.kind == "typo") {
    v.query = AddTypo(family + " " + given, random, 4);
    if (random.Chance(0.5)) v.query = AddTypo(v.query, random, 6);
  } else if (v.kind == "given_family") {
    v.query = given + " " + family;
  } else if (v.kind == "family_year") {
    v.query = family + " " + std::to_string(p.birth_date.year);
    v.uses_given = false;
    v.birth_year = p.birth_date.year;
  } else if (v.kind == "prefix") {
    const std::string fp = Prefix(family, 0.6, 4);
    const std::string gp = Prefix(given, 0.5, 3);
    v.query = fp + " " + gp + " " + std::to_string(p.birth_date.year);
    v.prefix = true;
    v.family_prefix = text::NameMatchKey(fp);
    v.given_prefix = text::NameMatchKey(gp);
    v.birth_year = p.birth_date.year;
  } else if (v.kind == "mk_latin") {
    // Ѓ/Ќ the Serbian-Latin way (Đ, Ć), as the national system writes them (Gj, Kj) or with
    // ISO 9's accents (Ǵ, Ḱ).
    switch (random.Below(3)) {
      case 0:
        v.query = SerbianLatin(family) + " " + SerbianLatin(given);
        break;
      case 1:
        v.query = romanised(family, Romanisation::kNational) + " " +
                  romanised(given, Romanisation::kNational);
        break;
      default:
        v.query = romanised(family, Romanisation::kScholarly) + " " +
                  romanised(given, Romanisation::kScholarly);
        break;
    }
  } else if (v.kind == "ro_cyrillic") {
    // In Moldovan Cyrillic (ă → э, î â → ы, ș → ш, ț → ц), or through a Russian-language
    // document back into Latin letters (ț → ts, ș → sh, j → zh).
    if (random.Chance(0.5)) {
      v.query = Cyrillicise(family, p.stock, true) + " " + Cyrillicise(given, p.stock, true);
    } else {
      const auto r = random.Chance(0.5) ? Romanisation::kNational : Romanisation::kBgn;
      auto through_russian = [&](std::string_view s) {
        return Romanise(Cyrillicise(s, p.stock), NameStock::kRussian, r);
      };
      v.query = through_russian(family) + " " + through_russian(given);
    }
  } else if (v.kind == "given_form") {
    // The given name in its Russian, Ukrainian or Romanian form (Ганна → Анна, Ana).
    v.query = family + " " + other_given;
    v.given_typed = text::NameMatchKey(other_given);
  } else if (v.kind == "given_drop") {
    // One letter of the given name left out (Olksandr); names of 3 letters are not dropped
    // from, a 2-letter word being below every edit bound.
    v.query = family + " " + DropLetter(given, random);
  } else if (v.kind == "full_date") {
    v.query = family + " " + given;
    if (!p.native_patronymic.empty() && lists.patronymic && p.stock != NameStock::kMoldovan) {
      v.query += " " + p.native_patronymic;
      v.uses_patronymic = true;
    }
    v.query += " " + DottedDate(p.birth_date);
    v.birth_date = p.birth_date;
  } else {  // identifier
    v.query = p.identifier_value;
    if (p.identifier_scheme == "UA-UNZR" && random.Chance(0.5)) {
      v.query.erase(std::remove(v.query.begin(), v.query.end(), '-'), v.query.end());
    }
  }
  return v;
}

bool SampledForVariant(uint64_t seed, uint64_t ordinal, uint64_t count, uint64_t wanted) {
  if (count == 0) return false;
  return Mix(seed ^ 0x5eed, ordinal) % count < wanted;
}

void WriteCsvHeader(std::ostream& out) {
  out << "given_name,family_name,patronymic,birth_date,sex,identifier_scheme,identifier_value,"
         "community_code,address,phone,household_ref,relationship_to_head\n";
}

void WriteCsvRow(std::ostream& out, const GeneratedPerson& p) {
  out << CsvQuote(p.given_name) << ',' << CsvQuote(p.family_name) << ',' << CsvQuote(p.patronymic)
      << ',' << p.birth_date.ToString() << ',' << registry::Name(p.sex) << ','
      << p.identifier_scheme << ',' << p.identifier_value << ',' << p.community->code << ','
      << CsvQuote(p.address) << ',' << CsvQuote(p.phone) << ',' << p.household_ref << ','
      << p.relationship_to_head << '\n';
}

std::string PersonId(uint64_t seed, uint64_t ordinal) {
  return Base64Digits(ordinal, 11) + Base64Digits(Mix(seed, ordinal), 11);
}

std::optional<uint64_t> OrdinalOfPersonId(std::string_view id) {
  if (id.size() != 22) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = 0; i < 11; ++i) {
    const char* at = std::strchr(kBase64Url, id[i]);
    if (at == nullptr || *at == '\0') return std::nullopt;
    value = (value << 6) | static_cast<uint64_t>(at - kBase64Url);
  }
  return value;
}

std::string HouseholdId(uint64_t seed, uint64_t household) {
  return Base64Digits(household | (1ULL << 62), 11) + Base64Digits(Mix(~seed, household), 11);
}

void WriteSqlHeader(std::ostream& out) { out << "BEGIN;\n"; }
void WriteSqlTrailer(std::ostream& out) { out << "COMMIT;\n"; }

void WriteSqlPerson(std::ostream& out, uint64_t seed, const GeneratedPerson& p,
                    const std::string& name_key) {
  const std::string id = SqlText(PersonId(seed, p.ordinal));
  const std::string community =
      "(SELECT id FROM territories WHERE code = " + SqlText(p.community->code) + ")";
  const std::string household = p.household == 0 ? "NULL" : SqlText(HouseholdId(seed, p.household));
  if (p.relationship_to_head == "head") {
    out << "INSERT INTO households (id, community_id, address, head_person_id, version, "
           "created_at, updated_at) VALUES ("
        << household << ", " << community << ", " << SqlText(p.address) << ", " << id << ", 1, '"
        << kTimestamp << "', '" << kTimestamp << "');\n";
  }
  out << "INSERT INTO persons (id, community_id, given_name, family_name, patronymic, birth_date, "
         "sex, address, phone, languages, name_key, household_id, version, created_at, "
         "updated_at) VALUES ("
      << id << ", " << community << ", " << SqlText(p.given_name) << ", " << SqlText(p.family_name)
      << ", " << SqlOptText(p.patronymic) << ", '" << p.birth_date.ToString() << "', '"
      << registry::Name(p.sex) << "', " << SqlOptText(p.address) << ", " << SqlOptText(p.phone)
      << ", '', " << SqlText(name_key) << ", " << household << ", 1, '" << kTimestamp << "', '"
      << kTimestamp << "');\n";
  if (!p.identifier_value.empty()) {
    out << "INSERT INTO person_identifiers (person_id, scheme, value, country, community_id) "
           "VALUES ("
        << id << ", " << SqlText(p.identifier_scheme) << ", " << SqlText(p.identifier_value)
        << ", '" << CountryCode(p.country) << "', " << community << ");\n";
  }
  if (p.household != 0) {
    out << "INSERT INTO household_members (household_id, person_id, relationship_to_head, "
           "community_id) VALUES ("
        << household << ", " << id << ", " << SqlText(p.relationship_to_head) << ", " << community
        << ");\n";
  }
}

}  // namespace socius::bench
