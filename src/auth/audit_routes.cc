// GET /api/v1/audit, GET /api/v1/audit/verify.
#include <charconv>
#include <nlohmann/json.hpp>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "auth/routes.h"
#include "auth/tokens.h"
#include "auth/wire.h"
#include "core/clock.h"

namespace socius::auth {
namespace {

using core::Result;
using core::Status;
using http::Guard;
using http::Request;
using http::Response;
using Json = nlohmann::json;

// An instant filter: full ISO 8601 UTC, or a date meaning its first (from) or last (to)
// millisecond. Normalised to the stored form so that text comparison orders correctly.
Result<std::string> ParseInstant(const Request& request, const char* name, bool end_of_day) {
  std::optional<std::string> text = request.QueryParam(name);
  if (!text || text->empty()) return std::string();
  if (auto date = core::ParseDate(*text)) {
    return date->ToString() + (end_of_day ? "T23:59:59.999Z" : "T00:00:00.000Z");
  }
  auto instant = core::ParseUtc(*text);
  if (!instant) return http::InvalidQuery(name);
  return core::FormatUtc(*instant);
}

Result<std::string> Filter(const Request& request, const char* name) {
  std::string value = request.QueryParam(name).value_or("");
  if (value.size() > 200) return http::InvalidQuery(name);
  return value;
}

Result<Response> List(Sessions& sessions, Request& request) {
  const Principal& who = *request.principal;
  AuditQuery query;
  query.installation_wide = InstallationWide(who, Permission::kAuditRead);
  query.scope_roots = ScopePaths(who, Permission::kAuditRead);
  auto limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  query.limit = *limit + 1;
  struct {
    const char* name;
    std::string* into;
  } filters[] = {{"actor", &query.actor_username},
                 {"entity_type", &query.entity_type},
                 {"entity_id", &query.entity_id},
                 {"action", &query.action}};
  for (auto& f : filters) {
    auto value = Filter(request, f.name);
    if (!value.ok()) return value.status();
    *f.into = std::move(*value);
  }
  auto from = ParseInstant(request, "from", false);
  if (!from.ok()) return from.status();
  query.from = *from;
  auto to = ParseInstant(request, "to", true);
  if (!to.ok()) return to.status();
  query.to = *to;
  if (auto cursor = request.QueryParam("cursor")) {
    auto decoded = Base64UrlDecode(*cursor);
    int64_t seq = 0;
    if (!decoded) return http::InvalidQuery("cursor");
    auto [end, ec] = std::from_chars(decoded->data(), decoded->data() + decoded->size(), seq);
    if (decoded->empty() || ec != std::errc() || end != decoded->data() + decoded->size() ||
        seq < 1) {
      return http::InvalidQuery("cursor");
    }
    query.before_seq = seq;
  }

  std::vector<AuditEntry> entries;
  if (core::Status done = sessions.database().Read([&](store::Session& tx) {
        auto listed = ListAudit(tx, query);
        if (!listed.ok()) return listed.status();
        entries = std::move(*listed);
        return Status::Ok();
      });
      !done.ok()) {
    return done;
  }
  Json next_cursor = nullptr;
  if (entries.size() > static_cast<size_t>(*limit)) {
    entries.resize(static_cast<size_t>(*limit));
    next_cursor = Base64UrlEncode(std::to_string(entries.back().seq));
  }
  Json items = Json::array();
  for (const AuditEntry& entry : entries) items.push_back(AuditEntryJson(entry));
  return Response::JsonBody(200, Json{{"items", std::move(items)}, {"next_cursor", next_cursor}});
}

Result<Response> Verify(Sessions& sessions, Request& request) {
  SOCIUS_RETURN_IF_ERROR(
      Require(*request.principal, Permission::kAuditRead, kInstallationRootPath));
  auto verification = VerifyAudit(sessions.database());
  if (!verification.ok()) return verification.status();
  const AuditVerification& v = *verification;
  return Response::JsonBody(200,
                            Json{{"ok", v.ok},
                                 {"entries", v.entries},
                                 {"first_bad_seq", v.ok ? Json(nullptr) : Json(v.first_bad_seq)},
                                 {"problem", v.ok ? Json(nullptr) : Json(v.problem)}});
}

}  // namespace

void RegisterAuditRoutes(http::Router& router, Sessions& sessions) {
  router.Add("GET", "/api/v1/audit", Guard::Needs(Permission::kAuditRead),
             [&sessions](Request& r) { return List(sessions, r); });
  router.Add("GET", "/api/v1/audit/verify", Guard::Needs(Permission::kAuditRead),
             [&sessions](Request& r) { return Verify(sessions, r); });
}

}  // namespace socius::auth
