// app/ui_pointer.h — who gets each pointer: the in-world UI or the panels of the scene. A ray
// that meets a UI surface before any panel acts on that UI: its hit point becomes ImGui's mouse
// position (the hit's uv × the surface's pixels), select its button, the stick or wheel its
// wheel. A grab (grip, Shift + left button) on a UI surface moves the surface as panels are moved
// (its own Interaction, app/interaction.h). Whoever a press began on keeps the pointer until it is
// released, so dragging a slider past the surface's edge or a panel across the UI behaves. XR
// controllers and the desktop mouse are routed alike (both are PointerInput).
//
//   wv::app::UiPointerRouter router;
//   wv::app::UiRouting r = router.route(input, ui_shapes, ui_sizes_px, scene_shapes, dt_s);
//   interaction.update(r.scene, player, dt_s, t_s);      // hands the UI holds are inactive there
//   ui_interaction.update(r.ui_grab, ui_shapes, dt_s);   // grabs of UI surfaces
//   if (r.surface) ... UiSurface::frame(dt_s, r.pointer, ...) for surface *r.surface ...
//
// Threading: the render thread. Pure logic: no ImGui, no GLFW, no OpenXR.
#pragma once

#include <array>
#include <optional>
#include <span>

#include "app/interaction.h"
#include "app/pointer_input.h"
#include "app/ui_surface.h"

namespace wv::app {

// Where a ray hit (uv: 0..1 from the surface's left and top) lands in its pixels.
glm::vec2 ui_pixel(glm::vec2 uv, glm::ivec2 size_px);

struct UiRouting {
  PointerInput scene;    // the input with the hands the UI holds made inactive
  PointerInput ui_grab;  // only the hands grabbing a UI surface (for the UI surfaces' Interaction)
  std::optional<size_t> surface;  // the UI surface the pointer acts on (ImGui's mouse); none: none
  UiPointer pointer;              // on that surface
  std::array<std::optional<size_t>, 2> ui_hovered;   // per hand: the UI surface its ray meets first
  std::array<float, 2> ui_hit_distance_m{0.0f, 0.0f};
};

class UiPointerRouter {
 public:
  // Wheel lines per second with the stick fully up (the desktop wheel is a stick, desktop_input.h).
  static constexpr float kWheelLinesPerSecond = 20.0f;

  UiRouting route(const PointerInput& input, std::span<const PanelShape> ui, std::span<const glm::ivec2> ui_size_px,
                  std::span<const PanelShape> scene, double dt_s);

 private:
  enum class Owner { None, Ui, UiGrab, Scene };
  std::array<Owner, 2> owner_{Owner::None, Owner::None};
  std::array<size_t, 2> owner_surface_{0, 0};
  std::array<glm::vec2, 2> last_px_{};
  std::array<bool, 2> was_pressed_{false, false};
};

}  // namespace wv::app
