// media/rgba_to_yuv.h — internal: how the encoders (MP4 file, H.264 stream) turn RGBA frames
// into the YUV 4:2:0 pictures libx264 codes. Not public.
#pragma once

#include <cstdint>

#include "wv/frame.h"

struct SwsContext;

namespace wv::media {

// RGBA (full range, sRGB primaries = BT.709 primaries) to YUV 4:2:0 with BT.709 coefficients,
// limited range: the matrix and range the streams are tagged with. dst is the even coded size.
// nullptr if swscale refuses the sizes.
SwsContext* make_rgba_to_yuv(int32_t src_width, int32_t src_height, int32_t dst_width, int32_t dst_height);

// Copies an odd-sized frame into the even-sized padded frame, repeating its last column and
// row. Padding happens in RGBA because swscale computes the last chroma sample of an odd-width
// picture wrongly (FFmpeg 5.1).
void pad_to(const Frame& frame, Frame* padded);

}  // namespace wv::media
