#include "capi/host_console.h"

#include <algorithm>

namespace wv::capi {
namespace {

// The longest step between two UI frames that pointer motion is integrated over (a host that
// paused for a while should not fling a grabbed panel).
constexpr double kMaxStep_s = 0.1;

}  // namespace

HostConsole::HostConsole(renderer::Renderer& renderer, Engine& engine, std::shared_ptr<WorkspaceState> workspace,
                         const wv::Pose& T_world_console)
    : workspace_(workspace), actions_(engine, workspace), layer_(renderer, actions_, T_world_console) {}

void HostConsole::update(const app::PointerInput& input, const app::UiKeyboard& keys, double display_time_s) {
  const double dt_s = last_time_s_ ? std::clamp(display_time_s - *last_time_s_, 0.0, kMaxStep_s) : 0.0;
  last_time_s_ = display_time_s;
  std::vector<app::PanelShape> shapes;
  for (const WorkspaceState::Panel& p : workspace_->panels()) shapes.push_back({p.placed.T_world_panel, p.placed.size_m});
  const app::PointerInput scene = layer_.update(input, keys, shapes, selected_, dt_s, display_time_s);
  const app::InteractionEffects fx = panels_.update(scene, shapes, dt_s);
  for (const auto& [panel, pose] : fx.moved) workspace_->set_pose(panel, pose);
  for (const auto& [panel, delta_s] : fx.scrub_s) actions_.scrub(panel, delta_s, display_time_s);
  for (const auto& [panel, speed] : fx.speed) actions_.set_speed(panel, speed, display_time_s);
  if (fx.selected) selected_ = fx.selected;
}

std::array<bool, 2> HostConsole::on_console() const {
  const app::UiRouting& routing = layer_.routing();
  return {routing.ui_hovered[app::kLeft].has_value() || routing.ui_grab.hands[app::kLeft].active,
          routing.ui_hovered[app::kRight].has_value() || routing.ui_grab.hands[app::kRight].active};
}

}  // namespace wv::capi
