// media/video_source.h — a video file or image sequence as a panel's wv::FrameSource, decoded on
// the source's own thread (media/video_reader.h) into its frame queue while the queue has room.
// Frames keep the file's timestamps (pts_s), so a panel plays the video at its own rate,
// variable frame rates included; speed, pause and synchronized groups are the panel clock's
// business (app/), which picks frames by time and seeks.
//
//   auto source = wv::media::open_video_source("clip.mp4", {.loop = true});
//   if (!source) { wv::log_error(source.error().message); return; }   // names the file and why
//   ... a panel plays *source like any other FrameSource ...
//   (*source)->seek_to_time(12.5);   // frame-accurate: the frame on screen at 12.5 s comes next
//
// Without loop it plays once to the end (then Ended, holding the last frame). With loop it starts
// over at the end and its timeline keeps running: pass k's frames carry pts_s + k × the video's
// length and index + k × its frame count, so a panel clock never jumps back. A damaged file ends
// with Failed and error() naming the file and frame; other panels are unaffected.
// Seeks are handed to the decoding thread: they return at once, queued frames are dropped, and
// the frames from the target on follow (also while paused, so a scrubbed panel shows its frame).
// Threading: pump() on one producer thread (it only reports; it never decodes); the rest from any
// thread (wv/frame_source.h). The destructor stops and joins the decoding thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "wv/frame_source.h"
#include "wv/result.h"

namespace wv::media {

inline constexpr size_t kVideoLookaheadFrames = 4;

struct VideoSourceParams {
  size_t queue_capacity = kVideoLookaheadFrames;
  bool loop = false;  // start over at the end, the timeline running on
  int decoder_threads = 1;  // as VideoReaderParams
};

Result<std::unique_ptr<wv::FrameSource>> open_video_source(const std::string& path,
                                                           const VideoSourceParams& params = {});

}  // namespace wv::media
