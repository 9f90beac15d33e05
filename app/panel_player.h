// app/panel_player.h — a workspace's panels playing on the renderer: the producer thread that
// keeps their sources busy, one texture per panel, the frame each shows, and their draws. Every
// mode that shows panels (headless, xr, later desktop) plays them through this.
//
//   std::vector<wv::app::Panel> panels = wv::app::open_panels(workspace, path, rollouts.get());
//   wv::app::PanelPlayer player(panels, renderer);       // starts producing
//   player.show_latest(t_s);                             // interactive: never waits
//   renderer.render(target, views, player.draws(), env);
//
// Threading: the render thread calls everything; the producer thread is internal. `panels` and
// the renderer outlive the player.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "app/panels.h"
#include "app/play_clocks.h"
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
  // Offline modes: each panel shows exactly the frame due at t_s on its playback clock (below),
  // waiting for its source (up to a timeout, which is an Error naming the panel).
  Status show_due(double t_s);

  // Appends a panel (a branch forked from another): it plays from source time start_s at display
  // time t_s. Indices of the other panels stay; the producer thread restarts with every source.
  void add(Panel panel, double start_s, double t_s);
  // Every panel replaced by `panels` (another workspace opened), each playing from its start at
  // display time t_s; the old sources stop being pumped and their textures go. What keeps state
  // per panel index (hover, quad layers, thumbnails) sees the change as a new replacements().
  void replace(std::vector<Panel> panels, double t_s);
  uint64_t replacements() const { return replacements_; }

  std::span<const renderer::PanelDraw> draws() const { return draws_; }
  size_t size() const { return panels_.size(); }
  const Panel& panel(size_t i) const { return panels_[i]; }
  // Moves a panel (interaction); the workspace itself is not changed.
  void set_pose(size_t i, const wv::Pose& T_world_panel);
  // A hovered panel is drawn 4% larger: it comes toward the pointer.
  void set_hovered(size_t i, bool hovered);
  // The frame panel i shows now (null before the first one).
  const FramePtr& shown(size_t i) const { return shown_[i]; }
  // A panel another layer shows (xr quad layers) is drawn as a hole (renderer::PanelDraw::hole),
  // and its frames are not uploaded to the renderer while it is one.
  void set_hole(size_t i, bool hole);
  // Per-panel playback clock (show_latest and show_due play by it), re-anchored at display time
  // t_s: a new speed (0: paused), or a jump by delta_s of source time. Panels of a synchronized
  // group (Panel::group) share the clock: each call acts on every member. Jumping back needs a
  // seekable source (others hold their place); seekable sources also seek on long jumps forward.
  void set_speed(size_t i, double speed, double t_s);
  void scrub(size_t i, double delta_s, double t_s);
  // Panel i's playback clock at display time t_s (source seconds), and its speed.
  double position_s(size_t i, double t_s) const { return clocks_.position_s(i, t_s); }
  double speed(size_t i) const { return clocks_.speed(i); }

  // Hands every frame panel i takes from its source to `tap` (a recording), the ones a display
  // skips (speed above 1, a late frame) included, in order; an empty tap ends it.
  using FrameTap = std::function<void(const FramePtr&)>;
  void set_tap(size_t i, FrameTap tap);

 private:
  void show(size_t i, FramePtr frame);
  FramePtr take_due(size_t i, double source_s);
  void start_pump();
  void add_entry(Panel panel, double start_s, double t_s);  // without restarting the pump

  std::vector<Panel>& panels_;
  renderer::Renderer& renderer_;
  std::vector<size_t> pump_index_;  // SIZE_MAX: no source
  std::vector<FramePtr> shown_;
  std::vector<FrameTap> taps_;
  std::vector<renderer::PanelDraw> draws_;
  PlayClocks clocks_;
  std::unique_ptr<SourcePump> pump_;
  uint64_t replacements_ = 0;
};

}  // namespace wv::app
