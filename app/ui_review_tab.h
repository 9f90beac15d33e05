// app/ui_review_tab.h — the console's Review tab: rate the panel (0 to 5 stars), write a note at
// the frame it shows (optionally at the point where the pointer last hit it), the notes of every
// panel (pick one to jump there: its panel is selected, paused and sought to the note's frame;
// x deletes it), and Export (app/review_export.h) into a folder.
//
//   wv::app::UiReviewTab tab;
//   if (auto pick = tab.build(control, target, hit, t_s, report, controls)) console.set_target(*pick);
//
// Threading: the render thread, inside the console's ImGui frame.
#pragma once

#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "app/panel_actions.h"
#include "app/ui_controls.h"
#include "app/ui_workspace_tab.h"

namespace wv::app {

// Where a pointer ray last met a panel.
struct PanelHit {
  size_t panel = 0;
  glm::vec2 uv{0.0f};  // 0..1 from the panel's left, top
};

class UiReviewTab {
 public:
  // Returns the panel of a note the user picked (the console then acts on it).
  std::optional<size_t> build(PanelActions& control, size_t target, std::optional<PanelHit> hit, double t_s,
                              const UiWorkspaceTab::Report& report, UiControls& controls);

 private:
  void rating_row(PanelActions& control, size_t target, const UiWorkspaceTab::Report& report, UiControls& controls);
  std::optional<size_t> note_list(PanelActions& control, size_t target, double t_s, const UiWorkspaceTab::Report& report);

  std::string note_;
  std::string export_folder_;
  std::string frame_line_;  // which frame a note would go on, as last shown
  double frame_line_at_s_ = -1.0;
  size_t frame_line_panel_ = 0;
};

}  // namespace wv::app
