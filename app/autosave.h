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
// the autosave writes the unsaved changes at once, whatever the interval, and waits for the file;
// when it cannot (autosave off, no workspace file, an autosave file it must not write over) the
// open is refused saying why, so nothing is lost. From then on it watches the opened workspace.
// Threading: called on the render thread, which only compares the workspace with the saved one;
// checking and writing the file (fsync included) run on a thread of their own, one write at a
// time, so the display never waits on the disk. `control` outlives the autosave.
#pragma once

#include <cstdint>
#include <future>
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
  Autosave(const Autosave&) = delete;
  Autosave& operator=(const Autosave&) = delete;

  // Every frame, after the UI acted (a save this frame is seen at once).
  void update(double t_s);
  // When the run ends: writes what is still unsaved, whenever the last write was (and waits).
  void finish();
  ~Autosave();
  // Autosave files written so far (for the run's report and tests).
  uint64_t writes() const { return writes_; }

 private:
  // What a write on the writer thread did.
  struct Written {
    std::string path, text;
    Status status;
    bool refused = false;  // an autosave file there did not load: left alone (status says why)
  };
  static Written write(std::string path, Workspace workspace, std::string text, bool ours);
  void write_if_unsaved();
  void collect(bool wait);  // the pending write's outcome, if it is done (or once it is)
  Status record(Written done);  // logs what a write did and keeps its outcome; returns its error
  // Before another workspace is opened: writes the unsaved changes now; what keeps them, or why
  // nothing can.
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
  bool told_no_file_ = false;
  uint64_t writes_ = 0;
  std::future<Written> pending_;
};

}  // namespace wv::app
