// Step 2: the agreement level of each field of a pair (engine.h, Level).

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dedup/engine.h"
#include "dedup/internal.h"
#include "text/given_names.h"
#include "text/match_key.h"

namespace socius::dedup {

namespace {

// The record of a person, each name part keyed by `key` (a string to its match key).
template <typename KeyOf>
Record RecordKeyedBy(const PersonFields& person, KeyOf&& key) {
  Record r;
  r.id = person.id;
  r.given_key = key(person.given_name);
  r.family_key = key(person.family_name);
  if (person.patronymic) r.patronymic_key = key(*person.patronymic);
  const std::string& birth = person.birth_date.value_or("");
  const auto digits = [&](size_t from, size_t n) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (birth[i] < '0' || birth[i] > '9') return 0;
      v = v * 10 + (birth[i] - '0');
    }
    return v;
  };
  if (birth.size() == 10 && birth[4] == '-' && birth[7] == '-') {
    r.birth_year = static_cast<int16_t>(digits(0, 4));
    r.birth_month = static_cast<int8_t>(digits(5, 2));
    r.birth_day = static_cast<int8_t>(digits(8, 2));
  }
  if (person.sex) r.sex = *person.sex == "female" ? 'f' : *person.sex == "male" ? 'm' : 0;
  r.identifiers = person.identifiers;
  std::sort(r.identifiers.begin(), r.identifiers.end());
  r.settlement = person.settlement;
  r.household = person.household_id.value_or("");
  if (person.phone) {
    for (char c : *person.phone) {
      if (c >= '0' && c <= '9') r.phone.push_back(c);
    }
    if (r.phone.size() > 9) r.phone.erase(0, r.phone.size() - 9);
  }
  return r;
}

}  // namespace

Record RecordOf(const PersonFields& person) {
  return RecordKeyedBy(person, [](const std::string& part) { return text::NameMatchKey(part); });
}

const std::string& NameKeys::Of(const std::string& part) {
  auto found = keys_.find(part);
  if (found != keys_.end()) return found->second;
  if (keys_.size() >= kMaxRemembered) keys_.clear();
  return keys_.emplace(part, text::NameMatchKey(part)).first->second;
}

Record RecordOf(const PersonFields& person, NameKeys& keys) {
  return RecordKeyedBy(person, [&](const std::string& part) { return keys.Of(part); });
}

namespace {

// Thresholds of the name levels (engine.h).
constexpr double kCloseSimilarity = 0.92;
constexpr double kSimilarSimilarity = 0.80;

std::string_view FirstWord(std::string_view key) { return key.substr(0, key.find(' ')); }

bool IsFormOf(std::string_view a, std::string_view b) {
  const auto& forms = text::GivenNameFormKeys(a);
  return std::find(forms.begin(), forms.end(), b) != forms.end();
}

// Another form of the same given name: the whole keys, or the first names of double names.
bool OtherForms(std::string_view a, std::string_view b) {
  if (IsFormOf(a, b)) return true;
  const std::string_view first_a = FirstWord(a), first_b = FirstWord(b);
  if (first_a.size() == a.size() && first_b.size() == b.size()) return false;
  return first_a == first_b || IsFormOf(first_a, first_b);
}

// An upper bound of JaroWinkler(a, b) from the letters the keys share, whatever their order:
// it rules most different names out at a fraction of the cost.
double SimilarityBound(std::string_view a, std::string_view b) {
  uint8_t counts[32] = {};
  for (unsigned char c : a) ++counts[c & 31];
  size_t common = 0;
  for (unsigned char c : b) {
    if (counts[c & 31] > 0) {
      --counts[c & 31];
      ++common;
    }
  }
  const double m = static_cast<double>(common);
  const double jaro =
      (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + 1.0) / 3.0;
  return jaro + 0.4 * (1.0 - jaro);
}

// The level of two different, non-empty keys that are not forms of one name.
Level Spelling(std::string_view a, std::string_view b) {
  if (internal::WithinOneEdit(a, b)) return Level::kClose;
  if (SimilarityBound(a, b) < kSimilarSimilarity - 1e-9) return Level::kDifferent;
  const double similarity = JaroWinkler(a, b);
  if (similarity >= kCloseSimilarity) return Level::kClose;
  if (similarity >= kSimilarSimilarity) return Level::kSimilar;
  return Level::kDifferent;
}

Level CompareName(std::string_view a, std::string_view b, bool given) {
  if (a.empty() || b.empty()) return Level::kMissing;
  if (a == b) return Level::kSame;
  if (given && OtherForms(a, b)) return Level::kForm;
  return Spelling(a, b);
}

// Years written with one wrong digit (1984 and 1994, 1948 and 1949).
bool OneDigitApart(int a, int b) {
  int differing = 0;
  for (; a > 0 || b > 0; a /= 10, b /= 10) differing += (a % 10) != (b % 10);
  return differing == 1;
}

template <typename T>
Level CompareDate(const T& a, const T& b) {
  if (a.birth_year == 0 || b.birth_year == 0) return Level::kMissing;
  const bool full = a.birth_month && a.birth_day && b.birth_month && b.birth_day;
  if (!full) return a.birth_year == b.birth_year ? Level::kSimilar : Level::kDifferent;
  const bool year = a.birth_year == b.birth_year, month = a.birth_month == b.birth_month,
             day = a.birth_day == b.birth_day;
  if (year && month && day) return Level::kSame;
  if (year && a.birth_day == b.birth_month && a.birth_month == b.birth_day) {
    return Level::kTransposed;
  }
  if (month && day) {
    if (OneDigitApart(a.birth_year, b.birth_year)) return Level::kOnePart;
    return std::abs(a.birth_year - b.birth_year) == 1 ? Level::kSimilar : Level::kDifferent;
  }
  if (year) return month || day ? Level::kOnePart : Level::kSimilar;
  return Level::kDifferent;
}

std::string_view Scheme(std::string_view identifier) {
  return identifier.substr(0, identifier.find(':'));
}

Level CompareIdentifiers(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  bool shared_scheme = false;
  for (const std::string& x : a) {
    for (const std::string& y : b) {
      if (x == y) return Level::kSame;
      if (Scheme(x) == Scheme(y)) shared_scheme = true;
    }
  }
  return shared_scheme ? Level::kDifferent : Level::kMissing;
}

template <typename T>
Level CompareValue(const T& a, const T& b, const T& none) {
  if (a == none || b == none) return Level::kMissing;
  return a == b ? Level::kSame : Level::kDifferent;
}

}  // namespace

std::string_view Name(Field field) {
  switch (field) {
    case Field::kFamilyName:
      return "family_name";
    case Field::kGivenName:
      return "given_name";
    case Field::kPatronymic:
      return "patronymic";
    case Field::kBirthDate:
      return "birth_date";
    case Field::kIdentifier:
      return "identifier";
    case Field::kSettlement:
      return "settlement";
    case Field::kHousehold:
      return "household";
    case Field::kPhone:
      return "phone";
    case Field::kSex:
      return "sex";
  }
  return "";
}

std::string_view Name(Level level) {
  switch (level) {
    case Level::kSame:
      return "same";
    case Level::kForm:
      return "form";
    case Level::kClose:
      return "close";
    case Level::kSimilar:
      return "similar";
    case Level::kOnePart:
      return "one_part";
    case Level::kTransposed:
      return "transposed";
    case Level::kDifferent:
      return "different";
    case Level::kMissing:
      return "missing";
  }
  return "";
}

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const size_t range = std::max(a.size(), b.size()) / 2 - (std::max(a.size(), b.size()) >= 2);
  // Which characters found their match; on the stack for keys of ordinary length.
  constexpr size_t kOnStack = 64;
  uint8_t stack_a[kOnStack] = {}, stack_b[kOnStack] = {};
  std::vector<uint8_t> heap;
  uint8_t* matched_a = stack_a;
  uint8_t* matched_b = stack_b;
  if (a.size() > kOnStack || b.size() > kOnStack) {
    heap.assign(a.size() + b.size(), 0);
    matched_a = heap.data();
    matched_b = matched_a + a.size();
  }
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t from = i > range ? i - range : 0, to = std::min(i + range + 1, b.size());
    for (size_t j = from; j < to; ++j) {
      if (matched_b[j] || a[i] != b[j]) continue;
      matched_a[i] = matched_b[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  size_t half_transpositions = 0;
  for (size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!matched_a[i]) continue;
    while (!matched_b[j]) ++j;
    half_transpositions += a[i] != b[j];
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(half_transpositions / 2)) / m) /
                      3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

Levels Compare(const Record& a, const Record& b) {
  Levels levels{};
  levels[static_cast<size_t>(Field::kFamilyName)] = CompareName(a.family_key, b.family_key, false);
  levels[static_cast<size_t>(Field::kGivenName)] = CompareName(a.given_key, b.given_key, true);
  levels[static_cast<size_t>(Field::kPatronymic)] =
      CompareName(a.patronymic_key, b.patronymic_key, false);
  levels[static_cast<size_t>(Field::kBirthDate)] = CompareDate(a, b);
  levels[static_cast<size_t>(Field::kIdentifier)] =
      CompareIdentifiers(a.identifiers, b.identifiers);
  const std::string none;
  levels[static_cast<size_t>(Field::kSettlement)] = CompareValue(a.settlement, b.settlement, none);
  levels[static_cast<size_t>(Field::kHousehold)] = CompareValue(a.household, b.household, none);
  levels[static_cast<size_t>(Field::kPhone)] = CompareValue(a.phone, b.phone, none);
  levels[static_cast<size_t>(Field::kSex)] = CompareValue(a.sex, b.sex, char{0});
  return levels;
}

namespace internal {

bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b has one more character at the end
  if (a.size() < b.size()) return a.substr(i) == b.substr(i + 1);
  if (a.substr(i + 1) == b.substr(i + 1)) return true;  // one substituted
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);  // two neighbours swapped
}

namespace {

// Numbers for distinct strings, 0 for the empty one.
class Numbering {
 public:
  uint32_t Of(std::string_view text) {
    if (text.empty()) return 0;
    auto [it, added] = numbers_.try_emplace(text, static_cast<uint32_t>(texts_.size()));
    if (added) texts_.push_back(text);
    return it->second;
  }
  std::optional<uint32_t> Find(std::string_view text) const {
    auto it = numbers_.find(text);
    if (it == numbers_.end()) return std::nullopt;
    return it->second;
  }
  std::vector<std::string_view>& texts() { return texts_; }

 private:
  std::unordered_map<std::string_view, uint32_t> numbers_;
  std::vector<std::string_view> texts_{std::string_view()};
};

}  // namespace

Interned Intern(const std::vector<Record>& records, int threads) {
  Interned out;
  out.persons.resize(records.size());
  Numbering names;
  // Three independent numberings, each writing its own fields of the persons.
  ParallelFor(3, threads, [&](size_t task) {
    Numbering first, second;
    for (size_t i = 0; i < records.size(); ++i) {
      const Record& r = records[i];
      Interned::Person& p = out.persons[i];
      if (task == 0) {
        p.family = names.Of(r.family_key);
        p.given = names.Of(r.given_key);
        p.patronymic = names.Of(r.patronymic_key);
      } else if (task == 1) {
        p.birth_year = r.birth_year;
        p.birth_month = r.birth_month;
        p.birth_day = r.birth_day;
        p.sex = r.sex;
        p.settlement = first.Of(r.settlement);
        p.household = second.Of(r.household);
      } else {
        p.phone = first.Of(r.phone);
        p.identifiers_begin = static_cast<uint32_t>(out.identifiers.size());
        for (const std::string& identifier : r.identifiers) {
          out.identifiers.emplace_back(second.Of(Scheme(identifier)), first.Of(identifier));
        }
        p.identifiers_end = static_cast<uint32_t>(out.identifiers.size());
      }
    }
  });
  // The first word of every given name, then the forms of each among the keys present (a form
  // no record holds can never be met).
  std::vector<uint32_t> given_ids;
  for (const Interned::Person& p : out.persons) {
    if (p.given) given_ids.push_back(p.given);
  }
  std::sort(given_ids.begin(), given_ids.end());
  given_ids.erase(std::unique(given_ids.begin(), given_ids.end()), given_ids.end());
  out.first_word.assign(names.texts().size(), 0);
  for (uint32_t id : given_ids) out.first_word[id] = names.Of(FirstWord(names.texts()[id]));
  out.first_word.resize(names.texts().size(), 0);
  out.forms.resize(names.texts().size());
  auto forms_of = [&](uint32_t id) {
    if (id == 0 || !out.forms[id].empty()) return;
    for (const std::string& form : text::GivenNameFormKeys(names.texts()[id])) {
      if (auto other = names.Find(form)) out.forms[id].push_back(*other);
    }
    std::sort(out.forms[id].begin(), out.forms[id].end());
    if (out.forms[id].empty()) out.forms[id].push_back(0);  // looked up: none
  };
  for (uint32_t id : given_ids) {
    forms_of(id);
    forms_of(out.first_word[id]);
  }
  // The keys side by side in one buffer: a pair's names are then read from a few megabytes
  // that stay in cache, not from the records spread over the heap.
  const std::vector<std::string_view>& texts = names.texts();
  size_t size = 0;
  for (std::string_view t : texts) size += t.size();
  out.name_text.reserve(size);
  for (std::string_view t : texts) out.name_text.append(t);
  out.names.reserve(texts.size());
  for (size_t i = 0, at = 0; i < texts.size(); at += texts[i].size(), ++i) {
    out.names.emplace_back(out.name_text.data() + at, texts[i].size());
  }
  return out;
}

namespace {

bool IsFormOf(const Interned& in, uint32_t a, uint32_t b) {
  const std::vector<uint32_t>& forms = in.forms[a];
  return std::binary_search(forms.begin(), forms.end(), b);
}

Level CompareName(const Interned& in, uint32_t a, uint32_t b, bool given) {
  if (a == 0 || b == 0) return Level::kMissing;
  if (a == b) return Level::kSame;
  if (given) {
    if (IsFormOf(in, a, b)) return Level::kForm;
    const uint32_t first_a = in.first_word[a], first_b = in.first_word[b];
    const bool single = first_a == a && first_b == b;
    if (!single && (first_a == first_b || IsFormOf(in, first_a, first_b))) return Level::kForm;
  }
  return Spelling(in.names[a], in.names[b]);
}

Level CompareIdentifiers(const Interned& in, const Interned::Person& a, const Interned::Person& b) {
  bool shared_scheme = false;
  for (uint32_t i = a.identifiers_begin; i < a.identifiers_end; ++i) {
    for (uint32_t j = b.identifiers_begin; j < b.identifiers_end; ++j) {
      if (in.identifiers[i].second == in.identifiers[j].second) return Level::kSame;
      if (in.identifiers[i].first == in.identifiers[j].first) shared_scheme = true;
    }
  }
  return shared_scheme ? Level::kDifferent : Level::kMissing;
}

}  // namespace

Levels Compare(const Interned& in, uint32_t x, uint32_t y) {
  const Interned::Person& a = in.persons[x];
  const Interned::Person& b = in.persons[y];
  Levels levels{};
  levels[static_cast<size_t>(Field::kFamilyName)] = CompareName(in, a.family, b.family, false);
  levels[static_cast<size_t>(Field::kGivenName)] = CompareName(in, a.given, b.given, true);
  levels[static_cast<size_t>(Field::kPatronymic)] =
      CompareName(in, a.patronymic, b.patronymic, false);
  levels[static_cast<size_t>(Field::kBirthDate)] = CompareDate(a, b);
  levels[static_cast<size_t>(Field::kIdentifier)] = CompareIdentifiers(in, a, b);
  levels[static_cast<size_t>(Field::kSettlement)] = CompareValue(a.settlement, b.settlement, 0u);
  levels[static_cast<size_t>(Field::kHousehold)] = CompareValue(a.household, b.household, 0u);
  levels[static_cast<size_t>(Field::kPhone)] = CompareValue(a.phone, b.phone, 0u);
  levels[static_cast<size_t>(Field::kSex)] = CompareValue(a.sex, b.sex, char{0});
  return levels;
}

}  // namespace internal
}  // namespace socius::dedup
