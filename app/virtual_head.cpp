#include "app/virtual_head.h"

#include <algorithm>
#include <cmath>

namespace wv::app {

void VirtualHead::look(glm::vec2 delta_px, float radians_per_px) {
  yaw_rad -= delta_px.x * radians_per_px;
  pitch_rad = std::clamp(pitch_rad - delta_px.y * radians_per_px, -kMaxPitch_rad, kMaxPitch_rad);
}

void VirtualHead::walk(glm::vec3 right_up_forward, double dt_s, float speed_mps) {
  const glm::vec3 axes = glm::clamp(right_up_forward, glm::vec3(-1.0f), glm::vec3(1.0f));
  const glm::quat q_yaw = glm::angleAxis(yaw_rad, glm::vec3(0.0f, 1.0f, 0.0f));
  const glm::vec3 right = q_yaw * glm::vec3(1.0f, 0.0f, 0.0f);
  const glm::vec3 forward = q_yaw * glm::vec3(0.0f, 0.0f, -1.0f);
  position_m += float(dt_s) * speed_mps * (axes.x * right + axes.y * glm::vec3(0.0f, 1.0f, 0.0f) + axes.z * forward);
}

wv::Pose VirtualHead::pose() const {
  const glm::quat q_yaw = glm::angleAxis(yaw_rad, glm::vec3(0.0f, 1.0f, 0.0f));
  const glm::quat q_pitch = glm::angleAxis(pitch_rad, glm::vec3(1.0f, 0.0f, 0.0f));
  return wv::Pose{position_m, q_yaw * q_pitch};
}

glm::vec3 cursor_direction_head(glm::vec2 cursor, glm::vec2 window_size, float fov_y_rad) {
  const glm::vec2 size = glm::max(window_size, glm::vec2(1.0f));
  // Normalized device coordinates with +y up; the view's half-height at depth 1 is tan(fov/2).
  const float x = 2.0f * cursor.x / size.x - 1.0f;
  const float y = 1.0f - 2.0f * cursor.y / size.y;
  const float half_height = std::tan(0.5f * fov_y_rad);
  return glm::normalize(glm::vec3(x * half_height * size.x / size.y, y * half_height, -1.0f));
}

wv::Pose cursor_pointer(const wv::Pose& T_world_head, glm::vec2 cursor, glm::vec2 window_size, float fov_y_rad) {
  const glm::vec3 d = cursor_direction_head(cursor, window_size, fov_y_rad);
  // d.z < 0 always, so the ray is never parallel to the head's up: the look-at is well defined.
  const glm::quat T_head_pointer = glm::quatLookAtRH(d, glm::vec3(0.0f, 1.0f, 0.0f));
  return wv::Pose{T_world_head.position, glm::normalize(T_world_head.orientation * T_head_pointer)};
}

}  // namespace wv::app
