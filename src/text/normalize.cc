#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <vector>

namespace socius::text {
namespace {

// Calls `visit(code_point)` for each code point; an ill-formed byte arrives as a negative value.
template <typename Visit>
void ForEachCodePoint(std::string_view text, Visit visit) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    visit(c);
  }
}

bool IsControl(UChar32 c) { return c < 0 || u_charType(c) == U_CONTROL_CHAR || IsBidiControl(c); }

core::Status InvalidUtf8(std::string_view field) {
  return core::Status::InvalidArgument("text.invalid_utf8", std::string(field),
                                       "text is not well-formed UTF-8");
}

core::Result<std::string> Normalize(const icu::Normalizer2* (*instance)(UErrorCode&),
                                    std::string_view text, std::string_view field) {
  if (!IsValidUtf8(text)) return InvalidUtf8(field);
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = instance(error);
  if (U_FAILURE(error)) return core::Status::Internal(u_errorName(error));
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (normalizer->isNormalized(source, error) && U_SUCCESS(error)) return std::string(text);
  icu::UnicodeString normalized = normalizer->normalize(source, error);
  if (U_FAILURE(error)) return core::Status::Internal(u_errorName(error));
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

const icu::Normalizer2* NfcInstance(UErrorCode& error) {
  return icu::Normalizer2::getNFCInstance(error);
}
const icu::Normalizer2* NfkcInstance(UErrorCode& error) {
  return icu::Normalizer2::getNFKCInstance(error);
}

}  // namespace

bool IsBidiControl(int32_t c) { return u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL); }

bool IsWhiteSpace(int32_t c) { return u_isUWhiteSpace(c); }

std::vector<int32_t> CodePoints(std::string_view text) {
  std::vector<int32_t> out;
  ForEachCodePoint(text, [&](UChar32 c) { out.push_back(c); });
  return out;
}

bool IsValidUtf8(std::string_view text) {
  bool valid = true;
  ForEachCodePoint(text, [&](UChar32 c) { valid = valid && c >= 0; });
  return valid;
}

core::Status ValidateUtf8(std::string_view text, std::string_view field) {
  if (!IsValidUtf8(text)) return InvalidUtf8(field);
  return core::Status::Ok();
}

core::Result<std::string> ToNfc(std::string_view text, std::string_view field) {
  return Normalize(&NfcInstance, text, field);
}

core::Result<std::string> ToNfkc(std::string_view text, std::string_view field) {
  return Normalize(&NfkcInstance, text, field);
}

bool HasControlCharacters(std::string_view text) {
  bool found = false;
  ForEachCodePoint(text, [&](UChar32 c) { found = found || IsControl(c); });
  return found;
}

std::string RemoveControlCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c == '\t' || c == '\n' || c == '\r' || c == 0x85) {
      out.push_back(' ');
    } else if (!IsControl(c)) {
      out.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

size_t CodePointLength(std::string_view text) {
  size_t count = 0;
  ForEachCodePoint(text, [&](UChar32) { ++count; });
  return count;
}

core::Result<std::string> CleanField(std::string_view text, std::string_view field,
                                     size_t max_code_points) {
  if (!IsValidUtf8(text)) return InvalidUtf8(field);
  if (HasControlCharacters(text)) {
    return core::Status::InvalidArgument("text.control_character", std::string(field),
                                         "text holds a control character");
  }
  // Quick bound before normalising: NFC never more than triples the number of code points,
  // so a text far beyond the limit is refused without the work.
  if (CodePointLength(text) > 3 * max_code_points + 16) {
    return core::Status::InvalidArgument("text.too_long", std::string(field))
        .With("max", std::to_string(max_code_points));
  }
  core::Result<std::string> nfc = ToNfc(text, field);
  if (!nfc.ok()) return nfc.status();
  // Trim, and collapse inner white space (ASCII and Unicode spaces) to one ASCII space.
  std::string out;
  out.reserve(nfc->size());
  bool pending_space = false;
  ForEachCodePoint(*nfc, [&](UChar32 c) {
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    char buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, c);
    out.append(buffer, static_cast<size_t>(n));
  });
  if (out.empty()) {
    return core::Status::InvalidArgument("text.empty", std::string(field), "text is empty");
  }
  if (CodePointLength(out) > max_code_points) {
    return core::Status::InvalidArgument("text.too_long", std::string(field))
        .With("max", std::to_string(max_code_points));
  }
  return out;
}

}  // namespace socius::text
