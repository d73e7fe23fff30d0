#include "text/match_key.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace socius::text {
namespace {

// Steps 2 to 4 of the folding described in match_key.h, as ICU transform rules. The input is
// already NFKC_Casefold, so only lower-case, composed forms need a rule.
constexpr const char* kFoldingRules = R"(
# Step 2: Latin letters whose diacritic makes another consonant in transliteration.
š > sh ; č > ch ; ž > zh ; ŝ > shch ; ĉ > ch ; ẑ > dz ; ǵ > gj ; ḱ > kj ; ć > ch ;
ż > zh ; ś > sh ; û > yu ; đ > dj ; ǰ > j ;
l \u0302 > lj ; n \u0302 > nj ; d \u0302 > dzh ;
# Step 3: Cyrillic. Ukrainian, Russian, Belarusian.
а > a ; б > b ; в > v ; г > g ; ґ > g ; д > d ; е > e ; є > ye ; ё > e ; ж > zh ; з > z ;
и > i ; і > i ; ї > yi ; й > y ; к > k ; л > l ; м > m ; н > n ; о > o ; п > p ; р > r ;
с > s ; т > t ; у > u ; ў > u ; ф > f ; х > kh ; ц > ts ; ч > ch ; ш > sh ; щ > shch ;
ъ > ; ы > y ; ь > ; э > e ; ю > yu ; я > ya ;
# Macedonian, Serbian, Moldovan Cyrillic.
ѓ > gj ; ќ > kj ; љ > lj ; њ > nj ; џ > dzh ; ѕ > dz ; ј > j ; ђ > dj ; ћ > ch ; ӂ > dzh ;
# Other scripts, then step 4: drop the remaining diacritics.
:: Any-Latin ;
:: NFD ;
:: [:Mn:] Remove ;
:: Latin-ASCII ;
)";

std::unique_ptr<icu::Transliterator> BuildFolding() {
  UParseError parse_error;
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> folding(icu::Transliterator::createFromRules(
      "socius-name-folding", icu::UnicodeString::fromUTF8(kFoldingRules), UTRANS_FORWARD,
      parse_error, error));
  if (U_FAILURE(error) || folding == nullptr) {
    throw std::logic_error(std::string("name folding rules do not compile: ") + u_errorName(error) +
                           " at line " + std::to_string(parse_error.line));
  }
  return folding;
}

// A Transliterator is not safe to share between threads: one prototype, compiled once, and
// one clone per thread.
icu::Transliterator& Folding() {
  static const std::unique_ptr<icu::Transliterator> prototype = BuildFolding();
  thread_local std::unique_ptr<icu::Transliterator> clone(prototype->clone());
  return *clone;
}

bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == '`' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02B9 ||
         c == 0x02BB || c == 0x00B4 || c == 0x2032;
}

// Appends the ASCII letters of `c`, a separator for anything else that is not an
// apostrophe. Words are separated by one space, never leading or trailing.
void AppendFolded(UChar32 c, std::string& out) {
  if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
  if (c >= 'a' && c <= 'z') {
    out.push_back(static_cast<char>(c));
  } else if (!IsApostrophe(c) && !out.empty() && out.back() != ' ') {
    out.push_back(' ');
  }
}

// Steps 1-4: the name as lower-case ASCII words.
std::string FoldToAscii(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 8);
  bool ascii = true;
  for (char ch : name) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  if (ascii) {
    // NFKC_Casefold of ASCII is lower-casing, and the rules above leave ASCII alone.
    for (char ch : name) AppendFolded(static_cast<unsigned char>(ch), out);
  } else {
    UErrorCode error = U_ZERO_ERROR;
    const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(error);
    if (U_FAILURE(error)) throw std::logic_error(u_errorName(error));
    icu::UnicodeString text =
        casefold->normalize(icu::UnicodeString::fromUTF8(
                                icu::StringPiece(name.data(), static_cast<int32_t>(name.size()))),
                            error);
    if (U_FAILURE(error)) throw std::logic_error(u_errorName(error));
    Folding().transliterate(text);
    for (int32_t i = 0; i < text.length();) {
      UChar32 c = text.char32At(i);
      AppendFolded(c, out);
      i += U16_LENGTH(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool StartsWith(std::string_view s, size_t at, std::string_view prefix) {
  return s.substr(at, prefix.size()) == prefix;
}

// Step 5a: spellings to skeleton letters, longest spelling first.
std::string Skeleton(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  size_t i = 0;
  auto take = [&](std::string_view spelling, std::string_view letters) {
    if (!StartsWith(w, i, spelling)) return false;
    out.append(letters);
    i += spelling.size();
    return true;
  };
  while (i < w.size()) {
    const char c = w[i];
    switch (c) {
      case 's':
        if (take("schtsch", "s") || take("szcz", "s") || take("shch", "s") || take("sch", "s") ||
            take("sh", "s") || take("sz", "s")) {
          continue;
        }
        break;
      case 't':
        if (take("tsch", "c") || take("tch", "c") || take("ts", "c") || take("tz", "c") ||
            take("th", "t")) {
          continue;
        }
        break;
      case 'c':
        if (take("ch", "c") || take("cz", "c")) continue;
        break;
      case 'z':
        if (take("zh", "z")) continue;
        break;
      case 'k':
        if (take("kh", "g")) continue;
        break;
      case 'g':
        if (take("gh", "g")) continue;
        break;
      case 'p':
        if (take("ph", "f")) continue;
        break;
      case 'h':
        take("h", "g");
        continue;
      case 'x':
        take("x", "ks");
        continue;
      case 'q':
        take("q", "k");
        continue;
      case 'w':
        take("w", "v");
        continue;
      case 'y':
      case 'j':
        // ё written yo/jo after a consonant: e, as ICAO writes it. Not after g and k, where
        // j belongs to Macedonian gj (ѓ) and kj (ќ): Gjorgji.
        if (i + 1 < w.size() && w[i + 1] == 'o' && !out.empty() && out.back() != ' ' &&
            !IsVowel(out.back()) && !(c == 'j' && (w[i - 1] == 'g' || w[i - 1] == 'k'))) {
          out.push_back('e');
          i += 2;
        } else {
          out.push_back('i');
          ++i;
        }
        continue;
      default:
        break;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

// Step 5b: glides and doubled letters.
std::string Glides(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    // ie -> e (with any run of i before the e).
    if (c == 'i') {
      size_t j = i;
      while (j < s.size() && s[j] == 'i') ++j;
      if (j < s.size() && s[j] == 'e') {
        i = j - 1;
        continue;
      }
    }
    // c + silent e/i + a/o/u -> c + a/o/u.
    if ((c == 'e' || c == 'i') && !out.empty() && out.back() == 'c' &&
        (next == 'a' || next == 'o' || next == 'u')) {
      continue;
    }
    if (!out.empty() && out.back() == c) continue;  // doubled letters collapse
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string NameMatchKey(std::string_view name) {
  std::string key = FoldToAscii(name);
  // The skeleton rules are applied until nothing changes; in practice twice at most.
  for (int round = 0; round < 4; ++round) {
    std::string next = Glides(Skeleton(key));
    if (next == key) break;
    key = std::move(next);
  }
  return key;
}

}  // namespace socius::text
