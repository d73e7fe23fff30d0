#pragma once

#include <string>

#include "core/status.h"
#include "http/request.h"

namespace socius::http {

// The one mapping from a failure to HTTP: status code by kind, and an RFC 9457 body
//   {"type":"urn:socius:problem:<code>","title":..,"status":..,"detail":..,"code":..,
//    "field":..,"instance":..}
// with title and detail translated into `language` from http/messages.
Response ProblemResponse(const core::Status& status, const std::string& language,
                         const std::string& instance);
int HttpStatusOf(const core::Status& status);

// The translated message for `code` in `language` (falls back to English, then to the code),
// with {placeholders} filled from params.
std::string Translate(const std::string& code, const std::string& language,
                      const std::map<std::string, std::string>& params = {});

// Picks one of ro, uk, mk, lt, ru, en from an Accept-Language header; "en" by default.
std::string NegotiateLanguage(const std::string& accept_language);

}  // namespace socius::http
