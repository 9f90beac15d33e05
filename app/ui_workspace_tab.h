// app/ui_workspace_tab.h — the console's Workspace tab: save the workspace (to its file, or under
// a new name), add a rollout panel with a chosen model and seed, lay every panel out again as
// an arc, a grid or a stack, and Open: a path ending in .wv.json opens that workspace in place of
// the run's (PanelActions::open_workspace: its panels replace these, Save writes to it from then
// on), any other path a video file or image sequence as a new panel. Saving writes every panel
// where it is now, with the prompt tracks steering and branching recorded (PanelControl keeps the
// specs in step).
//
//   wv::app::UiWorkspaceTab tab;
//   tab.build(control, prompt, t_s, report);   // inside the console's tab bar
//
// Threading: the render thread, inside the console's ImGui frame.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/panel_actions.h"
#include "app/ui_controls.h"

namespace wv::app {

class UiWorkspaceTab {
 public:
  // What an action did, for the console's message line: success with a text, or the error.
  using Report = std::function<void(const Status&, const std::string&)>;

  // `prompt` seeds a new panel; `target` is the panel whose model is offered first. Returns the
  // index of a panel it added, if it did (an opened workspace shows as PanelActions::opens()).
  std::optional<size_t> build(PanelActions& control, const std::string& prompt, size_t target, double t_s,
                              const Report& report, UiControls& controls);

 private:
  std::string save_as_;
  std::string open_path_;
  std::string model_;  // empty: the target's (PanelActions::model_like)
  int seed_ = 1;
};

}  // namespace wv::app
