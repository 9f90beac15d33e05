// app/review_frames.h — frames of a source picked by index, for exporting review notes that were
// not seen in this run (loaded from a workspace): rollouts replay deterministically from their
// first frame, videos and other seekable sources seek.
//
//   auto source = open_source(spec, "panel 2", rollouts);            // a fresh source
//   auto frames = wv::app::frames_at(**source, {7, 42}, "panel 2");  // Error names the panel
//
// Blocks until the frames are there (or the timeout passes). Threading: any thread that owns
// `source` (nothing else may pump it meanwhile).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "wv/frame_source.h"

namespace wv::app {

// `indices` ascending; the result has one frame per index, in order.
Result<std::vector<FramePtr>> frames_at(FrameSource& source, const std::vector<int64_t>& indices, const std::string& name,
                                        std::chrono::seconds timeout = std::chrono::seconds(120));

}  // namespace wv::app
