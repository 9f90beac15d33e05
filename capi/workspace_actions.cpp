#include "capi/workspace_actions.h"

#include <algorithm>
#include <cmath>

#include "app/display_label.h"
#include "app/model_catalog.h"
#include "capi/engine.h"
#include "capi/handles.h"
#include "capi/source.h"
#include "wv/log.h"

namespace wv::capi {

WorkspaceActions::WorkspaceActions(Engine& engine, std::shared_ptr<WorkspaceState> workspace)
    : engine_(engine), workspace_(std::move(workspace)), panels_(workspace_->panels()) {}

void WorkspaceActions::update(double t_s) {
  panels_ = workspace_->panels();  // the host may have added panels since
  for (size_t i = 0; i < panels_.size(); ++i) {
    const FramePtr frame = shown(i);
    rates_.update(i, frame ? frame->index : -1, t_s);
  }
  for (size_t i = 0; i < loops_.size(); ++i) {
    // Past B on the panel's clock: back to A before the host acquires B + 1.
    const auto s = source(i);
    if (!s) continue;
    const double clock_frames = (s->position_s(t_s) + Source::kDueSlack_s) * s->frame_source().info().fps;
    if (const auto a = app::loop_jump(loops_[i], clock_frames))
      seek_frame(i, *a, t_s);
  }
}

std::shared_ptr<Source> WorkspaceActions::source(size_t i) const {
  const std::shared_ptr<Source>& s = panels_.at(i).source;
  return s && !s->closed() ? s : nullptr;
}

FramePtr WorkspaceActions::shown(size_t i) const {
  const auto s = source(i);
  return s ? s->last_frame() : nullptr;
}

int64_t WorkspaceActions::next_frame(size_t i) const {
  const FramePtr frame = shown(i);
  return std::max<int64_t>(frame ? frame->index + 1 : 1, 1);
}

bool WorkspaceActions::steerable(size_t i) const {
  const auto s = source(i);
  return s && s->steerable();
}

Status WorkspaceActions::steer(size_t i, const std::string& text) {
  const auto s = source(i);
  if (!s) return Error{name(i) + " has no open source"};
  return s->steer(next_frame(i), text);
}

Result<size_t> WorkspaceActions::add_panel(Result<std::shared_ptr<Source>> opened, float width_m) {
  if (!opened) return opened.error();
  const std::shared_ptr<Source>& source = *opened;
  source->set_handle(add_handle<wv_source>(source));
  workspace_->add(source, width_m);
  panels_ = workspace_->panels();
  log_info("console: " + source->name() + " joins the workspace; the host closes its source (wv_workspace_panel)");
  return panels_.size() - 1;
}

Result<size_t> WorkspaceActions::branch(size_t i, const std::string& text, std::optional<uint64_t> seed, double) {
  const auto s = source(i);
  if (!s) return Error{name(i) + " has no open source"};
  if (Status room = app::room_for_another_panel(size()); !room) return room.error();
  auto branched = s->branch(next_frame(i), text, seed);
  if (!branched) return branched.error();
  return add_panel(engine_.adopt(std::move(*branched)), panels_.at(i).placed.size_m.x);
}

Result<size_t> WorkspaceActions::add_rollout_panel(const std::string& prompt, const std::string& model, uint64_t seed,
                                                   double) {
  if (Status room = app::room_for_another_panel(size()); !room) return room.error();
  auto spec = app::rollout_panel_spec(prompt, model, seed);
  if (!spec) return spec.error();
  return add_panel(engine_.open(spec->source, app::panel_label(size(), prompt)), spec->width_m);
}

Result<size_t> WorkspaceActions::open_video_panel(const std::string& path, double) {
  if (Status room = app::room_for_another_panel(size()); !room) return room.error();
  auto spec = app::video_panel_spec(path);
  if (!spec) return spec.error();
  return add_panel(engine_.open(spec->source, app::panel_label(size(), path)), spec->width_m);
}

std::vector<std::string> WorkspaceActions::models() const { return engine_.models(); }

std::string WorkspaceActions::model_like(size_t i) const {
  if (const auto s = i < size() ? source(i) : nullptr; s && s->spec().kind == app::SourceSpec::Kind::Rollout)
    return s->spec().rollout.model;
  return app::kDefaultModelId;
}

void WorkspaceActions::relayout(app::LayoutSpec::Kind kind) {
  workspace_->relayout(kind);
  panels_ = workspace_->panels();
}

bool WorkspaceActions::playing(size_t i) const {
  const auto s = source(i);
  return s && s->playing();
}

void WorkspaceActions::set_playing(size_t i, bool playing, double) {
  if (const auto s = source(i)) s->set_playing(playing);
}

void WorkspaceActions::set_speed(size_t i, double speed, double) {
  if (const auto s = source(i)) s->set_speed(speed);
}

void WorkspaceActions::seek_frame(size_t i, int64_t frame, double) {
  const auto s = source(i);
  if (!s) return;
  if (Status sought = s->seek(std::max<int64_t>(frame, 0)); !sought) log_warn("console: " + sought.error().message);
}

void WorkspaceActions::scrub(size_t i, double delta_s, double t_s) {
  const auto s = source(i);
  const FramePtr frame = shown(i);
  if (!s || !frame) return;
  seek_frame(i, frame->index + int64_t(std::llround(delta_s * s->frame_source().info().fps)), t_s);
}

void WorkspaceActions::restart(size_t i, double t_s) { seek_frame(i, 0, t_s); }

void WorkspaceActions::step(size_t i, double t_s) {
  const FramePtr frame = shown(i);
  const int64_t next = frame ? frame->index + 1 : 0;
  set_playing(i, false, t_s);
  seek_frame(i, next, t_s);
}

int64_t WorkspaceActions::seekable_frames(size_t i) const {
  const auto s = source(i);
  if (!s) return 0;
  const wv_source_status st = s->status();
  if (st.frame_count > 0) return st.frame_count - 1;
  // Rollouts: the frames computed so far (a seek beyond them would wait on the model).
  return std::max<int64_t>(std::max<int64_t>(st.frames_produced - 1, st.last_frame_index), 0);
}

app::PanelStatus WorkspaceActions::status(size_t i) const {
  app::PanelStatus out;
  const auto s = source(i);
  if (!s) {
    out.error = panels_.at(i).source ? "its source was closed" : "the source could not open (see the log)";
    return out;
  }
  const wv_source_status st = s->status();
  const app::SourceSpec spec = s->spec();
  out.kind = s->frame_source().info().kind;
  if (spec.kind == app::SourceSpec::Kind::Rollout) out.model = spec.rollout.model;
  out.frame = st.last_frame_index;
  out.shown_fps = rates_.fps(i);
  out.speed = st.playing ? s->speed() : 0.0;
  out.lookahead = size_t(std::max(st.lookahead, 0));
  out.lookahead_capacity = size_t(std::max(st.lookahead_capacity, 0));
  out.steer_latency_ms = st.last_steer_latency_ms;
  if (s->steerable()) out.prompt = s->prompt_at(out.frame >= 0 ? out.frame : INT64_MAX);
  out.unknown_words = s->unknown_words();
  out.error = s->error_message();
  return out;
}

Status WorkspaceActions::set_loop_end(size_t i, bool b_end, int64_t frame) {
  const auto s = source(i);
  loops_.resize(size());
  return app::set_loop_end(loops_[i], s && s->frame_source().info().seekable, name(i), b_end, frame);
}

void WorkspaceActions::clear_loop(size_t i) {
  if (i < loops_.size()) loops_[i] = {};
}

Result<std::string> WorkspaceActions::open_workspace(const std::string& path, double) {
  return Error{path + ": the host opens workspaces (wv_workspace_load); the console opens videos here"};
}

Status WorkspaceActions::add_note(size_t panel, const std::string& text, std::optional<glm::vec2> point_uv) {
  const FramePtr frame = shown(panel);
  if (!frame) return Error{name(panel) + " shows no frame yet: nothing to pin a note to"};
  return workspace_->add_note(panel, frame->index, text, point_uv);
}

void WorkspaceActions::remove_note(size_t panel, size_t note) {
  if (Status removed = workspace_->remove_note(panel, note); !removed)
    log_warn("console: " + name(panel) + ": " + removed.error().message);
}

std::vector<app::ReviewActions::Entry> WorkspaceActions::notes() const {
  std::vector<Entry> out;
  for (size_t p = 0; p < panels_.size(); ++p) {
    const size_t count = workspace_->review(p).notes.size();  // a copy, under the workspace's lock
    for (size_t n = 0; n < count; ++n) out.push_back({p, n});
  }
  return out;
}

Result<app::ReviewExport> WorkspaceActions::export_to(const std::string& folder) const {
  // The frames are replayed from fresh copies of the panels' sources (the host's frames were
  // the host's to keep).
  const app::Workspace now = workspace_->now();
  std::vector<std::string> names;
  for (size_t i = 0; i < now.panels.size(); ++i) names.push_back(i < size() ? name(i) : "panel " + std::to_string(i));
  return app::export_review(folder, {.workspace = &now,
                                     .panel_names = names,
                                     .captured = nullptr,
                                     .open_source = [&](size_t panel) {
                                       return engine_.open_copy(now.panels[panel].source, names[panel]);
                                     }});
}

}  // namespace wv::capi
