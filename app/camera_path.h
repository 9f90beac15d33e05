// app/camera_path.h — the scripted head of headless mode: standing at the center, looking
// slowly left and right across the panels, as a person would on first putting the headset on.
//
//   wv::app::LookAround path{.eye_height_m = 1.5f, .yaw_amplitude_rad = 0.6f};
//   wv::Pose head = path.pose_at(t_s);        // T_world_head
//   glm::mat4 T_view_world = glm::inverse(head.matrix());
#pragma once

#include "wv/pose.h"

namespace wv::app {

struct LookAround {
  float eye_height_m = 1.5f;
  float yaw_amplitude_rad = 0.5f;  // how far left and right the head turns from straight ahead
  float period_s = 16.0f;          // one full left-right-left sweep
  float pitch_rad = -0.05f;        // a slight downward gaze, as people rest their eyes

  // Starts straight ahead and eases in and out of each turn (a sine), so motion is calm.
  wv::Pose pose_at(double t_s) const;
};

}  // namespace wv::app
