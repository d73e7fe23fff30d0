#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "http/request.h"

namespace socius::http {

// The one mapping from a failure to HTTP: status code by kind, and an RFC 9457 body
//   {"type":"urn:socius:problem:<code>","title":..,"status":..,"detail":..,"code":..,
//    "field":..,"instance":..,"params":{..}}
// with title and detail translated into `language` from http/messages. "field" is omitted
// when the status names none, "params" when it has none. A param "retry_after" (seconds)
// also becomes the Retry-After header (429 lockouts). Content type application/problem+json.
// `http_status`, when not 0, overrides HttpStatusOf for the few statuses no kind names
// (405, 431).
Response ProblemResponse(const core::Status& status, const std::string& language,
                         const std::string& instance, int http_status = 0);
// kInvalidArgument 400, kUnauthenticated 401, kPermissionDenied 403, kNotFound 404,
// kConflict 409, kPreconditionFailed 428 for "request.if_match_required" else 412,
// kTooLarge 413, kResourceExhausted 429, kUnavailable 503, kInternal (and kOk) 500.
int HttpStatusOf(const core::Status& status);

// The translated message (the sentence, "detail") for `code` in `language` (falls back to
// English, then to the code), with {placeholders} filled from params. Thread-safe.
std::string Translate(const std::string& code, const std::string& language,
                      const std::map<std::string, std::string>& params = {});
// The same for the short title.
std::string TranslateTitle(const std::string& code, const std::string& language,
                           const std::map<std::string, std::string>& params = {});

// Picks one of ro, uk, mk, lt, ru, en from an Accept-Language header by q-value, matching
// on the primary subtag ("uk-UA" → uk, "ro-MD" and "mo" → ro); "en" by default.
std::string NegotiateLanguage(const std::string& accept_language);

}  // namespace socius::http
