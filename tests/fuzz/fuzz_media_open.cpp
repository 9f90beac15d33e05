// Fuzzes opening a media file (video files are what users hand over): open, read a few frames,
// seek back and read again. Beyond "no crash": every refusal and every decoding error names the
// file, and every frame is as big as its size says, at most the reader's size limit.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "media/video_reader.h"

namespace {

// Bounds the work per input: a fuzzer wants many inputs a second, not whole films.
constexpr int kMaxFrames = 12;

void check_error(const std::string& message, const std::string& path) {
  if (message.rfind(path, 0) != 0) std::abort();
}

void check_frame(const wv::Frame& frame) {
  if (frame.width <= 0 || frame.height <= 0 || frame.width > 16384 || frame.height > 16384 ||
      frame.stride_bytes != frame.width * 4 || frame.pixels.size() < frame.byte_size()) {
    std::abort();
  }
}

// Reads up to kMaxFrames frames; false once the reader reported an error.
bool read_some(wv::media::VideoReader& reader, const std::string& path) {
  for (int i = 0; i < kMaxFrames; ++i) {
    wv::Result<wv::FramePtr> frame = reader.read_frame();
    if (!frame) {
      check_error(frame.error().message, path);
      return false;
    }
    if (!*frame) return true;
    check_frame(**frame);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("worldview-fuzz-media-" + std::to_string(getpid()) + ".bin")).string();
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return 0;
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  auto reader = wv::media::VideoReader::open(path);
  if (!reader) {
    check_error(reader.error().message, path);
  } else if (read_some(**reader, path)) {
    // Seeking reads the whole file's timestamps and decodes from a keyframe: its own paths.
    const wv::Status sought = (*reader)->seek_to_frame(0);
    if (!sought) {
      check_error(sought.error().message, path);
    } else {
      read_some(**reader, path);
      const wv::Status by_time = (*reader)->seek_to_time(0.5);
      if (!by_time) check_error(by_time.error().message, path);
      else read_some(**reader, path);
    }
  }
  std::remove(path.c_str());
  return 0;
}
