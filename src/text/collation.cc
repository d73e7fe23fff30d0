#include "text/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <vector>

namespace socius::text {

namespace {

const icu::Collator* Prototype() {
  static const std::unique_ptr<icu::Collator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> made(
        icu::Collator::createInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !made) return std::unique_ptr<icu::Collator>();
    return made;
  }();
  return prototype.get();
}

// Bytes as lower-case hex: a plain ORDER BY then compares keys byte by byte on both backends.
std::string HexOf(const uint8_t* bytes, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

}  // namespace

std::string CollationKey(std::string_view text) {
  const icu::Collator* prototype = Prototype();
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (prototype == nullptr) {
    // No collation data: fall back to the code points' order, still as hex.
    return HexOf(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  }
  thread_local std::unique_ptr<icu::Collator> collator(prototype->clone());
  std::vector<uint8_t> key(64);
  int32_t length = collator->getSortKey(unicode, key.data(), static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<size_t>(length));
    length = collator->getSortKey(unicode, key.data(), length);
  }
  // The key ends with a 0 byte, which adds nothing to the order.
  size_t size = 0;
  while (size < static_cast<size_t>(length) && key[size] != 0) ++size;
  return HexOf(key.data(), size);
}

}  // namespace socius::text
