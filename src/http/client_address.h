#pragma once

// Who sent a request when the server stands behind a reverse proxy (TLS terminated in front
// of it): the proxies named here are believed about X-Forwarded-For, nobody else is. Login
// throttling and the request-for-help rate limit count per client, so without this every
// resident behind the proxy would share one address.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace socius::http {

class TrustedProxies {
 public:
  // A comma-separated list of addresses and networks: "127.0.0.1,::1,10.0.0.0/8,fd00::/8".
  // Empty: no proxy is trusted. InvalidArgument("http.bad_trusted_proxy") naming the entry
  // (also for a /0, which would believe anyone).
  static core::Result<TrustedProxies> Parse(std::string_view list);

  bool empty() const { return v4_.empty() && v6_.empty(); }
  bool Trusts(std::string_view address) const;
  // The client of a request from `peer` carrying `forwarded` (X-Forwarded-For, each proxy
  // appending the address it saw): `peer` unless trusted; else the rightmost address of the
  // header that is not a trusted proxy (the leftmost when all are), in its canonical
  // spelling; ports and brackets as proxies add them are dropped. A malformed entry (or one
  // with a zone) ends the walk: the last address vouched for is the answer.
  std::string ClientOf(const std::string& peer, std::string_view forwarded) const;

 private:
  // (network bytes, prefix length) per family.
  std::vector<std::pair<std::vector<unsigned char>, int>> v4_;
  std::vector<std::pair<std::vector<unsigned char>, int>> v6_;
};

}  // namespace socius::http
