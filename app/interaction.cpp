#include "app/interaction.h"

#include <algorithm>
#include <cmath>

namespace wv::app {
namespace {

wv::Pose compose(const wv::Pose& T_a_b, const wv::Pose& T_b_c) {
  return {T_a_b.position + T_a_b.orientation * T_b_c.position, glm::normalize(T_a_b.orientation * T_b_c.orientation)};
}

wv::Pose inverse(const wv::Pose& T_a_b) {
  const glm::quat r = glm::conjugate(T_a_b.orientation);
  return {-(r * T_a_b.position), r};
}

float dead_zone(float v) { return std::fabs(v) < Interaction::kDeadZone ? 0.0f : v; }

}  // namespace

std::optional<RayHit> intersect_panel(glm::vec3 origin, glm::vec3 direction, const PanelShape& panel) {
  // In the panel's frame the panel is the rectangle |x| <= w/2, |y| <= h/2 on the plane z = 0.
  const wv::Pose T_panel_world = inverse(panel.T_world_panel);
  const glm::vec3 o = T_panel_world.position + T_panel_world.orientation * origin;
  const glm::vec3 d = T_panel_world.orientation * direction;
  if (std::fabs(d.z) < 1e-6f) return std::nullopt;
  const float t = -o.z / d.z;
  if (t < 0.0f) return std::nullopt;
  const glm::vec3 p = o + t * d;
  const glm::vec2 half = panel.size_m * 0.5f;
  if (std::fabs(p.x) > half.x || std::fabs(p.y) > half.y) return std::nullopt;
  return RayHit{0, t, {(p.x + half.x) / panel.size_m.x, (half.y - p.y) / panel.size_m.y}};
}

std::optional<RayHit> pick_panel(glm::vec3 origin, glm::vec3 direction, std::span<const PanelShape> panels) {
  std::optional<RayHit> best;
  for (size_t i = 0; i < panels.size(); ++i) {
    auto hit = intersect_panel(origin, direction, panels[i]);
    if (hit && (!best || hit->distance_m < best->distance_m)) {
      best = hit;
      best->panel = i;
    }
  }
  return best;
}

double Interaction::speed(size_t panel) const { return panel < speeds_.size() ? speeds_[panel] : 1.0; }

InteractionEffects Interaction::update(const PointerInput& input, std::span<const PanelShape> panels, double dt_s) {
  speeds_.resize(panels.size(), 1.0);
  InteractionEffects fx;
  for (size_t hand = 0; hand < input.hands.size(); ++hand) {
    const PointerState& p = input.hands[hand];
    const bool select_pressed = p.active && p.select && !was_select_[hand];
    const bool grab_pressed = p.active && p.grab && !was_grab_[hand];
    fx.menu = fx.menu || (p.menu && !was_menu_[hand]);
    was_select_[hand] = p.select;
    was_grab_[hand] = p.grab;
    was_menu_[hand] = p.menu;
    if (!p.active || !p.grab) grips_[hand].reset();
    if (!p.active) continue;

    const glm::vec3 origin = p.T_world_pointer.position;
    const glm::vec3 direction = p.T_world_pointer.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    // A held panel stays hovered by its hand, whatever the ray crosses now.
    if (grips_[hand]) {
      Grip& grip = *grips_[hand];
      const float push_m = dead_zone(p.scroll.y) * kPushSpeed_mps * float(dt_s);
      if (push_m != 0.0f) {
        // Along the ray (the pointer's -Z): the grabbed point stays on it.
        const float distance_m = std::clamp(grip.distance_m + push_m, kMinGrabDistance_m, kMaxGrabDistance_m);
        grip.T_pointer_panel.position.z -= distance_m - grip.distance_m;
        grip.distance_m = distance_m;
      }
      fx.hovered[hand] = grip.panel;
      fx.hit_distance_m[hand] = grip.distance_m;
      fx.moved.emplace_back(grip.panel, compose(p.T_world_pointer, grip.T_pointer_panel));
      continue;
    }
    const auto hit = pick_panel(origin, direction, panels);
    if (!hit) continue;
    fx.hovered[hand] = hit->panel;
    fx.hit_distance_m[hand] = hit->distance_m;
    if (select_pressed) {
      selected_ = hit->panel;
      fx.selected = hit->panel;
      fx.haptic[hand] = true;
    }
    if (grab_pressed)
      grips_[hand] =
          Grip{hit->panel, compose(inverse(p.T_world_pointer), panels[hit->panel].T_world_panel), hit->distance_m};
    const float scrub = dead_zone(p.scroll.x);
    const float faster = dead_zone(p.scroll.y);
    if (scrub != 0.0f) fx.scrub_s.emplace_back(hit->panel, double(scrub) * kScrubSecondsPerSecond * dt_s);
    if (faster != 0.0f) {
      double& s = speeds_[hit->panel];
      s = std::clamp(s + double(faster) * kSpeedChangePerSecond * dt_s, kMinSpeed, kMaxSpeed);
      fx.speed.emplace_back(hit->panel, s);
    }
  }
  return fx;
}

void Interaction::forget_panels() {
  grips_ = {};
  selected_.reset();
  speeds_.clear();
}

}  // namespace wv::app
