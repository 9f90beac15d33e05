// wv/log.h — one logging entry point for every module.
//
//   wv::log_info("recorder: writing " + path);
//
// Modules log through these functions; the program installs a sink (app/ routes it to spdlog).
// Without a sink, messages at Info and above go to stderr. Thread-safe: the sink is called
// under a lock, so a sink need not be reentrant.
#pragma once

#include <functional>
#include <string_view>

namespace wv {

enum class LogLevel { Debug, Info, Warn, Error };

using LogSink = std::function<void(LogLevel, std::string_view message)>;

// Replaces the sink; pass nullptr to go back to stderr.
void set_log_sink(LogSink sink);
void log(LogLevel level, std::string_view message);

inline void log_debug(std::string_view m) { log(LogLevel::Debug, m); }
inline void log_info(std::string_view m) { log(LogLevel::Info, m); }
inline void log_warn(std::string_view m) { log(LogLevel::Warn, m); }
inline void log_error(std::string_view m) { log(LogLevel::Error, m); }

}  // namespace wv
