// app/panel_options.h — where a run's panels come from, the same in every mode: a workspace
// file, `--prompt TEXT` (a generated world each, with --steer, --model, --model-file, --seed),
// `--open FILE` (a video each), and the trusted-models list. One set of options and one way to
// open them, so headless, desktop and xr accept the same panel options.
//
//   wv::app::PanelOptions options;
//   wv::app::add_panel_options(*subcommand, options);             // CLI11
//   ... parse ...
//   auto opened = wv::app::open_run_panels(options, {.exact = true});   // headless export
//   if (!opened) { wv::log_error(opened.error().message); return 1; }
//   wv::app::PanelPlayer player(opened->panels, renderer);
//
// Order of panels: the workspace's, then one per --prompt, then one per --open.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/panels.h"
#include "app/record_options.h"
#include "app/remote_sources.h"
#include "app/rollout_sources.h"
#include "app/workspace/workspace.h"
#include "wv/result.h"

namespace CLI {
class App;
}

namespace wv::app {

struct PanelOptions {
  std::string workspace;              // *.wv.json; may be empty
  std::vector<std::string> prompts;   // one generated-world panel each, after the workspace's
  std::vector<std::string> steers;    // "[PANEL@]SECONDS:TEXT": an event steered into prompt panels
  std::vector<std::string> videos;    // --open: one video panel each, last
  bool loop_videos = false;           // --loop: the --open videos start over at their end
  bool sync_videos = false;           // --sync: the --open videos play in lockstep (one group)
  std::string model;                  // the prompt panels' model id; empty: the named file's, else the default
  std::string model_file;             // a TorchScript model the user names (it runs as code)
  std::string trusted_models;         // the trusted-models list; empty: the default one, if present
  uint64_t seed = 1;                  // seed of the first prompt panel; the next ones count up
  RemoteOptions remote;               // --connect (a program-wide option): rollouts computed by a tethered server
  RecordOptions record;               // --record-panel, --record-view: what the run records

  bool empty() const { return workspace.empty() && prompts.empty() && videos.empty(); }
};

// The synchronized group --sync puts the --open panels in (a workspace's own groups are its own).
inline constexpr const char* kOpenGroup = "open";

void add_panel_options(CLI::App& command, PanelOptions& options);

struct RunPanels {
  Workspace workspace;  // with the command line's panels added
  std::unique_ptr<RolloutSources> rollouts;
  std::vector<Panel> panels;  // a panel whose source failed has none (the error is logged)
};

// A workspace file as a run uses it: load_workspace, with its video paths made relative to the
// file's folder.
Result<Workspace> load_run_workspace(const std::string& path, std::vector<std::string>* out_warnings = nullptr);

// Loads the workspace, adds the command line's panels and opens every panel's source. Errors
// (a bad workspace, --steer, --model, ...) name the input and the reason. `rollouts`: the
// inference settings (model_files, trusted_models and remote come from the options).
Result<RunPanels> open_run_panels(const PanelOptions& options, RolloutSourcesParams rollouts);

}  // namespace wv::app
