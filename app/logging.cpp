#include "app/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "wv/log.h"

namespace wv::app {

Status init_logging(const std::string& level) {
  spdlog::level::level_enum threshold;
  if (level == "debug") threshold = spdlog::level::debug;
  else if (level == "info") threshold = spdlog::level::info;
  else if (level == "warning") threshold = spdlog::level::warn;
  else if (level == "error") threshold = spdlog::level::err;
  else return Error{"--log-level \"" + level + "\": expected debug, info, warning or error"};

  auto logger = spdlog::stderr_color_mt("worldview");
  logger->set_pattern("%^%l%$: %v");
  logger->set_level(threshold);
  spdlog::set_default_logger(logger);

  wv::set_log_sink([](LogLevel lvl, std::string_view message) {
    switch (lvl) {
      case LogLevel::Debug: spdlog::debug("{}", message); break;
      case LogLevel::Info: spdlog::info("{}", message); break;
      case LogLevel::Warn: spdlog::warn("{}", message); break;
      case LogLevel::Error: spdlog::error("{}", message); break;
    }
  });
  return {};
}

}  // namespace wv::app
