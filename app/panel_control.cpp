#include "app/panel_control.h"

#include <algorithm>
#include <cmath>

#include "app/display_label.h"
#include "app/layout.h"
#include "app/model_catalog.h"
#include "app/panel_recording.h"
#include "app/rollout_track.h"
#include "app/workspace/workspace.h"
#include "model/rollout_engine.h"
#include "net/remote_rollout.h"
#include "wv/log.h"

namespace wv::app {
namespace {

// The spec of a rollout steered to `text` from `frame`: what the engine's prompt track now is.
RolloutSourceSpec steered(const RolloutSourceSpec& spec, int64_t frame, const std::string& text, double fps) {
  if (frame >= 1) return branch_source(spec, frame, text, std::nullopt, fps);
  // From the first frame: a new prompt for the whole rollout (later seeds stay).
  RolloutSourceSpec out = spec;
  out.prompt = text;
  out.events.clear();
  for (RolloutBranch& b : out.branches) b.prompt.reset();
  std::erase_if(out.branches, [](const RolloutBranch& b) { return !b.seed; });
  return out;
}

}  // namespace

PanelControl::PanelControl(RunPanels& run, PanelPlayer& player, std::string workspace_path)
    : run_(run), player_(player), workspace_path_(std::move(workspace_path)), review_(run.workspace, player, run.rollouts.get()) {
  WV_ASSERT(run.workspace.panels.size() == player.size());
}

PanelControl::~PanelControl() = default;

std::shared_ptr<model::Rollout> PanelControl::rollout(size_t i) const {
  return std::dynamic_pointer_cast<model::Rollout>(player_.panel(i).source);
}

void PanelControl::update(double t_s) {
  resume_speed_.resize(size(), 1.0);
  for (size_t i = 0; i < loops_.size(); ++i) {
    // Past B on the panel's clock: back to A before B + 1 is ever shown.
    if (const auto a = loop_jump(loops_[i], player_.position_s(i, t_s) * fps(i))) seek_frame(i, *a, t_s);
  }
  for (size_t i = 0; i < size(); ++i) rates_.update(i, player_.shown(i) ? player_.shown(i)->index : -1, t_s);
}

double PanelControl::fps(size_t i) const {
  const auto& source = player_.panel(i).source;
  return source && source->info().fps > 0 ? source->info().fps : 30.0;
}

Status PanelControl::steer(size_t i, const std::string& text) {
  const std::shared_ptr<model::Rollout> r = rollout(i);
  if (!r) return Error{name(i) + ": only rollouts computed here can be steered"};
  const int64_t frame = player_.shown(i) ? player_.shown(i)->index + 1 : 0;
  if (Status s = r->steer(frame, text); !s) return Error{name(i) + ": " + s.error().message};
  RolloutSourceSpec& spec = run_.workspace.panels[i].source.rollout;
  spec = steered(spec, frame, text, fps(i));
  return Status::success();
}

Result<size_t> PanelControl::branch(size_t i, const std::string& text, std::optional<uint64_t> seed, double t_s) {
  const std::shared_ptr<model::Rollout> r = rollout(i);
  if (!r) return Error{name(i) + ": only rollouts computed here can be branched"};
  if (Status room = room_for_another_panel(size()); !room) return room.error();
  // A branch at frame 0 would share nothing: at least frame 1, as branch_source requires.
  const int64_t frame = std::max<int64_t>(1, player_.shown(i) ? player_.shown(i)->index + 1 : 1);
  auto fork = r->branch(frame, {.prompt = text, .seed = seed});
  if (!fork) return Error{name(i) + ": " + fork.error().message};

  PanelSpec spec = run_.workspace.panels[i];
  spec.title.clear();
  spec.review = {};  // the parent's review is of the parent's frames
  spec.source.rollout = branch_source(spec.source.rollout, frame, text, seed, fps(i));
  const Panel& parent = player_.panel(i);
  Panel panel{.source = *fork, .size_m = parent.size_m, .curve_radius_m = parent.curve_radius_m};
  panel.name = panel_label(size(), "branch: " + text);
  panel.T_world_panel = beside(i, parent.size_m.x);
  spec.pose = PanelPose::from_pose(panel.T_world_panel);
  // The new panel plays from its first frame, the branch frame, on.
  player_.add(std::move(panel), double(frame) / fps(i), t_s);
  player_.set_speed(size() - 1, player_.speed(i), t_s);
  run_.workspace.panels.push_back(std::move(spec));
  return size() - 1;
}

wv::Pose PanelControl::beside(size_t i, float width_m) const {
  // On panel i's right as the viewer sees it, the layout's gap between them.
  const Panel& p = player_.panel(i);
  const float step_m = (p.size_m.x + width_m) / 2.0f + run_.workspace.layout.gap_m;
  return {p.T_world_panel.position + p.T_world_panel.orientation * glm::vec3(step_m, 0.0f, 0.0f),
          p.T_world_panel.orientation};
}

std::vector<std::string> PanelControl::models() const { return run_.rollouts->models().available(); }

std::string PanelControl::model_like(size_t i) const {
  if (i < size() && run_.workspace.panels[i].source.kind == SourceSpec::Kind::Rollout)
    return run_.workspace.panels[i].source.rollout.model;
  const std::vector<std::string>& named = run_.rollouts->named_model_ids();
  return named.empty() ? std::string(kDefaultModelId) : named.front();
}

Result<size_t> PanelControl::add_rollout_panel(const std::string& prompt, const std::string& model, uint64_t seed,
                                               double t_s) {
  auto spec = rollout_panel_spec(prompt, model, seed);
  if (!spec) return spec.error();
  return add_panel(std::move(*spec), prompt, t_s);
}

Result<size_t> PanelControl::open_video_panel(const std::string& path, double t_s) {
  auto spec = video_panel_spec(path);
  if (!spec) return spec.error();
  return add_panel(std::move(*spec), path, t_s);
}

Result<std::string> PanelControl::open_workspace(const std::string& path, double t_s) {
  if (path.empty()) return Error{"no workspace to open: type the path of a .wv.json file"};
  std::vector<std::string> warnings;
  Result<Workspace> loaded = load_run_workspace(path, &warnings);
  if (!loaded) return loaded.error();
  for (const std::string& w : warnings) wv::log_warn(w);
  if (recordings_)
    for (size_t i = 0; i < size(); ++i)
      if (recordings_->panel_status(i).active)
        return Error{"not opening " + path + ": " + name(i) + " is being recorded; stop its recording first"};
  std::string kept = "no unsaved changes";
  if (before_open_) {
    Result<std::string> before = before_open_();
    if (!before) return Error{"not opening " + path + ": " + before.error().message};
    kept = *before;
  }
  // The old panels' sources stop producing; local rollouts let go of their model states and
  // tethered ones are closed on the server (the rollout sources keep both only for the run's
  // report).
  for (size_t i = 0; i < size(); ++i) {
    const std::shared_ptr<wv::FrameSource>& source = player_.panel(i).source;
    if (source) source->set_playing(false);
    if (const auto r = rollout(i)) r->close();
    if (const auto remote = std::dynamic_pointer_cast<net::RemoteRollout>(source)) remote->close();
  }
  player_.replace(open_panels(*loaded, path, run_.rollouts.get()), t_s);
  run_.workspace = std::move(*loaded);
  workspace_path_ = path;
  resume_speed_.clear();
  rates_.clear();
  loops_.clear();
  review_.forget_pixels();
  return "opened " + path + " (" + std::to_string(size()) + " panel(s)); " + kept;
}

Result<size_t> PanelControl::add_panel(PanelSpec spec, const std::string& label, double t_s) {
  if (Status room = room_for_another_panel(size()); !room) return room.error();
  const std::string name = panel_label(size(), label);
  auto source = open_source(spec.source, name, run_.rollouts.get());
  if (!source) return source.error();
  Panel panel{.name = name, .source = std::move(*source)};
  const wv::SourceInfo& info = panel.source->info();
  panel.size_m = {spec.width_m, info.width > 0 ? spec.width_m * float(info.height) / float(info.width) : spec.width_m};
  if (size() > 0) panel.T_world_panel = beside(size() - 1, panel.size_m.x);
  else panel.T_world_panel = layout_panels(run_.workspace.layout, std::vector<LayoutItem>{{panel.size_m}}).front();
  spec.pose = PanelPose::from_pose(panel.T_world_panel);
  player_.add(std::move(panel), 0.0, t_s);
  run_.workspace.panels.push_back(std::move(spec));
  return size() - 1;
}

void PanelControl::relayout(LayoutSpec::Kind kind) {
  run_.workspace.layout.kind = kind;
  std::vector<LayoutItem> items(size());
  for (size_t i = 0; i < size(); ++i) items[i].size_m = player_.panel(i).size_m;
  const std::vector<wv::Pose> poses = layout_panels(run_.workspace.layout, items);
  for (size_t i = 0; i < size(); ++i) player_.set_pose(i, poses[i]);
}

Status PanelControl::set_loop_end(size_t i, bool b_end, int64_t frame) {
  const auto& source = player_.panel(i).source;
  loops_.resize(size());
  return app::set_loop_end(loops_[i], source && source->info().seekable, name(i), b_end, frame);
}

void PanelControl::clear_loop(size_t i) {
  if (i < loops_.size()) loops_[i] = {};
}

void PanelControl::set_playing(size_t i, bool playing, double t_s) {
  resume_speed_.resize(size(), 1.0);
  if (playing == this->playing(i)) return;
  if (!playing) resume_speed_[i] = player_.speed(i);
  // Paused at speed 0: the clock stops, the source's queue fills and production stops with it.
  player_.set_speed(i, playing ? resume_speed_[i] : 0.0, t_s);
}

void PanelControl::set_speed(size_t i, double speed, double t_s) {
  WV_ASSERT(speed > 0.0);
  resume_speed_.resize(size(), 1.0);
  resume_speed_[i] = speed;
  if (playing(i)) player_.set_speed(i, speed, t_s);
}

void PanelControl::restart(size_t i, double t_s) { player_.scrub(i, -player_.position_s(i, t_s), t_s); }

void PanelControl::step(size_t i, double t_s) {
  set_playing(i, false, t_s);
  // To the middle of the next frame's time: the frame due there is the next one.
  const int64_t next = (player_.shown(i) ? player_.shown(i)->index : -1) + 1;
  seek_frame(i, next, t_s);
}

void PanelControl::seek_frame(size_t i, int64_t frame, double t_s) {
  const double target_s = (double(std::max<int64_t>(frame, 0)) + 0.5) / fps(i);
  player_.scrub(i, target_s - player_.position_s(i, t_s), t_s);
}

int64_t PanelControl::seekable_frames(size_t i) const {
  if (const auto r = rollout(i)) return std::max<int64_t>(r->status().next_frame - 1, 0);
  const auto& source = player_.panel(i).source;
  if (source && source->info().frame_count > 0) return source->info().frame_count - 1;
  return player_.shown(i) ? player_.shown(i)->index : 0;
}

PanelStatus PanelControl::status(size_t i) const {
  PanelStatus s;
  const auto& source = player_.panel(i).source;
  if (!source) {
    s.error = "the source could not open (see the log)";
    return s;
  }
  s.kind = source->info().kind;
  s.frame = player_.shown(i) ? player_.shown(i)->index : -1;
  s.shown_fps = rates_.fps(i);
  s.speed = player_.speed(i);
  const SourceSpec& spec = run_.workspace.panels[i].source;
  if (spec.kind == SourceSpec::Kind::Rollout) s.model = spec.rollout.model;
  if (const auto r = rollout(i)) {
    const model::RolloutStatus rs = r->status();
    s.lookahead = rs.lookahead;
    s.lookahead_capacity = rs.lookahead_capacity;
    s.steer_latency_ms = rs.last_steer_latency_ms;
    s.unknown_words = rs.unknown_words;
    // Before its first frame shows (a new branch), the prompt it is about to show.
    for (const model::PromptChange& change : rs.prompt_track)
      if (s.frame < 0 || change.frame <= s.frame) s.prompt = change.text;
    if (rs.error) s.error = rs.error->message;
  } else if (auto e = source->error()) {
    s.error = e->message;
  }
  return s;
}

std::vector<std::pair<int64_t, std::string>> PanelControl::prompt_track(size_t i) const {
  std::vector<std::pair<int64_t, std::string>> out;
  if (const auto r = rollout(i))
    for (const model::PromptChange& change : r->status().prompt_track) out.emplace_back(change.frame, change.text);
  return out;
}

Workspace PanelControl::workspace_now() const {
  Workspace now = run_.workspace;
  for (size_t i = 0; i < size(); ++i) now.panels[i].pose = PanelPose::from_pose(player_.panel(i).T_world_panel);
  return now;
}

Status PanelControl::save(const std::string& path) {
  if (path.empty()) return Error{"no file to save to: give a name (Save as)"};
  run_.workspace = workspace_now();
  if (Status s = save_workspace(path, run_.workspace); !s) return s;
  workspace_path_ = path;
  ++saves_;
  return Status::success();
}

}  // namespace wv::app
