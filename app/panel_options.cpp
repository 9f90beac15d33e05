#include "app/panel_options.h"

#include <CLI/CLI.hpp>

#include <filesystem>

#include "app/prompt_panels.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;

}  // namespace

Result<Workspace> load_run_workspace(const std::string& path, std::vector<std::string>* out_warnings) {
  auto loaded = load_workspace(path, out_warnings);
  if (!loaded) return loaded.error();
  // Video paths in a workspace file are relative to its folder (docs/workspace.md).
  const fs::path folder = fs::path(path).parent_path();
  for (PanelSpec& panel : loaded->panels) {
    if (panel.source.kind != SourceSpec::Kind::Video) continue;
    const fs::path video(panel.source.video.path);
    if (video.is_relative()) panel.source.video.path = (folder / video).lexically_normal().string();
  }
  return loaded;
}

void add_panel_options(CLI::App& cmd, PanelOptions& o) {
  cmd.add_option("-w,--workspace", o.workspace, "Workspace file (*.wv.json)")->check(CLI::ExistingPath);
  cmd.add_option("-p,--prompt", o.prompts, "A panel with a world generated from this prompt (repeatable)");
  cmd.add_option("--steer", o.steers,
                 "[PANEL@]SECONDS:TEXT: steer an event into prompt panel PANEL (default: all) at SECONDS (repeatable)");
  cmd.add_option("--open", o.videos, "A panel playing this video file or image sequence (frame_%04d.png) (repeatable)");
  cmd.add_flag("--loop", o.loop_videos, "The --open videos start over at their end");
  cmd.add_flag("--sync", o.sync_videos, "The --open videos play, pause and seek in lockstep (A/B comparison)");
  cmd.add_option("--model", o.model, std::string("World model of the prompt panels (an id, see `worldview info`; default ") + kDefaultModelId + ")");
  cmd.add_option("--model-file", o.model_file,
                 "A TorchScript world model to use (docs/model-contract.md); it runs as code, so name only files you trust")
      ->check(CLI::ExistingFile);
  cmd.add_option("--trusted-models", o.trusted_models,
                 "TorchScript models pinned by SHA-256 that workspaces may use by id (docs/model-contract.md; "
                 "default: ~/.config/worldview/trusted-models.json)");
  cmd.add_option("--seed", o.seed, "Seed of the first prompt panel; the next ones count up")->capture_default_str();
  add_record_options(cmd, o.record);
}

Result<RunPanels> open_run_panels(const PanelOptions& o, RolloutSourcesParams params) {
  RunPanels run;
  if (!o.workspace.empty()) {
    auto loaded = load_run_workspace(o.workspace);
    if (!loaded) return loaded.error();
    run.workspace = std::move(*loaded);
  }
  params.model_files = o.model_file.empty() ? std::vector<std::string>{} : std::vector<std::string>{o.model_file};
  params.trusted_models = o.trusted_models;
  params.remote = o.remote;
  auto rollouts = RolloutSources::create(params);
  if (!rollouts) return rollouts.error();
  run.rollouts = std::move(*rollouts);
  const std::string model = !o.model.empty()                          ? o.model
                            : !run.rollouts->named_model_ids().empty() ? run.rollouts->named_model_ids().front()
                                                                        : std::string(kDefaultModelId);
  if (Status added = add_prompt_panels(run.workspace, o.prompts, o.steers, model, o.seed); !added) return added.error();
  if (run.workspace.panels.size() + o.videos.size() > workspace_limits::kMaxPanels)
    return Error{"too many panels (at most " + std::to_string(workspace_limits::kMaxPanels) + ")"};
  for (const std::string& video : o.videos) {
    PanelSpec panel;
    panel.source.kind = SourceSpec::Kind::Video;
    panel.source.video.path = video;
    panel.source.video.loop = o.loop_videos;
    if (o.sync_videos) panel.group = kOpenGroup;
    run.workspace.panels.push_back(std::move(panel));
  }
  run.panels = open_panels(run.workspace, o.workspace.empty() ? "command line" : o.workspace, run.rollouts.get());
  return run;
}

}  // namespace wv::app
