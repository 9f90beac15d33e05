#include "app/camera_path.h"

#include <cmath>
#include <numbers>

namespace wv::app {

wv::Pose LookAround::pose_at(double t_s) const {
  const float yaw = yaw_amplitude_rad * float(std::sin(2.0 * std::numbers::pi * t_s / period_s));
  const glm::quat q_yaw = glm::angleAxis(-yaw, glm::vec3(0.0f, 1.0f, 0.0f));  // positive yaw: right
  const glm::quat q_pitch = glm::angleAxis(pitch_rad, glm::vec3(1.0f, 0.0f, 0.0f));
  return wv::Pose{{0.0f, eye_height_m, 0.0f}, q_yaw * q_pitch};
}

}  // namespace wv::app
