// app/review_command.h — `worldview review --workspace W --out DIR`: a workspace's review summary
// (review.md, review.csv, review.png: app/review_export.h) without a display. The noted frames
// are made again from the workspace's sources: rollouts replay exactly (each stepped alone, as
// headless does), videos seek.
#pragma once

#include <string>

#include "app/panel_options.h"

namespace CLI {
class App;
}

namespace wv::app {

struct ReviewOptions {
  PanelOptions panels;         // the workspace, and the models it may use (--model-file, --trusted-models)
  std::string out = "review";  // the folder to write into
  int inference_threads = 1;   // LibTorch threads of the inference worker
};

CLI::App* add_review_command(CLI::App& cli, ReviewOptions& options);

// Returns the process exit code: 0 written; 1 bad input or environment (message logged); 3
// written, but some noted frames could not be made (each is named in the files and the log).
int run_review(const ReviewOptions& options);

}  // namespace wv::app
