#include "spelling.h"

#include <algorithm>
#include <string>
#include <vector>

namespace socius::bench {
namespace {

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    char32_t c = b;
    size_t n = 1;
    if (b >= 0xF0) {
      c = b & 0x07;
      n = 4;
    } else if (b >= 0xE0) {
      c = b & 0x0F;
      n = 3;
    } else if (b >= 0xC0) {
      c = b & 0x1F;
      n = 2;
    }
    for (size_t k = 1; k < n && i + k < s.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(c);
    i += n;
  }
  return out;
}

void Append(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string Encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) Append(out, c);
  return out;
}

bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }

// Lower case of a Cyrillic capital; other characters unchanged.
char32_t LowerCyrillic(char32_t c) {
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20;
  if (c >= 0x0400 && c <= 0x040F) return c + 0x50;
  if (c == 0x0490) return 0x0491;
  return c;
}

bool IsCyrillicUpper(char32_t c) { return IsCyrillic(c) && LowerCyrillic(c) != c; }

bool IsLatinLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F) ||
         (c >= 0x1E00 && c <= 0x1EFF);
}

bool IsLetter(char32_t c) { return IsLatinLetter(c) || IsCyrillic(c); }

// Upper case of the Latin letters that can start a romanised or Cyrillicised word.
char32_t UpperLatin(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  switch (c) {
    case U'š':
      return U'Š';
    case U'ž':
      return U'Ž';
    case U'č':
      return U'Č';
    case U'ǵ':
      return U'Ǵ';
    case U'ḱ':
      return U'Ḱ';
    default:
      return c;
  }
}

// Lower case of Latin letters (ASCII and the precomposed Latin-1/Extended-A pairs).
char32_t LowerLatin(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F && (c % 2 == 0) && c != 0x130 && c != 0x138) return c + 1;
  if (c >= 0x218 && c <= 0x21B && (c % 2 == 0)) return c + 1;
  return c;
}

bool IsVowelCyrillic(char32_t c) {
  return std::u32string_view(U"аеєёиіїоуыэюя").find(c) != std::u32string_view::npos;
}

// The romanisation of one lower-case Cyrillic letter. `initial`: at the start of a word;
// `after_vowel`: after a vowel or a soft/hard sign (where some systems write е as ye).
std::string Letter(char32_t c, NameStock stock, Romanisation standard, bool initial,
                   bool after_vowel) {
  const bool ua = stock == NameStock::kUkrainian;
  const bool mk = stock == NameStock::kMacedonian;
  const bool scholarly = standard == Romanisation::kScholarly;
  const bool national = standard == Romanisation::kNational;
  const bool bgn = standard == Romanisation::kBgn;
  switch (c) {
    case U'а':
      return "a";
    case U'б':
      return "b";
    case U'в':
      return "v";
    case U'г':
      if (ua && (national || scholarly)) return "h";
      return "g";
    case U'ґ':
      return "g";
    case U'д':
      return "d";
    case U'е':
      if (bgn && !ua && !mk && (initial || after_vowel)) return "ye";
      return "e";
    case U'є':
      if (scholarly) return "je";
      if (national) return initial ? "ye" : "ie";
      return "ye";
    case U'ё':
      if (scholarly) return "ë";
      if (national) return "e";
      return "yo";
    case U'ж':
      return scholarly ? "ž" : "zh";
    case U'з':
      return "z";
    case U'и':
      if (ua && standard != Romanisation::kInformal) return "y";
      return "i";
    case U'і':
      return "i";
    case U'ї':
      if (scholarly) return "ji";
      if (national) return initial ? "yi" : "i";
      return "yi";
    case U'й':
      if (scholarly) return "j";
      if (national) return initial ? "y" : "i";
      return "y";
    case U'к':
      return "k";
    case U'л':
      return "l";
    case U'м':
      return "m";
    case U'н':
      return "n";
    case U'о':
      return "o";
    case U'п':
      return "p";
    case U'р':
      return "r";
    case U'с':
      return "s";
    case U'т':
      return "t";
    case U'у':
      return "u";
    case U'ф':
      return "f";
    case U'х':
      if (mk || scholarly) return "h";
      return standard == Romanisation::kInformal ? "h" : "kh";
    case U'ц':
      if (mk || scholarly) return "c";
      return "ts";
    case U'ч':
      return scholarly ? "č" : "ch";
    case U'ш':
      return scholarly ? "š" : "sh";
    case U'щ':
      if (scholarly) return "šč";
      return standard == Romanisation::kInformal ? "sch" : "shch";
    case U'ь':
    case U'ъ':
      return "";
    case U'ы':
      return "y";
    case U'э':
      return "e";
    case U'ю':
      if (scholarly) return "ju";
      if (national) return initial && ua ? "yu" : "iu";
      return "yu";
    case U'я':
      if (scholarly) return "ja";
      if (national) return initial && ua ? "ya" : "ia";
      return "ya";
    case U'ѓ':
      return scholarly ? "ǵ" : "gj";
    case U'ѕ':
      return "dz";
    case U'ј':
      return "j";
    case U'љ':
      return "lj";
    case U'њ':
      return "nj";
    case U'ќ':
      return scholarly ? "ḱ" : "kj";
    case U'џ':
      return scholarly ? "dž" : "dzh";
    case U'\'':
    case U'’':
    case U'ʼ':
      return "";
    default: {
      std::string out;
      Append(out, c);
      return out;
    }
  }
}

}  // namespace

bool HasCyrillic(std::string_view text) {
  for (char32_t c : Decode(text)) {
    if (IsCyrillic(c)) return true;
  }
  return false;
}

std::string Romanise(std::string_view text, NameStock stock, Romanisation standard) {
  const std::u32string in = Decode(text);
  std::string out;
  char32_t previous = 0;
  for (char32_t raw : in) {
    const char32_t c = LowerCyrillic(raw);
    const bool initial = previous == 0 || !IsLetter(previous);
    const char32_t prev_lower = LowerCyrillic(previous);
    const bool after_vowel =
        IsVowelCyrillic(prev_lower) || prev_lower == U'ь' || prev_lower == U'ъ';
    std::string latin = Letter(c, stock, standard, initial, after_vowel);
    if (IsCyrillicUpper(raw) && !latin.empty()) {
      std::u32string letters = Decode(latin);
      letters[0] = UpperLatin(letters[0]);
      latin = Encode(letters);
    }
    out += latin;
    previous = raw;
  }
  return out;
}

std::string Cyrillicise(std::string_view text, NameStock stock, bool moldovan) {
  const bool lithuanian = stock == NameStock::kLithuanian;
  const std::u32string raw = Decode(text);
  std::u32string in;
  std::vector<bool> upper;
  for (char32_t c : raw) {
    const char32_t lower = LowerLatin(c);
    in.push_back(lower);
    upper.push_back(lower != c);
  }
  auto at = [&](size_t i) -> char32_t { return i < in.size() ? in[i] : 0; };
  auto front_vowel = [](char32_t c) { return c == U'e' || c == U'i'; };
  auto back_vowel = [](char32_t c) { return c == U'a' || c == U'o' || c == U'u'; };
  std::u32string out;
  for (size_t i = 0; i < in.size();) {
    const char32_t c = in[i];
    const bool initial = i == 0 || !IsLetter(in[i - 1]);
    const size_t start = out.size();
    size_t used = 1;
    if (!lithuanian && (c == U'c' || c == U'g') && at(i + 1) == U'h' && front_vowel(at(i + 2))) {
      out += c == U'c' ? U"к" : U"г";
      used = 2;
    } else if (!lithuanian && (c == U'c' || c == U'g') && front_vowel(at(i + 1))) {
      out += c == U'c' ? U"ч" : U"дж";
      // Romanian ce/ci + a, o, u: the e/i only softens the consonant (Mircea, Ciobanu).
      used = back_vowel(at(i + 2)) ? 2 : 1;
    } else if (lithuanian && c == U'c' && at(i + 1) == U'h') {
      out += U"х";
      used = 2;
    } else if (c == U'i' && (at(i + 1) == U'a' || at(i + 1) == U'u') &&
               (initial || (lithuanian && i > 0 &&
                            std::u32string_view(U"aeiouyąęėįųū").find(in[i - 1]) ==
                                std::u32string_view::npos))) {
      // Iulia → Юлия, Stankevičius → Станкевичюс; but Ion → Ион.
      out += at(i + 1) == U'a' ? U"я" : U"ю";
      used = 2;
    } else if (lithuanian && c == U'j' && back_vowel(at(i + 1))) {
      out += at(i + 1) == U'a' ? U"я" : at(i + 1) == U'u' ? U"ю" : U"йо";
      used = 2;
    } else {
      switch (c) {
        case U'a':
        case U'ą':
          out += U"а";
          break;
        case U'ă':  // Russian-language documents write Romanian ă as а, Moldovan Cyrillic as э
          out += moldovan ? U"э" : U"а";
          break;
        case U'â':
        case U'î':
          out += U"ы";
          break;
        case U'b':
          out += U"б";
          break;
        case U'c':
          out += lithuanian ? U"ц" : U"к";
          break;
        case U'č':
          out += U"ч";
          break;
        case U'd':
          out += U"д";
          break;
        case U'e':
        case U'ę':
        case U'ė':
        case U'é':
          out += initial && lithuanian ? U"э" : U"е";
          break;
        case U'f':
          out += U"ф";
          break;
        case U'g':
          out += U"г";
          break;
        case U'h':
          out += U"х";
          break;
        case U'i':
        case U'į':
        case U'í':
        case U'y':
          out += U"и";
          break;
        case U'j':
          out += lithuanian ? U"й" : U"ж";
          break;
        case U'k':
          out += U"к";
          break;
        case U'l':
          out += U"л";
          break;
        case U'm':
          out += U"м";
          break;
        case U'n':
          out += U"н";
          break;
        case U'o':
        case U'ó':
        case U'ö':
        case U'ő':
          out += U"о";
          break;
        case U'p':
          out += U"п";
          break;
        case U'r':
          out += U"р";
          break;
        case U's':
          out += U"с";
          break;
        case U'ș':
        case U'ş':
        case U'š':
          out += U"ш";
          break;
        case U't':
          out += U"т";
          break;
        case U'ț':
        case U'ţ':
          out += U"ц";
          break;
        case U'u':
        case U'ū':
        case U'ų':
        case U'ú':
        case U'ü':
        case U'ű':
          out += U"у";
          break;
        case U'v':
        case U'w':
          out += U"в";
          break;
        case U'x':
          out += U"кс";
          break;
        case U'z':
          out += U"з";
          break;
        case U'ž':
          out += U"ж";
          break;
        default:
          out.push_back(c);
      }
    }
    if (upper[i] && out.size() > start) {
      char32_t& first = out[start];
      if (first >= 0x0430 && first <= 0x044F) first -= 0x20;
      if (first >= 0x0450 && first <= 0x045F) first -= 0x50;
    }
    i += used;
  }
  return Encode(out);
}

std::string SerbianLatin(std::string_view text) {
  std::u32string s = Decode(Romanise(text, NameStock::kMacedonian, Romanisation::kScholarly));
  for (char32_t& c : s) {
    if (c == U'ǵ') c = U'đ';
    if (c == U'Ǵ') c = U'Đ';
    if (c == U'ḱ') c = U'ć';
    if (c == U'Ḱ') c = U'Ć';
  }
  return Encode(s);
}

std::string OtherGivenNameForm(std::string_view given, Random& random) {
  // Each line: the forms of one name in Ukrainian, Russian, Romanian/Moldovan (and Macedonian
  // where it differs), as civil registries of the neighbouring countries write them.
  static const std::vector<std::vector<std::string_view>> kForms = {
      {"Олександр", "Александр", "Alexandru", "Александар"},
      {"Олексій", "Алексей", "Alexei"},
      {"Сергій", "Сергей", "Sergiu", "Serghei"},
      {"Андрій", "Андрей", "Andrei"},
      {"Дмитро", "Дмитрий", "Dumitru", "Димитар"},
      {"Михайло", "Михаил", "Mihai", "Mihail"},
      {"Петро", "Пётр", "Petru", "Петар"},
      {"Юрій", "Юрий", "Iurie"},
      {"Василь", "Василий", "Vasile"},
      {"Микола", "Николай", "Nicolae", "Никола"},
      {"Григорій", "Григорий", "Grigore"},
      {"Федір", "Фёдор", "Fiodor", "Teodor"},
      {"Іван", "Иван", "Ion", "Ioan"},
      {"Ілля", "Илья", "Ilie", "Илија"},
      {"Павло", "Павел", "Pavel"},
      {"Степан", "Степан", "Ștefan", "Стефан"},
      {"Євген", "Евгений", "Eugeniu"},
      {"Костянтин", "Константин", "Constantin"},
      {"Віктор", "Виктор", "Victor"},
      {"Георгій", "Георгий", "Gheorghe", "Ѓорѓи"},
      {"Валентин", "Валентин", "Valentin"},
      {"Ганна", "Анна", "Ana", "Ана"},
      {"Олена", "Елена", "Elena"},
      {"Наталія", "Наталья", "Natalia"},
      {"Тетяна", "Татьяна", "Tatiana"},
      {"Ольга", "Ольга", "Olga"},
      {"Марія", "Мария", "Maria", "Марија"},
      {"Катерина", "Екатерина", "Ecaterina"},
      {"Юлія", "Юлия", "Iulia"},
      {"Галина", "Галина", "Galina"},
      {"Людмила", "Людмила", "Ludmila"},
      {"Валентина", "Валентина", "Valentina"},
      {"Ірина", "Ирина", "Irina"},
      {"Надія", "Надежда", "Nadejda"},
      {"Віра", "Вера", "Vera"},
      {"Софія", "Софья", "Sofia", "Софија"},
      {"Анастасія", "Анастасия", "Anastasia"},
      {"Олександра", "Александра", "Alexandra"},
      {"Вікторія", "Виктория", "Victoria", "Викторија"},
      {"Євгенія", "Евгения", "Eugenia"},
      {"Лідія", "Лидия", "Lidia"},
  };
  for (const auto& forms : kForms) {
    if (std::find(forms.begin(), forms.end(), given) == forms.end()) continue;
    std::vector<std::string_view> others;
    for (std::string_view f : forms) {
      if (f != given) others.push_back(f);
    }
    return std::string(others[random.Below(others.size())]);
  }
  return "";
}

std::string DropLetter(std::string_view text, Random& random, size_t min_letters) {
  std::u32string s = Decode(text);
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    while (j < s.size() && IsLetter(s[j])) ++j;
    if (j - i >= min_letters) {
      s.erase(i + 1 + random.Below(j - i - 1), 1);
      return Encode(s);
    }
    i = j + 1;
  }
  return std::string(text);
}

std::string StripDiacritics(std::string_view text) {
  static constexpr std::u32string_view kFrom =
      U"ăâîșşțţąčęėįšųūžáéíóöőúüűĂÂÎȘŞȚŢĄČĘĖĮŠŲŪŽÁÉÍÓÖŐÚÜŰ";
  static constexpr std::u32string_view kTo = U"aaissttaceeisuuzaeiooouuuAAISSTTACEEISUUZAEIOOOUUU";
  std::u32string s = Decode(text);
  for (char32_t& c : s) {
    const size_t at = kFrom.find(c);
    if (at != std::u32string_view::npos) c = kTo[at];
  }
  return Encode(s);
}

std::string CedillaForm(std::string_view text) {
  std::u32string s = Decode(text);
  for (char32_t& c : s) {
    if (c == U'ș') c = U'ş';
    if (c == U'Ș') c = U'Ş';
    if (c == U'ț') c = U'ţ';
    if (c == U'Ț') c = U'Ţ';
  }
  return Encode(s);
}

std::string AddTypo(std::string_view text, Random& random, size_t min_letters) {
  std::u32string s = Decode(text);
  // Words as [begin, end) ranges of letters long enough to carry a typo.
  std::vector<std::pair<size_t, size_t>> words;
  for (size_t i = 0; i < s.size();) {
    if (!IsLetter(s[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && (IsLetter(s[j]) || s[j] == U'\'' || s[j] == U'’')) ++j;
    if (j - i >= min_letters) words.emplace_back(i, j);
    i = j;
  }
  if (words.empty()) return std::string(text);
  const auto [begin, end] = words[random.Below(words.size())];
  const bool cyrillic = IsCyrillic(s[begin]);
  auto random_letter = [&] {
    return cyrillic ? static_cast<char32_t>(U'а' + random.Below(32))
                    : static_cast<char32_t>(U'a' + random.Below(26));
  };
  // Not the first letter: people rarely mistype the capital they start with.
  const size_t at = begin + 1 + random.Below(end - begin - 1);
  switch (random.Below(4)) {
    case 0:
      s.erase(at, 1);
      break;
    case 1:
      if (at + 1 < end) {
        std::swap(s[at], s[at + 1]);
      } else if (at - 1 > begin) {
        std::swap(s[at - 1], s[at]);
      } else {
        s.erase(at, 1);
      }
      break;
    case 2:
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), random_letter());
      break;
    default:
      s[at] = random_letter();
      break;
  }
  return Encode(s);
}

}  // namespace socius::bench
