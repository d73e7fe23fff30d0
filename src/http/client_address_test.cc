// Believing X-Forwarded-For only from the proxies named, and only as far as they vouch.
#include "http/client_address.h"

#include <gtest/gtest.h>

namespace socius::http {
namespace {

TEST(TrustedProxies, ParsesAddressesAndNetworksAndRefusesTheRest) {
  auto proxies = TrustedProxies::Parse(" 127.0.0.1, ::1,10.0.0.0/8 ,fd00::/8,");
  ASSERT_TRUE(proxies.ok()) << proxies.status().ToString();
  EXPECT_TRUE(proxies->Trusts("127.0.0.1"));
  EXPECT_TRUE(proxies->Trusts("::1"));
  EXPECT_TRUE(proxies->Trusts("10.20.30.40"));
  EXPECT_TRUE(proxies->Trusts("::ffff:10.1.2.3"));  // IPv4-mapped
  EXPECT_TRUE(proxies->Trusts("fd12:3456::1"));
  EXPECT_FALSE(proxies->Trusts("11.0.0.1"));
  EXPECT_FALSE(proxies->Trusts("127.0.0.2"));
  EXPECT_FALSE(proxies->Trusts("fe80::1"));
  EXPECT_FALSE(proxies->Trusts("not an address"));
  EXPECT_TRUE(TrustedProxies::Parse("")->empty());
  for (const char* bad :
       {"localhost", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "1.2.3", "0.0.0.0/0", "::/0"}) {
    auto refused = TrustedProxies::Parse(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), "http.bad_trusted_proxy");
  }
}

TEST(TrustedProxies, TheClientIsTheFirstAddressNoTrustedProxyAdded) {
  auto proxies = TrustedProxies::Parse("127.0.0.1,10.0.0.0/8");
  ASSERT_TRUE(proxies.ok());
  // Straight from the resident: the header is theirs to forge, and ignored.
  EXPECT_EQ(proxies->ClientOf("203.0.113.7", "198.51.100.1"), "203.0.113.7");
  // Through the proxy: the address it saw.
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "203.0.113.7"), "203.0.113.7");
  // A forged entry to the left of what the proxy saw changes nothing.
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "198.51.100.1, 203.0.113.7"), "203.0.113.7");
  // Two proxies in a row.
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "203.0.113.7, 10.1.1.1"), "203.0.113.7");
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "2001:db8::5"), "2001:db8::5");
  // No header, or garbage in it: the last address vouched for.
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "<script>"), "127.0.0.1");
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "junk, 10.1.1.1"), "10.1.1.1");
  // Ports and brackets as proxies write them; one spelling per address; no zones.
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "203.0.113.7:51234"), "203.0.113.7");
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "[2001:DB8::5]:443"), "2001:db8::5");
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "[2001:db8:0::5]"), "2001:db8::5");
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "::ffff:203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "fe80::1%eth0"), "127.0.0.1");
  EXPECT_EQ(proxies->ClientOf("127.0.0.1", "[2001:db8::5"), "127.0.0.1");
  // Nobody trusted: the peer, always.
  EXPECT_EQ(TrustedProxies::Parse("")->ClientOf("127.0.0.1", "203.0.113.7"), "127.0.0.1");
}

}  // namespace
}  // namespace socius::http
