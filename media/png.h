// media/png.h — PNG snapshots, written fast enough to take mid-session (libspng, light
// compression: a 2048² RGBA snapshot in well under the ~1 s the stb writer needs).
//
//   wv::Status s = wv::media::write_png("shot.png", frame);
//   wv::Result<wv::Frame> img = wv::media::read_png("golden.png");
//
// Both functions are thread-safe (no shared state). read_png treats the file as hostile:
// a damaged or oversize file gives an Error naming the file and the reason.
#pragma once

#include <string>

#include "wv/frame.h"
#include "wv/result.h"

namespace wv::media {

// Writes an RGBA8 frame as an 8-bit RGBA PNG (sRGB).
Status write_png(const std::string& path, const Frame& frame);

// Reads any PNG as tightly packed RGBA8 (index 0, pts 0). Images over 16384 pixels on a side
// are refused.
Result<Frame> read_png(const std::string& path);

}  // namespace wv::media
