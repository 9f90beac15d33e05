#include "app/ui_pointer.h"

#include "wv/result.h"

namespace wv::app {

glm::vec2 ui_pixel(glm::vec2 uv, glm::ivec2 size_px) { return uv * glm::vec2(size_px); }

UiRouting UiPointerRouter::route(const PointerInput& input, std::span<const PanelShape> ui,
                                 std::span<const glm::ivec2> ui_size_px, std::span<const PanelShape> scene,
                                 double dt_s) {
  WV_ASSERT(ui.size() == ui_size_px.size());
  UiRouting r;
  r.scene = input;
  for (PointerState& hand : r.ui_grab.hands) hand.active = false;
  // The right hand last: when both hands act on the UI, ImGui's one mouse follows the right.
  for (size_t h : {size_t(kLeft), size_t(kRight)}) {
    const PointerState& p = input.hands[h];
    const bool pressed = p.active && (p.select || p.grab);
    const bool press_began = pressed && !was_pressed_[h];
    was_pressed_[h] = pressed;
    if (!p.active) {
      owner_[h] = Owner::None;
      continue;
    }
    const glm::vec3 origin = p.T_world_pointer.position;
    const glm::vec3 direction = p.T_world_pointer.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    const std::optional<RayHit> ui_hit = pick_panel(origin, direction, ui);
    const std::optional<RayHit> scene_hit = pick_panel(origin, direction, scene);
    const bool ui_first = ui_hit && (!scene_hit || ui_hit->distance_m <= scene_hit->distance_m);
    if (ui_first) {
      r.ui_hovered[h] = ui_hit->panel;
      r.ui_hit_distance_m[h] = ui_hit->distance_m;
    }
    if (press_began) {
      owner_[h] = !ui_first ? Owner::Scene : p.grab ? Owner::UiGrab : Owner::Ui;
      if (ui_first) owner_surface_[h] = ui_hit->panel;
    }
    const Owner owner = owner_[h];
    if (!pressed) owner_[h] = Owner::None;  // after this frame: the release still goes to its owner
    if (owner == Owner::Scene || (owner == Owner::None && !ui_first)) continue;

    r.scene.hands[h].active = false;
    if (owner == Owner::UiGrab) {
      r.ui_grab.hands[h] = p;
      continue;
    }
    const size_t surface = owner == Owner::Ui ? owner_surface_[h] : ui_hit->panel;
    // Off the surface while holding a press: ImGui keeps the last point (a slider stays put).
    if (ui_hit && ui_hit->panel == surface) last_px_[h] = ui_pixel(ui_hit->uv, ui_size_px[surface]);
    r.surface = surface;
    r.pointer = {.inside = true,
                 .position_px = last_px_[h],
                 .down = p.select,
                 .wheel = p.scroll.y * kWheelLinesPerSecond * float(dt_s)};
  }
  return r;
}

}  // namespace wv::app
