#pragma once
// Text placed in the server-rendered public pages (the services directory, the card check).

#include <string>
#include <string_view>

namespace socius::http {

// `text` for HTML content or a quoted attribute: the five characters that could open markup or
// leave an attribute escaped (& < > " ').
std::string Html(std::string_view text);

}  // namespace socius::http
