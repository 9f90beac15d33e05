// app/autosave.h — a run's unsaved changes written beside its workspace file, as
// NAME.autosave.wv.json (app/workspace/workspace.h, autosave_path), every few seconds while there
// are any and once more when the run ends. The workspace file itself is only ever written by the
// user's Save. Changes are whatever makes the workspace differ from how it was when the run
// started or was last saved: steering, branches, added or moved panels, layout, ratings, notes.
//
//   wv::app::Autosave autosave(control, options.autosave_s);
//   while (running) { ... ui.update(...); autosave.update(t_s); ... }
//   autosave.finish();
//
// An existing autosave file that does not load is never written over (it may be all the user
// has); the run says so once and autosaves nothing. Without a workspace file (a run of --prompt
// panels) nothing is written until the user saves one.
// Before the console opens another workspace in place of the run's (PanelControl::open_workspace)
// the autosave writes the unsaved changes at once, whatever the interval; when it cannot (autosave
// off, no workspace file, an autosave file it must not write over) the open is refused saying
// why, so nothing is lost. From then on it watches the opened workspace.
// Threading: the render thread; `control` outlives the autosave.
#pragma once

#include <cstdint>
#include <string>

#include "app/panel_control.h"

namespace CLI {
class App;
}

namespace wv::app {

// `--autosave S` for the modes that autosave.
void add_autosave_option(CLI::App& command, double& autosave_s);

class Autosave {
 public:
  // interval_s <= 0: off. Registers itself as `control`'s before-open hook.
  Autosave(PanelControl& control, double interval_s);
  ~Autosave();
  Autosave(const Autosave&) = delete;
  Autosave& operator=(const Autosave&) = delete;

  // Every frame, after the UI acted (a save this frame is seen at once).
  void update(double t_s);
  // When the run ends: writes what is still unsaved, whenever the last write was.
  void finish();
  // Autosave files written so far (for the run's report and tests).
  uint64_t writes() const { return writes_; }

 private:
  // The file that holds the unsaved changes now ("" when there are none), or why none does.
  Result<std::string> write_if_unsaved();
  void log_once(const Result<std::string>& written);
  // Before another workspace is opened: what keeps the changes, for the console.
  Result<std::string> keep_unsaved();
  void watch_opened_workspace();

  PanelControl& control_;
  double interval_s_;
  double next_s_;
  std::string saved_text_;      // the workspace as the file (or the run's start) has it
  uint64_t saves_seen_;
  uint64_t opens_seen_;
  std::string autosaved_text_;  // what the autosave file holds, if this run wrote it
  std::string autosaved_path_;
  std::string refused_path_;    // an autosave file there that does not load: left alone
  std::string refused_why_;
  std::string last_told_;       // the last reason logged for not writing (each is logged once)
  uint64_t writes_ = 0;
};

}  // namespace wv::app
