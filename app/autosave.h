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
  // interval_s <= 0: off.
  Autosave(const PanelControl& control, double interval_s);

  // Every frame, after the UI acted (a save this frame is seen at once).
  void update(double t_s);
  // When the run ends: writes what is still unsaved, whenever the last write was.
  void finish();
  // Autosave files written so far (for the run's report and tests).
  uint64_t writes() const { return writes_; }

 private:
  void write_if_unsaved();

  const PanelControl& control_;
  double interval_s_;
  double next_s_;
  std::string saved_text_;      // the workspace as the file (or the run's start) has it
  uint64_t saves_seen_;
  std::string autosaved_text_;  // what the autosave file holds, if this run wrote it
  std::string autosaved_path_;
  std::string refused_path_;    // an autosave file there that does not load: left alone
  bool told_no_file_ = false;
  uint64_t writes_ = 0;
};

}  // namespace wv::app
