#include "app/panel_thumbnails.h"

#include <algorithm>
#include <cstdlib>

namespace wv::app {

FramePtr shrink_frame(const Frame& frame, int32_t width) {
  const int32_t w = std::clamp(width, 1, std::max(frame.width, 1));
  const int32_t h = std::max(1, int32_t(int64_t(frame.height) * w / std::max(frame.width, 1)));
  auto out = make_frame(w, h, frame.index, frame.pts_s);
  for (int32_t y = 0; y < h; ++y) {
    const int32_t y0 = y * frame.height / h, y1 = std::max(y0 + 1, (y + 1) * frame.height / h);
    for (int32_t x = 0; x < w; ++x) {
      const int32_t x0 = x * frame.width / w, x1 = std::max(x0 + 1, (x + 1) * frame.width / w);
      uint32_t sum[4] = {0, 0, 0, 0};
      for (int32_t sy = y0; sy < y1; ++sy) {
        const uint8_t* p = frame.pixels.data() + size_t(sy) * size_t(frame.stride_bytes) + 4 * size_t(x0);
        for (int32_t sx = x0; sx < x1; ++sx, p += 4)
          for (int c = 0; c < 4; ++c) sum[c] += p[c];
      }
      const uint32_t n = uint32_t((x1 - x0) * (y1 - y0));
      uint8_t* d = out->row(y) + 4 * x;
      for (int c = 0; c < 4; ++c) d[c] = uint8_t((sum[c] + n / 2) / n);
    }
  }
  return out;
}

void PanelThumbnails::add(size_t panel, const FramePtr& shown) {
  if (!shown) return;
  if (strips_.size() <= panel) strips_.resize(panel + 1);
  Strip& strip = strips_[panel];
  const int64_t frame = shown->index;
  // The nearest picture on either side: within the spacing, this frame adds nothing.
  const auto after = strip.by_frame.lower_bound(frame);
  if (after != strip.by_frame.end() && after->first - frame < strip.spacing) return;
  if (after != strip.by_frame.begin() && frame - std::prev(after)->first < strip.spacing) return;
  strip.by_frame.emplace(frame, shrink_frame(*shown, kWidth));
  if (strip.by_frame.size() < kMax) return;
  bool keep = true;
  for (auto it = strip.by_frame.begin(); it != strip.by_frame.end(); keep = !keep)
    it = keep ? std::next(it) : strip.by_frame.erase(it);
  strip.spacing *= 2;
}

FramePtr PanelThumbnails::nearest(size_t panel, int64_t frame) const {
  if (panel >= strips_.size() || strips_[panel].by_frame.empty()) return nullptr;
  const auto& pictures = strips_[panel].by_frame;
  const auto after = pictures.lower_bound(frame);
  if (after == pictures.end()) return std::prev(after)->second;
  if (after == pictures.begin()) return after->second;
  const auto before = std::prev(after);
  return frame - before->first <= after->first - frame ? before->second : after->second;
}

}  // namespace wv::app
