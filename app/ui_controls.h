// app/ui_controls.h — where the console's named controls are on its surface, recorded as it
// draws them, so a session script (app/session_input.h) can point a ray at "steer" the way a
// person points at the button they see.
//
//   ImGui::Button("Steer");
//   wv::app::mark_control(controls, "steer");   // the last item's rectangle, in surface pixels
//
// Threading: inside an ImGui frame.
#pragma once

#include <map>
#include <string>

#include <imgui.h>

#include <glm/glm.hpp>

namespace wv::app {

// Name -> rectangle (min x, min y, max x, max y) in the surface's pixels.
using UiControls = std::map<std::string, glm::vec4>;

inline void mark_control(UiControls* controls, const char* name) {
  if (!controls) return;
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  (*controls)[name] = {min.x, min.y, max.x, max.y};
}

}  // namespace wv::app
