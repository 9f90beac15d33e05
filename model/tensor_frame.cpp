#include "model/tensor_frame.h"

#include <ATen/ops/empty.h>

#include <algorithm>
#include <cmath>

namespace wv::model {

wv::FramePtr to_frame(const at::Tensor& rgb, int64_t index, double pts_s) {
  const int32_t height = int32_t(rgb.size(1)), width = int32_t(rgb.size(2));
  // One pass over the floats (a no-op copy when they already are contiguous CPU floats): a chain
  // of tensor ops here costs more than the conversion itself at panel sizes.
  const at::Tensor planes = rgb.detach().to(at::kCPU, at::kFloat).contiguous();
  const float* src = planes.data_ptr<float>();
  const size_t plane = size_t(width) * size_t(height);
  auto frame = wv::make_frame(width, height, index, pts_s);
  for (int32_t y = 0; y < height; ++y) {
    uint8_t* dst = frame->row(y);
    for (int32_t x = 0; x < width; ++x, dst += 4) {
      const size_t i = size_t(y) * size_t(width) + size_t(x);
      for (int c = 0; c < 3; ++c) {
        const float v = src[size_t(c) * plane + i];
        // NaN becomes 0; nearbyint rounds half to even, as at::round does.
        dst[c] = v > 0.0f ? uint8_t(std::nearbyint(std::min(v, 1.0f) * 255.0f)) : 0;
      }
      dst[3] = 255;
    }
  }
  return frame;
}

at::Tensor from_frame(const wv::Frame& frame) {
  at::Tensor hwc = at::empty({frame.height, frame.width, 3}, at::TensorOptions().dtype(at::kByte));
  uint8_t* dst = hwc.data_ptr<uint8_t>();
  for (int32_t y = 0; y < frame.height; ++y) {
    const uint8_t* src = frame.row(y);
    for (int32_t x = 0; x < frame.width; ++x, src += 4, dst += 3) {
      dst[0] = src[0];
      dst[1] = src[1];
      dst[2] = src[2];
    }
  }
  return hwc.permute({2, 0, 1}).unsqueeze(0).to(at::kFloat).div(255.0).contiguous();
}

}  // namespace wv::model
