#include "media/ffmpeg_util.h"

#include <cstdarg>
#include <mutex>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
}

#include "wv/log.h"

namespace wv::media {
namespace {

void log_callback(void* avcl, int level, const char* fmt, va_list args) {
  if (level > av_log_get_level()) return;
  // FFmpeg may emit a line in pieces; each piece becomes one message, which is rare for
  // warnings and still readable.
  char line[1024];
  int print_prefix = 1;
  av_log_format_line2(avcl, level, fmt, args, line, sizeof(line), &print_prefix);
  std::string_view text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (text.empty()) return;
  const LogLevel wv_level = level <= AV_LOG_ERROR ? LogLevel::Error : LogLevel::Warn;
  log(wv_level, std::string("ffmpeg: ").append(text));
}

}  // namespace

std::string av_error_text(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  if (av_strerror(code, text, sizeof(text)) < 0) return "error " + std::to_string(code);
  return text;
}

void install_ffmpeg_log() {
  static std::once_flag once;
  std::call_once(once, [] {
    av_log_set_level(AV_LOG_WARNING);
    av_log_set_callback(log_callback);
  });
}

}  // namespace wv::media
