// app/headless_command.h — `worldview headless`: plays a workspace's panels around a scripted
// viewer with no display and writes what the viewer sees to an MP4 (and a PNG snapshot).
//
// Offline and deterministic: output frame k shows time k / fps, and every panel shows exactly
// the source frame due at that time (the render loop waits for it; interactive modes never do).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/panel_options.h"

namespace CLI {
class App;
}

namespace wv::app {

struct HeadlessOptions {
  PanelOptions panels;          // --workspace, --prompt, --open, ... (app/panel_options.h)
  int inference_threads = 1;    // LibTorch threads of the inference worker
  std::string out = "worldview.mp4";
  std::string snapshot;         // PNG of one frame; empty: none
  double snapshot_at_s = -1.0;  // < 0: the middle of the run
  double seconds = 10.0;
  int width = 1280;
  int height = 720;
  int fps = 30;
  int msaa = 4;                 // 1 or 4
  float fov_y_deg = 60.0f;
  std::string device;           // preferred Vulkan device (name substring)
  bool validate = false;        // Vulkan validation: any message fails the run
  bool still = false;           // the viewer looks straight ahead instead of looking around
  std::string script;           // a session script (app/session_script.h): user actions through the console
  double autosave_s = 30.0;     // with a script: unsaved changes to NAME.autosave.wv.json this often (run time); 0: never
};

CLI::App* add_headless_command(CLI::App& cli, HeadlessOptions& options);

// Returns the process exit code: 0 done; 1 bad input or environment (message logged);
// 3 outputs written but some panels failed; 4 validation messages seen.
int run_headless(const HeadlessOptions& options);

}  // namespace wv::app
