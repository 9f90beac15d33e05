// model/tensor_frame.h — model frames ([3, H, W] float, sRGB values in [0, 1]) to and from
// wv::Frame RGBA8 (alpha 255).
//
//   wv::FramePtr f = to_frame(out.frame[b], /*index=*/i, /*pts_s=*/i / fps);
//   at::Tensor start = from_frame(*image);   // [1, 3, H, W]
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

#include "wv/frame.h"

namespace wv::model {

// Values outside [0, 1] are clamped; NaN becomes 0. The tensor may live on any device.
wv::FramePtr to_frame(const at::Tensor& rgb, int64_t index, double pts_s);

// [1, 3, H, W] float in [0, 1]; alpha is ignored.
at::Tensor from_frame(const wv::Frame& frame);

}  // namespace wv::model
