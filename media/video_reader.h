// media/video_reader.h — decodes a video file or an image sequence, frame by frame, into RGBA8
// wv::Frames, with frame-accurate seeking.
//
//   wv::Result<std::unique_ptr<wv::media::VideoReader>> reader =
//       wv::media::VideoReader::open("rollout.mp4");     // or "shots/frame_%04d.png"
//   if (!reader) { wv::log_error(reader.error().message); return; }
//   const wv::media::VideoInfo& info = (*reader)->info();  // size, fps, duration, codec
//   for (;;) {
//     wv::Result<wv::FramePtr> frame = (*reader)->read_frame();
//     if (!frame) { wv::log_error(frame.error().message); break; }  // damaged file
//     if (!*frame) break;                                             // end of the video
//     show(*frame);
//   }
//   if (wv::Status s = (*reader)->seek_to_frame(120); !s) ...          // next read: frame 120
//
// The file is treated as hostile: a missing file, a directory, an empty file, a file that is not
// a video, an unsupported codec or an oversize picture is refused by open() with an Error naming
// the file and the reason. A truncated file decodes what is there, then ends or reports damage.
//
// Image sequences: a path holding a printf-style number pattern (`frame_%04d.png`) that is not
// itself a file is opened with FFmpeg's image2 demuxer (numbering starting at 0 to 4, 25 fps).
//
// Frames: tightly packed RGBA8 sRGB (alpha 255 unless the video has alpha), converted with
// libswscale using the matrix and range the file is tagged with (untagged: BT.709 from 720
// lines up, BT.601 below, limited range), any bit depth (10-bit included), and turned upright
// when the file carries a display rotation of 90, 180 or 270 degrees. index counts frames in
// presentation order from 0; pts_s is the frame's own timestamp in seconds from the start of
// the stream (variable frame rates keep their timing).
//
// Frames come from a small pool: a frame is written again only once every FramePtr to it is
// gone, so a held frame never changes.
//
// Seeking: the first seek reads the file's packet timestamps once (no decoding) to map frame
// indices to timestamps; a seek then jumps to the keyframe before the target and decodes
// forward to it, so the frame after a seek is the same as the one a straight read gives.
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
  int32_t width = 0;  // picture size in pixels as displayed (after the rotation below)
  int32_t height = 0;
  double fps = 0.0;          // average frame rate; 0 when the file does not say
  double duration_s = -1.0;  // -1 when unknown
  int64_t frame_count = -1;  // -1 when the container does not say (exact once seek_to_* ran)
  std::string codec;         // FFmpeg's short codec name, e.g. "h264"
  int32_t rotation_deg = 0;  // clockwise turn applied to the stored picture: 0, 90, 180 or 270
};

struct VideoReaderParams {
  // FFmpeg's decoding threads: 1 keeps each panel's decoding on its own thread alone (many panels
  // share the cores); 0 lets FFmpeg use one per core, as the ffmpeg command line does.
  int decoder_threads = 1;
};

class VideoReader {
 public:
  // Opens the file (or image sequence) and its best video stream, and prepares the decoder.
  static Result<std::unique_ptr<VideoReader>> open(const std::string& path, const VideoReaderParams& params = {});

  ~VideoReader();
  VideoReader(const VideoReader&) = delete;
  VideoReader& operator=(const VideoReader&) = delete;

  const VideoInfo& info() const;
  const std::string& path() const;

  // The next frame in presentation order; nullptr after the last one. An Error (naming the file,
  // the frame index and the reason) when the file is damaged; after an end or an error every
  // later call returns the same (until a seek, after an end).
  Result<FramePtr> read_frame();

  // The next read_frame() returns frame `index` (0 to frame_count - 1). Fails, naming the file,
  // when out of range or when the file is damaged.
  Status seek_to_frame(int64_t index);
  // The next read_frame() returns the frame shown at `pts_s` (the last one starting at or
  // before it; the first frame for earlier times, the last for later ones).
  Status seek_to_time(double pts_s);

  // Frames read from now on carry index + index_offset and pts_s + pts_offset_s: a looping
  // player's later passes continue its timeline instead of starting it again.
  void set_timeline_offset(int64_t index_offset, double pts_offset_s);

 private:
  struct Impl;
  explicit VideoReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wv::media
