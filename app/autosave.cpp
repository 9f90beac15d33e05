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

Autosave::~Autosave() {
  control_.set_before_open(nullptr);
  collect(/*wait=*/true);
}

void Autosave::watch_opened_workspace() {
  // The old workspace's autosave file stays: it holds the changes made before the open.
  collect(/*wait=*/true);
  opens_seen_ = control_.opens();
  saves_seen_ = control_.saves();
  saved_text_ = workspace_to_json(control_.workspace_now());
  autosaved_path_.clear();
  autosaved_text_.clear();
  refused_path_.clear();
  refused_why_.clear();
  told_no_file_ = false;
}

void Autosave::update(double t_s) {
  if (control_.opens() != opens_seen_) watch_opened_workspace();
  if (interval_s_ <= 0.0) return;
  collect(/*wait=*/false);
  if (control_.saves() != saves_seen_) {
    // Saved by the user: that file now holds everything, and this run's autosave is stale.
    collect(/*wait=*/true);
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
  if (interval_s_ <= 0.0) return;
  collect(/*wait=*/true);
  write_if_unsaved();
  collect(/*wait=*/true);
}

Result<std::string> Autosave::keep_unsaved() {
  collect(/*wait=*/true);
  Workspace now = control_.workspace_now();
  std::string text = workspace_to_json(now);
  if (text == saved_text_) return std::string("no unsaved changes");
  if (interval_s_ <= 0.0) return Error{"the run has unsaved changes and autosave is off (--autosave 0): Save first"};
  const std::string& workspace = control_.workspace_path();
  if (workspace.empty()) return Error{"the run has unsaved changes but no workspace file yet: Save as one first"};
  const std::string path = autosave_path(workspace);
  if (path == refused_path_) return Error{refused_why_};
  // The user waits for this one: the panels are about to be replaced.
  if (path != autosaved_path_ || text != autosaved_text_)
    if (Status s = record(write(path, std::move(now), std::move(text), path == autosaved_path_)); !s) return s.error();
  return "the unsaved changes are kept in " + path;
}

void Autosave::write_if_unsaved() {
  if (pending_.valid()) return;  // the last write is still going: the next check catches up
  Workspace now = control_.workspace_now();
  std::string text = workspace_to_json(now);
  if (text == saved_text_) return;
  const std::string& workspace = control_.workspace_path();
  if (workspace.empty()) {
    if (!told_no_file_) wv::log_info("autosave: the run has unsaved changes but no workspace file yet: Save as one");
    told_no_file_ = true;
    return;
  }
  const std::string path = autosave_path(workspace);
  if (path == refused_path_ || (path == autosaved_path_ && text == autosaved_text_)) return;
  pending_ = std::async(std::launch::async, &Autosave::write, path, std::move(now), std::move(text),
                        path == autosaved_path_);
}

Autosave::Written Autosave::write(std::string path, Workspace workspace, std::string text, bool ours) {
  Written out{.path = std::move(path), .text = std::move(text)};
  if (!ours && std::filesystem::exists(out.path)) {
    // Not this run's: write over it only if it is a workspace that loads.
    if (const auto existing = load_workspace(out.path); !existing) {
      out.status = existing.error();
      out.refused = true;
      return out;
    }
  }
  out.status = save_workspace(out.path, workspace, {.keep_last_good = false});
  return out;
}

void Autosave::collect(bool wait) {
  if (!pending_.valid()) return;
  if (!wait && pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
  (void)record(pending_.get());
}

Status Autosave::record(Written done) {
  if (done.refused) {
    refused_path_ = done.path;
    refused_why_ = "not writing over " + done.path + ", which does not load (" + done.status.error().message +
                   "); move it away to autosave again";
    wv::log_warn("autosave: " + refused_why_);
    return Error{refused_why_};
  }
  if (!done.status) {
    wv::log_warn("autosave: " + done.status.error().message);
    return done.status;
  }
  autosaved_path_ = done.path;
  autosaved_text_ = std::move(done.text);
  ++writes_;
  wv::log_info("autosave: wrote " + done.path);
  return Status::success();
}

}  // namespace wv::app
