// The UI's input mapping: a ray hit on a UI surface becomes ImGui's mouse position (uv × pixels);
// the UI takes a pointer only when it is nearer than the panels behind; a press keeps its owner
// until release; a grab on the UI moves the UI rather than clicking it.
#include "app/ui_pointer.h"

#include <gtest/gtest.h>

#include <glm/gtc/quaternion.hpp>

namespace wv::app {
namespace {

// A 0.64 x 0.52 m UI surface of 640 x 520 pixels 1 m ahead, and a panel 2 m ahead behind it.
const PanelShape kUi{{{0.0f, 1.5f, -1.0f}, glm::quat(1, 0, 0, 0)}, {0.64f, 0.52f}};
const glm::ivec2 kUiPixels{640, 520};
const PanelShape kPanel{{{0.0f, 1.5f, -2.0f}, glm::quat(1, 0, 0, 0)}, {2.0f, 2.0f}};

PointerInput mouse_at(glm::vec3 origin, bool select = false, bool grab = false) {
  PointerInput input;
  input.hands[kRight] = {.active = true, .T_world_pointer = {origin, glm::quat(1, 0, 0, 0)}, .select = select, .grab = grab};
  return input;
}

UiRouting route(UiPointerRouter& router, const PointerInput& input) {
  return router.route(input, {&kUi, 1}, {&kUiPixels, 1}, {&kPanel, 1}, 1.0 / 60);
}

TEST(UiPixel, ScalesUvToTheSurfacesPixels) {
  EXPECT_EQ(ui_pixel({0.0f, 0.0f}, {640, 520}), glm::vec2(0.0f, 0.0f));
  EXPECT_EQ(ui_pixel({0.5f, 0.25f}, {640, 520}), glm::vec2(320.0f, 130.0f));
  EXPECT_EQ(ui_pixel({1.0f, 1.0f}, {640, 520}), glm::vec2(640.0f, 520.0f));
}

TEST(UiPointerRouter, ARayOnTheUiGivesImGuiTheHitPixelAndHidesTheHandFromTheScene) {
  UiPointerRouter router;
  // 0.16 m right of and 0.13 m above the surface's center: pixel (480, 130).
  const UiRouting r = route(router, mouse_at({0.16f, 1.63f, 0.0f}, /*select=*/true));
  ASSERT_TRUE(r.surface);
  EXPECT_EQ(*r.surface, 0u);
  EXPECT_NEAR(r.pointer.position_px.x, 480.0f, 0.01f);
  EXPECT_NEAR(r.pointer.position_px.y, 130.0f, 0.01f);
  EXPECT_TRUE(r.pointer.inside);
  EXPECT_TRUE(r.pointer.down);
  EXPECT_FALSE(r.scene.hands[kRight].active);
  EXPECT_EQ(r.ui_hovered[kRight], 0u);
  EXPECT_NEAR(r.ui_hit_distance_m[kRight], 1.0f, 1e-5f);
}

TEST(UiPointerRouter, ARayBesideTheUiGoesToTheScene) {
  UiPointerRouter router;
  const UiRouting r = route(router, mouse_at({0.5f, 1.5f, 0.0f}, true));  // past the UI's edge, on the panel
  EXPECT_FALSE(r.surface);
  EXPECT_TRUE(r.scene.hands[kRight].active);
  EXPECT_TRUE(r.scene.hands[kRight].select);
}

TEST(UiPointerRouter, APanelInFrontOfTheUiTakesTheRay) {
  const PanelShape nearer{{{0.0f, 1.5f, -0.5f}, glm::quat(1, 0, 0, 0)}, {1.0f, 1.0f}};
  UiPointerRouter router;
  const UiRouting r = router.route(mouse_at({0.0f, 1.5f, 0.0f}), {&kUi, 1}, {&kUiPixels, 1}, {&nearer, 1}, 0.016);
  EXPECT_FALSE(r.surface);
  EXPECT_TRUE(r.scene.hands[kRight].active);
}

TEST(UiPointerRouter, APressThatBeganOnTheUiStaysWithItOffTheEdgeAndThroughTheRelease) {
  UiPointerRouter router;
  route(router, mouse_at({0.0f, 1.5f, 0.0f}));
  route(router, mouse_at({0.0f, 1.5f, 0.0f}, true));  // press on the UI at its center
  // Dragged off the UI onto the panel: ImGui keeps the press at the last pixel on the UI.
  UiRouting r = route(router, mouse_at({0.5f, 1.5f, 0.0f}, true));
  ASSERT_TRUE(r.surface);
  EXPECT_TRUE(r.pointer.down);
  EXPECT_NEAR(r.pointer.position_px.x, 320.0f, 0.01f);
  EXPECT_FALSE(r.scene.hands[kRight].active);
  // The release still goes to the UI (ImGui sees the button come up) ...
  r = route(router, mouse_at({0.5f, 1.5f, 0.0f}));
  ASSERT_TRUE(r.surface);
  EXPECT_FALSE(r.pointer.down);
  // ... and after it the ray off the UI is the scene's again.
  r = route(router, mouse_at({0.5f, 1.5f, 0.0f}));
  EXPECT_FALSE(r.surface);
  EXPECT_TRUE(r.scene.hands[kRight].active);
}

TEST(UiPointerRouter, APressThatBeganOnThePanelStaysWithTheSceneAcrossTheUi) {
  UiPointerRouter router;
  route(router, mouse_at({0.5f, 1.5f, 0.0f}, true));
  const UiRouting r = route(router, mouse_at({0.0f, 1.5f, 0.0f}, true));  // now over the UI
  EXPECT_FALSE(r.surface);
  EXPECT_TRUE(r.scene.hands[kRight].active);
  EXPECT_TRUE(r.scene.hands[kRight].select);
}

TEST(UiPointerRouter, AGrabOnTheUiMovesItInsteadOfClicking) {
  UiPointerRouter router;
  const UiRouting r = route(router, mouse_at({0.0f, 1.5f, 0.0f}, false, /*grab=*/true));
  EXPECT_FALSE(r.surface);
  EXPECT_TRUE(r.ui_grab.hands[kRight].active);
  EXPECT_TRUE(r.ui_grab.hands[kRight].grab);
  EXPECT_FALSE(r.scene.hands[kRight].active);
}

TEST(UiPointerRouter, TheWheelScrollsLinesPerSecondOfStick) {
  UiPointerRouter router;
  PointerInput input = mouse_at({0.0f, 1.5f, 0.0f});
  input.hands[kRight].scroll.y = 1.0f;
  const UiRouting r = router.route(input, {&kUi, 1}, {&kUiPixels, 1}, {&kPanel, 1}, 0.1);
  EXPECT_NEAR(r.pointer.wheel, UiPointerRouter::kWheelLinesPerSecond * 0.1f, 1e-5f);
}

}  // namespace
}  // namespace wv::app
