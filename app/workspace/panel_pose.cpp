#include "app/workspace/workspace.h"

namespace wv::app {

wv::Pose PanelPose::to_pose() const {
  const glm::quat yaw = glm::angleAxis(glm::radians(yaw_deg), glm::vec3(0.0f, 1.0f, 0.0f));
  // Turning about +X by a positive angle tips the front face (+Z) down, so pitch up is negative.
  const glm::quat pitch = glm::angleAxis(glm::radians(-pitch_deg), glm::vec3(1.0f, 0.0f, 0.0f));
  return wv::Pose{position_m, yaw * pitch};
}

}  // namespace wv::app
