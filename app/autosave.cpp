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

Autosave::Autosave(PanelControl& control, double interval_s)
    : control_(control),
      interval_s_(interval_s),
      next_s_(interval_s),
      saved_text_(workspace_to_json(control.workspace_now())),
      saves_seen_(control.saves()),
      opens_seen_(control.opens()) {
  control_.set_before_open([this] { return keep_unsaved(); });
}

Autosave::~Autosave() { control_.set_before_open(nullptr); }

void Autosave::watch_opened_workspace() {
  // The old workspace's autosave file stays: it holds the changes made before the open.
  opens_seen_ = control_.opens();
  saves_seen_ = control_.saves();
  saved_text_ = workspace_to_json(control_.workspace_now());
  autosaved_path_.clear();
  autosaved_text_.clear();
  refused_path_.clear();
  refused_why_.clear();
  last_told_.clear();
}

void Autosave::update(double t_s) {
  if (control_.opens() != opens_seen_) watch_opened_workspace();
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
  log_once(write_if_unsaved());
}

void Autosave::finish() {
  if (interval_s_ > 0.0) log_once(write_if_unsaved());
}

void Autosave::log_once(const Result<std::string>& written) {
  if (written || written.error().message == last_told_) return;
  last_told_ = written.error().message;
  wv::log_warn("autosave: " + last_told_);
}

Result<std::string> Autosave::keep_unsaved() {
  if (workspace_to_json(control_.workspace_now()) == saved_text_) return std::string("no unsaved changes");
  if (interval_s_ <= 0.0) return Error{"the run has unsaved changes and autosave is off (--autosave 0): Save first"};
  Result<std::string> written = write_if_unsaved();
  if (!written) return written.error();
  return "the unsaved changes are kept in " + *written;
}

Result<std::string> Autosave::write_if_unsaved() {
  const Workspace now = control_.workspace_now();
  const std::string text = workspace_to_json(now);
  if (text == saved_text_) return std::string();
  const std::string& workspace = control_.workspace_path();
  if (workspace.empty()) return Error{"the run has unsaved changes but no workspace file yet: Save as one"};
  const std::string path = autosave_path(workspace);
  if (path == refused_path_) return Error{refused_why_};
  if (path == autosaved_path_ && text == autosaved_text_) return path;
  if (path != autosaved_path_ && std::filesystem::exists(path)) {
    // Not this run's: write over it only if it is a workspace that loads.
    if (const auto existing = load_workspace(path); !existing) {
      refused_path_ = path;
      refused_why_ = "not writing over " + path + ", which does not load (" + existing.error().message +
                     "); move it away to autosave again";
      return Error{refused_why_};
    }
  }
  if (Status s = save_workspace(path, now, {.keep_last_good = false}); !s) return s.error();
  autosaved_path_ = path;
  autosaved_text_ = text;
  ++writes_;
  wv::log_info("autosave: wrote " + path);
  return path;
}

}  // namespace wv::app
