// Desktop mode's virtual head and controller: mouse delta -> yaw/pitch, WASD/QE -> motion in the
// head's frame, cursor -> world ray, and the mouse selecting, grabbing and pushing a panel
// through the same Interaction the XR controllers use.
#include "app/desktop_input.h"

#include <gtest/gtest.h>

#include <cmath>

#include "app/interaction.h"
#include "app/virtual_head.h"

namespace wv::app {
namespace {

constexpr float kFov = 1.0471976f;  // 60°
const glm::vec2 kWindow{1280.0f, 720.0f};

glm::vec3 forward_of(const wv::Pose& pose) { return pose.orientation * glm::vec3(0, 0, -1); }

TEST(VirtualHead, MouseRightTurnsRightAndMouseDownLooksDown) {
  VirtualHead head;
  head.look({100.0f, 0.0f}, 0.01f);  // 1 rad to the right
  EXPECT_NEAR(head.yaw_rad, -1.0f, 1e-6f);
  const glm::vec3 f = forward_of(head.pose());
  EXPECT_NEAR(f.x, std::sin(1.0f), 1e-5f);  // looking right of -Z means +X
  EXPECT_NEAR(f.z, -std::cos(1.0f), 1e-5f);
  head.look({0.0f, 50.0f}, 0.01f);  // 0.5 rad down
  EXPECT_NEAR(head.pitch_rad, -0.5f, 1e-6f);
  EXPECT_NEAR(forward_of(head.pose()).y, -std::sin(0.5f), 1e-5f);
}

TEST(VirtualHead, PitchStopsShortOfStraightUpAndDown) {
  VirtualHead head;
  head.look({0.0f, -100000.0f});
  EXPECT_FLOAT_EQ(head.pitch_rad, VirtualHead::kMaxPitch_rad);
  head.look({0.0f, 100000.0f});
  EXPECT_FLOAT_EQ(head.pitch_rad, -VirtualHead::kMaxPitch_rad);
}

TEST(VirtualHead, WalksInTheHeadsHorizontalFrame) {
  VirtualHead head;
  head.yaw_rad = 1.5707963f;  // facing -X (turned left)
  head.pitch_rad = -0.7f;     // looking down: forward still stays level
  head.walk({0.0f, 0.0f, 1.0f}, 2.0, 1.0f);  // W for 2 s at 1 m/s
  EXPECT_NEAR(head.position_m.x, -2.0f, 1e-5f);
  EXPECT_NEAR(head.position_m.y, 1.5f, 1e-5f);
  EXPECT_NEAR(head.position_m.z, 0.0f, 1e-5f);
  head.walk({1.0f, 1.0f, 0.0f}, 1.0, 1.0f);  // D and E: right of -X is -Z, and up
  EXPECT_NEAR(head.position_m.z, -1.0f, 1e-5f);
  EXPECT_NEAR(head.position_m.y, 2.5f, 1e-5f);
}

TEST(CursorRay, CenterLooksAheadAndCornersSpanTheFieldOfView) {
  const glm::vec3 center = cursor_direction_head(kWindow / 2.0f, kWindow, kFov);
  EXPECT_NEAR(glm::length(center - glm::vec3(0, 0, -1)), 0.0f, 1e-6f);
  // The top edge's middle: half the vertical field of view up.
  const glm::vec3 top = cursor_direction_head({640.0f, 0.0f}, kWindow, kFov);
  EXPECT_NEAR(std::atan2(top.y, -top.z), kFov / 2.0f, 1e-5f);
  // The right edge: the horizontal half-angle of a 16:9 view.
  const glm::vec3 right = cursor_direction_head({1280.0f, 360.0f}, kWindow, kFov);
  EXPECT_NEAR(right.x / -right.z, std::tan(kFov / 2.0f) * 16.0f / 9.0f, 1e-5f);
}

TEST(CursorRay, PointerFollowsTheHead) {
  VirtualHead head;
  head.yaw_rad = 1.5707963f;  // facing -X
  const wv::Pose pointer = cursor_pointer(head.pose(), kWindow / 2.0f, kWindow, kFov);
  EXPECT_EQ(pointer.position, head.position_m);
  const glm::vec3 d = forward_of(pointer);
  EXPECT_NEAR(d.x, -1.0f, 1e-5f);
  // A cursor left of center points further left: toward +Z when facing -X.
  EXPECT_GT(forward_of(cursor_pointer(head.pose(), {100.0f, 360.0f}, kWindow, kFov)).z, 0.1f);
}

// A panel 2 m ahead at eye height, and one to the right.
const PanelShape kPanels[] = {{{{0.0f, 1.5f, -2.0f}, glm::quat(1, 0, 0, 0)}, {1.0f, 0.6f}},
                              {{{1.5f, 1.5f, -2.0f}, glm::quat(1, 0, 0, 0)}, {1.0f, 0.6f}}};

TEST(DesktopControls, ALeftClickSelectsThePanelUnderTheCursor) {
  DesktopControls controls(VirtualHead{}, kFov);
  Interaction interaction;
  MouseKeyboard mouse;
  mouse.window_size = kWindow;
  // The right panel's center seen from the eye: x = 1.5 at 2 m.
  const float half_width = std::tan(kFov / 2.0f) * 16.0f / 9.0f;
  mouse.cursor = {640.0f * (1.0f + 0.75f / half_width), 360.0f};
  auto fx = interaction.update(controls.update(mouse, 0.016), kPanels, 0.016);
  EXPECT_EQ(fx.hovered[kRight], 1u);
  mouse.left_button = true;
  fx = interaction.update(controls.update(mouse, 0.016), kPanels, 0.016);
  EXPECT_EQ(fx.selected, 1u);
  EXPECT_TRUE(fx.moved.empty());  // a plain click does not grab
}

TEST(DesktopControls, ShiftDragMovesThePanelWithTheRayAndTheWheelPushesIt) {
  DesktopControls controls(VirtualHead{}, kFov);
  Interaction interaction;
  MouseKeyboard mouse;
  mouse.window_size = kWindow;
  mouse.cursor = kWindow / 2.0f;
  mouse.set(Key::Shift, true);
  mouse.left_button = true;
  auto fx = interaction.update(controls.update(mouse, 0.016), kPanels, 0.016);
  EXPECT_FALSE(fx.selected);  // Shift makes the press a grab
  mouse.set(Key::Shift, false);  // the press stays a grab until released
  mouse.cursor.x = 0.0f;         // drag to the left edge: the panel swings left around the eye
  fx = interaction.update(controls.update(mouse, 0.016), kPanels, 0.016);
  ASSERT_EQ(fx.moved.size(), 1u);
  EXPECT_EQ(fx.moved[0].first, 0u);
  const glm::vec3 moved = fx.moved[0].second.position;
  const float half_width = std::tan(kFov / 2.0f) * 16.0f / 9.0f;
  EXPECT_NEAR(std::atan2(-moved.x, -moved.z), std::atan(half_width), 1e-4f);
  EXPECT_NEAR(glm::length(moved - glm::vec3(0, 1.5f, 0)), 2.0f, 1e-4f);

  // One wheel notch away: kWheelNotch_s of full push, whatever the frame rate.
  mouse.wheel_notches = 1.0f;
  glm::vec3 pushed = moved;
  for (int frame = 0; frame < 20; ++frame) {
    fx = interaction.update(controls.update(mouse, 0.05), kPanels, 0.05);
    ASSERT_EQ(fx.moved.size(), 1u);
    pushed = fx.moved[0].second.position;
  }
  const float expected_m = 2.0f + Interaction::kPushSpeed_mps * float(DesktopControls::kWheelNotch_s);
  EXPECT_NEAR(glm::length(pushed - glm::vec3(0, 1.5f, 0)), expected_m, 1e-3f);

  mouse.left_button = false;  // released: the panel stays where it was left
  fx = interaction.update(controls.update(mouse, 0.016), kPanels, 0.016);
  EXPECT_TRUE(fx.moved.empty());
}

TEST(DesktopControls, RightButtonDragTurnsTheHead) {
  DesktopControls controls(VirtualHead{}, kFov);
  MouseKeyboard mouse;
  mouse.window_size = kWindow;
  mouse.cursor = {100.0f, 100.0f};
  controls.update(mouse, 0.016);
  mouse.right_button = true;
  controls.update(mouse, 0.016);  // the press itself turns nothing
  mouse.cursor = {150.0f, 100.0f};
  controls.update(mouse, 0.016);
  EXPECT_NEAR(controls.head().yaw_rad, -50.0f * VirtualHead::kRadiansPerPixel, 1e-6f);
  mouse.right_button = false;
  mouse.cursor = {500.0f, 100.0f};  // moving without the button only moves the pointer
  controls.update(mouse, 0.016);
  EXPECT_NEAR(controls.head().yaw_rad, -50.0f * VirtualHead::kRadiansPerPixel, 1e-6f);
}

TEST(DesktopControls, KeysWalk) {
  DesktopControls controls(VirtualHead{}, kFov);
  MouseKeyboard mouse;
  mouse.set(Key::W, true);
  mouse.set(Key::Q, true);
  controls.update(mouse, 1.0);
  EXPECT_NEAR(controls.head().position_m.z, -VirtualHead::kWalkSpeed_mps, 1e-5f);
  EXPECT_NEAR(controls.head().position_m.y, 1.5f - VirtualHead::kWalkSpeed_mps, 1e-5f);
  controls.reset_head();
  EXPECT_EQ(controls.head().position_m, glm::vec3(0.0f, 1.5f, 0.0f));
}

TEST(DesktopControls, WhileTypingKeysNeitherWalkNorPressTheMenu) {
  DesktopControls controls(VirtualHead{}, kFov);
  MouseKeyboard mouse;
  mouse.window_size = kWindow;
  mouse.set(Key::W, true);
  mouse.set(Key::Escape, true);
  const PointerInput typing = controls.update(mouse, 1.0, /*typing=*/true);
  EXPECT_EQ(controls.head().position_m, glm::vec3(0.0f, 1.5f, 0.0f));
  EXPECT_FALSE(typing.hands[kRight].menu);
  const PointerInput walking = controls.update(mouse, 1.0);
  EXPECT_NEAR(controls.head().position_m.z, -VirtualHead::kWalkSpeed_mps, 1e-5f);
  EXPECT_TRUE(walking.hands[kRight].menu);
}

}  // namespace
}  // namespace wv::app
