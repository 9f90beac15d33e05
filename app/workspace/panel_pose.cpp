#include "app/workspace/workspace.h"

#include <algorithm>
#include <cmath>

namespace wv::app {

wv::Pose PanelPose::to_pose() const {
  const glm::quat yaw = glm::angleAxis(glm::radians(yaw_deg), glm::vec3(0.0f, 1.0f, 0.0f));
  // Turning about +X by a positive angle tips the front face (+Z) down, so pitch up is negative.
  const glm::quat pitch = glm::angleAxis(glm::radians(-pitch_deg), glm::vec3(1.0f, 0.0f, 0.0f));
  return wv::Pose{position_m, yaw * pitch};
}

PanelPose PanelPose::from_pose(const wv::Pose& T_world_panel) {
  const glm::vec3 front = T_world_panel.orientation * glm::vec3(0.0f, 0.0f, 1.0f);
  return {.position_m = T_world_panel.position,
          .yaw_deg = glm::degrees(std::atan2(front.x, front.z)),
          .pitch_deg = glm::degrees(std::asin(std::clamp(front.y, -1.0f, 1.0f)))};
}

}  // namespace wv::app
