#include "app/layout.h"

#include <gtest/gtest.h>

#include "app/camera_path.h"

namespace {

using wv::app::LayoutItem;
using wv::app::LayoutSpec;

std::vector<LayoutItem> panels(size_t n, glm::vec2 size = {1.0f, 0.75f}) {
  return std::vector<LayoutItem>(n, LayoutItem{size, std::nullopt});
}

glm::vec3 front(const wv::Pose& p) { return glm::vec3(p.matrix() * glm::vec4(0, 0, 1, 0)); }

TEST(Layout, ArcPutsPanelsAtTheRadiusFacingTheViewerLeftToRight) {
  const LayoutSpec layout;  // arc, radius 2.2 m, eyes at 1.5 m
  const auto poses = wv::app::layout_panels(layout, panels(4));
  ASSERT_EQ(poses.size(), 4u);
  for (size_t i = 0; i < poses.size(); ++i) {
    const glm::vec3 p = poses[i].position;
    EXPECT_NEAR(glm::length(glm::vec2(p.x, p.z)), layout.radius_m, 1e-4f);
    EXPECT_NEAR(p.y, layout.eye_height_m, 1e-5f);
    EXPECT_LT(p.z, 0.0f) << "in front of the viewer";
    const glm::vec3 to_viewer = glm::normalize(glm::vec3(-p.x, 0.0f, -p.z));
    EXPECT_NEAR(glm::dot(front(poses[i]), to_viewer), 1.0f, 1e-4f) << "panel " << i << " faces the viewer";
    if (i > 0) {
      EXPECT_GT(p.x, poses[i - 1].position.x) << "workspace order runs left to right";
    }
  }
  EXPECT_NEAR(poses[0].position.x, -poses[3].position.x, 1e-4f) << "centered straight ahead";
}

TEST(Layout, NeighboursKeepTheGap) {
  LayoutSpec layout;
  layout.gap_m = 0.3f;
  const auto poses = wv::app::layout_panels(layout, panels(2, {1.0f, 1.0f}));
  // Arc length between centers = half widths + gap.
  const float a0 = std::atan2(poses[0].position.x, -poses[0].position.z);
  const float a1 = std::atan2(poses[1].position.x, -poses[1].position.z);
  EXPECT_NEAR((a1 - a0) * layout.radius_m, 1.0f + 0.3f, 1e-4f);
}

TEST(Layout, FullRingContinuesOnAnotherRow) {
  const LayoutSpec layout;
  const auto poses = wv::app::layout_panels(layout, panels(20));
  int above = 0;
  for (const auto& p : poses) above += p.position.y > layout.eye_height_m + 0.1f;
  EXPECT_GT(above, 0) << "20 one-meter panels cannot fit one ring of radius 2.2 m";
  for (size_t i = 0; i < poses.size(); ++i) {
    for (size_t j = i + 1; j < poses.size(); ++j) {
      EXPECT_GT(glm::distance(poses[i].position, poses[j].position), 0.5f) << i << " overlaps " << j;
    }
  }
}

TEST(Layout, HandPlacedPanelsKeepTheirPose) {
  std::vector<LayoutItem> items = panels(3);
  const wv::Pose fixed{{5.0f, 2.0f, 1.0f}, glm::angleAxis(1.0f, glm::vec3(0, 1, 0))};
  items[1].fixed = fixed;
  const auto poses = wv::app::layout_panels(LayoutSpec{}, items);
  EXPECT_EQ(poses[1].position, fixed.position);
  EXPECT_EQ(poses[1].orientation, fixed.orientation);
  EXPECT_NEAR(poses[0].position.x, -poses[2].position.x, 1e-4f) << "the others are laid out as two";
}

TEST(Layout, GridIsAFlatWallAhead) {
  LayoutSpec layout;
  layout.kind = LayoutSpec::Kind::Grid;
  const auto poses = wv::app::layout_panels(layout, panels(4));
  for (const auto& p : poses) {
    EXPECT_NEAR(p.position.z, -layout.radius_m, 1e-5f);
    EXPECT_NEAR(front(p).z, 1.0f, 1e-5f);
  }
  EXPECT_NEAR(poses[0].position.y, poses[1].position.y, 1e-5f) << "2 x 2: first row";
  EXPECT_GT(poses[0].position.y, poses[2].position.y) << "second row below";
}

TEST(Layout, StackIsAColumnAheadCenteredAtEyeHeight) {
  LayoutSpec layout;
  layout.kind = LayoutSpec::Kind::Stack;
  const auto poses = wv::app::layout_panels(layout, panels(3));
  for (const auto& p : poses) {
    EXPECT_NEAR(p.position.x, 0.0f, 1e-5f);
    EXPECT_NEAR(p.position.z, -layout.radius_m, 1e-5f);
    EXPECT_NEAR(front(p).z, 1.0f, 1e-5f);
  }
  EXPECT_NEAR(poses[1].position.y, layout.eye_height_m, 1e-5f) << "the middle one of three";
  const float step = panels(3)[0].size_m.y + layout.gap_m;
  EXPECT_NEAR(poses[0].position.y - poses[1].position.y, step, 1e-5f) << "the first on top, a gap apart";
  EXPECT_NEAR(poses[1].position.y - poses[2].position.y, step, 1e-5f);
}

TEST(LookAround, StartsAheadAndTurnsBothWays) {
  const wv::app::LookAround path{.eye_height_m = 1.6f, .yaw_amplitude_rad = 0.5f, .period_s = 8.0f, .pitch_rad = 0.0f};
  const auto forward = [](const wv::Pose& p) { return glm::vec3(p.matrix() * glm::vec4(0, 0, -1, 0)); };
  EXPECT_NEAR(forward(path.pose_at(0.0)).z, -1.0f, 1e-5f);
  EXPECT_NEAR(path.pose_at(0.0).position.y, 1.6f, 1e-6f);
  EXPECT_GT(forward(path.pose_at(2.0)).x, 0.4f) << "a quarter period: looking right";
  EXPECT_LT(forward(path.pose_at(6.0)).x, -0.4f) << "three quarters: looking left";
}

}  // namespace
