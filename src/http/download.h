#pragma once

// A file the browser saves rather than shows: a payment list, a card, a report.

#include <string>

#include "http/request.h"

namespace socius::http {

// 200 with `bytes` of `content_type`, saved as `file_name` (letters, digits, '.', '-' and
// '_' only: it goes into the header as it is), never kept by a cache (it holds personal data
// or a moment's figures).
Response Download(std::string content_type, const std::string& file_name, std::string bytes);

}  // namespace socius::http
