// wv/pose.h — rigid poses and the project's frame-of-reference conventions.
//
//   wv::Pose panel{ {0.f, 1.6f, -2.5f}, glm::quat(1, 0, 0, 0) };
//   glm::mat4 T_world_panel = panel.matrix();   // maps panel coordinates to world coordinates
//   glm::mat4 T_view_world  = glm::inverse(head.matrix());
//
// Conventions (the same as OpenXR): right-handed, meters, +Y up, a viewer looks along -Z.
// A transform named T_a_b maps coordinates expressed in frame b into frame a, so
// T_a_c = T_a_b * T_b_c reads left to right. A panel's local frame has +X to its right, +Y up,
// and its front face looks along +Z; its center is the origin.
#pragma once

#include <cmath>

#include <glm/glm.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

namespace wv {

struct Pose {
  glm::vec3 position{0.0f};
  glm::quat orientation{1.0f, 0.0f, 0.0f, 0.0f};  // w, x, y, z

  glm::mat4 matrix() const {
    glm::mat4 m = glm::mat4_cast(orientation);
    m[3] = glm::vec4(position, 1.0f);
    return m;
  }
};

// The pose at `position` whose -Z axis looks at `target` (a head or camera looking at something).
inline Pose look_at(glm::vec3 position, glm::vec3 target, glm::vec3 up = {0.0f, 1.0f, 0.0f}) {
  const glm::mat4 T_view_world = glm::lookAtRH(position, target, up);
  Pose pose;
  pose.position = position;
  pose.orientation = glm::quat_cast(glm::inverse(glm::mat3(T_view_world)));
  return pose;
}

// The pose at `position` whose front face (+Z) looks at `viewer`, kept upright (yaw only), as
// panels face the person standing among them.
inline Pose facing(glm::vec3 position, glm::vec3 viewer) {
  const glm::vec3 to_viewer = viewer - position;
  const float yaw = std::atan2(to_viewer.x, to_viewer.z);
  return Pose{position, glm::angleAxis(yaw, glm::vec3(0.0f, 1.0f, 0.0f))};
}

}  // namespace wv
