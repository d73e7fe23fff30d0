#include "http/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>
#include <utility>

namespace socius::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace fs = std::filesystem;
using tcp = net::ip::tcp;
using ClientResponse = bhttp::response<bhttp::string_body>;

// A blocking HTTP/1.1 client on one connection.
class Client {
 public:
  explicit Client(uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }
  ClientResponse Send(bhttp::request<bhttp::string_body> request) {
    request.version(11);
    request.set(bhttp::field::host, "localhost");
    request.prepare_payload();
    bhttp::write(socket_, request);
    return Receive(request.method() == bhttp::verb::head);
  }
  ClientResponse Get(const std::string& target, const std::string& if_none_match = "") {
    bhttp::request<bhttp::string_body> request{bhttp::verb::get, target, 11};
    if (!if_none_match.empty()) request.set(bhttp::field::if_none_match, if_none_match);
    return Send(std::move(request));
  }
  ClientResponse Receive(bool head = false) {
    ClientResponse response;
    if (head) {
      bhttp::response_parser<bhttp::string_body> parser;
      parser.skip(true);
      bhttp::read(socket_, buffer_, parser);
      return parser.release();
    }
    bhttp::read(socket_, buffer_, response);
    return response;
  }
  // True when the server has closed the connection.
  bool Closed() {
    beast::error_code ec;
    ClientResponse response;
    bhttp::read(socket_, buffer_, response, ec);
    return ec == bhttp::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset;
  }
  tcp::socket& socket() { return socket_; }

 private:
  net::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

std::string Header(const ClientResponse& response, std::string_view name) {
  auto it = response.find(beast::string_view(name.data(), name.size()));
  return it == response.end() ? "" : std::string(it->value());
}

Json Problem(const ClientResponse& response) { return Json::parse(response.body()); }

class ServerTest : public testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("socius_server_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_ / "dist" / "assets");
    std::ofstream(base_ / "dist" / "index.html") << "<!doctype html><title>Socius</title>";
    std::ofstream(base_ / "dist" / "assets" / "app-3f2a.js") << "console.log('socius')";
    std::ofstream(base_ / "secret.txt") << "TOP SECRET";

    router_.Add("GET", "/api/v1/ping", Guard::Public(),
                [](Request& request) -> core::Result<Response> {
                  return Response::JsonBody(
                      200, Json{{"pong", true}, {"q", request.QueryParam("q").value_or("")}});
                });
    router_.Add("POST", "/api/v1/echo", Guard::Public(),
                [](Request& request) -> core::Result<Response> {
                  return Response::JsonBody(200, Json{{"length", request.body.size()}});
                });
    for (const char* page : {"/cards/verify", "/cards/verify.js"}) {
      router_.Add("GET", page, Guard::Public(), [](Request& request) -> core::Result<Response> {
        Response response;
        response.content_type = "text/html; charset=utf-8";
        response.body = "rendered " + request.path;
        return response;
      });
    }
    router_.Add("GET", "/api/v1/slow", Guard::Public(), [this](Request&) -> core::Result<Response> {
      slow_started_.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      return Response::JsonBody(200, Json{{"done", true}});
    });

    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.max_body_bytes = 1024;
    options.max_header_bytes = 4096;
    options.static_dir = (base_ / "dist").string();
    server_ = std::make_unique<Server>(options, router_);
    ASSERT_TRUE(server_->Start().ok());
    runner_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    server_->Stop();
    if (runner_.joinable()) runner_.join();
    fs::remove_all(base_);
  }

  Router router_{nullptr};
  std::unique_ptr<Server> server_;
  std::thread runner_;
  std::promise<void> slow_started_;
  fs::path base_;
};

TEST_F(ServerTest, KeepsConnectionAliveAcrossRequests) {
  Client client(server_->port());
  ClientResponse first = client.Get("/api/v1/ping?q=Ana%C8%99+Pop");
  ClientResponse second = client.Get("/api/v1/ping");
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_EQ(Json::parse(first.body())["q"], "Anaș Pop");
  EXPECT_EQ(second.result_int(), 200);
  EXPECT_TRUE(second.keep_alive());
  EXPECT_NE(Header(first, "X-Request-Id"), "");
  EXPECT_NE(Header(first, "X-Request-Id"), Header(second, "X-Request-Id"));
}

TEST_F(ServerTest, SetsSecurityHeadersAndNoStoreOnApi) {
  Client client(server_->port());
  ClientResponse response = client.Get("/api/v1/ping");
  EXPECT_EQ(Header(response, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Header(response, "Referrer-Policy"), "no-referrer");
  EXPECT_EQ(Header(response, "X-Frame-Options"), "DENY");
  EXPECT_NE(Header(response, "Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(Header(response, "Cache-Control"), "no-store");
  EXPECT_EQ(Header(response, "Content-Type"), "application/json");
}

TEST_F(ServerTest, UnknownApiPathIsProblemJson) {
  Client client(server_->port());
  ClientResponse response = client.Get("/api/v1/nope");
  EXPECT_EQ(response.result_int(), 404);
  EXPECT_EQ(Header(response, "Content-Type"), "application/problem+json");
  EXPECT_EQ(Problem(response)["instance"], "/api/v1/nope");
}

TEST_F(ServerTest, BodyWithinLimitIsRead) {
  Client client(server_->port());
  bhttp::request<bhttp::string_body> request{bhttp::verb::post, "/api/v1/echo", 11};
  request.body() = std::string(1000, 'x');
  ClientResponse response = client.Send(std::move(request));
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(Json::parse(response.body())["length"], 1000);
}

TEST_F(ServerTest, OversizedBodyGets413ProblemAndClose) {
  Client client(server_->port());
  bhttp::request<bhttp::string_body> request{bhttp::verb::post, "/api/v1/echo", 11};
  request.set(bhttp::field::accept_language, "ro");
  request.body() = std::string(64 * 1024, 'x');
  ClientResponse response = client.Send(std::move(request));
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_EQ(Header(response, "Content-Type"), "application/problem+json");
  EXPECT_EQ(Problem(response)["code"], "request.body_too_large");
  EXPECT_EQ(Problem(response)["title"], "Cerere prea mare");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.Closed());
}

TEST_F(ServerTest, OversizedHeadersGet431Problem) {
  Client client(server_->port());
  bhttp::request<bhttp::string_body> request{bhttp::verb::get, "/api/v1/ping", 11};
  request.set("X-Padding", std::string(8192, 'a'));
  ClientResponse response = client.Send(std::move(request));
  EXPECT_EQ(response.result_int(), 431);
  EXPECT_EQ(Problem(response)["code"], "request.headers_too_large");
}

TEST_F(ServerTest, ServesHashedAssetWithLongCachingAndRevalidatesWithETag) {
  Client client(server_->port());
  ClientResponse asset = client.Get("/assets/app-3f2a.js");
  EXPECT_EQ(asset.result_int(), 200);
  EXPECT_EQ(asset.body(), "console.log('socius')");
  EXPECT_EQ(Header(asset, "Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(Header(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Header(asset, "X-Frame-Options"), "DENY");
  std::string etag = Header(asset, "ETag");
  ASSERT_FALSE(etag.empty());

  ClientResponse again = client.Get("/assets/app-3f2a.js", etag);
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(Header(again, "ETag"), etag);
}

TEST_F(ServerTest, HeadOfStaticFileSendsLengthWithoutBody) {
  Client client(server_->port());
  ClientResponse response =
      client.Send(bhttp::request<bhttp::string_body>{bhttp::verb::head, "/assets/app-3f2a.js", 11});
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(Header(response, "Content-Length"), "21");
  EXPECT_TRUE(response.body().empty());
  EXPECT_EQ(client.Get("/api/v1/ping").result_int(), 200);  // the connection is still in step
}

TEST_F(ServerTest, ClientRoutesFallBackToIndexWithoutCaching) {
  Client client(server_->port());
  for (const char* target : {"/", "/cases/42?tab=plan"}) {
    ClientResponse response = client.Get(target);
    EXPECT_EQ(response.result_int(), 200) << target;
    EXPECT_EQ(response.body(), "<!doctype html><title>Socius</title>") << target;
    EXPECT_EQ(Header(response, "Cache-Control"), "no-cache") << target;
    EXPECT_EQ(Header(response, "Content-Type"), "text/html; charset=utf-8") << target;
  }
  EXPECT_EQ(client.Get("/assets/missing-1.js").result_int(), 404);
}

TEST_F(ServerTest, TheCardVerificationPageIsRenderedByTheRouterNotTheWebApp) {
  Client client(server_->port());
  for (const char* target : {"/cards/verify", "/cards/verify?t=SC1.a.b", "/cards/verify.js"}) {
    ClientResponse response = client.Get(target);
    EXPECT_EQ(response.result_int(), 200) << target;
    EXPECT_TRUE(response.body().starts_with("rendered /cards/verify")) << target;
    EXPECT_NE(Header(response, "Content-Security-Policy").find("script-src 'self'"),
              std::string::npos);
  }
  // Other paths under /cards/ stay the web app's.
  EXPECT_EQ(client.Get("/cards/verify/x").body(), "<!doctype html><title>Socius</title>");
}

TEST_F(ServerTest, BlocksPathTraversal) {
  Client client(server_->port());
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                             "/assets/%2E%2E/%2E%2E/secret.txt", "/..%5csecret.txt"}) {
    ClientResponse response = client.Get(target);
    EXPECT_EQ(response.result_int(), 404) << target;
    EXPECT_EQ(response.body().find("TOP SECRET"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, StaticPathsAcceptOnlyGetAndHead) {
  Client client(server_->port());
  ClientResponse response =
      client.Send(bhttp::request<bhttp::string_body>{bhttp::verb::post, "/index.html", 11});
  EXPECT_EQ(response.result_int(), 405);
  EXPECT_EQ(Header(response, "Allow"), "GET, HEAD");
}

TEST_F(ServerTest, StopLetsInFlightRequestFinish) {
  Client client(server_->port());
  bhttp::request<bhttp::string_body> request{bhttp::verb::get, "/api/v1/slow", 11};
  request.set(bhttp::field::host, "localhost");
  bhttp::write(client.socket(), request);
  ASSERT_EQ(slow_started_.get_future().wait_for(std::chrono::seconds(5)),
            std::future_status::ready);
  auto stop_started = std::chrono::steady_clock::now();
  server_->Stop();

  ClientResponse response = client.Receive();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(Json::parse(response.body())["done"], true);
  EXPECT_FALSE(response.keep_alive());  // no further requests while stopping
  runner_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_started, std::chrono::seconds(5));

  net::io_context ioc;
  tcp::socket late(ioc);
  beast::error_code ec;
  late.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server_->port()), ec);
  EXPECT_TRUE(ec) << "the listener should be closed";
}

// The "access" logger, captured: the server uses a logger of that name when one exists.
std::ostringstream& AccessLines() {
  static std::ostringstream* lines = [] {
    auto* out = new std::ostringstream;
    auto logger = std::make_shared<spdlog::logger>(
        "access", std::make_shared<spdlog::sinks::ostream_sink_mt>(*out, true));
    logger->set_pattern("%v");
    spdlog::drop("access");
    spdlog::register_logger(logger);
    return out;
  }();
  return *lines;
}

TEST(ServerAccessLog, WritesOneJsonLinePerRequestWithoutQueryString) {
  std::ostringstream& lines = AccessLines();
  Router router(nullptr);
  router.Add("GET", "/api/v1/ping", Guard::Public(),
             [](Request&) -> core::Result<Response> { return Response::NoContent(); });
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  Server server(options, router);
  ASSERT_TRUE(server.Start().ok());
  std::thread runner([&server] { server.Run(); });
  std::string request_id;
  {
    Client client(server.port());
    request_id = Header(client.Get("/api/v1/ping?q=Maria+Popescu"), "X-Request-Id");
  }
  server.Stop();
  runner.join();

  std::string last;
  std::istringstream in(lines.str());
  for (std::string line; std::getline(in, line);) last = line;
  Json entry = Json::parse(last);
  EXPECT_EQ(entry["request_id"], request_id);
  EXPECT_EQ(entry["method"], "GET");
  EXPECT_EQ(entry["path"], "/api/v1/ping");
  EXPECT_EQ(entry["status"], 204);
  EXPECT_EQ(entry["client_ip"], "127.0.0.1");
  EXPECT_GT(entry["bytes"].get<int>(), 0);
  EXPECT_TRUE(entry["duration_ms"].is_number());
  EXPECT_EQ(entry["time"].get<std::string>().size(), 24u);
  EXPECT_FALSE(entry.contains("user_id"));
  EXPECT_EQ(last.find("Popescu"), std::string::npos);
}

TEST(ServerStart, TakenPortIsCannotListen) {
  Router router(nullptr);
  ServerOptions options;
  options.port = 0;
  Server first(options, router);
  ASSERT_TRUE(first.Start().ok());
  options.port = first.port();
  Server second(options, router);
  core::Status status = second.Start();
  EXPECT_EQ(status.code(), "http.cannot_listen");
  EXPECT_EQ(status.kind(), core::StatusKind::kUnavailable);
}

}  // namespace
}  // namespace socius::http
