#include <cmath>

#include "renderer/renderer.h"

namespace wv::renderer {

// Right-handed view (looking along -Z) to Vulkan clip space: x right, y down, depth 0 at near
// and 1 at far. Tangents as in OpenXR's XrFovf (left and down negative).
glm::mat4 perspective_vk_fov(float tan_left, float tan_right, float tan_down, float tan_up, float near_m,
                             float far_m) {
  const float width = tan_right - tan_left;
  const float height = tan_up - tan_down;
  glm::mat4 m(0.0f);  // m[column][row]
  m[0][0] = 2.0f / width;
  m[2][0] = (tan_right + tan_left) / width;
  m[1][1] = -2.0f / height;
  m[2][1] = -(tan_up + tan_down) / height;
  m[2][2] = far_m / (near_m - far_m);
  m[3][2] = -(far_m * near_m) / (far_m - near_m);
  m[2][3] = -1.0f;
  return m;
}

glm::mat4 perspective_vk(float vertical_fov_rad, float aspect, float near_m, float far_m) {
  const float t = std::tan(0.5f * vertical_fov_rad);
  return perspective_vk_fov(-t * aspect, t * aspect, -t, t, near_m, far_m);
}

}  // namespace wv::renderer
