// app/xr_command.h — `worldview xr`: the workspace's panels around the user in a headset, through
// whatever OpenXR runtime is active (SteamVR, Monado, Meta Link, WiVRn, ALVR, ...).
//
// Without a runtime or headset it says why (the OpenXR result and what to do) and, unless
// --no-fallback, falls back to desktop mode, and without a display to headless mode
// (DESIGN.md §1).
#pragma once


#include <cstdint>
#include <string>

#include "app/panel_options.h"

namespace CLI {
class App;
}

namespace wv::app {

struct XrOptions {
  PanelOptions panels;        // --workspace, --prompt, --open, ...; none: an empty room
  double seconds = 0.0;       // > 0: end the session after this much display time
  int64_t frames = 0;         // > 0: end the session after this many frames
  bool no_fallback = false;   // no runtime/headset: exit with kExitNoXr instead of going headless
  bool validate = false;      // Vulkan validation: any message fails the run
  int msaa = 1;               // 1 or 4
  std::string fallback_out = "worldview.mp4";  // the headless fallback's video
  int inference_threads = 1;  // LibTorch threads of the inference worker
  bool ui = true;             // the in-world console (app/ui_layer.h)
  double autosave_s = 30.0;   // unsaved changes to NAME.autosave.wv.json this often (app/autosave.h); 0: never
};

// Exit codes of `worldview xr` (README): 0 done; 1 bad input or environment; 3 some panels
// failed; 4 Vulkan validation messages; 5 no OpenXR runtime or headset (with --no-fallback);
// 6 the runtime went away mid-run (instance lost). A fallback run exits with desktop's or
// headless's codes.
inline constexpr int kExitNoXr = 5;
inline constexpr int kExitRuntimeLost = 6;

CLI::App* add_xr_command(CLI::App& cli, XrOptions& options);
int run_xr(const XrOptions& options);

}  // namespace wv::app
