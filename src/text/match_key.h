#pragma once

// The name match key: one spelling-independent form of a name, used to find a person
// however their name was typed (search) and to spot the same person registered twice
// (deduplication). Two spellings of one name in Latin or Cyrillic, in any of the rival
// transliteration standards, with or without diacritics, give the same key:
//
//   Поліщук, Полищук, Polishchuk, Polischuk, Polyshchuk, Poliščuk, Polìŝuk  -> "polisuk"
//   Шевченко, Shevchenko, Ševčenko, Schewtschenko, Szewczenko            -> "sevcenko"
//   Ștefan, Ştefan, Stefan                                              -> "stefan"
//   Ѓорѓи, Gjorgji, Ǵorǵi                                               -> "giorgi"
//
// The key is lower-case ASCII letters from the alphabet a b c d e f g i k l m n o p r s t u v
// z, words separated by one space. It is not meant for display. How it is made, in order:
//
//  1. Unicode: the text is decoded as UTF-8 (an ill-formed byte becomes U+FFFD, which is not
//     a letter), folded with NFKC_Casefold (compatibility forms, case).
//  2. Letters whose diacritic changes the consonant in Slavic transliteration are spelled
//     out before diacritics go: š→sh, č→ch, ž→zh, ŝ (ISO 9 щ)→shch, ǵ→gj, ḱ→kj, ć→ch,
//     ż→zh, ś→sh, û (ISO 9 ю)→yu, đ→dj, l̂→lj, n̂→nj, d̂→dzh, ẑ→dz.
//  3. Cyrillic (Ukrainian, Russian, Macedonian, Belarusian, Serbian, Moldovan) becomes Latin
//     with one fixed table (mostly the Ukrainian 2010 / BGN letters): г ґ→g, х→kh, ж→zh,
//     ц→ts, ч→ch, ш→sh, щ→shch, и і→i, ы→y, й→y, ї→yi, є→ye, ё е э→e, ю→yu, я→ya,
//     ь ъ→(nothing), ѓ→gj, ќ→kj, љ→lj, њ→nj, џ→dzh, ѕ→dz, ј→j, ђ→dj, ћ→ch. Other scripts go
//     through ICU's Any-Latin.
//  4. Every remaining diacritic is dropped (ă â î ș ş ț ţ ą ę ė į ų ū ë ï ì ...), then ICU's
//     Latin-ASCII (ł→l, ø→o, æ→ae, ß→ss). Apostrophes (' ’ ʼ ` ´) vanish without splitting
//     the word (D'yachenko = Dyachenko, Мар'яна = Maryana); any other non-letter separates
//     words.
//  5. Phonetic skeleton over the ASCII letters, longest spelling first, so that the rival
//     standards (Ukrainian 2010, Russian GOST/ICAO/BGN, ISO 9, scientific, Macedonian,
//     Lithuanian, German and Polish spellings met in old documents) meet:
//       s-class  s, sh, sch, shch, sz, szcz, schtsch, ш, щ, ș, š   -> s
//       z-class  z, zh, ž, ж                                       -> z
//       c-class  c, ch, cz, ts, tz, tch, tsch, ц, ч, č             -> c
//       g-class  g, h, kh, gh, г, ґ, х                             -> g
//       ph→f, th→t, w→v, q→k, x→ks
//       y and j → i (a glide or the vowel и/ы); but yo/jo after a consonant → e (ё:
//         Alyona = Alena = Aljona, Fyodor = Fedor), except jo after g or k, which is
//         Macedonian ѓ/ќ + o (Gjorgji)
//       a glide before e is dropped: ie/ye/je/iie → e (є, and Russian е written ye:
//         Yevhen = Ievhen = Evhen; Vasilyev = Vasiliev = Vasilev)
//       after the c-class a silent e/i before a, o, u is dropped (Romanian Mircea = Мирча,
//         Ciobanu = Чобану; Lithuanian Stankevičius = Станкевичюс)
//     and finally runs of one letter collapse to one (Anna = Ana, Kirill = Kiril,
//     Dmitrii = Dmitriy = Dmitrij = Dmitri, Yuliia = Yuliya = Julija = Iuliia).
//     The skeleton rules are applied until the key no longer changes, which makes the key
//     idempotent: NameMatchKey(NameMatchKey(x)) == NameMatchKey(x).
//
// Decisions, and what deliberately does NOT meet:
//  - s/sh, z/zh and ts/ch are merged because Romanian and Lithuanian users routinely type
//    ș, š, ž, č without their marks (Siaulys for Šiaulys) and the Cyrillic letters have no
//    single Latin spelling; the price is that Sura and Shura share a key. The match key
//    finds candidates; a birth date or an identifier confirms them.
//  - g and h are merged because Ukrainian Г is h in the official romanisation but g in
//    ISO 9, GOST and every Russian spelling (Honcharenko = Gončarenko, Olha = Olga).
//  - Latin c stands for ц (Macedonian, Lithuanian, ISO 9, scientific), so Romanian c = k
//    does not meet Cyrillic к (Constantin vs Константин, one edit apart) and Romanian
//    ch = k before e/i does not meet к (Chiril vs Кирил).
//  - Latin j is the glide й (Lithuanian, Macedonian, ISO 9, scientific); Romanian j = ж is
//    not folded (Jitaru vs Житару).
//  - x is ks (Maxim = Maksim, Alexandru); GOST 7.79-B's x for х is not supported.
//  - Romanian â is a, not ia (ISO 9's â for я is therefore not supported); Romanian î and â
//    stay apart (Cîmpeanu vs Câmpeanu, one edit apart).
//  - Names that differ as names stay apart: Dmytro (Ukrainian) vs Dmitriy (Russian),
//    Oleksandr vs Aleksandr, Serhii vs Sergei, Olena vs Elena, Ivan vs Ivana.
//  - Word order and word count are kept; callers key each part of a name separately or
//    the whole, as they need.
//
// Typos are the business of BoundedEditDistance and Trigrams (similarity.h), applied to keys.

#include <string>
#include <string_view>

namespace socius::text {

// The match key of `name` (see above). Never fails: ill-formed UTF-8 bytes and characters
// that are not letters are dropped; a name with no letters has the empty key. Thread-safe:
// each thread uses its own copy of the ICU transliterator, built on first use.
std::string NameMatchKey(std::string_view name);

}  // namespace socius::text
