#include "auth/wire.h"

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
              {"home_territory_name", user.home_territory.name},
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
              {"actor_display_name", OptionalJson(entry.actor_display_name)},
              {"entity_name", OptionalJson(entry.entity_name)},
              {"territory_name", OptionalJson(entry.territory_name)},
              {"detail", std::move(detail)},
              {"hash", entry.hash}};
}

}  // namespace socius::auth
