#include "model/toyworld/probe.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace wv::toyworld {
namespace {

// Squared RGB distances. Shading moves an object's pixels by a few percent and anti-aliasing
// blends them with the room; palette colors are ≥ 80 apart, so half of that still decides.
constexpr int kObjectMaxDist2 = 60 * 60;
constexpr int kRoomMaxDist2 = 40 * 40;
constexpr uint8_t kUnclassified = 0xff;
constexpr uint8_t kRoomBase = 0x80;  // labels kRoomBase + Background

int dist2(const uint8_t* px, Rgb8 c) {
  const int dr = px[0] - c.r, dg = px[1] - c.g, db = px[2] - c.b;
  return dr * dr + dg * dg + db * db;
}

uint8_t classify(const uint8_t* px) {
  int best = kObjectMaxDist2;
  uint8_t label = kUnclassified;
  for (int c = 0; c < kColorCount; ++c) {
    if (const int d = dist2(px, rgb(Color(c))); d < best) best = d, label = uint8_t(c);
  }
  if (label != kUnclassified) return label;
  best = kRoomMaxDist2;
  for (int b = 0; b < kBackgroundCount; ++b) {
    if (const int d = dist2(px, rgb(Background(b))); d < best) best = d, label = uint8_t(kRoomBase + b);
  }
  return label;
}

double luma(const uint8_t* px) { return 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2]; }
double square(double v) { return v * v; }

}  // namespace

int32_t min_object_area_px(int32_t width, int32_t height) {
  // The smallest object (a small ball, radius 0.06 of the room's short side) covers about 1.1 %
  // of a square frame.
  return std::max<int32_t>(4, int32_t(0.0028 * double(width) * double(height)));
}

FrameProbe probe_frame(const Frame& frame) {
  FrameProbe out;
  const int32_t w = frame.width, h = frame.height;
  if (w <= 0 || h <= 0) return out;
  const size_t n = size_t(w) * size_t(h);
  std::vector<uint8_t> labels(n);
  std::array<size_t, kBackgroundCount> room_votes{};
  size_t unclassified = 0;
  double gradient = 0.0;
  for (int32_t y = 0; y < h; ++y) {
    const uint8_t* row = frame.row(y);
    for (int32_t x = 0; x < w; ++x) {
      const uint8_t* px = row + 4 * x;
      const uint8_t label = classify(px);
      labels[size_t(y) * w + x] = label;
      if (label == kUnclassified) ++unclassified;
      else if (label >= kRoomBase) ++room_votes[label - kRoomBase];
      // Squared differences: blur keeps the sum of absolute ones (total variation) of an edge.
      if (x + 1 < w) gradient += square(luma(px) - luma(px + 4));
      if (y + 1 < h) gradient += square(luma(px) - luma(frame.row(y + 1) + 4 * x));
    }
  }
  out.unclassified_fraction = double(unclassified) / double(n);
  out.sharpness = std::sqrt(gradient / double(2 * n));
  const auto room = std::max_element(room_votes.begin(), room_votes.end());
  if (*room * 3 >= n) out.background = Background(room - room_votes.begin());

  // Connected regions of one object color (4-neighbours), by an explicit-stack flood fill.
  const int32_t min_area = min_object_area_px(w, h);
  std::vector<uint8_t> seen(n, 0);
  std::vector<size_t> stack;
  for (size_t start = 0; start < n; ++start) {
    if (seen[start] || labels[start] >= kColorCount) continue;
    const uint8_t color = labels[start];
    double sx = 0.0, sy = 0.0;
    int32_t area = 0;
    stack.assign(1, start);
    seen[start] = 1;
    while (!stack.empty()) {
      const size_t i = stack.back();
      stack.pop_back();
      const int32_t x = int32_t(i % size_t(w)), y = int32_t(i / size_t(w));
      sx += x + 0.5, sy += y + 0.5, ++area;
      const auto visit = [&](size_t j) {
        if (!seen[j] && labels[j] == color) seen[j] = 1, stack.push_back(j);
      };
      if (x > 0) visit(i - 1);
      if (x + 1 < w) visit(i + 1);
      if (y > 0) visit(i - size_t(w));
      if (y + 1 < h) visit(i + size_t(w));
    }
    if (area < min_area) continue;
    out.objects.push_back({.color = Color(color),
                           .x = sx / area / w,
                           .y = 1.0 - sy / area / h,
                           .area_px = area});
  }
  std::sort(out.objects.begin(), out.objects.end(),
            [](const SeenObject& a, const SeenObject& b) { return a.area_px > b.area_px; });
  return out;
}

}  // namespace wv::toyworld
