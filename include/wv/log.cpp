#include "wv/log.h"

#include <cstdio>
#include <mutex>

namespace wv {
namespace {
std::mutex g_mutex;
LogSink g_sink;

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warn: return "warning";
    case LogLevel::Error: return "error";
  }
  return "?";
}
}  // namespace

void set_log_sink(LogSink sink) {
  std::lock_guard lock(g_mutex);
  g_sink = std::move(sink);
}

void log(LogLevel level, std::string_view message) {
  std::lock_guard lock(g_mutex);
  if (g_sink) {
    g_sink(level, message);
  } else if (level >= LogLevel::Info) {
    std::fprintf(stderr, "worldview: %s: %.*s\n", level_name(level), int(message.size()),
                 message.data());
  }
}

}  // namespace wv
