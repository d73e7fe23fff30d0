#include "http/client_address.h"

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <optional>
#include <utility>  // before Asio (Boost 1.74 under C++20)

namespace socius::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An address as proxies write it: "203.0.113.7", "203.0.113.7:51234", "2001:db8::5",
// "[2001:db8::5]" or "[2001:db8::5]:443"; IPv4-mapped IPv6 as IPv4. nullopt when it is none,
// or carries a zone ("fe80::1%eth0": not a client's address).
std::optional<ip::address> AddressOf(std::string_view text) {
  if (text.starts_with('[')) {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (const size_t colon = text.find(':');
             colon != std::string_view::npos &&
             text.find(':', colon + 1) == std::string_view::npos) {
    text = text.substr(0, colon);  // IPv4 with a port
  }
  boost::system::error_code ec;
  ip::address address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().scope_id() != 0) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

// The address's bytes; empty when not an address.
std::vector<unsigned char> BytesOf(std::string_view text) {
  std::optional<ip::address> address = AddressOf(text);
  if (!address) return {};
  if (address->is_v4()) {
    auto b = address->to_v4().to_bytes();
    return {b.begin(), b.end()};
  }
  auto b = address->to_v6().to_bytes();
  return {b.begin(), b.end()};
}

bool InNetwork(const std::vector<unsigned char>& address,
               const std::pair<std::vector<unsigned char>, int>& network) {
  if (address.size() != network.first.size()) return false;
  int bits = network.second;
  for (size_t i = 0; i < address.size() && bits > 0; ++i, bits -= 8) {
    const unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
    if ((address[i] & mask) != (network.first[i] & mask)) return false;
  }
  return true;
}

}  // namespace

core::Result<TrustedProxies> TrustedProxies::Parse(std::string_view list) {
  TrustedProxies out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t end = list.find(',', start);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view entry = Trim(list.substr(start, end - start));
    start = end + 1;
    if (entry.empty()) {
      if (end == list.size()) break;
      continue;
    }
    const size_t slash = entry.find('/');
    std::vector<unsigned char> bytes = BytesOf(entry.substr(0, slash));
    int prefix = static_cast<int>(bytes.size()) * 8;
    if (slash != std::string_view::npos) {
      const std::string_view digits = entry.substr(slash + 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (ec != std::errc() || p != digits.data() + digits.size()) prefix = -1;
    }
    // A prefix of 0 would believe everyone: X-Forwarded-For could then be anything.
    if (bytes.empty() || prefix < 1 || prefix > static_cast<int>(bytes.size()) * 8) {
      return core::Status::InvalidArgument("http.bad_trusted_proxy", "trusted_proxies",
                                           "not an address or network: \"" + std::string(entry) +
                                               "\" (e.g. 127.0.0.1, ::1, 10.0.0.0/8)");
    }
    (bytes.size() == 4 ? out.v4_ : out.v6_).emplace_back(std::move(bytes), prefix);
    if (end == list.size()) break;
  }
  return out;
}

bool TrustedProxies::Trusts(std::string_view address) const {
  const std::vector<unsigned char> bytes = BytesOf(Trim(address));
  if (bytes.empty()) return false;
  for (const auto& network : bytes.size() == 4 ? v4_ : v6_) {
    if (InNetwork(bytes, network)) return true;
  }
  return false;
}

std::string TrustedProxies::ClientOf(const std::string& peer, std::string_view forwarded) const {
  if (!Trusts(peer)) return peer;
  std::string client = peer;
  while (!forwarded.empty()) {
    const size_t comma = forwarded.rfind(',');
    const std::string_view entry =
        Trim(comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1));
    forwarded = comma == std::string_view::npos ? std::string_view() : forwarded.substr(0, comma);
    std::optional<ip::address> address = AddressOf(entry);
    if (!address) break;
    client = address->to_string();  // one spelling per address: one rate-limit key
    if (!Trusts(client)) break;
  }
  return client;
}

}  // namespace socius::http
