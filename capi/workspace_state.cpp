#include "capi/workspace_state.h"

#include "app/layout.h"
#include "app/review_note.h"
#include "capi/engine.h"
#include "capi/source.h"

namespace wv::capi {

WorkspaceState::WorkspaceState(Engine& engine) : engine_(engine) { engine_.hold(); }

WorkspaceState::~WorkspaceState() { engine_.unhold(); }

Result<std::shared_ptr<WorkspaceState>> WorkspaceState::load(Engine& engine, const std::string& path) {
  auto file = app::load_workspace(path);
  if (!file) return file.error();
  auto state = std::make_shared<WorkspaceState>(engine);
  std::vector<std::shared_ptr<Source>> sources;
  std::vector<app::Panel> placed = engine.open_panels(*file, path, sources);
  for (size_t i = 0; i < placed.size(); ++i) {
    placed[i].source = nullptr;  // the Source owns it
    state->panels_.push_back({sources[i], std::move(placed[i])});
  }
  state->workspace_ = std::move(*file);
  state->path_ = path;
  return state;
}

void WorkspaceState::add(std::shared_ptr<Source> source, float width_m) {
  std::lock_guard lock(mutex_);
  app::PanelSpec spec;
  spec.source = source->spec();
  spec.width_m = width_m;
  workspace_.panels.push_back(std::move(spec));
  Panel panel;
  const wv::SourceInfo& info = source->frame_source().info();
  const float aspect = info.width > 0 ? float(info.height) / float(info.width) : 1.0f;
  panel.placed.name = source->name();
  panel.placed.size_m = {width_m, width_m * aspect};
  panel.source = std::move(source);
  panels_.push_back(std::move(panel));
  place_locked();
}

void WorkspaceState::place_locked() {
  std::vector<app::LayoutItem> items(panels_.size());
  for (size_t i = 0; i < panels_.size(); ++i) {
    items[i].size_m = panels_[i].placed.size_m;
    if (workspace_.panels[i].pose) items[i].fixed = workspace_.panels[i].pose->to_pose();
  }
  const std::vector<wv::Pose> poses = app::layout_panels(workspace_.layout, items);
  for (size_t i = 0; i < panels_.size(); ++i) panels_[i].placed.T_world_panel = poses[i];
}

app::ReviewSpec WorkspaceState::review(size_t panel) const {
  std::lock_guard lock(mutex_);
  return workspace_.panels.at(panel).review;
}

Status WorkspaceState::rate(size_t panel, int stars) {
  if (Status valid = app::check_rating(stars); !valid) return valid;
  std::lock_guard lock(mutex_);
  workspace_.panels.at(panel).review.rating = stars;
  return {};
}

Status WorkspaceState::add_note(size_t panel, int64_t frame, const std::string& text,
                                std::optional<glm::vec2> point_uv) {
  std::lock_guard lock(mutex_);
  const Panel& p = panels_.at(panel);
  // The timecode: the frame's own time when the host has it on screen, else the nominal one.
  double time_s = 0.0;
  if (p.source) {
    const wv::FramePtr last = p.source->last_frame();
    time_s = last && last->index == frame ? last->pts_s : double(frame) / p.source->frame_source().info().fps;
  }
  app::ReviewSpec& review = workspace_.panels.at(panel).review;
  auto note = app::make_review_note(review, p.placed.name, frame, time_s, text, point_uv);
  if (!note) return note.error();
  review.notes.push_back(std::move(*note));
  return {};
}

Status WorkspaceState::remove_note(size_t panel, size_t note) {
  std::lock_guard lock(mutex_);
  std::vector<app::ReviewNote>& notes = workspace_.panels.at(panel).review.notes;
  if (note >= notes.size()) {
    return Error{"note " + std::to_string(note) + " of " + std::to_string(notes.size()) + " notes"};
  }
  notes.erase(notes.begin() + std::ptrdiff_t(note));
  return {};
}

bool WorkspaceState::same_engine(const Source& source) const { return source.engine() == &engine_; }

std::vector<WorkspaceState::Panel> WorkspaceState::panels() const {
  std::lock_guard lock(mutex_);
  return panels_;
}

app::Workspace WorkspaceState::now() const {
  std::lock_guard lock(mutex_);
  app::Workspace out = workspace_;
  for (size_t i = 0; i < panels_.size(); ++i) {
    if (panels_[i].source) out.panels[i].source = panels_[i].source->spec();
  }
  return out;
}

Status WorkspaceState::save(const std::string& path) {
  if (Status saved = app::save_workspace(path, now()); !saved) return saved;
  std::lock_guard lock(mutex_);
  path_ = path;
  return {};
}

std::string WorkspaceState::path() const {
  std::lock_guard lock(mutex_);
  return path_;
}

void WorkspaceState::relayout(app::LayoutSpec::Kind kind) {
  std::lock_guard lock(mutex_);
  workspace_.layout.kind = kind;
  for (app::PanelSpec& spec : workspace_.panels) spec.pose.reset();
  place_locked();
}

app::LayoutSpec::Kind WorkspaceState::layout() const {
  std::lock_guard lock(mutex_);
  return workspace_.layout.kind;
}

void WorkspaceState::set_pose(size_t panel, const wv::Pose& T_world_panel) {
  std::lock_guard lock(mutex_);
  panels_.at(panel).placed.T_world_panel = T_world_panel;
  workspace_.panels.at(panel).pose = app::PanelPose::from_pose(T_world_panel);
}

}  // namespace wv::capi
