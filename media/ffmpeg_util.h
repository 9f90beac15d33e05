// media/ffmpeg_util.h — internal: what every FFmpeg-using file in media/ needs. Not public.
#pragma once

#include <string>

namespace wv::media {

// FFmpeg's text for an AVERROR code, e.g. "No space left on device".
std::string av_error_text(int code);

// Routes FFmpeg's log (warnings and worse) into wv::log. Idempotent and thread-safe; called by
// every entry point that opens FFmpeg objects, so no caller has to remember it.
void install_ffmpeg_log();

}  // namespace wv::media
