#include "app/review_command.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "app/panels.h"
#include "app/review_export.h"
#include "wv/log.h"

namespace wv::app {

CLI::App* add_review_command(CLI::App& cli, ReviewOptions& o) {
  CLI::App* cmd = cli.add_subcommand("review", "Export a workspace's ratings and notes: Markdown, CSV and a contact sheet");
  cmd->add_option("-w,--workspace", o.panels.workspace, "Workspace file (*.wv.json)")->required()->check(CLI::ExistingPath);
  cmd->add_option("-o,--out", o.out, "Folder for review.md, review.csv and review.png")->capture_default_str();
  cmd->add_option("--model-file", o.panels.model_file,
                  "A TorchScript world model the workspace uses (docs/model-contract.md); it runs as code, so name only "
                  "files you trust")
      ->check(CLI::ExistingFile);
  cmd->add_option("--trusted-models", o.panels.trusted_models,
                  "TorchScript models pinned by SHA-256 that the workspace may use by id (docs/model-contract.md)");
  return cmd;
}

int run_review(const ReviewOptions& o) {
  // Exact: each rollout stepped alone, so the frames are those a headless run shows.
  auto opened = open_run_panels(o.panels, {.inference_threads = 1, .intra_op_threads = o.inference_threads, .exact = true});
  if (!opened) {
    wv::log_error("review: " + opened.error().message);
    return 1;
  }
  std::vector<std::string> names;
  for (const Panel& panel : opened->panels) names.push_back(panel.name);
  // The sources were opened and not played: each starts at its first frame.
  const auto done = export_review(o.out, {.workspace = &opened->workspace,
                                          .panel_names = names,
                                          .captured = nullptr,
                                          .open_source = [&](size_t panel) -> Result<std::shared_ptr<FrameSource>> {
                                            if (const auto& source = opened->panels[panel].source) return source;
                                            // Failed when opened: opening again gives the reason for the files.
                                            return open_source(opened->workspace.panels[panel].source, names[panel],
                                                               opened->rollouts.get());
                                          }});
  if (!done) {
    wv::log_error("review: " + done.error().message);
    return 1;
  }
  std::printf("review: %zu note(s) of %zu panel(s)\nwrote %s\nwrote %s\n", done->notes, names.size(),
              done->markdown.c_str(), done->csv.c_str());
  if (!done->contact_sheet.empty()) std::printf("wrote %s\n", done->contact_sheet.c_str());
  if (done->frames_missing > 0) {
    wv::log_warn("review: " + std::to_string(done->frames_missing) + " noted frame(s) could not be made; " +
                 done->markdown + " says why");
    return 3;
  }
  return 0;
}

}  // namespace wv::app
