#pragma once

// National identifiers of persons: validation with check digits, the birth date and sex a
// code implies, and (for tests and the bench data generator) generation of valid codes.
//
// Schemes, as sent in the API's "identifiers":[{"scheme","value"}]:
//   RO-CNP     Romania, cod numeric personal: S YYMMDD JJ NNN C (13 digits).
//              S: 1/2 born 1900-99, 3/4 1800-99, 5/6 2000-99 (odd male, even female);
//              7/8 foreign resident (male/female), 9 foreigner (sex not given): the century
//              is not given, the latest one that is not in the future is taken.
//              JJ: county 01-46 (40-46 Bucharest and its sectors), 47-48 (former sectors 7 and
//              8), 51 Călărași, 52 Giurgiu, 70 (any county, issued since 2024).
//              NNN 001-999. C: digits · 279146358279, sum mod 11, 10 → 1.
//   MD-IDNP    Moldova, IDNP: 13 digits, first 0 or 2 (persons; 1 is IDNO of companies), then
//              the year of assignment and a serial; no birth date nor sex. C: digits · 731731...
//              sum mod 10.
//   UA-RNOKPP  Ukraine, taxpayer number: 10 digits. The first 5 count days since 1899-12-31
//              (the birth date), the 9th is odd for men, even for women. C: digits · (-1, 5,
//              7, 9, 4, 6, 10, 5, 7), sum mod 11, mod 10.
//   UA-UNZR    Ukraine, unique record number in the demographic register: YYYYMMDD-NNNNC
//              (the birth date, 4 serial digits, a check digit); also accepted without the
//              dash, always stored with it. No sex. C: the 12 digits · 731731... sum mod 10.
//   MK-EMBG    North Macedonia (and ex-Yugoslavia), EMBG: DDMMYYY RR BBB K (13 digits).
//              YYY: the last 3 digits of the year (9xx → 19xx, 0xx → 20xx). RR: region of
//              birth registration; 41-49 are Macedonia's, but a citizen born elsewhere in
//              Yugoslavia keeps that republic's code, so every 00-99 is accepted. BBB: 000-499
//              male, 500-999 female. K = 11 - (Σ weights 765432765432 · digits mod 11); 11 → 0;
//              10 is never issued, so such a code is refused.
//   LT-AK      Lithuania, asmens kodas: G YYMMDD NNN K (11 digits). G: 1/2 born 1800-99, 3/4
//              1900-99, 5/6 2000-99 (odd male, even female); 9 marks a code given without a
//              full birth date (accepted, nothing implied). K: Σ digits · 1234567891 mod 11;
//              if 10, Σ digits · 3456789123 mod 11; if 10 again, 0.
//
// Everything here is pure and thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace socius::registry {

enum class Sex { kFemale, kMale };

// The scheme names, in a stable order.
const std::vector<std::string_view>& IdentifierSchemes();

// What a valid code says about its holder.
struct IdentifierFacts {
  std::string scheme;
  std::string value;                     // normalised: digits only (UNZR: YYYYMMDD-NNNNC)
  std::optional<core::Date> birth_date;  // when the code carries it
  std::optional<Sex> sex;                // when the code carries it
};

// Validates `value` under `scheme`. Surrounding spaces and tabs are ignored; anything else
// that is not part of the scheme's format is refused. Every failure is InvalidArgument with
// field "identifiers", param "scheme", and one of the codes:
//   identifier.unknown_scheme    the scheme is none of IdentifierSchemes()
//   identifier.wrong_length      too few or too many characters
//   identifier.not_digits        a character other than a digit (or UNZR's one dash)
//   identifier.bad_century       a century/sex digit the scheme does not use (CNP 0; AK 0,7,8)
//   identifier.bad_prefix        IDNP not starting with 0 or 2
//   identifier.bad_date          the implied birth date does not exist or is after `today`
//   identifier.bad_region        CNP county code not in use
//   identifier.bad_serial        CNP serial 000
//   identifier.bad_check_digit   the check digit does not match
// `today` bounds the implied birth date; the overload without it uses core::Today().
core::Result<IdentifierFacts> ValidateIdentifier(std::string_view scheme, std::string_view value);
core::Result<IdentifierFacts> ValidateIdentifier(std::string_view scheme, std::string_view value,
                                                 core::Date today);

// The check digit that completes `body`, the code without its last digit (UNZR without the
// dash: 12 digits). nullopt when the scheme is unknown, `body` has the wrong length or a
// non-digit, or no digit can complete it (EMBG whose remainder gives 10).
std::optional<char> CheckDigit(std::string_view scheme, std::string_view body);

// A valid code of `scheme` for a person born on `birth` with `sex`, with serial digits drawn
// from `seed` (the same arguments always give the same code). The code implies `birth` and
// `sex` where the scheme carries them. InvalidArgument "identifier.unknown_scheme", or
// "identifier.bad_date" when `birth` is not a real date or outside the scheme's range
// (RO-CNP and LT-AK 1800-2099, UA-RNOKPP 1900-01-01 to 99999 days after 1899-12-31, MK-EMBG
// 1800-2799).
core::Result<std::string> GenerateIdentifier(std::string_view scheme, core::Date birth, Sex sex,
                                             uint64_t seed);

}  // namespace socius::registry
