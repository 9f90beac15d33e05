// A UI surface end to end without a GPU: ImGui laid out on the surface, the pointer's pixel
// pressing a button, typed text reaching a text field, and frames drawn only when pixels change.
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

}  // namespace
}  // namespace wv::app
