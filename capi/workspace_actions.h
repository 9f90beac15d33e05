// capi/workspace_actions.h — the in-world console's actions (app/panel_actions.h) on a host's
// workspace: steering, branching, playback, layout, saving and review go through the
// workspace's Sources (capi/source.h), so the console the library draws for a host
// (capi/host_console.h) does what the program's does.
//
//   WorkspaceActions actions(engine, workspace);
//   actions.update(display_time_s);                 // once per UI frame: panels, shown fps
//   actions.steer(0, "the balls turn green");
//
// Panels it adds (a branch, Add panel, Open of a video) get source handles as a loaded
// workspace's panels do: the host finds them with wv_workspace_panel and closes them.
// Not here, and saying so when tried: recording (the host records its own output) and opening
// another workspace in place of this one (the host's wv_workspace_load).
//
// Threading: the host's render thread (the workspace and its sources lock for themselves).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/panel_actions.h"
#include "app/shown_rates.h"
#include "capi/workspace_state.h"

namespace wv::capi {

class Engine;

class WorkspaceActions final : public app::PanelActions, public app::ReviewActions {
 public:
  WorkspaceActions(Engine& engine, std::shared_ptr<WorkspaceState> workspace);

  void update(double t_s) override;
  size_t size() const override { return panels_.size(); }
  std::string name(size_t i) const override { return panels_.at(i).placed.name; }
  bool steerable(size_t i) const override;
  Status steer(size_t i, const std::string& text) override;
  Result<size_t> branch(size_t i, const std::string& text, std::optional<uint64_t> seed, double t_s) override;
  Result<size_t> add_rollout_panel(const std::string& prompt, const std::string& model, uint64_t seed,
                                   double t_s) override;
  std::vector<std::string> models() const override;
  std::string model_like(size_t i) const override;
  void relayout(app::LayoutSpec::Kind kind) override;
  app::LayoutSpec::Kind layout() const override { return workspace_->layout(); }

  bool playing(size_t i) const override;
  void set_playing(size_t i, bool playing, double t_s) override;
  void set_speed(size_t i, double speed, double t_s) override;
  void restart(size_t i, double t_s) override;
  void step(size_t i, double t_s) override;
  void seek_frame(size_t i, int64_t frame, double t_s) override;
  int64_t seekable_frames(size_t i) const override;
  // A jump by delta_s of source time from the frame shown (the thumbstick's scrub).
  void scrub(size_t i, double delta_s, double t_s);

  app::PanelStatus status(size_t i) const override;
  FramePtr shown(size_t i) const override;  // also ReviewActions::shown

  std::string workspace_path() const override { return workspace_->path(); }
  Status save(const std::string& path) override { return workspace_->save(path); }
  app::ReviewActions& review() override { return *this; }

  Status set_loop_end(size_t i, bool b_end, int64_t frame) override;
  void clear_loop(size_t i) override;
  LoopRegion loop(size_t i) const override { return i < loops_.size() ? loops_[i] : LoopRegion{}; }
  Result<std::string> open_workspace(const std::string& path, double t_s) override;
  uint64_t opens() const override { return 0; }
  Result<size_t> open_video_panel(const std::string& path, double t_s) override;
  app::PanelRecordings* recordings() const override { return nullptr; }

  // Review
  int rating(size_t panel) const override { return workspace_->review(panel).rating; }
  Status rate(size_t panel, int stars) override { return workspace_->rate(panel, stars); }
  Status add_note(size_t panel, const std::string& text, std::optional<glm::vec2> point_uv) override;
  void remove_note(size_t panel, size_t note) override;
  std::vector<Entry> notes() const override;
  app::ReviewNote note(Entry entry) const override { return workspace_->review(entry.panel).notes.at(entry.note); }
  Result<app::ReviewExport> export_to(const std::string& folder) const override;

 private:
  // Panel i's source, open; null: it failed to open or was closed.
  std::shared_ptr<Source> source(size_t i) const;
  // The frame after the one panel i shows (a steer or branch starts there; at least 1).
  int64_t next_frame(size_t i) const;
  // A source opened for a new panel: handed a handle (the host closes it) and added.
  Result<size_t> add_panel(Result<std::shared_ptr<Source>> opened, float width_m);

  Engine& engine_;
  std::shared_ptr<WorkspaceState> workspace_;
  std::vector<WorkspaceState::Panel> panels_;  // as of the last update() or add
  app::ShownRates rates_;
  std::vector<LoopRegion> loops_;  // per panel, for this console's life (not saved)
};

}  // namespace wv::capi
