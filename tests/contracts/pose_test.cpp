#include "wv/pose.h"

#include <gtest/gtest.h>

namespace {

void expect_near(glm::vec3 a, glm::vec3 b) {
  EXPECT_NEAR(a.x, b.x, 1e-5f);
  EXPECT_NEAR(a.y, b.y, 1e-5f);
  EXPECT_NEAR(a.z, b.z, 1e-5f);
}

TEST(Pose, MatrixMapsLocalToWorld) {
  wv::Pose p{{1.0f, 2.0f, 3.0f}, glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0))};
  const glm::mat4 T_world_local = p.matrix();
  // Local +X turns into world -Z after a 90° yaw to the left.
  expect_near(glm::vec3(T_world_local * glm::vec4(1, 0, 0, 1)), {1.0f, 2.0f, 2.0f});
}

TEST(Pose, LookAtPointsMinusZAtTarget) {
  const wv::Pose head = wv::look_at({0, 1.6f, 0}, {3, 1.6f, 0});
  expect_near(glm::vec3(head.matrix() * glm::vec4(0, 0, -1, 0)), {1, 0, 0});
}

TEST(Pose, FacingTurnsFrontTowardViewer) {
  const wv::Pose panel = wv::facing({0, 1.5f, -2}, {0, 1.5f, 0});
  expect_near(glm::vec3(panel.matrix() * glm::vec4(0, 0, 1, 0)), {0, 0, 1});
  const wv::Pose side = wv::facing({2, 1.5f, 0}, {0, 1.5f, 0});
  expect_near(glm::vec3(side.matrix() * glm::vec4(0, 0, 1, 0)), {-1, 0, 0});
}

}  // namespace
