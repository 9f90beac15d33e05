// app/ui_layer.h — a run's in-world UI: the console (app/ui_console.h) on a UI surface
// (app/ui_surface.h) shown as a panel of the scene, below and in front of the viewer and tilted
// toward the eyes. Pointers reach it before the panels behind it (app/ui_pointer.h); a grab moves
// it like any panel. Desktop and XR mode run it alike; only the keyboard differs (physical keys on
// the desktop, the console's virtual keyboard in the headset).
//
//   wv::app::UiLayer ui(renderer, control, wv::app::console_pose(eye_height_m));
//   PointerInput scene = ui.update(input, keys, panel_shapes(player), selected_last_frame, dt_s, t_s);
//   selected_last_frame = interaction.update(scene, player, dt_s, t_s).selected;
//   renderer.render(target, views, ui.draws(player.draws()), env);
//
// Threading: the render thread; the renderer and the actions (app/panel_actions.h) outlive the layer.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "app/interaction.h"
#include "app/panel_actions.h"
#include "app/ui_console.h"
#include "app/ui_pointer.h"
#include "app/ui_surface.h"
#include "renderer/renderer.h"

namespace wv::app {

// The console's size: 1 mm per pixel, readable at arm's length in a headset.
inline constexpr glm::ivec2 kConsolePixels{640, 520};
inline constexpr glm::vec2 kConsoleSize_m{0.64f, 0.52f};

// Where the console starts: 1 m ahead and 0.42 m below the eyes of a viewer at the origin looking
// along -Z, its face turned up toward the eyes (under the panels, which stand at about 2 m).
wv::Pose console_pose(float eye_height_m);

class UiLayer {
 public:
  UiLayer(renderer::Renderer& renderer, PanelActions& actions, const wv::Pose& T_world_console);
  ~UiLayer();

  // Routes the pointers, moves the console when grabbed and runs one UI frame (the console acts
  // on `selected` when the user selected a panel). Returns the pointers the scene gets: those not
  // on the UI.
  // `scene`: where the panels are (app/panel_interaction.h's panel_shapes).
  PointerInput update(const PointerInput& input, const UiKeyboard& keys, std::span<const PanelShape> scene,
                      std::optional<size_t> selected, double dt_s, double t_s);
  // The panels' draws followed by the UI's.
  std::span<const renderer::PanelDraw> draws(std::span<const renderer::PanelDraw> panels);
  // A text field has the keyboard (desktop mode: keys type instead of moving the head).
  bool wants_text() const { return surface_.wants_text(); }
  const UiConsole& console() const { return console_; }
  const wv::Pose& pose() const { return shape_.T_world_panel; }
  // The world point at the center of the console's control `name` (app/ui_controls.h) as drawn
  // in the last UI frame; none: it was not drawn.
  std::optional<glm::vec3> control_position(const std::string& name) const;
  // Console frames rasterized so far (only when its pixels changed).
  uint64_t frames_drawn() const { return surface_.frames_drawn(); }
  // Render-thread CPU seconds the last update() took (routing, ImGui, rasterizing).
  double last_cpu_s() const { return last_cpu_s_; }
  // Per hand, where its ray meets the UI (for drawing rays); none: it does not.
  const UiRouting& routing() const { return routing_; }

 private:
  renderer::Renderer& renderer_;
  PanelActions& actions_;
  UiSurface surface_;
  UiConsole console_;
  UiPointerRouter router_;
  Interaction grab_;  // grabs of the console itself
  PanelShape shape_;
  renderer::TextureId texture_;
  std::vector<renderer::PanelDraw> draws_;
  UiRouting routing_;
  double last_cpu_s_ = 0.0;
};

}  // namespace wv::app
