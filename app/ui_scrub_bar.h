// app/ui_scrub_bar.h — the Playback tab's scrub bar: a row of thumbnails over the frames the
// panel can be sought to without waiting (0 to PanelActions::seekable_frames), each the panel's
// own picture nearest the middle of its stretch (app/panel_thumbnails.h: where the panel has not
// been yet, a grey box); click one to seek to the start of its stretch. Over the row: the frame
// shown (white) and the loop region (A and B in amber, the frames between tinted). Under it the
// frame slider and Set A, Set B, Clear loop.
//
//   wv::app::UiScrubBar bar;
//   if (bar.build(control, thumbnails, panel, shown_frame, t_s, report, controls)) refresh_status();
//
// Named controls (app/ui_controls.h): thumb:0 ... thumb:7, loop-a, loop-b, loop-clear.
// Threading: the render thread, inside the console's ImGui frame.
#pragma once

#include <functional>
#include <string>

#include "app/panel_actions.h"
#include "app/panel_thumbnails.h"
#include "app/ui_controls.h"

namespace wv::app {

class UiScrubBar {
 public:
  static constexpr int kSlots = 8;
  using Report = std::function<void(const Status&, const std::string&)>;

  // Returns true when the user sought (the status shown should refresh).
  bool build(PanelActions& control, const PanelThumbnails& thumbnails, size_t panel, int64_t shown_frame, double t_s,
             const Report& report, UiControls& controls);
};

}  // namespace wv::app
