#include "app/panel_player.h"

#include <chrono>
#include <algorithm>
#include <cmath>

namespace wv::app {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSourceTimeout = std::chrono::seconds(20);
// A jump forward longer than this seeks (a seekable source) rather than decoding up to it.
constexpr double kSeekAheadS = 1.0;

std::vector<std::string> groups_of(const std::vector<Panel>& panels) {
  std::vector<std::string> groups;
  for (const Panel& p : panels) groups.push_back(p.group);
  return groups;
}

}  // namespace

PanelPlayer::PanelPlayer(std::vector<Panel>& panels, renderer::Renderer& renderer)
    : panels_(panels), renderer_(renderer), shown_(panels.size()), taps_(panels.size()), clocks_(groups_of(panels)) {
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
  add_entry(std::move(panel), start_s, t_s);
  start_pump();
}

void PanelPlayer::add_entry(Panel panel, double start_s, double t_s) {
  renderer::PanelDraw draw{.T_world_panel = panel.T_world_panel.matrix(), .size_m = panel.size_m,
                           .curve_radius_m = panel.curve_radius_m};
  if (panel.source) draw.texture = renderer_.create_texture();
  panels_.push_back(std::move(panel));
  draws_.push_back(draw);
  shown_.emplace_back();
  taps_.emplace_back();
  clocks_.add(panels_.back().group, start_s, t_s);
}

void PanelPlayer::replace(std::vector<Panel> panels, double t_s) {
  pump_.reset();  // no thread touches the old sources from here on
  for (const renderer::PanelDraw& draw : draws_)
    if (draw.texture != renderer::kNoTexture) renderer_.destroy_texture(draw.texture);
  panels_.clear();
  draws_.clear();
  shown_.clear();
  taps_.clear();
  clocks_ = PlayClocks({});
  for (Panel& panel : panels) add_entry(std::move(panel), 0.0, t_s);
  start_pump();
  ++replacements_;
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

void PanelPlayer::set_tap(size_t i, FrameTap tap) { taps_[i] = std::move(tap); }

FramePtr PanelPlayer::take_due(size_t i, double source_s) {
  FrameQueue& queue = panels_[i].source->frames();
  if (!taps_[i]) return queue.take_for_time(source_s);
  // One by one, oldest first, so the tap sees the frames the display skips.
  FramePtr latest;
  for (FramePtr next = queue.peek(); next && next->pts_s <= source_s; next = queue.peek()) {
    latest = queue.try_pop();
    taps_[i](latest);
  }
  return latest;
}

void PanelPlayer::show_latest(double t_s) {
  for (size_t i = 0; i < panels_.size(); ++i)
    if (panels_[i].source) show(i, take_due(i, clocks_.position_s(i, t_s) + 1e-6));
}

Status PanelPlayer::show_due(double t_s) {
  for (size_t i = 0; i < panels_.size(); ++i) {
    if (!panels_[i].source) continue;
    wv::FrameSource& source = *panels_[i].source;
    // The panel's own clock: a panel added later (a branch) or scrubbed runs on its own time.
    const double source_s = clocks_.position_s(i, t_s);
    int64_t wanted = int64_t(std::floor(source_s * source.info().fps + 1e-6));
    if (source.info().frame_count > 0) wanted = std::min(wanted, source.info().frame_count - 1);
    FramePtr latest = shown_[i];
    const auto deadline = Clock::now() + kSourceTimeout;
    while (!latest || latest->index < wanted) {
      if (auto f = take_due(i, source_s + 1e-6)) {
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

void PanelPlayer::set_speed(size_t i, double speed, double t_s) { clocks_.set_speed(i, speed, t_s); }

void PanelPlayer::scrub(size_t i, double delta_s, double t_s) {
  const double now = clocks_.position_s(i, t_s);
  const double target = std::max(0.0, now + delta_s);
  const bool back = target < now;
  // A lone panel that cannot go back holds its place; in a group the clock moves for the others.
  bool moved = false;
  for (size_t m : clocks_.members(i)) {
    FrameSource* source = panels_[m].source.get();
    if (!source) continue;
    if (back || (target > now + kSeekAheadS && source->info().seekable)) {
      // Frames already shown are gone from the queue: going back means producing them again.
      // The source seeks by time: video files with variable frame timing land on the right frame.
      if (!source->info().seekable || !source->seek_to_time(target)) {
        if (back) continue;
      } else {
        shown_[m].reset();
      }
    }
    moved = true;
  }
  if (moved) clocks_.set_position(i, target, t_s);
}

void PanelPlayer::set_pose(size_t i, const wv::Pose& T_world_panel) {
  panels_[i].T_world_panel = T_world_panel;
  draws_[i].T_world_panel = T_world_panel.matrix();
}

}  // namespace wv::app
