// app/panel_player.h — a workspace's panels playing on the renderer: the producer thread that
// keeps their sources busy, one texture per panel, the frame each shows, and their draws. Every
// mode that shows panels (headless, xr, later desktop) plays them through this.
//
//   std::vector<wv::app::Panel> panels = wv::app::open_panels(workspace, path);
//   wv::app::PanelPlayer player(panels, renderer);       // starts producing
//   player.show_latest(t_s);                             // interactive: never waits
//   renderer.render(target, views, player.draws(), env);
//
// Threading: the render thread calls everything; the producer thread is internal. `panels` and
// the renderer outlive the player.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "app/panels.h"
#include "app/source_pump.h"
#include "renderer/renderer.h"

namespace wv::app {

class PanelPlayer {
 public:
  PanelPlayer(std::vector<Panel>& panels, renderer::Renderer& renderer);
  PanelPlayer(const PanelPlayer&) = delete;
  PanelPlayer& operator=(const PanelPlayer&) = delete;

  // Interactive modes: each panel shows the newest frame due at t_s (source time), or keeps its
  // last one. Never waits: the display must not stall on a slow source.
  void show_latest(double t_s);
  // Offline modes: each panel shows exactly the frame due at t_s, waiting for its source (up to
  // a timeout, which is an Error naming the panel).
  Status show_due(double t_s);

  std::span<const renderer::PanelDraw> draws() const { return draws_; }
  size_t size() const { return panels_.size(); }
  const Panel& panel(size_t i) const { return panels_[i]; }
  // Moves a panel (interaction); the workspace itself is not changed.
  void set_pose(size_t i, const wv::Pose& T_world_panel);

 private:
  void show(size_t i, FramePtr frame);

  std::vector<Panel>& panels_;
  renderer::Renderer& renderer_;
  std::vector<size_t> pump_index_;  // SIZE_MAX: no source
  std::vector<FramePtr> shown_;
  std::vector<renderer::PanelDraw> draws_;
  std::unique_ptr<SourcePump> pump_;
};

}  // namespace wv::app
