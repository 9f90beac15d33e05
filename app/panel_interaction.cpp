#include "app/panel_interaction.h"

#include "wv/log.h"

namespace wv::app {

std::vector<PanelShape> panel_shapes(const PanelPlayer& player) {
  std::vector<PanelShape> shapes(player.size());
  for (size_t i = 0; i < player.size(); ++i) shapes[i] = {player.panel(i).T_world_panel, player.panel(i).size_m};
  return shapes;
}

InteractionEffects PanelInteraction::update(const PointerInput& input, PanelPlayer& player, double dt_s,
                                            double display_time_s) {
  if (player.replacements() != replacements_seen_) {
    replacements_seen_ = player.replacements();
    interaction_.forget_panels();
    hovered_.clear();
  }
  hovered_.resize(player.size(), false);
  InteractionEffects fx = interaction_.update(input, panel_shapes(player), dt_s);
  for (const auto& [panel, pose] : fx.moved) player.set_pose(panel, pose);
  for (const auto& [panel, delta_s] : fx.scrub_s) player.scrub(panel, delta_s, display_time_s);
  for (const auto& [panel, speed] : fx.speed) player.set_speed(panel, speed, display_time_s);
  for (size_t i = 0; i < player.size(); ++i) {
    const bool hovered = fx.hovered[kLeft] == i || fx.hovered[kRight] == i;
    if (hovered != hovered_[i]) player.set_hovered(i, hovered);
    hovered_[i] = hovered;
  }
  if (fx.selected) log_info("selected " + player.panel(*fx.selected).name);
  return fx;
}

}  // namespace wv::app
