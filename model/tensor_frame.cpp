#include "model/tensor_frame.h"

#include <ATen/ops/empty.h>

namespace wv::model {

wv::FramePtr to_frame(const at::Tensor& rgb, int64_t index, double pts_s) {
  const int32_t height = int32_t(rgb.size(1)), width = int32_t(rgb.size(2));
  const at::Tensor bytes = rgb.detach()
                               .to(at::kCPU, at::kFloat)
                               .nan_to_num(0.0, 1.0, 0.0)
                               .clamp(0.0, 1.0)
                               .mul(255.0)
                               .round()
                               .to(at::kByte)
                               .permute({1, 2, 0})
                               .contiguous();
  auto frame = wv::make_frame(width, height, index, pts_s);
  const uint8_t* src = bytes.data_ptr<uint8_t>();
  for (int32_t y = 0; y < height; ++y) {
    uint8_t* dst = frame->row(y);
    for (int32_t x = 0; x < width; ++x, src += 3, dst += 4) {
      dst[0] = src[0];
      dst[1] = src[1];
      dst[2] = src[2];
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
