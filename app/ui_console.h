// app/ui_console.h — the in-world console: one ImGui window that fills its UI surface and acts on
// one panel at a time (the one picked in its list, or the last one selected with a pointer).
//
//   [panel list]                     the panel the console acts on
//   status                           model, frame, shown fps, speed, lookahead, steer latency, error
//   Prompt tab                       prompt field, Steer (Enter), Branch (a new panel beside it
//                                    with this prompt, optionally a new seed), history, presets,
//                                    the words the model did not know, a virtual keyboard for the
//                                    controller ray
//   Playback tab                     play/pause, restart, step, speed, a scrub bar with thumbnails
//                                    and a loop region (app/ui_scrub_bar.h), Record panel / Record
//                                    view (app/ui_record_controls.h)
//   Workspace tab                    save, save as, add a panel (model, seed), arc/grid/stack layout,
//                                    open a workspace (its panels replace the run's) or a video
//   Review tab                       rating, notes at the shown frame (and pointer's point), the
//                                    notes of all panels (pick to jump, delete), export
//
// With no panels only the Workspace tab shows (Open brings panels into an empty room).
// Every control does what it says through PanelActions (app/panel_actions.h); one that cannot act on the current panel
// (steering a video) is disabled and says why, and failures show in the console.
//
//   wv::app::UiConsole console(control);
//   surface.frame(dt_s, pointer, keys, [&] { console.build(t_s); });
//
// Threading: the render thread, inside the surface's ImGui frame.
#pragma once

#include <string>
#include <vector>

#include "app/panel_actions.h"
#include "app/ui_controls.h"
#include "app/panel_thumbnails.h"
#include "app/ui_review_tab.h"
#include "app/ui_record_controls.h"
#include "app/ui_scrub_bar.h"
#include "app/ui_workspace_tab.h"

namespace wv::app {

class UiConsole {
 public:
  // How often the status numbers change on screen: often enough to follow, rarely enough that
  // the console's pixels (and its texture upload) stay still between refreshes.
  static constexpr double kStatusRefresh_s = 0.25;
  static constexpr size_t kMaxHistory = 16;

  explicit UiConsole(PanelActions& control) : control_(control) {}

  // The panel the console acts on (e.g. the one the user selected in the scene).
  void set_target(size_t panel);
  size_t target() const { return target_; }
  // The window, for the surface's whole pixels.
  void build(double t_s);
  // The result of the last action, for people (also what tests read back).
  const std::string& message() const { return message_; }
  // Where the named controls were drawn in the last frame (app/ui_controls.h).
  const UiControls& controls() const { return controls_; }
  // Where a pointer ray last met a panel (app/ui_layer.h tells it): a note can be pinned there.
  void pointer_hit(const PanelHit& hit) { pointer_hit_ = hit; }

 private:
  void follow_opened_workspace();
  void target_list();
  void status_lines(double t_s);
  void prompt_tab(double t_s);
  void playback_tab(double t_s);
  void workspace_tab(double t_s);
  void steer();
  void branch(double t_s);
  void remember(const std::string& prompt);
  void report(const Status& s, const std::string& done);
  void message_line() const;
  UiRecordControls::Report reporter();

  PanelActions& control_;
  size_t target_ = 0;
  std::string prompt_;
  bool prompt_for_target_ = false;  // prompt_ holds the target's prompt or the user's edit of it
  std::vector<std::string> history_;
  UiWorkspaceTab workspace_tab_;
  UiRecordControls record_;
  PanelThumbnails thumbnails_;
  UiScrubBar scrub_bar_;
  bool keyboard_ = true;
  bool branch_seed_ = false;  // branch with a new noise seed (else the parent's)
  int seed_ = 2;
  std::string message_;
  bool message_is_error_ = false;
  PanelStatus shown_status_;
  UiControls controls_;
  double status_at_s_ = -1.0;
  UiReviewTab review_tab_;
  std::optional<PanelHit> pointer_hit_;
  uint64_t opens_seen_ = 0;  // PanelActions::opens() the console's per-panel state is of
};

}  // namespace wv::app
