// The CPU ImGui pass: solid rectangles land on exactly the pixels whose centers they cover,
// translucent ones blend once (also where two triangles share an edge), clip rectangles clip,
// text draws glyph coverage from the font atlas, and an image (a thumbnail) lands texel by texel,
// tinted.
#include "renderer/ui_raster.h"

#include <gtest/gtest.h>

#include <functional>

#include <glm/glm.hpp>

namespace wv::renderer {
namespace {

constexpr int kSize = 32;
const std::array<uint8_t, 4> kBlack{0, 0, 0, 255};

// Runs one ImGui frame of background draw-list calls and rasterizes it.
class Raster : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kSize, kSize);
    io.DeltaTime = 1.0f / 60;
    unsigned char* pixels = nullptr;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &font_.width, &font_.height);
    font_.alpha = pixels;
    font_.id = reinterpret_cast<ImTextureID>(uintptr_t(7));
    io.Fonts->SetTexID(font_.id);
  }
  void TearDown() override { ImGui::DestroyContext(context_); }

  wv::Frame draw(const std::function<void(ImDrawList&)>& commands, std::span<const UiImage> images = {}) {
    ImGui::NewFrame();
    commands(*ImGui::GetBackgroundDrawList());
    ImGui::Render();
    auto frame = wv::make_frame(kSize, kSize, 0, 0.0);
    rasterize_ui(*ImGui::GetDrawData(), font_, kBlack, *frame, images);
    return *frame;
  }

  static glm::u8vec4 at(const wv::Frame& f, int x, int y) {
    const uint8_t* p = f.row(y) + 4 * x;
    return {p[0], p[1], p[2], p[3]};
  }

  ImGuiContext* context_ = nullptr;
  UiFontTexture font_;
};

TEST_F(Raster, AnOpaqueRectangleCoversExactlyItsPixels) {
  const wv::Frame f = draw([](ImDrawList& d) { d.AddRectFilled({4, 6}, {10, 9}, IM_COL32(200, 100, 50, 255)); });
  int covered = 0;
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x) {
      const bool inside = x >= 4 && x < 10 && y >= 6 && y < 9;
      const glm::u8vec4 p = at(f, x, y);
      if (inside) {
        EXPECT_EQ(p, glm::u8vec4(200, 100, 50, 255)) << x << "," << y;
        ++covered;
      } else {
        EXPECT_EQ(p, glm::u8vec4(0, 0, 0, 255)) << x << "," << y;
      }
    }
  EXPECT_EQ(covered, 6 * 3);
}

TEST_F(Raster, TranslucentTrianglesSharingAnEdgeBlendEachPixelOnce) {
  // A square as two triangles through its diagonal (not the quad fast path): every pixel of the
  // square, the diagonal's too, gets half of white over black. Without ImGui's anti-aliased
  // fringes, which overlap along shared edges on any backend.
  ImGui::GetStyle().AntiAliasedFill = false;
  const wv::Frame f = draw([](ImDrawList& d) {
    const ImU32 half_white = IM_COL32(255, 255, 255, 128);
    d.AddTriangleFilled({2, 2}, {18, 2}, {18, 18}, half_white);
    d.AddTriangleFilled({2, 2}, {18, 18}, {2, 18}, half_white);
  });
  for (int y = 2; y < 18; ++y)
    for (int x = 2; x < 18; ++x) EXPECT_EQ(at(f, x, y).r, 128) << x << "," << y;
  EXPECT_EQ(at(f, 1, 1).r, 0);
  EXPECT_EQ(at(f, 18, 18).r, 0);
}

TEST_F(Raster, TheClipRectangleClips) {
  const wv::Frame f = draw([](ImDrawList& d) {
    d.PushClipRect({0, 0}, {8, 8});
    d.AddRectFilled({0, 0}, {20, 20}, IM_COL32(255, 0, 0, 255));
    d.PopClipRect();
  });
  EXPECT_EQ(at(f, 7, 7).r, 255);
  EXPECT_EQ(at(f, 8, 7).r, 0);
  EXPECT_EQ(at(f, 7, 8).r, 0);
}

TEST_F(Raster, TextDrawsGlyphCoverage) {
  const wv::Frame f = draw([](ImDrawList& d) { d.AddText({2, 2}, IM_COL32(255, 255, 255, 255), "HI"); });
  int lit = 0;
  for (int y = 0; y < kSize; ++y)
    for (int x = 0; x < kSize; ++x) lit += at(f, x, y).g > 0;
  // Two glyphs of the 13 px default font: tens of pixels, not none and not the whole box.
  EXPECT_GT(lit, 20);
  EXPECT_LT(lit, 13 * 16);
  // "H" has a vertical bar at its left: a lit column right at the text's start.
  bool left_bar = false;
  for (int x = 2; x < 5; ++x) left_bar = left_bar || (at(f, x, 6).g == 255 && at(f, x, 10).g == 255);
  EXPECT_TRUE(left_bar);
}

TEST_F(Raster, AnImageLandsTexelByTexelTintedByItsColor) {
  // 2 x 2 texels: red, green / blue, white; drawn 8 x 8 pixels at (4, 4), so 4 x 4 per texel.
  auto image = wv::make_frame(2, 2, 0, 0.0);
  const uint8_t texels[4][4] = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 255, 255}};
  for (int i = 0; i < 4; ++i) std::copy(texels[i], texels[i] + 4, image->row(i / 2) + 4 * (i % 2));
  const auto id = reinterpret_cast<ImTextureID>(uintptr_t(8));
  const UiImage images[] = {{.id = id, .frame = image.get()}};
  const wv::Frame f = draw([&](ImDrawList& d) { d.AddImage(id, {4, 4}, {12, 12}); }, images);
  EXPECT_EQ(at(f, 4, 4), glm::u8vec4(255, 0, 0, 255));
  EXPECT_EQ(at(f, 7, 7), glm::u8vec4(255, 0, 0, 255));
  EXPECT_EQ(at(f, 8, 4), glm::u8vec4(0, 255, 0, 255));
  EXPECT_EQ(at(f, 4, 11), glm::u8vec4(0, 0, 255, 255));
  EXPECT_EQ(at(f, 11, 11), glm::u8vec4(255, 255, 255, 255));
  EXPECT_EQ(at(f, 12, 12), glm::u8vec4(0, 0, 0, 255));  // outside
  EXPECT_EQ(at(f, 3, 4), glm::u8vec4(0, 0, 0, 255));
  // Tinted half grey: white texels become half grey.
  const wv::Frame tinted =
      draw([&](ImDrawList& d) { d.AddImage(id, {4, 4}, {12, 12}, {0, 0}, {1, 1}, IM_COL32(128, 128, 128, 255)); }, images);
  EXPECT_EQ(at(tinted, 11, 11), glm::u8vec4(128, 128, 128, 255));
}

}  // namespace
}  // namespace wv::renderer
