#include "app/ui_record_controls.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <filesystem>

#include "app/ui_console.h"

namespace wv::app {
namespace {

const ImVec4 kRecColor{1.0f, 0.3f, 0.25f, 1.0f};

std::string describe(const char* what, const RecordingStatus& s) {
  char line[96];
  std::snprintf(line, sizeof line, " %.1f s, %lld frames", s.seconds, (long long)s.frames);
  const std::string file = std::filesystem::path(s.path).filename().string();
  return std::string("REC ") + what + " " + file + line +
         (s.dropped > 0 ? ", " + std::to_string(s.dropped) + " dropped" : "");
}

}  // namespace

void UiRecordControls::indicator(const PanelRecordings* recordings, size_t target, double t_s, const Report& report) {
  if (!recordings) return;
  for (; errors_seen_ < recordings->errors().size(); ++errors_seen_)
    report(Error{recordings->errors()[errors_seen_]}, "");
  if (refreshed_at_s_ < 0.0 || target != refreshed_for_ || t_s - refreshed_at_s_ >= UiConsole::kStatusRefresh_s) {
    panel_ = recordings->panel_status(target);
    view_ = recordings->view_status();
    refreshed_at_s_ = t_s;
    refreshed_for_ = target;
  }
  std::string line;
  if (panel_.active) line = describe("panel", panel_);
  if (view_.active) line += (line.empty() ? "" : " | ") + describe("view", view_);
  if (!line.empty()) ImGui::TextColored(kRecColor, "%s", line.c_str());
}

void UiRecordControls::build(PanelRecordings* recordings, size_t target, const std::string& target_name, double t_s,
                             const Report& report, UiControls& controls) {
  ImGui::BeginDisabled(recordings == nullptr);
  bool panel_on = recordings && recordings->panel_status(target).active;
  if (ImGui::Checkbox("Record panel", &panel_on)) {
    if (panel_on) {
      const Status s = recordings->start_panel(target, panel_path_);
      report(s, "recording " + target_name + " to " + panel_path_);
      if (s) panel_path_.clear();  // the REC line names the file; a stray toggle cannot reuse it
    } else {
      const std::string path = recordings->panel_status(target).path;
      report(recordings->stop_panel(target), "recorded " + target_name + " to " + path);
    }
    refreshed_at_s_ = -1.0;
  }
  mark_control(&controls, "record-panel");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##record_panel_file", "file, e.g. panel.mp4", &panel_path_,
                           ImGuiInputTextFlags_AutoSelectAll);
  mark_control(&controls, "record-panel-file");

  bool view_on = recordings && recordings->view_status().active;
  if (ImGui::Checkbox("Record view", &view_on)) {
    if (view_on) {
      const Status s = recordings->start_view(view_path_, t_s);
      report(s, "recording the view to " + view_path_);
      if (s) view_path_.clear();
    } else {
      const std::string path = recordings->view_status().path;
      report(recordings->stop_view(), "recorded the view to " + path);
    }
    refreshed_at_s_ = -1.0;
  }
  mark_control(&controls, "record-view");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##record_view_file", "file, e.g. view.mp4", &view_path_, ImGuiInputTextFlags_AutoSelectAll);
  mark_control(&controls, "record-view-file");
  ImGui::EndDisabled();
}

}  // namespace wv::app
