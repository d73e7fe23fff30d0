// Step 2: the agreement level of each field of a pair (engine.h, Level).

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "dedup/engine.h"
#include "text/given_names.h"
#include "text/similarity.h"

namespace socius::dedup {
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

Level CompareName(std::string_view a, std::string_view b, bool given) {
  if (a.empty() || b.empty()) return Level::kMissing;
  if (a == b) return Level::kSame;
  if (given && OtherForms(a, b)) return Level::kForm;
  if (text::BoundedEditDistance(a, b, 1) <= 1) return Level::kClose;
  const double similarity = JaroWinkler(a, b);
  if (similarity >= kCloseSimilarity) return Level::kClose;
  if (similarity >= kSimilarSimilarity) return Level::kSimilar;
  return Level::kDifferent;
}

// Years written with one wrong digit (1984 and 1994, 1948 and 1949).
bool OneDigitApart(int a, int b) {
  int differing = 0;
  for (; a > 0 || b > 0; a /= 10, b /= 10) differing += (a % 10) != (b % 10);
  return differing == 1;
}

Level CompareDate(const Record& a, const Record& b) {
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

}  // namespace socius::dedup
