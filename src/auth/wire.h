#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "auth/audit.h"
#include "auth/model.h"
#include "core/result.h"
#include "http/request.h"

namespace socius::auth {

// The wire format of the auth room's records (docs/api-contract.md). Used by routes only;
// the request details every room shares (limit, If-Match, ETag) are in http/request.h.

// A User; `now_utc` decides "locked".
nlohmann::json UserJson(const User& user, const std::string& now_utc);
nlohmann::json AuditEntryJson(const AuditEntry& entry);

}  // namespace socius::auth
