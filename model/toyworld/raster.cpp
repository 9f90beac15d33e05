#include "model/toyworld/raster.h"

#include <cmath>

namespace wv::toyworld {

namespace {

struct Rgbf {
  float r = 0, g = 0, b = 0;
};

Rgbf to_float(Rgb8 c) { return {float(c.r), float(c.g), float(c.b)}; }
Rgbf scale(Rgbf c, float k) { return {c.r * k, c.g * k, c.b * k}; }
Rgbf mix(Rgbf a, Rgbf b, float t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}
uint8_t to_byte(float v) { return uint8_t(v <= 0.f ? 0.f : (v >= 255.f ? 255.f : v + 0.5f)); }
float clamp01(float v) { return v < 0.f ? 0.f : (v > 1.f ? 1.f : v); }

// Blends `c` over the pixel with `coverage` in [0, 1].
void blend(uint8_t* px, Rgbf c, float coverage) {
  px[0] = to_byte(px[0] + (c.r - px[0]) * coverage);
  px[1] = to_byte(px[1] + (c.g - px[1]) * coverage);
  px[2] = to_byte(px[2] + (c.b - px[2]) * coverage);
}

// Room → pixel mapping. Pixel centers sit at half-integers; y flips (room y is up).
struct View {
  float px_per_x, px_per_y, px_per_unit, height_px;
  float to_px_x(double x) const { return float(x) * px_per_x; }
  float to_px_y(double y) const { return height_px - float(y) * px_per_y; }
};

// A gentle top-to-bottom light falloff keeps the room flat-looking but not dead; ±6% stays
// far from every object color.
void fill_background(const WorldState& world, Frame& out) {
  const Rgbf base = to_float(rgb(world.background));
  for (int32_t y = 0; y < out.height; ++y) {
    const float t = (float(y) + 0.5f) / float(out.height);
    const Rgbf c = scale(base, 1.06f - 0.12f * t);
    const uint8_t r = to_byte(c.r), g = to_byte(c.g), b = to_byte(c.b);
    uint8_t* row = out.row(y);
    for (int32_t x = 0; x < out.width; ++x) {
      row[4 * x + 0] = r;
      row[4 * x + 1] = g;
      row[4 * x + 2] = b;
      row[4 * x + 3] = 255;
    }
  }
}

// Pixel rows/columns a shape of pixel half-extents (hx, hy) around (cx, cy) touches.
struct Span {
  int32_t x0, x1, y0, y1;
};
Span span(const Frame& out, float cx, float cy, float hx, float hy) {
  auto clampi = [](float v, int32_t hi) {
    return v < 0.f ? 0 : (v > float(hi) ? hi : int32_t(v));
  };
  return {clampi(std::floor(cx - hx - 1.f), out.width), clampi(std::ceil(cx + hx + 1.f), out.width),
          clampi(std::floor(cy - hy - 1.f), out.height), clampi(std::ceil(cy + hy + 1.f), out.height)};
}

// A ball: flat color, a soft highlight up-left (at most 20% toward white, so the color stays
// recognizable), a slight darkening toward the rim. Edge coverage from the signed distance.
void draw_ball(const Body& b, const View& v, Frame& out) {
  const Rgbf base = to_float(rgb(b.color));
  const Rgbf white{255.f, 255.f, 255.f};
  const float cx = v.to_px_x(b.x), cy = v.to_px_y(b.y);
  const float rx = float(b.extent) * v.px_per_x, ry = float(b.extent) * v.px_per_y;
  const float r = float(b.extent) * v.px_per_unit;
  const float hx = cx - 0.35f * rx, hy = cy - 0.35f * ry;  // highlight center
  const Span s = span(out, cx, cy, rx, ry);
  for (int32_t y = s.y0; y < s.y1; ++y) {
    uint8_t* row = out.row(y);
    for (int32_t x = s.x0; x < s.x1; ++x) {
      // Normalized so that 1 is the rim, also when the axes are scaled differently.
      const float nx = (float(x) + 0.5f - cx) / rx, ny = (float(y) + 0.5f - cy) / ry;
      const float q = nx * nx + ny * ny;
      const float d = std::sqrt(q);
      const float coverage = clamp01((1.f - d) * r + 0.5f);
      if (coverage <= 0.f) continue;
      const float lx = (float(x) + 0.5f - hx) / rx, ly = (float(y) + 0.5f - hy) / ry;
      const float glow = clamp01(1.f - (lx * lx + ly * ly) / 0.36f);
      const Rgbf c = mix(scale(base, 1.f - 0.15f * q * q), white, 0.2f * glow * glow);
      blend(row + 4 * x, c, coverage);
    }
  }
}

// A box: flat color with a bevel, lighter along the top edge and darker along the bottom.
void draw_box(const Body& b, const View& v, Frame& out) {
  const Rgbf base = to_float(rgb(b.color));
  const Rgbf light = scale(base, 1.12f), dark = scale(base, 0.82f);
  const float cx = v.to_px_x(b.x), cy = v.to_px_y(b.y);
  const float hx = float(b.extent) * v.px_per_x, hy = float(b.extent) * v.px_per_y;
  const float bevel = 0.18f * hy;
  const Span s = span(out, cx, cy, hx, hy);
  for (int32_t y = s.y0; y < s.y1; ++y) {
    const float py = float(y) + 0.5f;
    const float cov_y = clamp01(hy - std::fabs(py - cy) + 0.5f);
    if (cov_y <= 0.f) continue;
    const float from_top = py - (cy - hy), from_bottom = (cy + hy) - py;
    Rgbf c = base;
    if (from_top < bevel) c = mix(light, base, clamp01(from_top / bevel));
    if (from_bottom < bevel) c = mix(dark, base, clamp01(from_bottom / bevel));
    uint8_t* row = out.row(y);
    for (int32_t x = s.x0; x < s.x1; ++x) {
      const float cov_x = clamp01(hx - std::fabs(float(x) + 0.5f - cx) + 0.5f);
      if (cov_x > 0.f) blend(row + 4 * x, c, cov_x * cov_y);
    }
  }
}

}  // namespace

void render_world(const WorldState& world, Frame& out) {
  WV_ASSERT(out.format == PixelFormat::Rgba8Srgb);
  WV_ASSERT(out.width > 0 && out.height > 0 && out.stride_bytes >= 4 * out.width);
  WV_ASSERT(out.pixels.size() >= out.byte_size());
  fill_background(world, out);
  View v;
  v.px_per_x = float(out.width / world.room_width);
  v.px_per_y = float(out.height / world.room_height);
  v.px_per_unit = v.px_per_x < v.px_per_y ? v.px_per_x : v.px_per_y;
  v.height_px = float(out.height);
  // Later objects are drawn over earlier ones (objects that appear come out in front).
  for (const Body& b : world.bodies) {
    if (b.shape == Shape::Ball) {
      draw_ball(b, v, out);
    } else {
      draw_box(b, v, out);
    }
  }
}

}  // namespace wv::toyworld
