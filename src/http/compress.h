#pragma once

// gzip for the pages the server renders for phones on weak connections (the public services
// directory): a response is compressed when the client accepts gzip and the body is worth it.

#include "http/request.h"

namespace socius::http {

// Whether the request's Accept-Encoding allows gzip (and does not refuse it with q=0).
bool AcceptsGzip(const Request& request);

// `response` with its body gzip-compressed, Content-Encoding and Vary set, when the request
// accepts gzip and the body is longer than a packet; otherwise unchanged (Vary still set, so a
// cache keeps both forms apart).
Response GzipIfAccepted(const Request& request, Response response);

// The gzip form of `data` (RFC 1952), or nullopt if zlib fails.
std::optional<std::string> Gzip(std::string_view data);

}  // namespace socius::http
