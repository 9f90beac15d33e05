// app/interaction.h — what pointers do to panels: a ray picks the nearest panel it crosses
// (hover), select on a hovered panel selects it (with a haptic tick), grab moves and turns a
// panel with the pointer keeping their relative pose, and scroll y (thumbstick, mouse wheel) on a
// held panel pushes it away along the ray or pulls it closer; scroll on a hovered panel scrubs
// (x) and changes playback speed (y). Pure logic on PointerInput (XR controllers and desktop
// mode's mouse feed it alike): no OpenXR, no GLFW, no Vulkan.
//
//   wv::app::Interaction interaction;
//   wv::app::InteractionEffects fx = interaction.update(input, shapes, dt_s);
//   for (const auto& [panel, pose] : fx.moved) player.set_pose(panel, pose);
//   if (fx.haptic[wv::app::kRight]) pulse(right hand);
//
// Threading: the render thread.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "app/pointer_input.h"

namespace wv::app {

struct PanelShape {
  wv::Pose T_world_panel;
  glm::vec2 size_m{1.0f, 1.0f};
};

struct RayHit {
  size_t panel = 0;
  float distance_m = 0.0f;
  glm::vec2 uv{0.0f};  // 0..1 from the panel's left, top
};

// Where a ray (origin, unit direction, world frame) meets a flat panel's front or back face;
// nothing when it misses, runs parallel, or the panel is behind the origin.
std::optional<RayHit> intersect_panel(glm::vec3 origin, glm::vec3 direction, const PanelShape& panel);
// The nearest hit among the panels.
std::optional<RayHit> pick_panel(glm::vec3 origin, glm::vec3 direction, std::span<const PanelShape> panels);

struct InteractionEffects {
  std::array<std::optional<size_t>, 2> hovered;      // per hand
  std::array<float, 2> hit_distance_m{0.0f, 0.0f};   // along the hand's ray to its hovered panel
  std::optional<size_t> selected;                     // selected this frame
  std::vector<std::pair<size_t, wv::Pose>> moved;     // panels a grab moved: new T_world_panel
  std::vector<std::pair<size_t, double>> scrub_s;     // seek by this much source time
  std::vector<std::pair<size_t, double>> speed;       // new playback speed (1 = normal)
  std::array<bool, 2> haptic{false, false};           // a tick on this hand
  bool menu = false;                                  // menu pressed this frame
};

class Interaction {
 public:
  static constexpr double kScrubSecondsPerSecond = 4.0;  // thumbstick fully right
  static constexpr double kSpeedChangePerSecond = 1.0;
  static constexpr double kMinSpeed = 0.25, kMaxSpeed = 4.0;
  static constexpr float kDeadZone = 0.2f;
  static constexpr float kPushSpeed_mps = 2.0f;  // a held panel, scroll fully up
  static constexpr float kMinGrabDistance_m = 0.3f, kMaxGrabDistance_m = 20.0f;

  InteractionEffects update(const PointerInput& input, std::span<const PanelShape> panels, double dt_s);
  std::optional<size_t> selected() const { return selected_; }
  double speed(size_t panel) const;
  // The panels were replaced by others: grabs, the selection and speeds go; the buttons' states
  // stay, so a held trigger does not select again.
  void forget_panels();

 private:
  struct Grip {
    size_t panel = 0;
    wv::Pose T_pointer_panel;  // the panel in the pointer's frame when the grab began
    float distance_m = 0.0f;   // to the grabbed point, which stays on the ray
  };
  std::array<bool, 2> was_select_{false, false};
  std::array<bool, 2> was_grab_{false, false};
  std::array<bool, 2> was_menu_{false, false};
  std::array<std::optional<Grip>, 2> grips_;
  std::optional<size_t> selected_;
  std::vector<double> speeds_;
};

}  // namespace wv::app
