// app/panel_interaction.h — pointers acting on the panels a PanelPlayer plays: the panels' shapes
// go into Interaction (app/interaction.h), and its effects come back onto the player (moved,
// scrubbed, sped up, hovered). XR and desktop mode both run their pointers through this, so
// panel interaction is one code path whatever feeds the pointers.
//
//   wv::app::PanelInteraction interaction;
//   wv::app::InteractionEffects fx = interaction.update(input, player, dt_s, display_time_s);
//   if (fx.haptic[wv::app::kRight]) pulse(...);   // what is left is the mode's own (haptics, menu)
//
// Threading: the render thread.
#pragma once

#include <cstdint>
#include <vector>

#include "app/interaction.h"
#include "app/panel_player.h"

namespace wv::app {

// Where the player's panels are, as pointers meet them.
std::vector<PanelShape> panel_shapes(const PanelPlayer& player);

class PanelInteraction {
 public:
  InteractionEffects update(const PointerInput& input, PanelPlayer& player, double dt_s, double display_time_s);
  std::optional<size_t> selected() const { return interaction_.selected(); }

 private:
  Interaction interaction_;
  std::vector<bool> hovered_;
  uint64_t replacements_seen_ = 0;  // PanelPlayer::replacements() the state above is of
};

}  // namespace wv::app
