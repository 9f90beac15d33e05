#include "app/autosave.h"

#include <CLI/CLI.hpp>

#include <filesystem>

#include "wv/log.h"

namespace wv::app {

void add_autosave_option(CLI::App& command, double& autosave_s) {
  command
      .add_option("--autosave", autosave_s,
                  "Write unsaved changes to NAME.autosave.wv.json beside the workspace every S seconds, and at the "
                  "end (0: never)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 86400.0));
}

Autosave::Autosave(const PanelControl& control, double interval_s)
    : control_(control),
      interval_s_(interval_s),
      next_s_(interval_s),
      saved_text_(workspace_to_json(control.workspace_now())),
      saves_seen_(control.saves()) {}

void Autosave::update(double t_s) {
  if (interval_s_ <= 0.0) return;
  if (control_.saves() != saves_seen_) {
    // Saved by the user: that file now holds everything, and this run's autosave is stale.
    saves_seen_ = control_.saves();
    saved_text_ = workspace_to_json(control_.workspace_now());
    if (!autosaved_path_.empty()) {
      std::error_code ignored;
      std::filesystem::remove(autosaved_path_, ignored);
      autosaved_path_.clear();
      autosaved_text_.clear();
    }
  }
  if (t_s < next_s_) return;
  next_s_ = t_s + interval_s_;
  write_if_unsaved();
}

void Autosave::finish() {
  if (interval_s_ > 0.0) write_if_unsaved();
}

void Autosave::write_if_unsaved() {
  const Workspace now = control_.workspace_now();
  const std::string text = workspace_to_json(now);
  if (text == saved_text_) return;
  const std::string& workspace = control_.workspace_path();
  if (workspace.empty()) {
    if (!told_no_file_) wv::log_info("autosave: the run has unsaved changes but no workspace file yet: Save as one");
    told_no_file_ = true;
    return;
  }
  const std::string path = autosave_path(workspace);
  if (path == refused_path_ || (path == autosaved_path_ && text == autosaved_text_)) return;
  if (path != autosaved_path_ && std::filesystem::exists(path)) {
    // Not this run's: write over it only if it is a workspace that loads.
    if (const auto existing = load_workspace(path); !existing) {
      wv::log_warn("autosave: not writing over " + path + ", which does not load (" + existing.error().message +
                   "); move it away to autosave again");
      refused_path_ = path;
      return;
    }
  }
  if (Status s = save_workspace(path, now, {.keep_last_good = false}); !s) {
    wv::log_warn("autosave: " + s.error().message);
    return;
  }
  autosaved_path_ = path;
  autosaved_text_ = text;
  ++writes_;
  wv::log_info("autosave: wrote " + path);
}

}  // namespace wv::app
