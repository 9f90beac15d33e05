// app/panel_control.h — what the in-world UI does to a run's panels, for real: steers and
// branches rollouts through the engine (model/rollout_engine.h) and keeps the workspace's specs in
// step, so a saved workspace replays what the user did; plays, pauses, restarts, steps, seeks and
// sets the speed of panels through the player; reports each panel's status; saves the workspace.
//
//   wv::app::PanelControl control(run_panels, player, "demo.wv.json");
//   control.update(t_s);                                    // every frame: measures shown fps
//   if (wv::Status s = control.steer(1, "the balls turn green"); !s) show(s.error().message);
//   wv::app::PanelStatus st = control.status(1);
//
// A steer applies from the frame after the one the panel shows (that frame stays on screen; the
// lookahead computed under the old prompt is dropped and regenerated, DESIGN.md §3), and is
// recorded in the panel's rollout source as a prompt change at that frame (a branch entry of the
// source, app/rollout_track.h), which is exactly what the engine's prompt track now holds. A
// branch forks the same way into a new panel placed to the right of its parent.
//
// Threading: the render thread; `run` and `player` outlive the control.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/panel_actions.h"
#include "app/panel_options.h"
#include "app/panel_player.h"
#include "app/panel_review.h"
#include "app/shown_rates.h"
#include "wv/result.h"

namespace wv::model {
class Rollout;
}

namespace wv::app {

class PanelRecordings;


class PanelControl final : public PanelActions {
 public:
  PanelControl(RunPanels& run, PanelPlayer& player, std::string workspace_path);
  ~PanelControl();

  // Once per frame, after the player showed its frames.
  void update(double t_s) override;

  size_t size() const override { return player_.size(); }
  std::string name(size_t i) const override { return player_.panel(i).name; }
  // A rollout computed by this process's engine: steer and branch work on it.
  bool steerable(size_t i) const override { return rollout(i) != nullptr; }
  Status steer(size_t i, const std::string& text) override;
  // Forks panel i's rollout at the frame after the one it shows into a new panel beside it that
  // continues with `text` and, if given, another noise seed (the engine's branch: both share the
  // frames before). Returns the new panel's index; the workspace gains its spec (a branch of the
  // parent's source).
  Result<size_t> branch(size_t i, const std::string& text, std::optional<uint64_t> seed, double t_s) override;

  // A new rollout panel of `model` seeded with `seed`, beside the last panel; returns its index.
  Result<size_t> add_rollout_panel(const std::string& prompt, const std::string& model, uint64_t seed,
                                   double t_s) override;
  // Models a new panel can use (ids), and the one to offer first: panel i's if it is a rollout,
  // else the model named on the command line, else the built-in one.
  std::vector<std::string> models() const override;
  std::string model_like(size_t i) const override;
  // Places every panel again by the layout `kind` (arc, grid or stack), in panel order.
  void relayout(LayoutSpec::Kind kind) override;
  LayoutSpec::Kind layout() const override { return run_.workspace.layout.kind; }

  // Playback (any panel with a source); t_s is the display time.
  bool playing(size_t i) const override { return player_.speed(i) > 0.0; }
  void set_playing(size_t i, bool playing, double t_s) override;
  void set_speed(size_t i, double speed, double t_s) override;  // > 0
  void restart(size_t i, double t_s) override;
  void step(size_t i, double t_s) override;  // one frame on (pauses)
  void seek_frame(size_t i, int64_t frame, double t_s) override;
  // The last frame the panel can be sought to without waiting on the model: what it computed.
  int64_t seekable_frames(size_t i) const override;

  PanelStatus status(size_t i) const override;
  // The frame panel i shows now (null before its first).
  FramePtr shown(size_t i) const override { return player_.shown(i); }
  // Rollouts: every prompt change (frame, text) the engine holds now; others: none.
  std::vector<std::pair<int64_t, std::string>> prompt_track(size_t i) const;

  // The workspace with every panel where it is now; the workspace file this run came from
  // (empty: none).
  std::string workspace_path() const override { return workspace_path_; }
  // Writes the workspace to `path` (atomically, app/workspace/workspace.h); from then on it is
  // the run's workspace file.
  Status save(const std::string& path) override;
  // The workspace as save() would write it now (every panel where it is), and how many saves
  // succeeded so far (app/autosave.h: what is unsaved).
  Workspace workspace_now() const;
  uint64_t saves() const { return saves_; }
  // Ratings and notes of the panels (kept in the workspace, so saving keeps them).
  PanelReview& review() override { return review_; }
  const PanelReview& review() const { return review_; }

  // A loop region: once both ends are set (either order), the panel plays frames A to B and
  // jumps back to A when it passes B. It needs a source that can seek back (refused otherwise);
  // it holds for this run only (it is not saved in the workspace).
  Status set_loop_end(size_t i, bool b_end, int64_t frame) override;  // b_end: B, else A
  void clear_loop(size_t i) override;
  LoopRegion loop(size_t i) const override { return i < loops_.size() ? loops_[i] : LoopRegion{}; }

  // Opens another workspace file in place of the run's (File > Open): its panels replace every
  // panel, it becomes the file Save writes, and its layout, reviews and prompt tracks are the
  // run's from then on. Refused, with nothing changed, when the file does not load (the loader's
  // "file:line: field: reason"), when a panel is being recorded, or when the before-open hook
  // (set_before_open) cannot keep the unsaved changes. A panel whose source fails opens without
  // one (logged), as at the start of a run. Returns what happened, for the console.
  Result<std::string> open_workspace(const std::string& path, double t_s) override;
  // Keeps the run's unsaved changes before another workspace replaces them (app/autosave.h);
  // returns what it did, or why it could not. None set: nothing is kept.
  using BeforeOpen = std::function<Result<std::string>()>;
  void set_before_open(BeforeOpen hook) { before_open_ = std::move(hook); }
  // How many workspaces were opened in place of the run's so far.
  uint64_t opens() const override { return player_.replacements(); }

  // A new panel playing a video file or image sequence (frame_%04d.png), beside the last panel;
  // returns its index. A file that does not open is an Error naming it and the reason.
  Result<size_t> open_video_panel(const std::string& path, double t_s) override;

  // The run's recordings (app/panel_recording.h), for the console's Record toggles; null: the
  // mode records nothing.
  void set_recordings(PanelRecordings* recordings) { recordings_ = recordings; }
  PanelRecordings* recordings() const override { return recordings_; }

 private:
  std::shared_ptr<model::Rollout> rollout(size_t i) const;
  double fps(size_t i) const;
  wv::Pose beside(size_t i, float width_m) const;
  Result<size_t> add_panel(PanelSpec spec, const std::string& label, double t_s);

  RunPanels& run_;
  PanelPlayer& player_;
  std::string workspace_path_;
  std::vector<double> resume_speed_;   // the speed to play at again after a pause
  ShownRates rates_;
  uint64_t saves_ = 0;
  PanelReview review_;
  PanelRecordings* recordings_ = nullptr;
  std::vector<LoopRegion> loops_;
  BeforeOpen before_open_;
};

}  // namespace wv::app
