// app/pointer_input.h — the one input abstraction interaction runs on: per hand a pointer ray
// and select / grab / scroll / menu. XR controllers feed it (xr_input.cpp), and so do desktop
// mode's mouse and keyboard (desktop_input.h: a ray from the eye through the cursor, the left
// button for select, Shift + left button for grab, the wheel for scroll).
//
//   wv::app::PointerInput input = read_controllers(...);
//   auto effects = interaction.update(input, panels, dt_s);
#pragma once

#include <array>

#include <glm/glm.hpp>

#include "wv/pose.h"

namespace wv::app {

struct PointerState {
  bool active = false;        // tracked (a controller in view) or present (a mouse)
  wv::Pose T_world_pointer;   // the ray starts at the position and points along local -Z
  bool select = false;        // trigger, left mouse button
  bool grab = false;          // grip, Shift + left mouse button
  glm::vec2 scroll{0.0f};     // thumbstick or wheel (as a stick, desktop_input.h), each axis -1..1
  bool menu = false;          // menu button, Escape
};

enum Hand : size_t { kLeft = 0, kRight = 1 };

struct PointerInput {
  std::array<PointerState, 2> hands;  // indexed by Hand; a mouse is the right hand
};

}  // namespace wv::app
