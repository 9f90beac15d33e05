#include "app/ui_review_tab.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>

#include "app/ui_console.h"

namespace wv::app {
namespace {

const ImVec4 kStarColor{0.85f, 0.65f, 0.15f, 1.0f};

}  // namespace

void UiReviewTab::rating_row(PanelActions& control, size_t target, const UiWorkspaceTab::Report& report,
                             UiControls& controls) {
  ReviewActions& review = control.review();
  ImGui::TextUnformatted("Rating");
  for (int stars = 0; stars <= workspace_limits::kMaxRating; ++stars) {
    ImGui::SameLine();
    const bool lit = stars > 0 && stars <= review.rating(target);
    if (lit) ImGui::PushStyleColor(ImGuiCol_Button, kStarColor);
    char label[16];
    std::snprintf(label, sizeof label, stars == 0 ? "none##rate" : "%d##rate", stars);
    if (ImGui::Button(label, ImVec2(stars == 0 ? 60.0f : 36.0f, 0.0f))) {
      const Status s = review.rate(target, stars);
      report(s, "rated " + control.name(target) + (stars == 0 ? std::string(": no rating") : " " + std::to_string(stars) + "/5"));
    }
    if (lit) ImGui::PopStyleColor();
    const std::string name = "rate:" + std::to_string(stars);
    mark_control(&controls, name.c_str());
  }
}

std::optional<size_t> UiReviewTab::note_list(PanelActions& control, size_t target, double t_s,
                                             const UiWorkspaceTab::Report& report) {
  ReviewActions& review = control.review();
  const std::vector<ReviewActions::Entry> entries = review.notes();
  ImGui::Text("Notes of every panel (%zu): pick one to go to its frame", entries.size());
  std::optional<size_t> picked;
  std::optional<ReviewActions::Entry> removed;
  // Room below for the console's message line.
  ImGui::BeginChild("notes", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
  // Only the visible lines are built: a workspace may hold thousands of notes.
  ImGuiListClipper clipper;
  clipper.Begin(int(entries.size()));
  while (clipper.Step()) {
    for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
      const ReviewActions::Entry e = entries[size_t(k)];
      const ReviewNote& note = review.note(e);
      ImGui::PushID(k);
      if (ImGui::SmallButton("x")) removed = e;
      ImGui::SameLine();
      char label[96];
      std::snprintf(label, sizeof label, "P%zu  f%lld  %s%s  ", e.panel, (long long)note.frame,
                    format_timecode(note.time_s).c_str(), note.point_uv ? "  @" : "");
      const std::string line = label + note.text;
      if (ImGui::Selectable(line.c_str(), e.panel == target)) {
        // Paused on the noted frame, so the reviewer sees what the note is about.
        control.set_playing(e.panel, false, t_s);
        control.seek_frame(e.panel, note.frame, t_s);
        picked = e.panel;
        report(Status::success(), "went to " + control.name(e.panel) + " frame " + std::to_string(note.frame));
      }
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  if (removed) {
    review.remove_note(removed->panel, removed->note);
    report(Status::success(), "deleted a note of " + control.name(removed->panel));
  }
  return picked;
}

std::optional<size_t> UiReviewTab::build(PanelActions& control, size_t target, std::optional<PanelHit> hit, double t_s,
                                         const UiWorkspaceTab::Report& report, UiControls& controls) {
  ReviewActions& review = control.review();
  rating_row(control, target, report, controls);

  const FramePtr& shown = review.shown(target);
  // Refreshed as often as the console's status, so a playing panel does not redraw the console
  // every frame; the note itself goes on the frame shown when Add is pressed.
  if (t_s - frame_line_at_s_ >= UiConsole::kStatusRefresh_s || t_s < frame_line_at_s_ || target != frame_line_panel_) {
    char line[96] = "No frame shown yet: nothing to pin a note to";
    if (shown)
      std::snprintf(line, sizeof line, "A note goes on the frame shown (now %lld, %s)", (long long)shown->index,
                    format_timecode(shown->pts_s).c_str());
    frame_line_ = line;
    frame_line_at_s_ = t_s;
    frame_line_panel_ = target;
  }
  ImGui::TextUnformatted(frame_line_.c_str());
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::InputTextWithHint("##note", "a note on this frame", &note_);
  mark_control(&controls, "note-text");
  if (note_.size() > workspace_limits::kMaxTextBytes) note_.resize(workspace_limits::kMaxTextBytes);
  const auto add = [&](std::optional<glm::vec2> point) {
    const Status s = review.add_note(target, note_, point);
    report(s, "noted " + control.name(target) + " at frame " + (shown ? std::to_string(shown->index) : "?") +
                  (point ? " at a point" : "") + ": \"" + note_ + "\"");
    if (s) note_.clear();
  };
  ImGui::BeginDisabled(!shown || note_.empty());
  if (ImGui::Button("Add note", ImVec2(110, 0))) add(std::nullopt);
  mark_control(&controls, "add-note");
  ImGui::SameLine();
  const bool has_point = hit && hit->panel == target;
  char point_label[64] = "Add at pointer (point at the panel first)";
  if (has_point) std::snprintf(point_label, sizeof point_label, "Add at pointer (%.2f, %.2f)", hit->uv.x, hit->uv.y);
  ImGui::BeginDisabled(!has_point);
  if (ImGui::Button(point_label)) add(hit->uv);
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  mark_control(&controls, "add-note-at-point");

  ImGui::SetNextItemWidth(-110.0f);
  ImGui::InputTextWithHint("##export", "folder for review.md, .csv, .png", &export_folder_);
  mark_control(&controls, "export-folder");
  ImGui::SameLine();
  ImGui::BeginDisabled(export_folder_.empty());
  if (ImGui::Button("Export", ImVec2(100, 0))) {
    const auto done = review.export_to(export_folder_);
    report(done ? Status::success() : Status(done.error()),
           done ? "exported " + std::to_string(done->notes) + " note(s) to " + export_folder_ +
                      (done->frames_missing ? " (" + std::to_string(done->frames_missing) + " frame(s) missing)" : "")
                : "");
    if (done) export_folder_.clear();
  }
  ImGui::EndDisabled();
  mark_control(&controls, "export");
  return note_list(control, target, t_s, report);
}

}  // namespace wv::app
