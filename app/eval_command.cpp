#include "app/eval_command.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/eval_report.h"
#include "app/model_catalog.h"
#include "app/progress.h"
#include "model/runtime_info.h"
#include "wv/atomic_file.h"
#include "wv/log.h"

namespace wv::app {
namespace {

constexpr size_t kMaxPrompts = 1000;

// One prompt per line; blank lines and lines starting with '#' are skipped.
Result<std::vector<std::string>> read_prompts(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{"eval: cannot read prompts file " + path};
  std::vector<std::string> prompts;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const size_t begin = line.find_first_not_of(" \t\r");
    if (begin == std::string::npos || line[begin] == '#') continue;
    line = line.substr(begin, line.find_last_not_of(" \t\r") + 1 - begin);
    if (line.size() > 4096) return Error{path + ":" + std::to_string(number) + ": a prompt is at most 4096 bytes"};
    if (prompts.size() == kMaxPrompts) return Error{path + ": more than 1000 prompts"};
    prompts.push_back(line);
  }
  if (prompts.empty()) return Error{path + ": no prompts (one per line; '#' starts a comment)"};
  return prompts;
}

std::string stem_of(const std::string& json_path) {
  const size_t dot = json_path.rfind('.'), slash = json_path.rfind('/');
  return dot != std::string::npos && (slash == std::string::npos || dot > slash) ? json_path.substr(0, dot) : json_path;
}

}  // namespace

CLI::App* add_eval_command(CLI::App& cli, EvalOptions& o) {
  CLI::App* cmd = cli.add_subcommand("eval", "Score a world model against procedurally generated ground truth");
  cmd->add_option("-m,--model", o.model, "Model id (see `worldview info`)")->capture_default_str();
  cmd->add_option("--prompts", o.prompts, "Scene prompts, one per line")->required()->check(CLI::ExistingFile);
  cmd->add_option("--frames", o.frames, "Length of the stability rollouts")->capture_default_str()->check(CLI::Range(33, 100000));
  cmd->add_option("--seeds", o.seeds, "Seeds per prompt")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--json", o.json, "Report to write (also <stem>.md and <stem>.<metric>.png)")->capture_default_str();
  return cmd;
}

int run_eval(const EvalOptions& o) {
  auto prompts = read_prompts(o.prompts);
  if (!prompts) {
    wv::log_error(prompts.error().message);
    return 1;
  }
  ModelCatalog catalog(ModelCatalog::default_folders());
  auto model = catalog.get(o.model);
  if (!model) {
    wv::log_error(model.error().message);
    return 1;
  }
  eval::EvalParams params;
  params.prompts = *prompts;
  params.frames = o.frames;
  params.seeds_per_prompt = o.seeds;
  std::unique_ptr<Progress> progress;
  std::string stage;
  auto report = eval::evaluate(*model, params, [&](const eval::EvalProgress& p) {
    if (p.stage != stage) {
      if (progress) progress->done();
      stage = p.stage;
      progress = std::make_unique<Progress>("eval " + stage, p.total);
    }
    progress->update(p.done);
  });
  if (progress) progress->done();
  if (!report) {
    wv::log_error(report.error().message);
    return 1;
  }
  const std::string stem = stem_of(o.json), md = stem + ".md";
  std::error_code ec;
  if (const auto folder = std::filesystem::path(o.json).parent_path(); !folder.empty()) std::filesystem::create_directories(folder, ec);
  for (const auto& [path, text] : {std::pair{o.json, eval_report_json(*report)}, std::pair{md, eval_report_markdown(*report)}}) {
    if (Status s = write_file_atomically(path, text); !s) {
      wv::log_error(s.error().message);
      return 1;
    }
  }
  auto plots = write_eval_plots(*report, stem);
  if (!plots) {
    wv::log_error(plots.error().message);
    return 1;
  }
  std::printf("%s", eval_report_markdown(*report).c_str());
  std::printf("wrote %s, %s, %s\n", o.json.c_str(), md.c_str(), plots->c_str());
  return 0;
}

}  // namespace wv::app
