// app/virtual_head.h — desktop mode's stand-ins for a headset: a head that the mouse turns and
// the keyboard walks, and the pointer ray from the eye through the mouse cursor. Pure math on
// wv::Pose (no GLFW, no Vulkan), so it is unit-tested directly.
//
//   wv::app::VirtualHead head{.position_m = {0, 1.5f, 0}};
//   head.look({dx_px, dy_px}, wv::app::VirtualHead::kRadiansPerPixel);  // right button held
//   head.walk({right, up, forward}, dt_s);                              // WASD, E/Q: -1..1
//   glm::mat4 T_view_world = glm::inverse(head.pose().matrix());
//   wv::Pose T_world_pointer = cursor_pointer(head.pose(), cursor_px, window_px, fov_y_rad);
//
// Conventions: wv/pose.h (meters, +Y up, the head looks along its -Z). Yaw turns about world +Y
// (positive: to the left, counter-clockwise seen from above), pitch about the head's +X
// (positive: up), never past straight up or down; there is no roll.
#pragma once

#include <glm/glm.hpp>

#include "wv/pose.h"

namespace wv::app {

struct VirtualHead {
  static constexpr float kRadiansPerPixel = 0.004f;   // about 0.23° per pixel of mouse motion
  static constexpr float kMaxPitch_rad = 1.5533f;     // 89°: the view never flips over
  static constexpr float kWalkSpeed_mps = 1.5f;       // an unhurried walk

  glm::vec3 position_m{0.0f, 1.5f, 0.0f};
  float yaw_rad = 0.0f;
  float pitch_rad = 0.0f;

  // Mouse look: moving the mouse right turns right, moving it down looks down (delta in pixels,
  // window coordinates: +x right, +y down).
  void look(glm::vec2 delta_px, float radians_per_px = kRadiansPerPixel);
  // Walks in the head's horizontal frame: x right, z forward (where the head faces, ignoring
  // pitch, so looking down does not sink into the floor), y straight up. Each axis -1..1.
  void walk(glm::vec3 right_up_forward, double dt_s, float speed_mps = kWalkSpeed_mps);
  wv::Pose pose() const;  // T_world_head
};

// The direction, in the head's frame, of the ray from the eye through the cursor of a window
// showing a perspective view with vertical field of view fov_y_rad (unit length; the window's
// center gives (0, 0, -1)). Cursor and window size in the same units (window coordinates).
glm::vec3 cursor_direction_head(glm::vec2 cursor, glm::vec2 window_size, float fov_y_rad);

// The pointer of desktop mode (app/pointer_input.h): at the eye, its -Z along the cursor ray,
// its +Y as close to the head's up as the ray allows.
wv::Pose cursor_pointer(const wv::Pose& T_world_head, glm::vec2 cursor, glm::vec2 window_size, float fov_y_rad);

}  // namespace wv::app
