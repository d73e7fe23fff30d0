#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "auth/roles.h"
#include "core/result.h"
#include "http/request.h"

namespace socius::http {

using Handler = std::function<core::Result<Response>(Request&)>;

// How a route is guarded. Every route states it; there is no default.
struct Guard {
  bool authenticated = true;
  // Checked before the handler: the caller must hold it somewhere. The handler then checks
  // the record's own territory with auth::Allows / auth::Require.
  std::optional<auth::Permission> permission;
  // Allowed while the user still has to change a one-time password (session, password).
  bool allowed_before_password_change = false;
  // Also enough instead of `permission`, when set (the handler decides which rows).
  std::optional<auth::Permission> alternative;

  static Guard Public() { return Guard{false, std::nullopt, true, std::nullopt}; }
  static Guard LoggedIn() { return Guard{true, std::nullopt, false, std::nullopt}; }
  static Guard Needs(auth::Permission p) { return Guard{true, p, false, std::nullopt}; }
  static Guard NeedsEither(auth::Permission p, auth::Permission q) {
    return Guard{true, p, false, q};
  }
};

// Resolves the session cookie of a request to a principal. Returns
// Unauthenticated("auth.unauthenticated"/"auth.session_expired") when there is none.
using Authenticator = std::function<core::Result<auth::Principal>(const Request&)>;

// Maps method + path pattern ("/api/v1/users/{id}") to a handler, and runs the guard chain
// in one place: authentication → password-change gate → CSRF on state-changing methods
// (header X-CSRF-Token equal to the session's token; 403 "auth.csrf_invalid") → permission
// → handler. A failing Status from any step becomes problem+json (http/problem.h).
// Add routes before serving; Dispatch is then thread-safe.
class Router {
 public:
  explicit Router(Authenticator authenticator);
  void Add(std::string method, std::string pattern, Guard guard, Handler handler);
  // Never throws: exceptions from handlers become a logged 500.
  Response Dispatch(Request& request) const;
  // True if some route's pattern matches the path (to tell 404 from 405).
  bool Matches(const std::string& path) const;

 private:
  struct Route;
  Authenticator authenticator_;
  std::vector<std::shared_ptr<Route>> routes_;
};

}  // namespace socius::http
