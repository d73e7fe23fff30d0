#pragma once

// The HTTP routes of a room called the way the web app calls them, without a socket: a Router
// whose session cookie names one of the test's principals, a CSRF token, JSON bodies and
// If-Match. Mix it into a database test (`class T : public DatabaseTest, public RouteClient`)
// and register the room's routes on `router()`. Test code only.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "auth/principal.h"
#include "http/router.h"

namespace socius::testing {

class RouteClient {
 public:
  struct Reply {
    int status = 0;
    http::Json body;
    std::string etag;
  };

  RouteClient()
      : router_([this](const http::Request& r) -> core::Result<auth::Principal> {
          auto it = principals_.find(r.Cookie("socius_session"));
          if (it == principals_.end()) return core::Status::Unauthenticated("auth.unauthenticated");
          return it->second;
        }) {}
  RouteClient(const RouteClient&) = delete;
  RouteClient& operator=(const RouteClient&) = delete;

  http::Router& router() { return router_; }

  // `method target` as the principal registered under `who`.
  Reply Call(const std::string& who, const std::string& method, const std::string& target,
             const http::Json& body = nullptr, const std::string& if_match = "") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(request.SetTarget(target).ok()) << target;
    request.headers["cookie"] = "socius_session=" + who;
    request.headers["x-csrf-token"] = "csrf";
    if (!body.is_null()) {
      request.headers["content-type"] = "application/json";
      request.body = body.dump();
    }
    if (!if_match.empty()) request.headers["if-match"] = if_match;
    http::Response response = router_.Dispatch(request);
    Reply reply;
    reply.status = response.status;
    reply.body =
        response.body.empty() ? http::Json() : http::Json::parse(response.body, nullptr, false);
    for (const auto& [name, value] : response.headers) {
      if (name == "ETag") reply.etag = value;
    }
    return reply;
  }

 protected:
  // Session cookie → principal; a principal's csrf_token must be "csrf".
  std::map<std::string, auth::Principal> principals_;

 private:
  http::Router router_;
};

}  // namespace socius::testing
