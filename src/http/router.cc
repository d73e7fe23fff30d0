#include "http/router.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <string_view>

#include "auth/permissions.h"
#include "http/message_catalogue.h"
#include "http/problem.h"

namespace socius::http {
namespace {

// Splits "/a/b/c" into {"a","b","c"}; "/" into {""}. The leading slash is dropped.
template <typename Out>
void SplitPath(std::string_view path, Out& out) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
}

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Compares in time that depends only on the length, so the CSRF token cannot be guessed
// byte by byte from response times.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  volatile unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference = difference | static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

// The raw (still percent-encoded) path: segments are split before decoding, so that an
// encoded slash stays inside its segment.
std::string_view RawPath(const Request& request) {
  if (request.target.empty()) return request.path;
  std::string_view target = request.target;
  return target.substr(0, target.find('?'));
}

}  // namespace

struct Router::Route {
  struct Segment {
    std::string text;  // the literal, or the parameter's name
    bool is_param = false;
  };
  std::string method;
  std::vector<Segment> segments;
  int param_count = 0;
  Guard guard;
  Handler handler;

  // Fills `params` when `raw_segments` fit the pattern.
  bool Match(const std::vector<std::string_view>& raw_segments,
             std::map<std::string, std::string>* params) const {
    if (raw_segments.size() != segments.size()) return false;
    for (size_t i = 0; i < segments.size(); ++i) {
      std::string_view raw = raw_segments[i];
      const Segment& segment = segments[i];
      if (raw.find('%') == std::string_view::npos) {
        if (segment.is_param) {
          if (raw.empty()) return false;
          if (params) (*params)[segment.text] = std::string(raw);
        } else if (raw != segment.text) {
          return false;
        }
        continue;
      }
      auto decoded = PercentDecode(raw, false);
      if (!decoded) return false;
      if (segment.is_param) {
        if (decoded->empty()) return false;
        if (params) (*params)[segment.text] = std::move(*decoded);
      } else if (*decoded != segment.text) {
        return false;
      }
    }
    return true;
  }
};

Router::Router(Authenticator authenticator) : authenticator_(std::move(authenticator)) {}

void Router::Add(std::string method, std::string pattern, Guard guard, Handler handler) {
  auto route = std::make_shared<Route>();
  route->method = std::move(method);
  std::vector<std::string_view> parts;
  SplitPath(pattern, parts);
  for (std::string_view part : parts) {
    Route::Segment segment;
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      segment.text = std::string(part.substr(1, part.size() - 2));
      segment.is_param = true;
      ++route->param_count;
    } else {
      segment.text = std::string(part);
    }
    route->segments.push_back(std::move(segment));
  }
  route->guard = guard;
  route->handler = std::move(handler);
  routes_.push_back(std::move(route));
}

bool Router::Matches(const std::string& path) const {
  std::vector<std::string_view> segments;
  SplitPath(path, segments);
  return std::any_of(routes_.begin(), routes_.end(),
                     [&](const auto& route) { return route->Match(segments, nullptr); });
}

Response Router::Dispatch(Request& request) const {
  std::string accept_language = request.Header("accept-language");
  // "*" (what some HTTP clients send by default) states no preference.
  if (accept_language == "*") accept_language.clear();
  if (!accept_language.empty()) request.language = NegotiateLanguage(accept_language);
  try {
    std::vector<std::string_view> segments;
    segments.reserve(8);
    SplitPath(RawPath(request), segments);

    // The most literal route wins ("/users/me" over "/users/{id}"), then the first added.
    // Both arms views: a std::string arm would make the whole a temporary gone by the loop.
    const std::string_view method =
        request.method == "HEAD" ? std::string_view("GET") : std::string_view(request.method);
    const Route* chosen = nullptr;
    bool path_known = false;
    for (const auto& route : routes_) {
      if (!route->Match(segments, nullptr)) continue;
      path_known = true;
      if (route->method != method) continue;
      if (chosen == nullptr || route->param_count < chosen->param_count) chosen = route.get();
    }
    if (chosen == nullptr && !path_known) {
      return ProblemResponse(core::Status::NotFound("request.not_found"), request.language,
                             request.path);
    }
    if (chosen == nullptr) {
      std::vector<std::string> allowed;
      for (const auto& route : routes_) {
        if (!route->Match(segments, nullptr)) continue;
        allowed.push_back(route->method);
        if (route->method == "GET") allowed.emplace_back("HEAD");
      }
      std::sort(allowed.begin(), allowed.end());
      allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
      std::string allow;
      for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      Response response =
          ProblemResponse(core::Status::InvalidArgument("request.method_not_allowed"),
                          request.language, request.path, 405);
      response.Header("Allow", allow);
      return response;
    }

    request.path_params.clear();
    chosen->Match(segments, &request.path_params);

    const Guard& guard = chosen->guard;
    if (guard.authenticated) {
      if (!authenticator_) {
        return ProblemResponse(core::Status::Unauthenticated("auth.unauthenticated"),
                               request.language, request.path);
      }
      auto principal = authenticator_(request);
      if (!principal.ok()) {
        return ProblemResponse(principal.status(), request.language, request.path);
      }
      request.principal = std::move(*principal);
      const auth::Principal& who = *request.principal;
      // The language the client asks for (the web app sends the one shown on screen) wins;
      // the user's stored language serves clients that ask for none.
      if (accept_language.empty() && LanguageIndex(who.language) >= 0) {
        request.language = who.language;
      }
      if (who.must_change_password && !guard.allowed_before_password_change) {
        return ProblemResponse(core::Status::PermissionDenied("auth.password_change_required"),
                               request.language, request.path);
      }
      if (IsStateChanging(request.method) &&
          (who.csrf_token.empty() ||
           !ConstantTimeEquals(request.Header("x-csrf-token"), who.csrf_token))) {
        return ProblemResponse(core::Status::PermissionDenied("auth.csrf_invalid"),
                               request.language, request.path);
      }
      if (guard.permission && !auth::AllowsAnywhere(who, *guard.permission) &&
          !(guard.alternative && auth::AllowsAnywhere(who, *guard.alternative))) {
        return ProblemResponse(core::Status::PermissionDenied("auth.forbidden"), request.language,
                               request.path);
      }
    }

    auto result = chosen->handler(request);
    if (result.ok()) return std::move(*result);
    if (result.status().kind() == core::StatusKind::kInternal) {
      spdlog::error("request {} {} {}: {}", request.request_id, request.method, request.path,
                    result.status().ToString());
    }
    return ProblemResponse(result.status(), request.language, request.path);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {}: uncaught exception: {}", request.request_id, request.method,
                  request.path, e.what());
  } catch (...) {
    spdlog::error("request {} {} {}: uncaught non-standard exception", request.request_id,
                  request.method, request.path);
  }
  return ProblemResponse(core::Status::Internal("exception"), request.language, request.path);
}

}  // namespace socius::http
