// A UI surface end to end without a GPU: ImGui laid out on the surface, the pointer's pixel
// pressing a button, typed text reaching a text field, frames drawn only when pixels change, and
// pictures (ui_image) drawn where ImGui::Image puts them, a new picture redrawing the surface.
#include "app/ui_surface.h"

#include <gtest/gtest.h>

#include <imgui.h>
#include <imgui_stdlib.h>

namespace wv::app {
namespace {

constexpr glm::ivec2 kSize{200, 100};

struct Ui {
  int clicks = 0;
  std::string text;
  void build() {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(float(kSize.x), float(kSize.y)));
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
    // The button fills the top half (y 8..50 inside the padding), the field sits under it.
    if (ImGui::Button("press", ImVec2(-1.0f, 42.0f))) ++clicks;
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::InputText("##text", &text);
    ImGui::End();
  }
};

wv::FramePtr step(UiSurface& surface, Ui& ui, UiPointer pointer, UiKeyboard keys = {}) {
  return surface.frame(1.0 / 60, pointer, keys, [&] { ui.build(); });
}

TEST(UiSurface, APressAndReleaseAtTheButtonsPixelClicksIt) {
  UiSurface surface(kSize);
  Ui ui;
  const UiPointer at_button{.inside = true, .position_px = {100.0f, 25.0f}};
  step(surface, ui, at_button);
  step(surface, ui, {.inside = true, .position_px = {100.0f, 25.0f}, .down = true});
  step(surface, ui, at_button);
  EXPECT_EQ(ui.clicks, 1);
  // Below the button, the same press does nothing to it.
  const UiPointer below{.inside = true, .position_px = {100.0f, 90.0f}};
  step(surface, ui, below);
  step(surface, ui, {.inside = true, .position_px = {100.0f, 90.0f}, .down = true});
  step(surface, ui, below);
  EXPECT_EQ(ui.clicks, 1);
}

TEST(UiSurface, TypedTextReachesTheFieldThePointerActivated) {
  UiSurface surface(kSize);
  Ui ui;
  const glm::vec2 field{100.0f, 62.0f};
  step(surface, ui, {.inside = true, .position_px = field});
  step(surface, ui, {.inside = true, .position_px = field, .down = true});
  step(surface, ui, {.inside = true, .position_px = field});
  EXPECT_TRUE(surface.wants_text());
  UiKeyboard keys;
  keys.typed = "red ✓";
  step(surface, ui, {.inside = true, .position_px = field}, keys);
  step(surface, ui, {.inside = true, .position_px = field});
  EXPECT_EQ(ui.text, "red ✓");
  UiKeyboard backspace;
  backspace.held[size_t(UiKey::Backspace)] = true;
  step(surface, ui, {}, backspace);
  step(surface, ui, {});
  EXPECT_EQ(ui.text, "red ");
}

TEST(UiSurface, DrawsOnlyWhenThePixelsChange) {
  UiSurface surface(kSize);
  Ui ui;
  wv::FramePtr first = step(surface, ui, {});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->width, kSize.x);
  EXPECT_EQ(first->height, kSize.y);
  EXPECT_FALSE(step(surface, ui, {})) << "nothing changed: no new frame";
  // Hovering the button lights it up: a new frame, different from the first.
  wv::FramePtr hovered = step(surface, ui, {.inside = true, .position_px = {100.0f, 25.0f}});
  ASSERT_TRUE(hovered);
  EXPECT_NE(first->pixels, hovered->pixels);
  EXPECT_EQ(surface.frames_drawn(), 2u);
}

TEST(UiSurface, SurfacesKeepTheirOwnContexts) {
  UiSurface a(kSize), b(kSize);
  Ui ui_a, ui_b;
  const UiPointer at_button{.inside = true, .position_px = {100.0f, 25.0f}};
  step(a, ui_a, at_button);
  step(b, ui_b, {});
  step(a, ui_a, {.inside = true, .position_px = {100.0f, 25.0f}, .down = true});
  step(b, ui_b, {});
  step(a, ui_a, at_button);
  step(b, ui_b, {});
  EXPECT_EQ(ui_a.clicks, 1);
  EXPECT_EQ(ui_b.clicks, 0);
}

wv::FramePtr solid(uint8_t r, uint8_t g, uint8_t b, int64_t index) {
  auto frame = wv::make_frame(4, 4, index, 0.0);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x) {
      uint8_t* p = frame->row(y) + 4 * x;
      p[0] = r, p[1] = g, p[2] = b, p[3] = 255;
    }
  return frame;
}

TEST(UiSurface, APictureShowsWhereImageDrawsItAndANewOneRedraws) {
  UiSurface surface(kSize);
  wv::FramePtr picture = solid(250, 10, 10, 0);
  const auto build = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(float(kSize.x), float(kSize.y)));
    ImGui::Begin("pictures", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize);
    ImGui::Image(ui_image(picture), ImVec2(40, 30));  // at the window padding: (8, 8) to (48, 38)
    ImGui::End();
  };
  wv::FramePtr first = surface.frame(1.0 / 60, {}, {}, build);
  ASSERT_TRUE(first);
  const uint8_t* inside = first->row(20) + 4 * 20;
  EXPECT_EQ(inside[0], 250);
  EXPECT_EQ(inside[1], 10);
  const uint8_t* outside = first->row(20) + 4 * 60;
  EXPECT_LT(outside[0], 100);
  EXPECT_FALSE(surface.frame(1.0 / 60, {}, {}, build)) << "the same picture: nothing to draw";
  picture = solid(10, 10, 250, 1);  // same place, same draw lists: only the picture changed
  wv::FramePtr second = surface.frame(1.0 / 60, {}, {}, build);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->row(20)[4 * 20 + 2], 250);
}

}  // namespace
}  // namespace wv::app
