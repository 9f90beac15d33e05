// app/logging.h — routes every module's wv::log messages to spdlog on stderr, so stdout stays
// free for reports (`worldview info`) and scripts can separate the two.
#pragma once

#include <string>

#include "wv/result.h"

namespace wv::app {

// level: "debug", "info", "warning" or "error" (what is shown at least).
Status init_logging(const std::string& level);

}  // namespace wv::app
