#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "http/client_address.h"
#include "http/router.h"

namespace socius::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: pick a free port (see Server::port)
  int threads = 0;       // 0: core::DefaultWaitingRequests()
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 << 10;
  int read_timeout_seconds = 30;
  int keep_alive_seconds = 60;
  std::string static_dir;  // the built web app (web/dist); empty: API only
  // Reverse proxies believed about X-Forwarded-For (Request::client_ip); none by default.
  TrustedProxies trusted_proxies;
};

// The Beast HTTP/1.1 server: a listener and one session per connection on a thread pool.
// Requests under /api/ go to the router; other GETs are static files of the web app, with
// index.html for unknown paths (client-side routing). One JSON line per request on the
// "access" logger.
class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  // Binds and listens; Unavailable("http.cannot_listen") when the address is taken.
  core::Status Start();
  // The bound port (useful with port 0).
  uint16_t port() const;
  // Blocks until SIGINT/SIGTERM or Stop(); stops accepting, lets in-flight requests finish
  // (up to 10 s), then returns.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace socius::http
