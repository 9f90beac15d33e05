#include "media/rgba_to_yuv.h"

#include <algorithm>

extern "C" {
#include <libswscale/swscale.h>
}

namespace wv::media {

SwsContext* make_rgba_to_yuv(int32_t src_width, int32_t src_height, int32_t dst_width, int32_t dst_height) {
  SwsContext* sws = sws_getContext(src_width, src_height, AV_PIX_FMT_RGBA, dst_width, dst_height,
                                   AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr);
  if (!sws) return nullptr;
  const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
  sws_setColorspaceDetails(sws, bt709, /*srcRange=*/1, bt709, /*dstRange=*/0, 0, 1 << 16, 1 << 16);
  return sws;
}

void pad_to(const Frame& frame, Frame* padded) {
  const size_t row_bytes = size_t(frame.width) * 4;
  for (int32_t y = 0; y < padded->height; ++y) {
    const uint8_t* src = frame.row(std::min(y, frame.height - 1));
    uint8_t* dst = padded->row(y);
    std::copy_n(src, row_bytes, dst);
    if (padded->width > frame.width) std::copy_n(src + row_bytes - 4, 4, dst + row_bytes);
  }
}

}  // namespace wv::media
