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

// The wire format of the auth room's records (docs/api-contract.md) and the request details
// its handlers share. Used by routes only.

// A User; `now_utc` decides "locked".
nlohmann::json UserJson(const User& user, const std::string& now_utc);
nlohmann::json AuditEntryJson(const AuditEntry& entry);

// `limit` query parameter: 1..200, 50 when absent; InvalidArgument("request.invalid_query").
core::Result<int> ParseLimit(const http::Request& request);
// InvalidArgument("request.invalid_query", name) with param name.
core::Status InvalidQuery(const std::string& name);
// The version an If-Match header names ("3", "\"3\"", W/"3");
// PreconditionFailed("request.if_match_required") when absent or malformed.
core::Result<int64_t> RequireIfMatch(const http::Request& request);
// Adds ETag: "<version>".
http::Response WithEtag(http::Response response, int64_t version);

}  // namespace socius::auth
