#include "auth/wire.h"

#include <charconv>

namespace socius::auth {

using Json = nlohmann::json;

namespace {

Json OptionalJson(const std::optional<std::string>& text) {
  return text.has_value() ? Json(*text) : Json(nullptr);
}

}  // namespace

Json UserJson(const User& user, const std::string& now_utc) {
  Json roles = Json::array();
  for (const UserRole& r : user.roles) {
    roles.push_back({{"role", Name(r.role)},
                     {"territory_code", r.territory.code},
                     {"territory_name", r.territory.name}});
  }
  return Json{{"id", user.id},
              {"username", user.username},
              {"display_name", user.display_name},
              {"language", user.language},
              {"home_territory_code", user.home_territory.code},
              {"active", user.active},
              {"locked", user.LockedAt(now_utc)},
              {"must_change_password", user.must_change_password},
              {"roles", std::move(roles)},
              {"version", user.version},
              {"created_at", user.created_at},
              {"last_login_at", OptionalJson(user.last_login_at)}};
}

Json AuditEntryJson(const AuditEntry& entry) {
  Json detail = Json::parse(entry.detail_json, nullptr, /*allow_exceptions=*/false);
  if (detail.is_discarded()) detail = Json{{"text", entry.detail_json}};
  return Json{{"seq", entry.seq},
              {"at", entry.at},
              {"actor_id", OptionalJson(entry.actor_id)},
              {"actor_username", OptionalJson(entry.actor_username)},
              {"action", entry.action},
              {"entity_type", entry.entity_type},
              {"entity_id", OptionalJson(entry.entity_id)},
              {"territory_code", OptionalJson(entry.territory_code)},
              {"detail", std::move(detail)},
              {"hash", entry.hash}};
}

core::Status InvalidQuery(const std::string& name) {
  return core::Status::InvalidArgument("request.invalid_query", name, "bad query parameter " + name)
      .With("name", name);
}

core::Result<int> ParseLimit(const http::Request& request) {
  std::optional<std::string> text = request.QueryParam("limit");
  if (!text) return 50;
  int limit = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc() || end != text->data() + text->size() || limit < 1 || limit > 200) {
    return InvalidQuery("limit");
  }
  return limit;
}

core::Result<int64_t> RequireIfMatch(const http::Request& request) {
  std::string header = request.Header("if-match");
  std::string_view v = header;
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t version = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || version < 1) {
    return core::Status::PreconditionFailed("request.if_match_required",
                                            "If-Match must carry the version, e.g. \"3\"");
  }
  return version;
}

http::Response WithEtag(http::Response response, int64_t version) {
  response.Header("ETag", "\"" + std::to_string(version) + "\"");
  return response;
}

}  // namespace socius::auth
