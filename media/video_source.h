// media/video_source.h — a video file as a panel's wv::FrameSource: each pump() decodes the next
// frame (media/video_reader.h) into the source's frame queue while it has room, on the caller's
// producer thread (app/source_pump.h). Frames keep the file's timestamps (pts_s), so a panel
// plays the video at its own rate, variable frame rates included.
//
//   auto source = wv::media::open_video_source("clip.mp4");
//   if (!source) { wv::log_error(source.error().message); return; }   // names the file and why
//   ... a panel plays *source like any other FrameSource ...
//
// Plays once to the end (then Ended, holding the last frame); not seekable yet (seek() says
// so). A damaged file ends with Failed and error() naming the file and frame.
// Threading: pump() on one producer thread; the rest from any thread (wv/frame_source.h).
#pragma once

#include <memory>
#include <string>

#include "wv/frame_source.h"
#include "wv/result.h"

namespace wv::media {

inline constexpr size_t kVideoLookaheadFrames = 4;

Result<std::unique_ptr<wv::FrameSource>> open_video_source(const std::string& path,
                                                           size_t queue_capacity = kVideoLookaheadFrames);

}  // namespace wv::media
