// app/desktop_command.h — `worldview desktop`: the panels around a virtual head in a window
// (GLFW on Vulkan), driven by mouse and keyboard (app/desktop_input.h has the controls). The
// mouse feeds the same pointer input as XR controllers, so panels are selected, grabbed and
// pushed exactly as in the headset.
//
// Closing the window, --seconds or Ctrl+C end the run cleanly. While the window is minimized
// nothing is rendered (the panels' sources keep only their small lookahead). Resizing recreates
// the swapchain. Without a display it says why and exits with kExitNoWindow.
#pragma once

#include <cstdint>
#include <string>

#include "app/panel_options.h"

namespace CLI {
class App;
}

namespace wv::app {

struct DesktopOptions {
  PanelOptions panels;          // --workspace, --prompt, --open, ... (app/panel_options.h)
  double seconds = 0.0;         // > 0: end after this long
  int width = 1280;             // the window, in window coordinates
  int height = 720;
  int msaa = 1;                 // 1 or 4
  float fov_y_deg = 60.0f;
  std::string device;           // preferred Vulkan device (name substring)
  bool validate = false;        // Vulkan validation: any message fails the run
  bool mailbox = false;         // MAILBOX presentation where offered (else FIFO: waits for the display)
  std::string snapshot;         // PNG of one presented frame; empty: none
  double snapshot_at_s = -1.0;  // < 0: the middle of the run with --seconds, else 1 s
  std::string input_script;     // timed mouse/keyboard/window actions (app/input_script.h)
  int inference_threads = 1;    // LibTorch threads of the inference worker
  bool print_report = true;     // at the end: frame times and where each panel was left
  bool ui = true;               // the in-world console (app/ui_layer.h)
  double autosave_s = 30.0;     // unsaved changes to NAME.autosave.wv.json this often (app/autosave.h); 0: never
};

// What a run measured (also printed at its end).
struct DesktopStats {
  uint64_t frames_rendered = 0;
  uint64_t frames_paused = 0;          // loop turns with nothing drawn (minimized)
  uint64_t swapchain_recreations = 0;
  bool mailbox = false;                // presented with MAILBOX (else FIFO)
  double cpu_ms_per_frame = 0.0;       // render (main) thread CPU time per rendered frame
  double wall_ms_per_frame = 0.0;      // wall time per rendered frame
  double ui_cpu_ms_per_frame = 0.0;    // of the CPU time: the in-world UI's (routing, ImGui, drawing)
};

// Exit codes (README): 0 done; 1 bad input or environment; 3 some panels failed; 4 Vulkan
// validation messages; 5 no window can be made here (no display), with the reason on stderr.
inline constexpr int kExitNoWindow = 5;

CLI::App* add_desktop_command(CLI::App& cli, DesktopOptions& options);
int run_desktop(const DesktopOptions& options, DesktopStats* out_stats = nullptr);

}  // namespace wv::app
