// app/eval_command.h — `worldview eval`: scores a world model against toyworld's ground truth
// (model/eval/evaluate.h) and writes the figures as JSON, a Markdown table and PNG plots of
// each metric against rollout horizon.
#pragma once

#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace wv::app {

struct EvalOptions {
  std::string model = "toyworld-latent-v2";  // a model id (assets/models/<id>): the default built-in
  std::string prompts;                       // one toyworld scene text per line; # comments
  int32_t frames = 1000;
  int32_t seeds = 4;
  std::string json = "eval.json";  // also <stem>.md and <stem>.<metric>.png beside it
  int inference_threads = 1;
};

CLI::App* add_eval_command(CLI::App& cli, EvalOptions& options);

// 0 written; 1 bad input or a failure (logged).
int run_eval(const EvalOptions& options);

}  // namespace wv::app
