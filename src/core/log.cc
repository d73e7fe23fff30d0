#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>

namespace socius::core {

void InitLogging(const std::string& level) {
  auto logger = spdlog::get("socius");
  if (!logger) logger = spdlog::stderr_logger_mt("socius");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
}

}  // namespace socius::core
