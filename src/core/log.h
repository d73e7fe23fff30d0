#pragma once

// The one logging entry point: spdlog to stderr. The HTTP access log is a separate logger
// ("access") that writes one JSON object per line to stdout, set up by http/.
#include <spdlog/spdlog.h>

#include <string>

namespace socius::core {

// Sets up the default logger at `level` ("info", "debug", ...). Call once at start-up.
void InitLogging(const std::string& level);

}  // namespace socius::core
