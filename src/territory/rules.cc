#include "territory/rules.h"

#include <cstdint>

#include "text/match_key.h"
#include "text/normalize.h"

namespace socius::territory {

using core::Result;
using core::Status;

namespace {

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

bool IsCodeChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' ||
         c == '.' || c == '_' || c == '-';
}

bool IsBareCountryCode(std::string_view code) {
  return code.size() == 2 && IsUpperAscii(code[0]) && IsUpperAscii(code[1]);
}

Status InvalidCode(std::string detail) {
  return Status::InvalidArgument("territory.invalid_code", "code", std::move(detail));
}

// Decodes one UTF-8 sequence at text[*pos]; advances *pos. Returns -1 for a malformed
// sequence (and advances by one byte).
int32_t DecodeOne(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(*pos);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  int length = 0;
  int32_t cp = 0;
  int32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    ++*pos;
    return -1;
  }
  if (*pos + length > text.size()) {
    ++*pos;
    return -1;
  }
  for (int i = 1; i < length; ++i) {
    const uint8_t next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return -1;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*pos;
    return -1;
  }
  *pos += length;
  return cp;
}

void AppendUtf8(int32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool InRange(int32_t cp, int32_t lo, int32_t hi) { return cp >= lo && cp <= hi; }

// Upper → lower for the scripts our territories are written in. Pairs laid out as
// upper/lower alternate in Unicode; `even_upper` says which of the two comes first.
int32_t FoldOne(int32_t cp) {
  const auto pair = [cp](bool even_upper) { return ((cp % 2 == 0) == even_upper) ? cp + 1 : cp; };
  if (InRange(cp, 'A', 'Z')) return cp + 0x20;
  if (cp < 0x80) return cp;
  if (InRange(cp, 0xC0, 0xDE) && cp != 0xD7) return cp + 0x20;
  if (cp == 0x130) return 'i';
  if (InRange(cp, 0x100, 0x137) || InRange(cp, 0x14A, 0x177)) return pair(true);
  if (InRange(cp, 0x139, 0x148) || InRange(cp, 0x179, 0x17E)) return pair(false);
  if (cp == 0x178) return 0xFF;
  if (InRange(cp, 0x1CD, 0x1DC)) return pair(false);
  if (InRange(cp, 0x1DE, 0x1EF) || InRange(cp, 0x1F8, 0x21F) || InRange(cp, 0x222, 0x233)) {
    return pair(true);
  }
  if (cp == 0x386) return 0x3AC;
  if (InRange(cp, 0x388, 0x38A)) return cp + 0x25;
  if (cp == 0x38C) return 0x3CC;
  if (InRange(cp, 0x38E, 0x38F)) return cp + 0x3F;
  if (InRange(cp, 0x391, 0x3AB) && cp != 0x3A2) return cp + 0x20;
  if (InRange(cp, 0x400, 0x40F)) return cp + 0x50;
  if (InRange(cp, 0x410, 0x42F)) return cp + 0x20;
  if (InRange(cp, 0x460, 0x481) || InRange(cp, 0x48A, 0x4BF)) return pair(true);
  if (cp == 0x4C0) return 0x4CF;
  if (InRange(cp, 0x4C1, 0x4CE)) return pair(false);
  if (InRange(cp, 0x4D0, 0x52F)) return pair(true);
  if (InRange(cp, 0x1E00, 0x1E95) || InRange(cp, 0x1EA0, 0x1EFF)) return pair(true);
  // Apostrophes: Ukrainian names carry U+2019 (or U+02BC); people type '.
  if (cp == 0x2019 || cp == 0x02BC) return '\'';
  return cp;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string_view CountryPrefix(std::string_view code) {
  const size_t colon = code.find(':');
  return colon == std::string_view::npos ? code : code.substr(0, colon);
}

Status CheckCodeShape(std::string_view code) {
  if (code.empty()) return InvalidCode("the code is empty");
  if (code.size() > kMaxCodeLength) return InvalidCode("the code is longer than 64 characters");
  for (char c : code) {
    if (!IsCodeChar(c)) return InvalidCode("the code may hold only A-Z a-z 0-9 : . _ -");
  }
  if (IsBareCountryCode(code)) return Status::Ok();
  const size_t colon = code.find(':');
  if (colon != 2 || !IsBareCountryCode(code.substr(0, 2))) {
    return InvalidCode("the code must be a country code (RO) or start with one and a colon (RO:)");
  }
  if (code.size() == 3) return InvalidCode("nothing follows the country prefix");
  return Status::Ok();
}

Status CheckCodeUnder(std::string_view code, const std::optional<std::string>& parent_code) {
  SOCIUS_RETURN_IF_ERROR(CheckCodeShape(code));
  if (!parent_code) {
    if (!IsBareCountryCode(code)) {
      return InvalidCode("a territory without a parent must have a bare country code");
    }
    return Status::Ok();
  }
  if (IsBareCountryCode(code)) {
    return InvalidCode("a bare country code is only for a territory without a parent");
  }
  if (CountryPrefix(code) != CountryPrefix(*parent_code)) {
    return InvalidCode("the code must start with the parent's country prefix " +
                       std::string(CountryPrefix(*parent_code)) + ":")
        .With("prefix", std::string(CountryPrefix(*parent_code)));
  }
  return Status::Ok();
}

Status CheckLevelUnder(Level child, std::optional<Level> parent) {
  if (!parent) {
    if (child != Level::kCountry) {
      return Status::InvalidArgument("territory.parent_required", "parent_code",
                                     "only a country may be without a parent");
    }
    return Status::Ok();
  }
  if (child == Level::kCountry) {
    return Status::InvalidArgument("territory.invalid_level", "level",
                                   "a country cannot have a parent");
  }
  // A city's districts (Ukraine's «район у місті») are settlements within a settlement.
  const bool part_of_settlement = child == Level::kSettlement && *parent == Level::kSettlement;
  if (static_cast<int>(child) <= static_cast<int>(*parent) && !part_of_settlement) {
    return Status::InvalidArgument("territory.invalid_level", "level",
                                   "level " + std::string(Name(child)) +
                                       " is not below the parent's level " +
                                       std::string(Name(*parent)))
        .With("level", std::string(Name(child)))
        .With("parent_level", std::string(Name(*parent)));
  }
  return Status::Ok();
}

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (DecodeOne(text, &pos) < 0) return false;
  }
  return true;
}

Result<std::string> CleanName(std::string_view raw, std::string_view field) {
  if (!IsValidUtf8(raw)) {
    return Status::InvalidArgument("territory.invalid_utf8", std::string(field),
                                   "the text is not valid UTF-8");
  }
  size_t begin = 0;
  size_t end = raw.size();
  while (begin < end && IsSpace(raw[begin])) ++begin;
  while (end > begin && IsSpace(raw[end - 1])) --end;
  std::string_view name = raw.substr(begin, end - begin);
  if (name.empty()) {
    return Status::InvalidArgument("territory.invalid_name", std::string(field),
                                   "the name is empty");
  }
  size_t pos = 0;
  size_t count = 0;
  while (pos < name.size()) {
    const int32_t cp = DecodeOne(name, &pos);
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
        text::IsBidiControl(cp)) {
      return Status::InvalidArgument("territory.invalid_name", std::string(field),
                                     "the name contains a control character");
    }
    ++count;
  }
  if (count > kMaxNameCodePoints) {
    return Status::InvalidArgument("territory.invalid_name", std::string(field),
                                   "the name is longer than 200 characters");
  }
  return std::string(name);
}

Result<std::optional<std::string>> CleanOptionalName(std::string_view raw, std::string_view field) {
  bool blank = true;
  for (char c : raw) blank = blank && IsSpace(c);
  if (blank) return std::optional<std::string>();
  Result<std::string> name = CleanName(raw, field);
  if (!name.ok()) return name.status();
  return std::optional<std::string>(std::move(*name));
}

std::string PathOf(std::string_view parent_path, std::string_view code) {
  std::string path = parent_path.empty() ? std::string("/") : std::string(parent_path);
  path += code;
  path += '/';
  return path;
}

std::vector<std::string> CodesOnPath(std::string_view path) {
  std::vector<std::string> codes;
  size_t start = 1;
  while (start < path.size()) {
    const size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) break;
    if (slash > start) codes.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return codes;
}

bool InScope(std::string_view path, const std::vector<std::string>& scope_paths) {
  if (path.empty() || path.back() != '/') return false;
  for (const std::string& root : scope_paths) {
    if (root.empty() || root.back() != '/') continue;
    if (path.starts_with(root) || std::string_view(root).starts_with(path)) return true;
  }
  return false;
}

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const int32_t cp = DecodeOne(text, &pos);
    if (cp < 0) {
      out.append(text.substr(start, pos - start));
    } else {
      AppendUtf8(FoldOne(cp), &out);
    }
  }
  return out;
}

std::string SearchKeyOf(std::string_view name, const std::optional<std::string>& name_latin) {
  std::string key = FoldForSearch(name);
  if (name_latin) {
    key += '\n';
    key += FoldForSearch(*name_latin);
  }
  // A view of the optional's own string: a value_or("") temporary would be gone by the loop.
  const std::string_view latin = name_latin ? std::string_view(*name_latin) : std::string_view();
  for (std::string_view text : {name, latin}) {
    std::string match_key = text::NameMatchKey(text);
    if (match_key.empty()) continue;
    key += '\n';
    key += match_key;
  }
  return key;
}

std::vector<std::string> SearchPatternsOf(std::string_view text) {
  std::vector<std::string> patterns{FoldForSearch(text)};
  // A code typed in part ("ro:10") is no name: its letters alone would match at random.
  if (text.find_first_of("0123456789:") != std::string_view::npos) return patterns;
  std::string match_key = text::NameMatchKey(text);
  if (!match_key.empty() && match_key != patterns.front()) patterns.push_back(match_key);
  return patterns;
}

}  // namespace socius::territory
