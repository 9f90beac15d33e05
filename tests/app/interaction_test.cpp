// Ray-panel intersection and the interaction rules: hover, select, grab (keeps the offset to
// the pointer), thumbstick scrub and speed.
#include "app/interaction.h"

#include <gtest/gtest.h>

#include <glm/gtc/quaternion.hpp>

namespace wv::app {
namespace {

const PanelShape kAhead{{{0.0f, 1.5f, -2.0f}, glm::quat(1, 0, 0, 0)}, {1.0f, 0.5f}};
const PanelShape kFarther{{{0.0f, 1.5f, -4.0f}, glm::quat(1, 0, 0, 0)}, {2.0f, 2.0f}};

wv::Pose pointer_at(glm::vec3 position, float yaw_rad = 0.0f) {
  return {position, glm::angleAxis(yaw_rad, glm::vec3(0, 1, 0))};
}

TEST(RayPanel, HitsTheFrontWithDistanceAndUv) {
  const auto hit = intersect_panel({0.25f, 1.6f, 0.0f}, {0, 0, -1}, kAhead);
  ASSERT_TRUE(hit);
  EXPECT_FLOAT_EQ(hit->distance_m, 2.0f);
  EXPECT_NEAR(hit->uv.x, 0.75f, 1e-6f);
  EXPECT_NEAR(hit->uv.y, 0.3f, 1e-6f);  // 0.1 m above center of a 0.5 m tall panel
}

TEST(RayPanel, MissesBesideBehindAndParallel) {
  EXPECT_FALSE(intersect_panel({0.6f, 1.5f, 0.0f}, {0, 0, -1}, kAhead));   // beside the edge
  EXPECT_FALSE(intersect_panel({0.0f, 1.5f, 0.0f}, {0, 0, 1}, kAhead));    // panel behind
  EXPECT_FALSE(intersect_panel({0.0f, 1.5f, 0.0f}, {1, 0, 0}, kAhead));    // parallel
}

TEST(RayPanel, HitsATurnedPanel) {
  // A panel 2 m to the right, turned to face the origin (its +Z toward -X).
  const PanelShape side{{{2.0f, 1.5f, 0.0f}, glm::angleAxis(glm::radians(-90.0f), glm::vec3(0, 1, 0))}, {1.0f, 1.0f}};
  const auto hit = intersect_panel({0.0f, 1.5f, 0.2f}, {1, 0, 0}, side);
  ASSERT_TRUE(hit);
  EXPECT_NEAR(hit->distance_m, 2.0f, 1e-5f);
  EXPECT_NEAR(hit->uv.x, 0.7f, 1e-5f);  // +z is the panel's right as it faces -X
}

TEST(RayPanel, PicksTheNearestPanel) {
  const PanelShape panels[] = {kFarther, kAhead};
  const auto hit = pick_panel({0.0f, 1.5f, 0.0f}, {0, 0, -1}, panels);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->panel, 1u);
}

TEST(Interaction, SelectOnAHoveredPanelSelectsItOnceWithAHapticTick) {
  Interaction interaction;
  const PanelShape panels[] = {kAhead};
  PointerInput input;
  input.hands[kRight] = {true, pointer_at({0.0f, 1.5f, 0.0f})};
  auto fx = interaction.update(input, panels, 0.01);
  EXPECT_EQ(fx.hovered[kRight], 0u);
  EXPECT_FLOAT_EQ(fx.hit_distance_m[kRight], 2.0f);  // where the pointer ray ends
  EXPECT_FALSE(fx.hovered[kLeft]);
  EXPECT_FALSE(fx.selected);
  input.hands[kRight].select = true;
  fx = interaction.update(input, panels, 0.01);
  EXPECT_EQ(fx.selected, 0u);
  EXPECT_TRUE(fx.haptic[kRight]);
  fx = interaction.update(input, panels, 0.01);  // still held: no new selection
  EXPECT_FALSE(fx.selected);
  EXPECT_EQ(interaction.selected(), 0u);
}

TEST(Interaction, GrabKeepsThePanelsOffsetToThePointer) {
  Interaction interaction;
  std::vector<PanelShape> panels{kAhead};
  PointerInput input;
  input.hands[kLeft] = {true, pointer_at({0.0f, 1.5f, 0.0f})};
  input.hands[kLeft].grab = true;
  auto fx = interaction.update(input, panels, 0.01);
  ASSERT_TRUE(fx.moved.empty());  // grabbing starts; nothing moved yet
  // Step right and turn 90 degrees left: the panel swings around with the hand.
  input.hands[kLeft].T_world_pointer = pointer_at({1.0f, 1.5f, 0.0f}, glm::radians(90.0f));
  fx = interaction.update(input, panels, 0.01);
  ASSERT_EQ(fx.moved.size(), 1u);
  const wv::Pose& moved = fx.moved[0].second;
  EXPECT_NEAR(moved.position.x, -1.0f, 1e-5f);  // 2 m along the new forward (-X) from x = 1
  EXPECT_NEAR(moved.position.z, 0.0f, 1e-5f);
  const glm::vec3 normal = moved.orientation * glm::vec3(0, 0, 1);
  EXPECT_NEAR(normal.x, 1.0f, 1e-5f);  // still faces the hand
  // Released: the panel stays where it was left.
  input.hands[kLeft].grab = false;
  fx = interaction.update(input, panels, 0.01);
  EXPECT_TRUE(fx.moved.empty());
}

TEST(Interaction, ThumbstickOnAHoveredPanelScrubsAndChangesSpeed) {
  Interaction interaction;
  const PanelShape panels[] = {kAhead};
  PointerInput input;
  input.hands[kRight] = {true, pointer_at({0.0f, 1.5f, 0.0f})};
  input.hands[kRight].scroll = {1.0f, 0.5f};
  const auto fx = interaction.update(input, panels, 0.5);
  ASSERT_EQ(fx.scrub_s.size(), 1u);
  EXPECT_DOUBLE_EQ(fx.scrub_s[0].second, 2.0);  // 4 s per second, for half a second
  ASSERT_EQ(fx.speed.size(), 1u);
  EXPECT_DOUBLE_EQ(fx.speed[0].second, 1.25);
  input.hands[kRight].scroll = {0.1f, -0.1f};  // inside the dead zone
  EXPECT_TRUE(interaction.update(input, panels, 0.5).scrub_s.empty());
}

}  // namespace
}  // namespace wv::app
