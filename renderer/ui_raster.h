// renderer/ui_raster.h — the ImGui pass, on the CPU: one frame of ImGui draw lists rasterized
// into an RGBA8 wv::Frame, which a panel then shows like any other texture (update_texture). The
// UI is part of the scene this way (a panel the pointer rays hit), the same in every mode, and
// its pixels are deterministic: no GPU, no driver, no second render pass to synchronize.
//
//   wv::renderer::UiFontTexture font{.alpha = pixels, .width = w, .height = h, .id = io.Fonts->TexID};
//   auto frame = wv::make_frame(int32_t(io.DisplaySize.x), int32_t(io.DisplaySize.y), 0, 0.0);
//   wv::renderer::rasterize_ui(*ImGui::GetDrawData(), font, {24, 24, 28, 255}, *frame);
//
// What it draws: ImGui's triangles with per-vertex colors, sampled from the font atlas (nearest:
// the UI is drawn at 1 atlas texel per pixel), blended as ImGui's own backends do (straight
// alpha, SRC_ALPHA / ONE_MINUS_SRC_ALPHA, on sRGB-encoded values), clipped by each command's
// clip rectangle. Pixels are covered by the triangles whose interior holds the pixel's center,
// with a tie rule so two triangles sharing an edge never both cover a pixel (no seams or double
// blending). Axis-aligned quads (backgrounds, frames, glyphs: most of the pixels) take a fast
// path. Besides the font atlas, commands may name RGBA images (UiImage: thumbnails drawn with
// ImGui::Image), sampled nearest and tinted by the vertex color; images are drawn as axis-aligned
// quads only (ImGui::Image, AddImage). A command naming any other texture, or an image drawn
// with another shape, is a programmer error (asserted).
//
// Threading: a pure function; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include <imgui.h>

#include "wv/frame.h"

namespace wv::renderer {

struct UiFontTexture {
  const uint8_t* alpha = nullptr;  // width x height coverage bytes (ImFontAtlas::GetTexDataAsAlpha8)
  int width = 0;
  int height = 0;
  ImTextureID id = nullptr;  // the atlas's TexID, which every draw command must name
};

// An RGBA8 image the UI shows (ImGui::Image(id, ...)); the caller keeps the frame alive.
struct UiImage {
  ImTextureID id = nullptr;
  const wv::Frame* frame = nullptr;
};

// Clears `out` to `clear` (RGBA, sRGB-encoded) and draws `draw_data` into it. `out` is RGBA8 and
// the size of the display the UI was laid out for (DisplaySize × FramebufferScale, at
// DisplayPos); anything outside is clipped. `images`: the textures besides the font.
void rasterize_ui(const ImDrawData& draw_data, const UiFontTexture& font, std::array<uint8_t, 4> clear, wv::Frame& out,
                  std::span<const UiImage> images = {});

}  // namespace wv::renderer
