#include "core/ids.h"

#include <sys/random.h>

#include <array>
#include <stdexcept>

namespace socius::core {
namespace {

void FillRandom(unsigned char* out, size_t n) {
  size_t filled = 0;
  while (filled < n) {
    ssize_t got = getrandom(out + filled, n - filled, 0);
    if (got < 0) throw std::runtime_error("getrandom failed");
    filled += static_cast<size_t>(got);
  }
}

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace

std::string NewId() {
  std::array<unsigned char, 16> raw{};
  FillRandom(raw.data(), raw.size());
  std::string out;
  out.reserve(22);
  unsigned bits = 0;
  int nbits = 0;
  for (unsigned char byte : raw) {
    bits = (bits << 8) | byte;
    nbits += 8;
    while (nbits >= 6) {
      nbits -= 6;
      out.push_back(kBase64Url[(bits >> nbits) & 0x3F]);
    }
  }
  if (nbits > 0) out.push_back(kBase64Url[(bits << (6 - nbits)) & 0x3F]);
  return out;
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  FillRandom(reinterpret_cast<unsigned char*>(raw.data()), bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

bool LooksLikeId(const std::string& id) {
  if (id.size() != 22) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace socius::core
