#pragma once

// How names get typed in the synthetic registry and in the test queries (bench only):
// Cyrillic romanised by the rival standards, Latin names written in Cyrillic, diacritics left
// out, and typing mistakes. Independent from text/match_key: the benchmark checks that the
// match key really brings these spellings together.

#include <string>
#include <string_view>

#include "person_names.h"
#include "random.h"

namespace socius::bench {

enum class Romanisation {
  kNational,   // Ukrainian: the 2010 national system; Russian: ICAO (passports since 2013);
               // Macedonian: the official national system
  kBgn,        // BGN/PCGN: Shevchenko, Yelena, Yuriy; Macedonian as national
  kScholarly,  // the scholarly system with háček: Ševčenko, Poliščuk, Jurij; Macedonian ISO 9
               // (Ǵorǵi, Ḱosevski)
  kInformal,   // what people type without a standard: Polischuk, Olga for Ольга, Yuriy
};
inline constexpr int kRomanisations = 4;

// Cyrillic `text` of `stock` in Latin letters under `standard`; non-Cyrillic characters are
// kept. Capitals stay capitals.
std::string Romanise(std::string_view text, NameStock stock, Romanisation standard);

// Latin `text` of a Romanian, Moldovan or Lithuanian name as a Russian-language document
// writes it (Mircea Ciobanu → Мирча Чобану, Žukauskas → Жукаускас). `moldovan`: in the
// Moldovan Cyrillic alphabet of 1951–1989 instead, which writes ă as э (Lazăr → Лазэр).
std::string Cyrillicise(std::string_view text, NameStock stock, bool moldovan = false);

// Cyrillic `text` of a Macedonian name in Serbian/Croatian Latin letters, as documents issued
// in Serbia and Croatia write it: ѓ → đ, ќ → ć, ч ш ж џ → č š ž dž (Ѓорѓиевски → Đorđievski).
std::string SerbianLatin(std::string_view text);

// The other languages' form of a given name (Ганна → Анна, Ana; Олександр → Александр,
// Alexandru), one of them chosen by `random`; empty when the name has no other form known
// to the bench's table. A bench table, written apart from the one the search uses.
std::string OtherGivenNameForm(std::string_view given, Random& random);

// `text` with one letter (not the first) dropped from its first word of at least
// `min_letters` letters; unchanged when there is none.
std::string DropLetter(std::string_view text, Random& random, size_t min_letters = 4);

// `text` without diacritics (ș→s, ă→a, ė→e, ž→z, á→a ...), as typed on a plain keyboard.
std::string StripDiacritics(std::string_view text);

// Romanian comma-below ș ț written with the cedilla ş ţ of old keyboards.
std::string CedillaForm(std::string_view text);

// `text` with one typing mistake in a word of at least `min_letters` letters (a letter
// dropped, doubled, swapped with its neighbour or replaced by another of the same script);
// `text` unchanged when no word is long enough.
std::string AddTypo(std::string_view text, Random& random, size_t min_letters = 4);

// True when `text` has a Cyrillic letter.
bool HasCyrillic(std::string_view text);

}  // namespace socius::bench
