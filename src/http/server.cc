#include "http/server.h"

#include <spdlog/fmt/fmt.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "core/concurrency.h"
#include "core/ids.h"
#include "http/log_lines.h"
#include "http/problem.h"
#include "http/static_files.h"

namespace socius::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kShutdownGrace = std::chrono::seconds(10);
constexpr auto kShutdownPoll = std::chrono::milliseconds(20);
constexpr auto kAccessLogFlush = std::chrono::seconds(1);
// After an error response the connection closes; what the client still sends is read and
// dropped for a moment first, so that the kernel does not reset the connection before the
// client has read the response.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = 4 << 20;

constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

// The one place connection errors are judged: the expected ends of a connection are quiet.
void Fail(beast::error_code ec, const char* what) {
  if (ec == net::error::operation_aborted || ec == beast::error::timeout || ec == net::error::eof ||
      ec == bhttp::error::end_of_stream || ec == net::error::connection_reset ||
      ec == net::error::broken_pipe) {
    spdlog::debug("http {}: {}", what, ec.message());
    return;
  }
  spdlog::warn("http {}: {}", what, ec.message());
}

// Request ids only need to be unique enough to find a log line: a per-thread SplitMix64
// seeded from the kernel avoids a system call per request.
std::string NewRequestId() {
  thread_local uint64_t state = std::stoull(core::RandomHex(8), nullptr, 16);
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i, z >>= 4) id[static_cast<size_t>(i)] = kHex[z & 0xF];
  return id;
}

// The current instant as core::FormatUtc writes it ("2026-11-23T15:59:25.123Z"); the part up
// to the second is formatted once a second per thread.
std::string UtcNow() {
  thread_local std::time_t cached_second = -1;
  thread_local char prefix[32];
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t second = static_cast<std::time_t>(ms / 1000);
  if (second != cached_second) {
    std::tm tm{};
    gmtime_r(&second, &tm);
    std::strftime(prefix, sizeof prefix, "%Y-%m-%dT%H:%M:%S", &tm);
    cached_second = second;
  }
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", prefix, static_cast<int>(ms % 1000));
  return out;
}

// Writes formatted lines to stdout without a system call per line: the server flushes the
// access log once a second. Lines are only ever written whole (WholeLineWriter).
class StdoutLineSink : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    lines_.Add(std::string_view(formatted.data(), formatted.size()));
  }
  void flush_() override { lines_.Flush(); }

 private:
  WholeLineWriter lines_;
};

std::shared_ptr<spdlog::logger> AccessLogger() {
  if (auto existing = spdlog::get("access")) return existing;
  auto logger = std::make_shared<spdlog::logger>("access", std::make_shared<StdoutLineSink>());
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  try {
    spdlog::register_logger(logger);
  } catch (const spdlog::spdlog_ex&) {  // another server registered it meanwhile
    return spdlog::get("access");
  }
  return logger;
}

bool IsApiPath(std::string_view path) { return path == "/api" || path.substr(0, 5) == "/api/"; }
// The pages the server renders itself (the public services directory, the card verification
// page and its script) go to the router too.
bool IsRoutedPath(std::string_view path) {
  return IsApiPath(path) || path.substr(0, 11) == "/directory/" || path == "/cards/verify" ||
         path == "/cards/verify.js";
}

template <typename Body>
void AddCommonHeaders(bhttp::response<Body>& res, const std::string& request_id, bool api) {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  res.set("X-Request-Id", request_id);
  if (api && res.find(bhttp::field::cache_control) == res.end()) {
    res.set(bhttp::field::cache_control, "no-store");
  }
}

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

// Everything the server shares between its threads; sessions refer to it.
struct ServerState {
  ServerState(ServerOptions opts, const Router& r)
      : options(WithThreads(std::move(opts))),
        router(r),
        ioc(options.threads),
        access_log(AccessLogger()) {}

  // Handlers run on the worker threads and block on the database (a write waits for its
  // group commit, store/group_commit.h): enough threads that many requests reach the
  // database at once and concurrent writes share a commit.
  static ServerOptions WithThreads(ServerOptions o) {
    if (o.threads <= 0) o.threads = core::DefaultWaitingRequests();
    return o;
  }

  void DoAccept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void BeginShutdown();
  void DoWaitForIdle();
  void DoFlushAccessLog();

  ServerOptions options;
  const Router& router;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc};
  net::steady_timer shutdown_timer{ioc};
  net::steady_timer flush_timer{ioc};
  std::optional<StaticFiles> static_files;
  std::shared_ptr<spdlog::logger> access_log;
  std::atomic<int> active_requests{0};
  std::atomic<bool> stopping{false};
  Clock::time_point shutdown_deadline;
  uint16_t port = 0;
  bool listening = false;
};

// One connection: reads a request, answers it, and reads the next while the client keeps
// the connection alive. Lives as long as an operation holds its shared_ptr.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, ServerState& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) client_ip_ = endpoint.address().to_string();
  }

  void Run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::DoRead, shared_from_this()));
  }

 private:
  // What the access log needs once the response is written.
  struct Exchange {
    Clock::time_point start;
    std::string request_id;
    std::string method;
    std::string path;
    std::string user_id;
    int status = 0;
  };

  void DoRead();
  void OnReadHeader(beast::error_code ec, size_t bytes);
  void OnRead(beast::error_code ec, size_t bytes);
  void Handle();
  void Answer(Request& request, bhttp::verb verb, unsigned version);
  void AnswerStatic(Request& request, bool head, unsigned version, bool keep_alive);
  void SendError(const core::Status& status, int http_status);
  void Send(Response&& response, unsigned version, bool keep_alive, bool head, bool api);
  template <typename Message>
  void Write(Message& message, std::chrono::seconds timeout);
  void OnWrite(bool close, beast::error_code ec, size_t bytes);
  void LogAccess(size_t bytes);
  void DoLinger();
  void OnLinger(beast::error_code ec, size_t bytes);
  void DoClose();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  ServerState& server_;
  std::string client_ip_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> string_response_;
  std::optional<bhttp::response<bhttp::file_body>> file_response_;
  Exchange exchange_;
  bool first_request_ = true;
  bool counted_ = false;  // this request is in ServerState::active_requests
  bool linger_after_write_ = false;
  size_t lingered_bytes_ = 0;
  std::array<char, 8192> linger_buffer_{};
};

void Session::DoRead() {
  parser_.emplace();
  parser_->body_limit(server_.options.max_body_bytes);
  parser_->header_limit(static_cast<uint32_t>(server_.options.max_header_bytes));
  // The first request must arrive within the read timeout; between requests an idle
  // keep-alive connection may wait longer.
  stream_.expires_after(std::chrono::seconds(first_request_ ? server_.options.read_timeout_seconds
                                                            : server_.options.keep_alive_seconds));
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::OnReadHeader, shared_from_this()));
}

// A body we would read as something it is not: compressed (Content-Encoding other than
// identity: 415) or with a transfer coding other than chunked (501, RFC 9112 §6.1), which
// Beast would otherwise pass through undecoded as if it were the plain body.
std::optional<std::pair<core::Status, int>> RefusedEncoding(const bhttp::fields& headers,
                                                            bool has_body) {
  auto codings = [](beast::string_view value) {
    std::vector<std::string> out;
    for (auto part : bhttp::token_list(value)) {
      std::string token(part);
      for (char& c : token) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.push_back(std::move(token));
    }
    return out;
  };
  for (const auto& field : headers) {
    if (field.name() == bhttp::field::transfer_encoding) {
      for (const std::string& coding : codings(field.value())) {
        if (coding != "chunked") {
          return std::pair{core::Status::InvalidArgument("request.unsupported_transfer_encoding")
                               .With("coding", coding),
                           501};
        }
      }
    } else if (field.name() == bhttp::field::content_encoding && has_body) {
      for (const std::string& coding : codings(field.value())) {
        if (coding != "identity") {
          return std::pair{core::Status::InvalidArgument("request.unsupported_content_encoding")
                               .With("coding", coding),
                           415};
        }
      }
    }
  }
  return std::nullopt;
}

void Session::OnReadHeader(beast::error_code ec, size_t bytes) {
  if (!ec) {
    if (auto refused = RefusedEncoding(parser_->get(), !parser_->is_done())) {
      return SendError(refused->first, refused->second);
    }
  }
  if (ec || parser_->is_done()) return OnRead(ec, bytes);
  stream_.expires_after(std::chrono::seconds(server_.options.read_timeout_seconds));
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&Session::OnRead, shared_from_this()));
}

void Session::OnRead(beast::error_code ec, size_t) {
  first_request_ = false;
  if (ec == bhttp::error::body_limit) {
    return SendError(core::Status::TooLarge("request.body_too_large"), 413);
  }
  if (ec == bhttp::error::header_limit) {
    return SendError(core::Status::TooLarge("request.headers_too_large"), 431);
  }
  if (ec) {
    Fail(ec, "read");
    return DoClose();
  }
  Handle();
}

void Session::Handle() {
  server_.active_requests.fetch_add(1, std::memory_order_relaxed);
  counted_ = true;
  exchange_.start = Clock::now();

  auto& message = parser_->get();
  Request request;
  request.method = std::string(message.method_string());
  core::Status target = request.SetTarget(View(message.target()));
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = View(field.value());
    auto [it, inserted] = request.headers.emplace(std::move(name), value);
    if (!inserted) {  // repeated header: one comma-separated value (cookies use "; ")
      it->second += it->first == "cookie" ? "; " : ", ";
      it->second += value;
    }
  }
  request.body = std::move(message.body());
  request.client_ip =
      server_.options.trusted_proxies.ClientOf(client_ip_, request.Header("x-forwarded-for"));
  request.request_id = NewRequestId();

  if (!target.ok()) {
    request.language = NegotiateLanguage(request.Header("accept-language"));
    Response problem = ProblemResponse(target, request.language, request.path);
    exchange_.request_id = request.request_id;
    exchange_.method = request.method;
    exchange_.path = request.path;
    return Send(std::move(problem), message.version(),
                message.keep_alive() && !server_.stopping.load(std::memory_order_relaxed),
                message.method() == bhttp::verb::head, IsApiPath(request.path));
  }
  Answer(request, message.method(), message.version());
}

void Session::Answer(Request& request, bhttp::verb verb, unsigned version) {
  const bool keep_alive =
      parser_->get().keep_alive() && !server_.stopping.load(std::memory_order_relaxed);
  const bool head = verb == bhttp::verb::head;
  exchange_.request_id = request.request_id;
  exchange_.user_id.clear();

  if (IsRoutedPath(request.path)) {
    Response response = server_.router.Dispatch(request);
    if (request.principal) exchange_.user_id = request.principal->user_id;
    exchange_.method = std::move(request.method);
    exchange_.path = std::move(request.path);
    return Send(std::move(response), version, keep_alive, head, true);
  }
  exchange_.method = request.method;
  exchange_.path = request.path;
  if (!server_.static_files) {
    request.language = NegotiateLanguage(request.Header("accept-language"));
    return Send(ProblemResponse(core::Status::NotFound("request.not_found"), request.language,
                                request.path),
                version, keep_alive, head, false);
  }
  if (verb != bhttp::verb::get && !head) {
    request.language = NegotiateLanguage(request.Header("accept-language"));
    Response response = ProblemResponse(core::Status::InvalidArgument("request.method_not_allowed"),
                                        request.language, request.path, 405);
    response.Header("Allow", "GET, HEAD");
    return Send(std::move(response), version, keep_alive, head, false);
  }
  AnswerStatic(request, head, version, keep_alive);
}

void Session::AnswerStatic(Request& request, bool head, unsigned version, bool keep_alive) {
  StaticFiles::Lookup lookup =
      server_.static_files->Find(request.path, request.Header("if-none-match"));
  if (lookup.outcome == StaticFiles::Outcome::kNotFound) {
    request.language = NegotiateLanguage(request.Header("accept-language"));
    return Send(ProblemResponse(core::Status::NotFound("request.not_found"), request.language,
                                request.path),
                version, keep_alive, head, false);
  }
  if (lookup.outcome == StaticFiles::Outcome::kNotModified || head) {
    Response response;
    response.status = lookup.outcome == StaticFiles::Outcome::kNotModified ? 304 : 200;
    response.content_type = response.status == 304 ? "" : lookup.content_type;
    response.Header("ETag", lookup.etag).Header("Cache-Control", lookup.cache_control);
    if (head && response.status == 200) {
      response.Header("Content-Length", std::to_string(lookup.size));
    }
    return Send(std::move(response), version, keep_alive, head, false);
  }

  beast::error_code ec;
  bhttp::file_body::value_type body;
  body.open(lookup.file.c_str(), beast::file_mode::scan, ec);
  if (ec) {
    Fail(ec, "open static file");
    return Send(ProblemResponse(core::Status::NotFound("request.not_found"), request.language,
                                request.path),
                version, keep_alive, head, false);
  }
  auto& res = file_response_.emplace(std::piecewise_construct, std::make_tuple(std::move(body)),
                                     std::make_tuple(bhttp::status::ok, version));
  res.set(bhttp::field::content_type, lookup.content_type);
  res.set(bhttp::field::cache_control, lookup.cache_control);
  res.set(bhttp::field::etag, lookup.etag);
  res.keep_alive(keep_alive);
  AddCommonHeaders(res, exchange_.request_id, false);
  res.prepare_payload();
  exchange_.status = 200;
  // A large file to a slow client needs longer than one read timeout.
  Write(res, std::chrono::seconds(server_.options.read_timeout_seconds * 10));
}

void Session::SendError(const core::Status& status, int http_status) {
  // The request could not be read whole: answer, then close without reading another.
  server_.active_requests.fetch_add(1, std::memory_order_relaxed);
  counted_ = true;
  exchange_ = Exchange{};
  exchange_.start = Clock::now();
  exchange_.request_id = NewRequestId();
  std::string language = "en";
  std::string path;
  {  // what was parsed before the limit struck (the body limit strikes after the header)
    const auto& message = parser_->get();
    exchange_.method = std::string(message.method_string());
    auto target = message.target();
    path = std::string(target.substr(0, target.find('?')));
    if (auto it = message.find(bhttp::field::accept_language); it != message.end()) {
      language = NegotiateLanguage(std::string(it->value()));
    }
  }
  exchange_.path = path;
  linger_after_write_ = true;
  Send(ProblemResponse(status, language, path, http_status), 11, false, false, IsApiPath(path));
}

void Session::Send(Response&& response, unsigned version, bool keep_alive, bool head, bool api) {
  auto& res = string_response_.emplace(static_cast<bhttp::status>(response.status), version);
  // Checked again after the handler ran: a shutdown may have begun meanwhile.
  res.keep_alive(keep_alive && !server_.stopping.load(std::memory_order_relaxed));
  if (!response.content_type.empty()) res.set(bhttp::field::content_type, response.content_type);
  std::optional<std::string> head_length;
  for (auto& [name, value] : response.headers) {
    if (head && beast::iequals(name, "Content-Length")) {
      head_length = std::move(value);
      continue;
    }
    res.insert(name, value);
  }
  AddCommonHeaders(res, exchange_.request_id, api);
  exchange_.status = response.status;
  res.body() = std::move(response.body);
  res.prepare_payload();
  if (head) {  // HEAD: the GET's headers, including its length, and no body
    size_t length = res.body().size();
    res.body().clear();
    if (head_length) {
      res.set(bhttp::field::content_length, *head_length);
    } else if (response.status != 204 && response.status != 304) {
      res.content_length(length);
    }
  }
  Write(res, std::chrono::seconds(server_.options.read_timeout_seconds));
}

template <typename Message>
void Session::Write(Message& message, std::chrono::seconds timeout) {
  stream_.expires_after(timeout);
  bhttp::async_write(
      stream_, message,
      beast::bind_front_handler(&Session::OnWrite, shared_from_this(), !message.keep_alive()));
}

void Session::OnWrite(bool close, beast::error_code ec, size_t bytes) {
  if (counted_) {
    server_.active_requests.fetch_sub(1, std::memory_order_relaxed);
    counted_ = false;
  }
  if (server_.access_log->should_log(spdlog::level::info)) LogAccess(bytes);
  string_response_.reset();
  file_response_.reset();
  if (ec) {
    Fail(ec, "write");
    return DoClose();
  }
  if (linger_after_write_) return DoLinger();
  if (close || server_.stopping.load(std::memory_order_relaxed)) return DoClose();
  DoRead();
}

// One JSON object per line. Built with fmt rather than a JSON tree to keep allocations off
// the hot path; the strings a client controls (path, user id) go through nlohmann's escaping.
void Session::LogAccess(size_t bytes) {
  auto elapsed_us =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - exchange_.start);
  auto escape = [](const std::string& text) {
    return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  fmt::memory_buffer line;
  fmt::format_to(std::back_inserter(line),
                 R"({{"time":"{}","request_id":"{}","method":{},"path":{},"status":{},)"
                 R"("bytes":{},"duration_ms":{:.3f},"client_ip":"{}")",
                 UtcNow(), exchange_.request_id, escape(exchange_.method), escape(exchange_.path),
                 exchange_.status, bytes, static_cast<double>(elapsed_us.count()) / 1000.0,
                 client_ip_);
  if (!exchange_.user_id.empty()) {
    fmt::format_to(std::back_inserter(line), R"(,"user_id":{})", escape(exchange_.user_id));
  }
  line.push_back('}');
  server_.access_log->info(std::string_view(line.data(), line.size()));
}

void Session::DoLinger() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.expires_after(kLingerTime);
  stream_.async_read_some(net::buffer(linger_buffer_),
                          beast::bind_front_handler(&Session::OnLinger, shared_from_this()));
}

void Session::OnLinger(beast::error_code ec, size_t bytes) {
  lingered_bytes_ += bytes;
  if (ec || lingered_bytes_ > kLingerBytes) return;  // the socket closes with the session
  stream_.async_read_some(net::buffer(linger_buffer_),
                          beast::bind_front_handler(&Session::OnLinger, shared_from_this()));
}

void Session::DoClose() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
}

void ServerState::DoAccept() {
  acceptor.async_accept(net::make_strand(ioc),
                        beast::bind_front_handler(&ServerState::OnAccept, this));
}

void ServerState::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
  if (ec) {
    Fail(ec, "accept");
  } else {
    std::make_shared<Session>(std::move(socket), *this)->Run();
  }
  DoAccept();
}

void ServerState::BeginShutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("http: shutting down, {} request(s) in flight", active_requests.load());
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  shutdown_deadline = Clock::now() + kShutdownGrace;
  DoWaitForIdle();
}

void ServerState::DoWaitForIdle() {
  if (active_requests.load() == 0 || Clock::now() >= shutdown_deadline) {
    if (active_requests.load() != 0) {
      spdlog::warn("http: {} request(s) still running after {} s; stopping anyway",
                   active_requests.load(), kShutdownGrace.count());
    }
    flush_timer.cancel();
    ioc.stop();
    return;
  }
  shutdown_timer.expires_after(kShutdownPoll);
  shutdown_timer.async_wait([this](beast::error_code) { DoWaitForIdle(); });
}

void ServerState::DoFlushAccessLog() {
  flush_timer.expires_after(kAccessLogFlush);
  flush_timer.async_wait([this](beast::error_code ec) {
    access_log->flush();
    if (!ec) DoFlushAccessLog();
  });
}

}  // namespace

struct Server::Impl : ServerState {
  using ServerState::ServerState;
};

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  if (!impl_->ioc.stopped()) impl_->ioc.stop();
}

core::Status Server::Start() {
  Impl& s = *impl_;
  beast::error_code ec;
  auto address = net::ip::make_address(s.options.address, ec);
  if (ec) {
    return core::Status::Unavailable("http.cannot_listen",
                                     "bad address " + s.options.address + ": " + ec.message());
  }
  tcp::endpoint endpoint{address, s.options.port};
  auto failed = [&](const char* what) {
    return core::Status::Unavailable("http.cannot_listen",
                                     std::string(what) + " " + s.options.address + ":" +
                                         std::to_string(s.options.port) + ": " + ec.message());
  };
  s.acceptor.open(endpoint.protocol(), ec);
  if (ec) return failed("open");
  s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return failed("set_option");
  s.acceptor.bind(endpoint, ec);
  if (ec) return failed("bind");
  s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return failed("listen");
  s.port = s.acceptor.local_endpoint().port();

  if (!s.options.static_dir.empty()) {
    std::error_code fs_ec;
    if (std::filesystem::is_directory(s.options.static_dir, fs_ec)) {
      s.static_files.emplace(s.options.static_dir);
    } else {
      spdlog::warn("http: static directory {} not found; serving the API only",
                   s.options.static_dir);
    }
  }
  // Catch SIGINT/SIGTERM from here on, not only once Run() starts: the caller announces the
  // address right after Start(), and a stop request in that window must still be graceful
  // (it is handled as soon as the event loop runs).
  s.signals.add(SIGINT);
  s.signals.add(SIGTERM);
  s.signals.async_wait([&s](beast::error_code signal_ec, int) {
    if (!signal_ec) s.BeginShutdown();
  });
  s.listening = true;
  s.DoAccept();
  return core::Status::Ok();
}

uint16_t Server::port() const { return impl_->port; }

void Server::Run() {
  Impl& s = *impl_;
  if (!s.listening) return;
  s.DoFlushAccessLog();
  spdlog::info("http: listening on {}:{} with {} thread(s)", s.options.address, s.port,
               s.options.threads);

  auto run = [&s] {
    while (true) {
      try {
        s.ioc.run();
        return;
      } catch (const std::exception& e) {  // a bug in a completion handler; keep serving
        spdlog::error("http: uncaught exception in the event loop: {}", e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(s.options.threads - 1));
  for (int i = 1; i < s.options.threads; ++i) threads.emplace_back(run);
  run();
  for (auto& thread : threads) thread.join();
  s.access_log->flush();
}

void Server::Stop() {
  net::post(impl_->ioc, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace socius::http
