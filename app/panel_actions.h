// app/panel_actions.h — what the in-world console (app/ui_console.h) does to panels, as an
// interface: the program's runs implement it with PanelControl (app/panel_control.h) over the
// panels they play; the C API implements it over a host's workspace (capi/workspace_actions.h),
// so a host that lets the library render shows the same console.
//
//   wv::app::PanelActions& actions = control;           // or the C API's
//   if (wv::Status s = actions.steer(1, "the balls turn green"); !s) show(s.error().message);
//   actions.review().rate(1, 4);
//
// An implementation that cannot do something (a host's workspace records nothing) says so: the
// action returns an Error naming why, or recordings() is null, and the console shows it.
//
// Threading: the thread that runs the console (the render thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "app/review_export.h"
#include "app/workspace/workspace.h"
#include "wv/frame.h"
#include "wv/result.h"

namespace wv::app {

class PanelRecordings;

struct PanelStatus {
  std::string kind;            // the source's kind: "rollout", "video", ...
  std::string model;           // rollout panels: the model id
  int64_t frame = -1;          // the frame shown now; -1: none yet
  double shown_fps = 0.0;      // new frames shown per second, over about the last second
  double speed = 1.0;          // playback speed (0: paused)
  size_t lookahead = 0;        // frames computed ahead of display (rollouts)
  size_t lookahead_capacity = 0;
  double steer_latency_ms = -1.0;  // the last steer to its first frame; -1: none yet
  std::string prompt;              // rollouts: the prompt in force at the shown frame (none shown: the latest)
  std::vector<std::string> unknown_words;  // words of the rollout's prompts its model did not know
  std::string error;                       // why the panel's source failed; empty: it did not
};

// The Review tab's side: ratings and notes pinned to the frame a panel shows (app/panel_review.h).
class ReviewActions {
 public:
  virtual ~ReviewActions() = default;

  struct Entry {
    size_t panel = 0;
    size_t note = 0;  // in the panel's notes
  };

  virtual int rating(size_t panel) const = 0;
  // The frame a new note on the panel would be pinned to (null: none shown yet).
  virtual FramePtr shown(size_t panel) const = 0;
  // 0 clears the rating; 1 to 5 stars.
  virtual Status rate(size_t panel, int stars) = 0;
  // A note at the frame the panel shows now; refused (saying why) when it shows none yet, the
  // text is empty or too long, or the panel has the most notes it may have.
  virtual Status add_note(size_t panel, const std::string& text, std::optional<glm::vec2> point_uv) = 0;
  virtual void remove_note(size_t panel, size_t note) = 0;
  // Every panel's notes: panel by panel, each panel's in the order they were written.
  virtual std::vector<Entry> notes() const = 0;
  virtual ReviewNote note(Entry entry) const = 0;
  // Writes review.md, review.csv and review.png into `folder` (app/review_export.h).
  virtual Result<ReviewExport> export_to(const std::string& folder) const = 0;
};

class PanelActions {
 public:
  virtual ~PanelActions() = default;

  // Once per UI frame, before the console is built (t_s: display time).
  virtual void update(double t_s) = 0;

  virtual size_t size() const = 0;
  virtual std::string name(size_t i) const = 0;
  // A rollout whose prompt can change: steer and branch work on it.
  virtual bool steerable(size_t i) const = 0;
  // From the frame after the one the panel shows.
  virtual Status steer(size_t i, const std::string& text) = 0;
  // A new panel beside panel i that shares its frames so far and goes on with `text` (and, if
  // given, another seed). Returns the new panel's index.
  virtual Result<size_t> branch(size_t i, const std::string& text, std::optional<uint64_t> seed, double t_s) = 0;
  // A new rollout panel of `model` seeded with `seed`, beside the last panel; returns its index.
  virtual Result<size_t> add_rollout_panel(const std::string& prompt, const std::string& model, uint64_t seed,
                                           double t_s) = 0;
  // Models a new panel can use (ids), and the one to offer first for panel i.
  virtual std::vector<std::string> models() const = 0;
  virtual std::string model_like(size_t i) const = 0;
  // Places every panel again by the layout `kind`, in panel order.
  virtual void relayout(LayoutSpec::Kind kind) = 0;
  virtual LayoutSpec::Kind layout() const = 0;

  // Playback; t_s is the display time.
  virtual bool playing(size_t i) const = 0;
  virtual void set_playing(size_t i, bool playing, double t_s) = 0;
  virtual void set_speed(size_t i, double speed, double t_s) = 0;  // > 0
  virtual void restart(size_t i, double t_s) = 0;
  virtual void step(size_t i, double t_s) = 0;  // one frame on (pauses)
  virtual void seek_frame(size_t i, int64_t frame, double t_s) = 0;
  // The last frame the panel can be sought to without waiting on the model.
  virtual int64_t seekable_frames(size_t i) const = 0;

  virtual PanelStatus status(size_t i) const = 0;
  // The frame panel i shows now (null before its first).
  virtual FramePtr shown(size_t i) const = 0;

  // The workspace file Save writes (empty: none yet), and saving to `path` (which then is it).
  virtual std::string workspace_path() const = 0;
  virtual Status save(const std::string& path) = 0;
  virtual ReviewActions& review() = 0;

  // A loop region: once both ends are set, the panel plays frames A to B over and over.
  struct LoopRegion {
    std::optional<int64_t> a, b;
    bool active() const { return a && b; }
  };
  virtual Status set_loop_end(size_t i, bool b_end, int64_t frame) = 0;  // b_end: B, else A
  virtual void clear_loop(size_t i) = 0;
  virtual LoopRegion loop(size_t i) const = 0;

  // Another workspace file in place of every panel; what happened, for the console.
  virtual Result<std::string> open_workspace(const std::string& path, double t_s) = 0;
  // How many workspaces were opened in place of the panels so far (the console starts over).
  virtual uint64_t opens() const = 0;
  // A new panel playing a video file or image sequence; returns its index.
  virtual Result<size_t> open_video_panel(const std::string& path, double t_s) = 0;
  // The Record toggles' recordings (app/panel_recording.h); null: nothing can be recorded here.
  virtual PanelRecordings* recordings() const = 0;
};

// A loop region's rules, for every implementation: an end is set only on a source that can seek
// back (else an Error naming the panel); once both ends are set (either order), the panel jumps
// back to A when its clock reaches B + 1, so B is the last frame shown.
Status set_loop_end(PanelActions::LoopRegion& loop, bool seekable, const std::string& panel_name, bool b_end,
                    int64_t frame);
std::optional<int64_t> loop_jump(const PanelActions::LoopRegion& loop, double clock_frames);

// Refused once a run has as many panels as a workspace may hold (workspace_limits::kMaxPanels).
Status room_for_another_panel(size_t panels);

// The specs of the panels Add panel and Open make, checked: a prompt of 1 to 4096 bytes; a path
// that is not empty (made absolute, so a workspace saved elsewhere later still finds it).
Result<PanelSpec> rollout_panel_spec(const std::string& prompt, const std::string& model, uint64_t seed);
Result<PanelSpec> video_panel_spec(const std::string& path);

}  // namespace wv::app
