#include "app/ui_workspace_tab.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string_view>

namespace wv::app {
namespace {

bool is_workspace_file(const std::string& path) {
  constexpr std::string_view kSuffix = ".wv.json";
  return path.size() > kSuffix.size() && path.ends_with(kSuffix);
}

}  // namespace

std::optional<size_t> UiWorkspaceTab::build(PanelActions& control, const std::string& prompt, size_t target,
                                            double t_s, const Report& report, UiControls& controls) {
  const std::string path = control.workspace_path();  // a copy: saving may change it
  ImGui::BeginDisabled(path.empty());
  if (ImGui::Button("Save", ImVec2(90, 0))) report(control.save(path), "saved " + path);
  ImGui::EndDisabled();
  mark_control(&controls, "save");
  if (path.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("no file yet: give a name below");
  ImGui::SameLine();
  ImGui::TextWrapped("%s", path.empty() ? "(no file yet: save as a new one)" : path.c_str());

  ImGui::SetNextItemWidth(-110.0f);
  ImGui::InputTextWithHint("##save_as", "new file name, e.g. review.wv.json", &save_as_);
  mark_control(&controls, "save-as-name");
  ImGui::SameLine();
  ImGui::BeginDisabled(save_as_.empty());
  if (ImGui::Button("Save as", ImVec2(100, 0))) {
    const Status saved = control.save(save_as_);
    report(saved, "saved " + save_as_);
    if (saved) save_as_.clear();  // the file is now the workspace's, shown above
  }
  ImGui::EndDisabled();
  mark_control(&controls, "save-as");

  ImGui::Separator();
  ImGui::TextUnformatted("Layout (places every panel again)");
  const LayoutSpec::Kind layout = control.layout();
  if (ImGui::RadioButton("arc", layout == LayoutSpec::Kind::Arc)) {
    control.relayout(LayoutSpec::Kind::Arc);
    report(Status::success(), "panels laid out on an arc");
  }
  mark_control(&controls, "layout:arc");
  ImGui::SameLine();
  if (ImGui::RadioButton("grid", layout == LayoutSpec::Kind::Grid)) {
    control.relayout(LayoutSpec::Kind::Grid);
    report(Status::success(), "panels laid out on a grid");
  }
  mark_control(&controls, "layout:grid");
  ImGui::SameLine();
  if (ImGui::RadioButton("stack", layout == LayoutSpec::Kind::Stack)) {
    control.relayout(LayoutSpec::Kind::Stack);
    report(Status::success(), "panels stacked in a column");
  }
  mark_control(&controls, "layout:stack");

  ImGui::Separator();
  ImGui::TextUnformatted("Add a rollout panel with the prompt of the Prompt tab");
  if (model_.empty()) model_ = control.model_like(target);
  ImGui::SetNextItemWidth(260.0f);
  if (ImGui::BeginCombo("model", model_.c_str())) {
    for (const std::string& id : control.models())
      if (ImGui::Selectable(id.c_str(), id == model_)) model_ = id;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120.0f);
  ImGui::InputInt("seed", &seed_);
  if (seed_ < 0) seed_ = 0;
  std::optional<size_t> added;
  ImGui::BeginDisabled(prompt.empty());
  if (ImGui::Button("Add panel", ImVec2(120, 0))) {
    const Result<size_t> panel = control.add_rollout_panel(prompt, model_, uint64_t(seed_), t_s);
    if (panel) added = *panel;
    report(panel ? Status::success() : Status(panel.error()), panel ? "added " + control.name(*panel) : "");
  }
  ImGui::EndDisabled();
  mark_control(&controls, "add-panel");

  ImGui::Separator();
  ImGui::TextUnformatted("Open a workspace (.wv.json: its panels replace these), or a video or an image sequence "
                         "(frame_%04d.png) as a new panel");
  ImGui::SetNextItemWidth(-110.0f);
  ImGui::InputTextWithHint("##open_path", "path, e.g. review.wv.json or clips/take1.mp4", &open_path_,
                           ImGuiInputTextFlags_AutoSelectAll);
  mark_control(&controls, "open-path");
  ImGui::SameLine();
  ImGui::BeginDisabled(open_path_.empty());
  if (ImGui::Button("Open", ImVec2(100, 0))) {
    if (is_workspace_file(open_path_)) {
      const Result<std::string> opened = control.open_workspace(open_path_, t_s);
      report(opened ? Status::success() : Status(opened.error()), opened ? *opened : "");
    } else {
      const Result<size_t> panel = control.open_video_panel(open_path_, t_s);
      if (panel) added = *panel;
      report(panel ? Status::success() : Status(panel.error()), panel ? "opened " + control.name(*panel) : "");
    }
  }
  ImGui::EndDisabled();
  mark_control(&controls, "open");
  return added;
}

}  // namespace wv::app
