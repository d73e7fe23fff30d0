#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "core/result.h"

namespace socius::http {

using Json = nlohmann::json;

// Decodes %XX escapes, and '+' as a space when `plus_is_space` (query strings). nullopt for a
// malformed escape. The result may be any bytes: check UTF-8 where it matters.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space);

// What a handler sees of one HTTP request. Built by the server, completed by the router
// (path parameters, principal). Not thread-safe; lives for one request.
struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw target with query string
  std::string path;    // decoded path without the query string
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::map<std::string, std::string> path_params;
  std::string body;
  std::string client_ip;
  std::string request_id;
  // The language of messages for this caller: Accept-Language, else the session user's,
  // else "en". One of ro, uk, mk, lt, ru, en.
  std::string language = "en";
  std::optional<auth::Principal> principal;  // set for authenticated routes

  // Sets `target`, and from it `path` and `query`, percent-decoded ('+' is a space in the
  // query). NotFound("request.not_found") when the path is not valid UTF-8 or holds a NUL;
  // InvalidArgument("request.invalid_query") with param `name` for a malformed query part.
  core::Status SetTarget(std::string_view raw_target);

  std::string Header(std::string_view name) const;  // "" when absent; name lower-case
  // The first value of a query parameter, already decoded; nullopt when absent.
  std::optional<std::string> QueryParam(std::string_view name) const;
  std::string PathParam(std::string_view name) const;

  // The body parsed as a JSON object. InvalidArgument "request.malformed_json",
  // "request.not_an_object", "request.too_deep" (more than 32 levels);
  // "request.unsupported_media_type" when Content-Type is not application/json.
  core::Result<Json> JsonBody() const;
  // The cookie's value (from the Cookie header, quotes removed), or "".
  std::string Cookie(std::string_view name) const;
};

// What a handler returns on success. Failures are a core::Status instead (see router.h).
struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  // Serialises `body`; invalid UTF-8 in strings is replaced, never thrown.
  static Response JsonBody(int status, const Json& body);
  static Response NoContent();  // 204, no content type, no body
  Response& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Adds `ETag: "<version>"`, the header every versioned record is sent with.
Response WithEtag(Response response, int64_t version);

// The details of request handling that every room's routes share (docs/api-contract.md).

// InvalidArgument("request.invalid_query", name) with param `name`: a query parameter that is
// malformed or out of range (400).
core::Status InvalidQuery(const std::string& name);

// The `limit` query parameter of a list: `default_limit` when absent;
// InvalidQuery("limit") unless a whole number in 1..max_limit.
core::Result<int> ListLimit(const Request& request, int default_limit = 50, int max_limit = 200);

// The version the If-Match header names: "3", "\"3\"" and W/"3" all name version 3.
// PreconditionFailed("request.if_match_required") (428) when the header is absent or is not a
// positive version in one of those forms.
core::Result<int64_t> RequiredIfMatch(const Request& request);

// Opaque list cursors: the raw keyset bytes in lower-case hex. DecodeHexCursor accepts any
// case, and returns nullopt for an empty or malformed cursor or one longer than
// `max_raw_bytes` once decoded; what the bytes mean is for the caller to check.
std::string EncodeHexCursor(std::string_view raw);
std::optional<std::string> DecodeHexCursor(std::string_view cursor, size_t max_raw_bytes);
// The keyset a list page resumes after: the `cursor` query parameter decoded, "" when absent;
// InvalidQuery("cursor") when it is malformed or longer than `max_raw_bytes` once decoded.
core::Result<std::string> ListAfter(const Request& request, size_t max_raw_bytes);
// A page's `next_cursor`: the keyset to resume after, encoded, or null on the last page.
Json NextCursorJson(const std::optional<std::string>& next);

// Strict field reading for request bodies: every handler names the fields it accepts, so
// unknown fields, wrong types and over-long strings get their own 4xx code.
class JsonFields {
 public:
  explicit JsonFields(const Json& object) : object_(object) {}
  // InvalidArgument("request.unknown_field", field) if a key is not in `allowed`.
  core::Status OnlyAllowed(std::initializer_list<std::string_view> allowed) const;
  // InvalidArgument("request.missing_field"/"request.wrong_type", field) (null counts as
  // missing); InvalidArgument("request.field_too_long", field, param `max`) beyond max_len
  // Unicode code points (400, as docs/api-contract.md says);
  // InvalidArgument("request.control_characters", field) for control characters other than
  // \n, \r and \t.
  core::Result<std::string> RequiredString(std::string_view field, size_t max_len = 200) const;
  core::Result<std::optional<std::string>> OptionalString(std::string_view field,
                                                          size_t max_len = 200) const;
  core::Result<std::optional<bool>> OptionalBool(std::string_view field) const;
  // A JSON integer that fits int64_t; 1.5, "1" and 2^63 are "request.wrong_type".
  core::Result<std::optional<int64_t>> OptionalInt(std::string_view field) const;
  bool Has(std::string_view field) const { return object_.contains(std::string(field)); }
  const Json& raw() const { return object_; }

 private:
  const Json& object_;
};

}  // namespace socius::http
