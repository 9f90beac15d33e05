#include "app/panel_player.h"

#include <chrono>
#include <algorithm>
#include <cmath>

namespace wv::app {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSourceTimeout = std::chrono::seconds(20);

}  // namespace

PanelPlayer::PanelPlayer(std::vector<Panel>& panels, renderer::Renderer& renderer)
    : panels_(panels), renderer_(renderer), shown_(panels.size()), clocks_(panels.size()) {
  for (const Panel& p : panels) {
    renderer::PanelDraw draw{.T_world_panel = p.T_world_panel.matrix(), .size_m = p.size_m,
                             .curve_radius_m = p.curve_radius_m};
    if (p.source) draw.texture = renderer.create_texture();
    draws_.push_back(draw);
  }
  start_pump();
}

void PanelPlayer::start_pump() {
  pump_.reset();  // joins the old thread before a new one serves the same sources
  pump_index_.assign(panels_.size(), SIZE_MAX);
  std::vector<PumpedSource> pumped;
  for (size_t i = 0; i < panels_.size(); ++i) {
    if (!panels_[i].source) continue;
    pump_index_[i] = pumped.size();
    pumped.push_back({panels_[i].source.get(), panels_[i].name});
  }
  pump_ = std::make_unique<SourcePump>(std::move(pumped));
}

void PanelPlayer::add(Panel panel, double start_s, double t_s) {
  renderer::PanelDraw draw{.T_world_panel = panel.T_world_panel.matrix(), .size_m = panel.size_m,
                           .curve_radius_m = panel.curve_radius_m};
  if (panel.source) draw.texture = renderer_.create_texture();
  panels_.push_back(std::move(panel));
  draws_.push_back(draw);
  shown_.emplace_back();
  clocks_.push_back({.display_s = t_s, .source_s = start_s});
  start_pump();
}

void PanelPlayer::show(size_t i, FramePtr frame) {
  if (!frame || frame == shown_[i]) return;
  panels_[i].source->shown(*frame);
  shown_[i] = frame;
  if (!draws_[i].hole) renderer_.update_texture(draws_[i].texture, std::move(frame));
}

void PanelPlayer::set_hole(size_t i, bool hole) {
  if (hole == draws_[i].hole) return;
  draws_[i].hole = hole;
  // Drawn again: the texture catches up with the frames it skipped.
  if (!hole && shown_[i]) renderer_.update_texture(draws_[i].texture, shown_[i]);
}

void PanelPlayer::show_latest(double t_s) {
  for (size_t i = 0; i < panels_.size(); ++i)
    if (panels_[i].source) show(i, panels_[i].source->frames().take_for_time(clocks_[i].at(t_s) + 1e-6));
}

Status PanelPlayer::show_due(double t_s) {
  for (size_t i = 0; i < panels_.size(); ++i) {
    if (!panels_[i].source) continue;
    wv::FrameSource& source = *panels_[i].source;
    int64_t wanted = int64_t(std::floor(t_s * source.info().fps + 1e-6));
    if (source.info().frame_count > 0) wanted = std::min(wanted, source.info().frame_count - 1);
    FramePtr latest = shown_[i];
    const auto deadline = Clock::now() + kSourceTimeout;
    while (!latest || latest->index < wanted) {
      if (auto f = source.frames().take_for_time(t_s + 1e-6)) {
        latest = std::move(f);
        continue;
      }
      if (pump_->finished(pump_index_[i])) break;  // ended or failed: hold the last frame
      if (Clock::now() > deadline)
        return Error{panels_[i].name + ": no frame " + std::to_string(wanted) + " after " +
                     std::to_string(kSourceTimeout.count()) + " s"};
      source.frames().wait_for_frame(std::chrono::milliseconds(50));
    }
    show(i, latest);
  }
  return Status::success();
}

void PanelPlayer::set_hovered(size_t i, bool hovered) {
  draws_[i].size_m = panels_[i].size_m * (hovered ? 1.04f : 1.0f);
}

void PanelPlayer::reanchor(size_t i, double t_s) {
  clocks_[i].source_s = clocks_[i].at(t_s);
  clocks_[i].display_s = t_s;
}

void PanelPlayer::set_speed(size_t i, double speed, double t_s) {
  reanchor(i, t_s);
  clocks_[i].speed = speed;
}

void PanelPlayer::scrub(size_t i, double delta_s, double t_s) {
  reanchor(i, t_s);
  FrameSource* source = panels_[i].source.get();
  if (!source) return;
  const double target = std::max(0.0, clocks_[i].source_s + delta_s);
  if (target < clocks_[i].source_s) {
    // Frames already shown are gone from the queue: going back means producing them again.
    if (!source->info().seekable) return;
    if (Status s = source->seek(int64_t(std::floor(target * source->info().fps))); !s) return;
    shown_[i].reset();
  }
  clocks_[i].source_s = target;
}

void PanelPlayer::set_pose(size_t i, const wv::Pose& T_world_panel) {
  panels_[i].T_world_panel = T_world_panel;
  draws_[i].T_world_panel = T_world_panel.matrix();
}

}  // namespace wv::app
