// media/video_reader.h — decodes a video file, frame by frame, into RGBA8 wv::Frames.
//
//   wv::Result<std::unique_ptr<wv::media::VideoReader>> reader =
//       wv::media::VideoReader::open("rollout.mp4");
//   if (!reader) { wv::log_error(reader.error().message); return; }
//   const wv::media::VideoInfo& info = (*reader)->info();  // size, fps, duration, codec
//   for (;;) {
//     wv::Result<wv::FramePtr> frame = (*reader)->read_frame();
//     if (!frame) { wv::log_error(frame.error().message); break; }  // damaged file
//     if (!*frame) break;                                             // end of the video
//     show(*frame);
//   }
//
// The file is treated as hostile: a missing file, a directory, an empty file, a file that is not
// a video, an unsupported codec or an oversize picture is refused by open() with an Error naming
// the file and the reason. A truncated file decodes what is there, then ends or reports damage.
//
// Frames: tightly packed RGBA8 sRGB (alpha 255 unless the video has alpha), converted with
// libswscale using the matrix and range the file is tagged with (untagged: BT.709 from 720
// lines up, BT.601 below, limited range). index counts decoded frames from 0; pts_s is the
// frame's stream timestamp in seconds from the start of the stream.
//
// Threading: none inside. One VideoReader is used by one thread at a time; separate readers are
// independent.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "wv/frame.h"
#include "wv/result.h"

namespace wv::media {

struct VideoInfo {
  int32_t width = 0;  // picture size in pixels, as stored (an odd-sized recording is padded)
  int32_t height = 0;
  double fps = 0.0;          // average frame rate; 0 when the file does not say
  double duration_s = -1.0;  // -1 when unknown
  int64_t frame_count = -1;  // -1 when the container does not say
  std::string codec;         // FFmpeg's short codec name, e.g. "h264"
};

class VideoReader {
 public:
  // Opens the file and its best video stream, and prepares the decoder.
  static Result<std::unique_ptr<VideoReader>> open(const std::string& path);

  ~VideoReader();
  VideoReader(const VideoReader&) = delete;
  VideoReader& operator=(const VideoReader&) = delete;

  const VideoInfo& info() const;
  const std::string& path() const;

  // The next frame in presentation order; nullptr after the last one. An Error (naming the file,
  // the frame index and the reason) when the file is damaged; after an end or an error every
  // later call returns the same.
  Result<FramePtr> read_frame();

 private:
  struct Impl;
  explicit VideoReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wv::media
