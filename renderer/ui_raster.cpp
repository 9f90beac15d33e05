#include "renderer/ui_raster.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "wv/result.h"

namespace wv::renderer {
namespace {

struct Vertex {
  float x, y, u, v;
  float r, g, b, a;  // 0..255
};

// Pixel bounds, half-open.
struct Box {
  int x0, y0, x1, y1;
};

struct Target {
  wv::Frame& frame;
  const UiFontTexture& font;
};

// x / 255 rounded, for x in 0..255²: exact, and cheaper than a division.
inline uint32_t div255(uint32_t x) {
  x += 128;
  return (x + (x >> 8)) >> 8;
}

inline void blend(uint8_t* d, uint32_t r, uint32_t g, uint32_t b, uint32_t a) {
  if (a == 0) return;
  if (a == 255) {
    d[0] = uint8_t(r), d[1] = uint8_t(g), d[2] = uint8_t(b);
    return;
  }
  const uint32_t ia = 255 - a;
  d[0] = uint8_t(div255(r * a + d[0] * ia));
  d[1] = uint8_t(div255(g * a + d[1] * ia));
  d[2] = uint8_t(div255(b * a + d[2] * ia));
}

inline uint32_t texel(const UiFontTexture& font, float u, float v) {
  const int x = std::clamp(int(u * float(font.width)), 0, font.width - 1);
  const int y = std::clamp(int(v * float(font.height)), 0, font.height - 1);
  return font.alpha[size_t(y) * size_t(font.width) + size_t(x)];
}

// The first pixel whose center (p + 0.5) is at or after `edge`: covered spans are [first(a), first(b)).
inline int first_pixel(float edge) { return int(std::ceil(edge - 0.5f)); }

// A quad of two triangles (a, b, c) and (a, c, d) whose sides run along x and y with one color
// and a texture mapping that is linear in x and y (ImGui's PrimRect / PrimRectUV: backgrounds,
// frames, glyphs). False when the pair is anything else.
bool is_axis_quad(const Vertex& a, const Vertex& b, const Vertex& c, const Vertex& d) {
  const bool sides = (a.y == b.y && b.x == c.x && c.y == d.y && d.x == a.x && a.x != b.x && a.y != d.y);
  const bool mapping = (a.v == b.v && b.u == c.u && c.v == d.v && d.u == a.u);
  const bool one_color = (a.r == b.r && a.r == c.r && a.r == d.r && a.g == b.g && a.g == c.g && a.g == d.g &&
                          a.b == b.b && a.b == c.b && a.b == d.b && a.a == b.a && a.a == c.a && a.a == d.a);
  return sides && mapping && one_color;
}

void fill_quad(Target& t, const Box& clip, const Vertex& a, const Vertex& c) {
  const float left = std::min(a.x, c.x), right = std::max(a.x, c.x);
  const float top = std::min(a.y, c.y), bottom = std::max(a.y, c.y);
  const int x0 = std::max(clip.x0, first_pixel(left)), x1 = std::min(clip.x1, first_pixel(right));
  const int y0 = std::max(clip.y0, first_pixel(top)), y1 = std::min(clip.y1, first_pixel(bottom));
  if (x0 >= x1 || y0 >= y1) return;
  const uint32_t r = uint32_t(a.r), g = uint32_t(a.g), b = uint32_t(a.b), alpha = uint32_t(a.a);
  if (a.u == c.u && a.v == c.v) {  // one texel: a solid fill
    const uint32_t coverage = div255(alpha * texel(t.font, a.u, a.v));
    if (coverage == 255) {
      // Opaque (window backgrounds: most pixels): one row made, then copied.
      uint8_t* first = t.frame.row(y0);
      for (int x = x0; x < x1; ++x) blend(first + 4 * x, r, g, b, 255);
      for (int y = y0 + 1; y < y1; ++y) std::memcpy(t.frame.row(y) + 4 * x0, first + 4 * x0, size_t(x1 - x0) * 4);
      return;
    }
    for (int y = y0; y < y1; ++y) {
      uint8_t* row = t.frame.row(y);
      for (int x = x0; x < x1; ++x) blend(row + 4 * x, r, g, b, coverage);
    }
    return;
  }
  // u runs with x and v with y (the mapping check), from a's corner to c's.
  const float du_dx = (c.u - a.u) / (c.x - a.x), dv_dy = (c.v - a.v) / (c.y - a.y);
  for (int y = y0; y < y1; ++y) {
    uint8_t* row = t.frame.row(y);
    const float v = a.v + (float(y) + 0.5f - a.y) * dv_dy;
    for (int x = x0; x < x1; ++x) {
      const float u = a.u + (float(x) + 0.5f - a.x) * du_dx;
      blend(row + 4 * x, r, g, b, div255(alpha * texel(t.font, u, v)));
    }
  }
}

// An image quad (ImGui::Image): the image's texel, nearest, times the vertex color.
void fill_image_quad(Target& t, const Box& clip, const Vertex& a, const Vertex& c, const wv::Frame& image) {
  const int x0 = std::max(clip.x0, first_pixel(std::min(a.x, c.x))), x1 = std::min(clip.x1, first_pixel(std::max(a.x, c.x)));
  const int y0 = std::max(clip.y0, first_pixel(std::min(a.y, c.y))), y1 = std::min(clip.y1, first_pixel(std::max(a.y, c.y)));
  if (x0 >= x1 || y0 >= y1) return;
  const float du_dx = (c.u - a.u) / (c.x - a.x), dv_dy = (c.v - a.v) / (c.y - a.y);
  const uint32_t r = uint32_t(a.r), g = uint32_t(a.g), b = uint32_t(a.b), alpha = uint32_t(a.a);
  for (int y = y0; y < y1; ++y) {
    uint8_t* row = t.frame.row(y);
    const float v = a.v + (float(y) + 0.5f - a.y) * dv_dy;
    const int ty = std::clamp(int(v * float(image.height)), 0, image.height - 1);
    const uint8_t* texels = image.pixels.data() + size_t(ty) * size_t(image.stride_bytes);
    for (int x = x0; x < x1; ++x) {
      const float u = a.u + (float(x) + 0.5f - a.x) * du_dx;
      const uint8_t* p = texels + 4 * std::clamp(int(u * float(image.width)), 0, image.width - 1);
      blend(row + 4 * x, div255(r * p[0]), div255(g * p[1]), div255(b * p[2]), div255(alpha * p[3]));
    }
  }
}

// Twice the signed area of (a, b, p): > 0 when p is on the inner side of a -> b for triangles
// wound so that edge(a, b, c) > 0.
inline float edge(const Vertex& a, const Vertex& b, float px, float py) {
  return (b.x - a.x) * (py - a.y) - (b.y - a.y) * (px - a.x);
}

// A pixel center exactly on an edge belongs to the triangle for which this edge direction holds;
// the neighbour sharing the edge sees it reversed, for which it does not.
inline bool owns_edge(const Vertex& a, const Vertex& b) { return b.y > a.y || (b.y == a.y && b.x < a.x); }

void fill_triangle(Target& t, const Box& clip, const Vertex& v0, Vertex v1, Vertex v2) {
  float area = edge(v0, v1, v2.x, v2.y);
  if (area == 0.0f) return;
  if (area < 0.0f) std::swap(v1, v2), area = -area;
  const int x0 = std::max(clip.x0, first_pixel(std::min({v0.x, v1.x, v2.x})));
  const int x1 = std::min(clip.x1, first_pixel(std::max({v0.x, v1.x, v2.x})) + 1);
  const int y0 = std::max(clip.y0, first_pixel(std::min({v0.y, v1.y, v2.y})));
  const int y1 = std::min(clip.y1, first_pixel(std::max({v0.y, v1.y, v2.y})) + 1);
  if (x0 >= x1 || y0 >= y1) return;
  const bool own0 = owns_edge(v1, v2), own1 = owns_edge(v2, v0), own2 = owns_edge(v0, v1);
  const bool flat = v0.r == v1.r && v0.r == v2.r && v0.g == v1.g && v0.g == v2.g && v0.b == v1.b && v0.b == v2.b &&
                    v0.a == v1.a && v0.a == v2.a && v0.u == v1.u && v0.u == v2.u && v0.v == v1.v && v0.v == v2.v;
  const uint32_t flat_coverage = flat ? div255(uint32_t(v0.a) * texel(t.font, v0.u, v0.v)) : 0;
  const float inv_area = 1.0f / area;
  for (int y = y0; y < y1; ++y) {
    uint8_t* row = t.frame.row(y);
    const float py = float(y) + 0.5f;
    for (int x = x0; x < x1; ++x) {
      const float px = float(x) + 0.5f;
      // w0 weighs v0 (it is the edge opposite v0), and so on.
      const float w0 = edge(v1, v2, px, py), w1 = edge(v2, v0, px, py), w2 = edge(v0, v1, px, py);
      if (w0 < 0.0f || w1 < 0.0f || w2 < 0.0f) continue;
      if ((w0 == 0.0f && !own0) || (w1 == 0.0f && !own1) || (w2 == 0.0f && !own2)) continue;
      if (flat) {
        blend(row + 4 * x, uint32_t(v0.r), uint32_t(v0.g), uint32_t(v0.b), flat_coverage);
        continue;
      }
      const float l0 = w0 * inv_area, l1 = w1 * inv_area, l2 = 1.0f - l0 - l1;
      const auto mix = [&](float a, float b, float c) { return a * l0 + b * l1 + c * l2; };
      const float alpha = std::clamp(mix(v0.a, v1.a, v2.a), 0.0f, 255.0f);
      const uint32_t coverage = div255(uint32_t(alpha + 0.5f) * texel(t.font, mix(v0.u, v1.u, v2.u), mix(v0.v, v1.v, v2.v)));
      blend(row + 4 * x, uint32_t(std::clamp(mix(v0.r, v1.r, v2.r), 0.0f, 255.0f) + 0.5f),
            uint32_t(std::clamp(mix(v0.g, v1.g, v2.g), 0.0f, 255.0f) + 0.5f),
            uint32_t(std::clamp(mix(v0.b, v1.b, v2.b), 0.0f, 255.0f) + 0.5f), coverage);
    }
  }
}

Vertex to_pixels(const ImDrawVert& v, ImVec2 origin, ImVec2 scale) {
  return {(v.pos.x - origin.x) * scale.x,
          (v.pos.y - origin.y) * scale.y,
          v.uv.x,
          v.uv.y,
          float((v.col >> IM_COL32_R_SHIFT) & 0xFF),
          float((v.col >> IM_COL32_G_SHIFT) & 0xFF),
          float((v.col >> IM_COL32_B_SHIFT) & 0xFF),
          float((v.col >> IM_COL32_A_SHIFT) & 0xFF)};
}

// The image a command names; null: the font atlas.
const wv::Frame* image_of(const ImDrawCmd& cmd, const UiFontTexture& font, std::span<const UiImage> images) {
  if (cmd.TextureId == font.id) return nullptr;
  for (const UiImage& image : images)
    if (image.id == cmd.TextureId) return image.frame;
  WV_ASSERT(!"a UI draw command names a texture that is neither the font nor one of the images");
  return nullptr;
}

}  // namespace

void rasterize_ui(const ImDrawData& draw_data, const UiFontTexture& font, std::array<uint8_t, 4> clear, wv::Frame& out,
                  std::span<const UiImage> images) {
  WV_ASSERT(out.format == wv::PixelFormat::Rgba8Srgb && font.alpha && font.width > 0 && font.height > 0);
  if (out.height > 0) {
    for (int x = 0; x < out.width; ++x) std::memcpy(out.row(0) + 4 * x, clear.data(), 4);
    for (int y = 1; y < out.height; ++y) std::memcpy(out.row(y), out.row(0), size_t(out.width) * 4);
  }
  Target t{out, font};
  const ImVec2 origin = draw_data.DisplayPos, scale = draw_data.FramebufferScale;
  std::vector<Vertex> vertices;
  for (int l = 0; l < draw_data.CmdListsCount; ++l) {
    const ImDrawList& list = *draw_data.CmdLists[l];
    vertices.resize(size_t(list.VtxBuffer.Size));
    for (int i = 0; i < list.VtxBuffer.Size; ++i) vertices[size_t(i)] = to_pixels(list.VtxBuffer[i], origin, scale);
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      WV_ASSERT(cmd.UserCallback == nullptr);
      const wv::Frame* image = image_of(cmd, font, images);
      const Box clip{std::max(0, int(std::floor((cmd.ClipRect.x - origin.x) * scale.x))),
                     std::max(0, int(std::floor((cmd.ClipRect.y - origin.y) * scale.y))),
                     std::min(out.width, int(std::ceil((cmd.ClipRect.z - origin.x) * scale.x))),
                     std::min(out.height, int(std::ceil((cmd.ClipRect.w - origin.y) * scale.y)))};
      if (clip.x0 >= clip.x1 || clip.y0 >= clip.y1) continue;
      const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset;
      const Vertex* vtx = vertices.data() + cmd.VtxOffset;
      if (image) {
        for (unsigned i = 0; i + 5 < cmd.ElemCount; i += 6) {
          const Vertex &a = vtx[idx[i]], &b = vtx[idx[i + 1]], &c = vtx[idx[i + 2]], &d = vtx[idx[i + 5]];
          WV_ASSERT(is_axis_quad(a, b, c, d));
          fill_image_quad(t, clip, a, c, *image);
        }
        continue;
      }
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const Vertex &a = vtx[idx[i]], &b = vtx[idx[i + 1]], &c = vtx[idx[i + 2]];
        // ImGui's quads: (a, b, c) then (a, c, d).
        if (i + 5 < cmd.ElemCount && idx[i + 3] == idx[i] && idx[i + 4] == idx[i + 2]) {
          const Vertex& d = vtx[idx[i + 5]];
          if (is_axis_quad(a, b, c, d)) {
            fill_quad(t, clip, a, c);
            i += 3;
            continue;
          }
        }
        fill_triangle(t, clip, a, b, c);
      }
    }
  }
}

}  // namespace wv::renderer
