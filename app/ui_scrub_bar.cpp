#include "app/ui_scrub_bar.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/ui_surface.h"

namespace wv::app {
namespace {

constexpr const char* kThumbNames[UiScrubBar::kSlots] = {"thumb:0", "thumb:1", "thumb:2", "thumb:3",
                                                         "thumb:4", "thumb:5", "thumb:6", "thumb:7"};
const ImU32 kEmptySlot = IM_COL32(45, 48, 56, 255);
const ImU32 kShownMark = IM_COL32(255, 255, 255, 230);
const ImU32 kLoopMark = IM_COL32(255, 190, 60, 255);
const ImU32 kLoopBand = IM_COL32(255, 190, 60, 60);

}  // namespace

bool UiScrubBar::build(PanelActions& control, const PanelThumbnails& thumbnails, size_t i, int64_t shown_frame,
                       double t_s, const Report& report, UiControls& controls) {
  bool sought = false;
  const int64_t last = std::max<int64_t>(control.seekable_frames(i), 1);
  const float gap = 2.0f;
  const float slot_w = std::floor((ImGui::GetContentRegionAvail().x - gap * (kSlots - 1)) / kSlots);
  const FramePtr sample = thumbnails.nearest(i, shown_frame);
  const float slot_h = std::floor(sample ? slot_w * float(sample->height) / float(sample->width) : slot_w * 9.0f / 16.0f);
  ImDrawList& draw = *ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  for (int s = 0; s < kSlots; ++s) {
    // Slot s spans frames [last * s / kSlots, last * (s + 1) / kSlots).
    const int64_t first = last * s / kSlots, middle = last * (2 * s + 1) / (2 * kSlots);
    if (s > 0) ImGui::SameLine(0.0f, gap);
    if (ImGui::InvisibleButton(kThumbNames[s], ImVec2(slot_w, slot_h))) {
      control.seek_frame(i, first, t_s);
      sought = true;
    }
    mark_control(&controls, kThumbNames[s]);
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    if (const FramePtr picture = thumbnails.nearest(i, middle)) draw.AddImage(ui_image(picture), min, max);
    else draw.AddRectFilled(min, max, kEmptySlot);
  }
  // Frame f's place along the row.
  const float row_w = slot_w * kSlots + gap * (kSlots - 1);
  const auto x_of = [&](int64_t f) { return std::floor(origin.x + row_w * float(std::clamp<int64_t>(f, 0, last)) / float(last)); };
  const float top = origin.y, bottom = origin.y + slot_h;
  const PanelActions::LoopRegion loop = control.loop(i);
  if (loop.active()) {
    const int64_t a = std::min(*loop.a, *loop.b), b = std::max(*loop.a, *loop.b);
    draw.AddRectFilled(ImVec2(x_of(a), top), ImVec2(std::max(x_of(b), x_of(a) + 1.0f), bottom), kLoopBand);
  }
  for (const auto& end : {loop.a, loop.b})
    if (end) draw.AddRectFilled(ImVec2(x_of(*end) - 1.0f, top - 2.0f), ImVec2(x_of(*end) + 1.0f, bottom + 2.0f), kLoopMark);
  if (shown_frame >= 0)
    draw.AddRectFilled(ImVec2(x_of(shown_frame) - 1.0f, top), ImVec2(x_of(shown_frame) + 1.0f, bottom), kShownMark);

  int frame = int(std::max<int64_t>(shown_frame, 0));
  ImGui::SetNextItemWidth(-60.0f);
  if (ImGui::SliderInt("frame", &frame, 0, int(last))) {
    control.seek_frame(i, frame, t_s);
    sought = true;
  }
  mark_control(&controls, "frame");

  // The ends are set at the frame on screen now.
  const auto set_end = [&](bool b_end) {
    const int64_t now = std::max<int64_t>(control.status(i).frame, 0);
    report(control.set_loop_end(i, b_end, now),
           std::string("loop ") + (b_end ? "B" : "A") + " at frame " + std::to_string(now) + " of " + control.name(i));
  };
  if (ImGui::Button("Set A", ImVec2(70, 0))) set_end(false);
  mark_control(&controls, "loop-a");
  ImGui::SameLine();
  if (ImGui::Button("Set B", ImVec2(70, 0))) set_end(true);
  mark_control(&controls, "loop-b");
  ImGui::SameLine();
  ImGui::BeginDisabled(!loop.a && !loop.b);
  if (ImGui::Button("Clear loop", ImVec2(100, 0))) {
    control.clear_loop(i);
    report(Status::success(), "loop of " + control.name(i) + " cleared");
  }
  ImGui::EndDisabled();
  mark_control(&controls, "loop-clear");
  ImGui::SameLine();
  if (loop.active())
    ImGui::Text("loops frames %lld to %lld", (long long)std::min(*loop.a, *loop.b), (long long)std::max(*loop.a, *loop.b));
  else if (loop.a || loop.b)
    ImGui::TextUnformatted(loop.a ? "A set: set B to loop" : "B set: set A to loop");
  else
    ImGui::TextUnformatted("no loop");
  return sought;
}

}  // namespace wv::app
