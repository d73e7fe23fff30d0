#include "text/name_readings.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "text/match_key.h"

namespace socius::text {
namespace {

// NameReadingKeys: the source letters of each reading, rewritten before the name is keyed.
constexpr const char* kSouthSlavicReading = R"(
:: Lower ;
đ > gj ; ђ > gj ; ć > kj ; ћ > kj ; dj > gj ;
)";
constexpr const char* kRomanianReading = R"(
:: Lower ;
$front = [еиeiіé] ;
$back = [аоуaou] ;
дж } $front > g ; ӂ } $front > g ; dzh } $front > g ;
дж } [оo] > ge ; ӂ } [оo] > ge ; dzh } o > ge ;
дж } $back > gi ; ӂ } $back > gi ; dzh } $back > gi ;
к } $front > ch ; к > c ; kh > h ; k } $front > ch ; k > c ;
ц > ț ; ts > ț ;
э > ă ;
ж > j ; zh > j ;
)";

std::unique_ptr<icu::Transliterator> BuildReading(const char* id, const char* rules) {
  UParseError parse_error;
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> reading(icu::Transliterator::createFromRules(
      id, icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, parse_error, error));
  if (U_FAILURE(error) || reading == nullptr) {
    throw std::logic_error(std::string("name reading rules do not compile: ") + u_errorName(error) +
                           " at line " + std::to_string(parse_error.line));
  }
  return reading;
}

// The name as read by `reading` (one clone per thread, as Folding()).
std::string Read(std::string_view name, bool romanian) {
  static const std::unique_ptr<icu::Transliterator> south_slavic =
      BuildReading("socius-south-slavic-reading", kSouthSlavicReading);
  static const std::unique_ptr<icu::Transliterator> romanian_reading =
      BuildReading("socius-romanian-reading", kRomanianReading);
  thread_local std::unique_ptr<icu::Transliterator> south_slavic_clone(south_slavic->clone());
  thread_local std::unique_ptr<icu::Transliterator> romanian_clone(romanian_reading->clone());
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  (romanian ? romanian_clone : south_slavic_clone)->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

size_t WordCount(std::string_view key) {
  return key.empty() ? 0 : static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

}  // namespace

std::vector<std::string> NameReadingKeys(std::string_view name) {
  std::vector<std::string> keys;
  const std::string key = NameMatchKey(name);
  for (bool romanian : {false, true}) {
    std::string reading = NameMatchKey(Read(name, romanian));
    if (reading == key || WordCount(reading) != WordCount(key)) continue;
    if (std::find(keys.begin(), keys.end(), reading) != keys.end()) continue;
    keys.push_back(std::move(reading));
  }
  return keys;
}

}  // namespace socius::text
