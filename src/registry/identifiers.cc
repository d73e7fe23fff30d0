#include "registry/identifiers.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

namespace socius::registry {
namespace {

constexpr std::string_view kRoCnp = "RO-CNP";
constexpr std::string_view kMdIdnp = "MD-IDNP";
constexpr std::string_view kUaRnokpp = "UA-RNOKPP";
constexpr std::string_view kUaUnzr = "UA-UNZR";
constexpr std::string_view kMkEmbg = "MK-EMBG";
constexpr std::string_view kLtAk = "LT-AK";

constexpr char kField[] = "identifiers";

core::Status Invalid(std::string_view code, std::string_view scheme, std::string detail = {}) {
  return core::Status::InvalidArgument(std::string(code), kField, std::move(detail))
      .With("scheme", std::string(scheme));
}

int Digit(std::string_view s, size_t i) { return s[i] - '0'; }
int Number(std::string_view s, size_t from, size_t count) {
  int n = 0;
  for (size_t i = from; i < from + count; ++i) n = n * 10 + Digit(s, i);
  return n;
}
bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <size_t N>
int WeightedSum(std::string_view digits, const std::array<int, N>& weights) {
  int sum = 0;
  for (size_t i = 0; i < N; ++i) sum += weights[i] * Digit(digits, i);
  return sum;
}

int Mod(int a, int m) { return ((a % m) + m) % m; }

// Check digits: each takes exactly the body digits of its scheme, -1 when none fits.
int CnpCheck(std::string_view body) {
  const int r = WeightedSum(body, std::array{2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9}) % 11;
  return r == 10 ? 1 : r;
}
int Check731(std::string_view body) {  // IDNP and UNZR
  return WeightedSum(body, std::array{7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1}) % 10;
}
int RnokppCheck(std::string_view body) {
  return Mod(WeightedSum(body, std::array{-1, 5, 7, 9, 4, 6, 10, 5, 7}), 11) % 10;
}
int EmbgCheck(std::string_view body) {
  const int k = 11 - WeightedSum(body, std::array{7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2}) % 11;
  if (k == 10) return -1;
  return k == 11 ? 0 : k;
}
int LtCheck(std::string_view body) {
  int r = WeightedSum(body, std::array{1, 2, 3, 4, 5, 6, 7, 8, 9, 1}) % 11;
  if (r != 10) return r;
  r = WeightedSum(body, std::array{3, 4, 5, 6, 7, 8, 9, 1, 2, 3}) % 11;
  return r == 10 ? 0 : r;
}

struct Scheme {
  std::string_view name;
  size_t length;  // digits, check digit included
  int (*check)(std::string_view body);
};

constexpr std::array<Scheme, 6> kSchemes = {{
    {kRoCnp, 13, &CnpCheck},
    {kMdIdnp, 13, &Check731},
    {kUaRnokpp, 10, &RnokppCheck},
    {kUaUnzr, 13, &Check731},
    {kMkEmbg, 13, &EmbgCheck},
    {kLtAk, 11, &LtCheck},
}};

const Scheme* FindScheme(std::string_view name) {
  for (const auto& s : kSchemes) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::chrono::sys_days ToDays(const core::Date& d) {
  return std::chrono::sys_days(std::chrono::year(d.year) /
                               std::chrono::month(static_cast<unsigned>(d.month)) /
                               std::chrono::day(static_cast<unsigned>(d.day)));
}
core::Date FromDays(std::chrono::sys_days days) {
  const std::chrono::year_month_day ymd(days);
  return core::Date{static_cast<int>(ymd.year()),
                    static_cast<int>(static_cast<unsigned>(ymd.month())),
                    static_cast<int>(static_cast<unsigned>(ymd.day()))};
}
// Day 0 of the RNOKPP count.
constexpr std::chrono::sys_days kRnokppEpoch{std::chrono::year(1899) / 12 / 31};

// The implied birth date, or bad_date when it does not exist or lies after `today`.
core::Result<core::Date> BirthDate(std::string_view scheme, int year, int month, int day,
                                   const core::Date& today) {
  if (!core::IsValidDate(year, month, day)) {
    return Invalid("identifier.bad_date", scheme, "the implied birth date does not exist");
  }
  core::Date d{year, month, day};
  if (d > today) return Invalid("identifier.bad_date", scheme, "the implied birth date is future");
  return d;
}

bool IsCnpCounty(int jj) { return (jj >= 1 && jj <= 48) || jj == 51 || jj == 52 || jj == 70; }

core::Status CheckCnp(std::string_view v, const core::Date& today, IdentifierFacts& facts) {
  const int s = Digit(v, 0);
  const int yy = Number(v, 1, 2), mm = Number(v, 3, 2), dd = Number(v, 5, 2);
  if (s == 0) return Invalid("identifier.bad_century", kRoCnp);
  int year = 0;
  switch (s) {
    case 1:
    case 2:
      year = 1900 + yy;
      break;
    case 3:
    case 4:
      year = 1800 + yy;
      break;
    case 5:
    case 6:
      year = 2000 + yy;
      break;
    default:  // 7, 8, 9: residents and foreigners, century not coded
      year = 2000 + yy;
      if (core::IsValidDate(year, mm, dd) && core::Date{year, mm, dd} > today) year = 1900 + yy;
  }
  auto birth = BirthDate(kRoCnp, year, mm, dd, today);
  if (!birth.ok()) return birth.status();
  if (!IsCnpCounty(Number(v, 7, 2))) return Invalid("identifier.bad_region", kRoCnp);
  if (Number(v, 9, 3) == 0) return Invalid("identifier.bad_serial", kRoCnp);
  facts.birth_date = *birth;
  if (s != 9) facts.sex = s % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return core::Status::Ok();
}

core::Status CheckIdnp(std::string_view v, const core::Date&, IdentifierFacts&) {
  if (v[0] != '0' && v[0] != '2') return Invalid("identifier.bad_prefix", kMdIdnp);
  return core::Status::Ok();
}

core::Status CheckRnokpp(std::string_view v, const core::Date& today, IdentifierFacts& facts) {
  const int days = Number(v, 0, 5);
  if (days == 0) return Invalid("identifier.bad_date", kUaRnokpp);
  const core::Date d = FromDays(kRnokppEpoch + std::chrono::days(days));
  auto birth = BirthDate(kUaRnokpp, d.year, d.month, d.day, today);
  if (!birth.ok()) return birth.status();
  facts.birth_date = *birth;
  facts.sex = Digit(v, 8) % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return core::Status::Ok();
}

core::Status CheckUnzr(std::string_view v, const core::Date& today, IdentifierFacts& facts) {
  auto birth = BirthDate(kUaUnzr, Number(v, 0, 4), Number(v, 4, 2), Number(v, 6, 2), today);
  if (!birth.ok()) return birth.status();
  facts.birth_date = *birth;
  return core::Status::Ok();
}

core::Status CheckEmbg(std::string_view v, const core::Date& today, IdentifierFacts& facts) {
  const int yyy = Number(v, 4, 3);
  const int year = yyy >= 800 ? 1000 + yyy : 2000 + yyy;
  auto birth = BirthDate(kMkEmbg, year, Number(v, 2, 2), Number(v, 0, 2), today);
  if (!birth.ok()) return birth.status();
  facts.birth_date = *birth;
  facts.sex = Number(v, 9, 3) < 500 ? Sex::kMale : Sex::kFemale;
  return core::Status::Ok();
}

core::Status CheckLt(std::string_view v, const core::Date& today, IdentifierFacts& facts) {
  const int g = Digit(v, 0);
  if (g == 9) return core::Status::Ok();
  if (g < 1 || g > 6) return Invalid("identifier.bad_century", kLtAk);
  const int year = 1800 + 100 * ((g - 1) / 2) + Number(v, 1, 2);
  auto birth = BirthDate(kLtAk, year, Number(v, 3, 2), Number(v, 5, 2), today);
  if (!birth.ok()) return birth.status();
  facts.birth_date = *birth;
  facts.sex = g % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return core::Status::Ok();
}

using Structure = core::Status (*)(std::string_view, const core::Date&, IdentifierFacts&);
Structure StructureOf(std::string_view scheme) {
  if (scheme == kRoCnp) return &CheckCnp;
  if (scheme == kMdIdnp) return &CheckIdnp;
  if (scheme == kUaRnokpp) return &CheckRnokpp;
  if (scheme == kUaUnzr) return &CheckUnzr;
  if (scheme == kMkEmbg) return &CheckEmbg;
  return &CheckLt;
}

std::string_view Trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

// A deterministic stream of numbers from a seed (splitmix64).
class SeedStream {
 public:
  explicit SeedStream(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t state_;
};

std::string Digits(int value, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
  return buffer;
}

}  // namespace

const std::vector<std::string_view>& IdentifierSchemes() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& s : kSchemes) out.push_back(s.name);
    return out;
  }();
  return names;
}

core::Result<IdentifierFacts> ValidateIdentifier(std::string_view scheme, std::string_view value) {
  return ValidateIdentifier(scheme, value, core::Today());
}

core::Result<IdentifierFacts> ValidateIdentifier(std::string_view scheme, std::string_view value,
                                                 core::Date today) {
  const Scheme* s = FindScheme(scheme);
  if (s == nullptr) return Invalid("identifier.unknown_scheme", scheme);
  std::string digits(Trim(value));
  if (s->name == kUaUnzr && digits.size() > 8 && digits[8] == '-') digits.erase(8, 1);
  if (!AllDigits(digits)) return Invalid("identifier.not_digits", scheme);
  if (digits.size() != s->length) return Invalid("identifier.wrong_length", scheme);

  IdentifierFacts facts;
  facts.scheme = std::string(s->name);
  SOCIUS_RETURN_IF_ERROR(StructureOf(s->name)(digits, today, facts));
  const std::string_view body = std::string_view(digits).substr(0, s->length - 1);
  if (s->check(body) != Digit(digits, s->length - 1)) {
    return Invalid("identifier.bad_check_digit", scheme);
  }
  if (s->name == kUaUnzr) digits.insert(8, 1, '-');
  facts.value = std::move(digits);
  return facts;
}

std::optional<char> CheckDigit(std::string_view scheme, std::string_view body) {
  const Scheme* s = FindScheme(scheme);
  if (s == nullptr || body.size() + 1 != s->length || !AllDigits(body)) return std::nullopt;
  const int check = s->check(body);
  if (check < 0) return std::nullopt;
  return static_cast<char>('0' + check);
}

core::Result<std::string> GenerateIdentifier(std::string_view scheme, core::Date birth, Sex sex,
                                             uint64_t seed) {
  const Scheme* s = FindScheme(scheme);
  if (s == nullptr) return Invalid("identifier.unknown_scheme", scheme);
  if (!core::IsValidDate(birth.year, birth.month, birth.day)) {
    return Invalid("identifier.bad_date", scheme, "the birth date does not exist");
  }
  const bool male = sex == Sex::kMale;
  const std::string yymmdd =
      Digits(birth.year % 100, 2) + Digits(birth.month, 2) + Digits(birth.day, 2);
  SeedStream random(seed);
  auto out_of_range = [&] {
    return Invalid("identifier.bad_date", scheme, "the scheme cannot encode this birth date");
  };
  for (int attempt = 0; attempt < 64; ++attempt) {
    std::string body;
    if (s->name == kRoCnp) {
      if (birth.year < 1800 || birth.year > 2099) return out_of_range();
      const int century = (birth.year - 1800) / 100;  // 0: 1800s, 1: 1900s, 2: 2000s
      const int first = std::array{3, 1, 5}[static_cast<size_t>(century)] + (male ? 0 : 1);
      static constexpr std::array<int, 51> kCounties = {
          1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17,
          18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
          35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 51, 52, 70};
      body = Digits(first, 1) + yymmdd +
             Digits(kCounties[static_cast<size_t>(random.Below(51))], 2) +
             Digits(1 + random.Below(999), 3);
    } else if (s->name == kMdIdnp) {
      const int assigned = std::max(birth.year, 1995) % 1000;
      body = "2" + Digits(assigned, 3) + Digits(random.Below(100'000'000), 8);
    } else if (s->name == kUaRnokpp) {
      const auto days = (ToDays(birth) - kRnokppEpoch).count();
      if (days < 1 || days > 99'999) return out_of_range();
      const int serial = random.Below(1000);
      const int sex_digit = 2 * random.Below(5) + (male ? 1 : 0);
      body = Digits(static_cast<int>(days), 5) + Digits(serial, 3) + Digits(sex_digit, 1);
    } else if (s->name == kUaUnzr) {
      if (birth.year < 1000) return out_of_range();
      body = Digits(birth.year, 4) + Digits(birth.month, 2) + Digits(birth.day, 2) +
             Digits(random.Below(10'000), 4);
    } else if (s->name == kMkEmbg) {
      if (birth.year < 1800 || birth.year > 2799) return out_of_range();
      const int bbb = random.Below(500) + (male ? 0 : 500);
      body = Digits(birth.day, 2) + Digits(birth.month, 2) + Digits(birth.year % 1000, 3) +
             Digits(41 + random.Below(9), 2) + Digits(bbb, 3);
    } else {  // LT-AK
      if (birth.year < 1800 || birth.year > 2099) return out_of_range();
      const int first = 1 + 2 * ((birth.year - 1800) / 100) + (male ? 0 : 1);
      body = Digits(first, 1) + yymmdd + Digits(random.Below(1000), 3);
    }
    const int check = s->check(body);
    if (check < 0) continue;  // EMBG remainder 10: draw another serial
    std::string code = body + static_cast<char>('0' + check);
    if (s->name == kUaUnzr) code.insert(8, 1, '-');
    return code;
  }
  return core::Status::Internal("no valid identifier found in 64 draws");
}

}  // namespace socius::registry
