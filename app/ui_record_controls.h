// app/ui_record_controls.h — the console's recording controls: in the Playback tab a "Record
// panel" toggle (the panel the console acts on, to the file typed beside it) and a "Record view"
// toggle (what the viewer sees); in the status a red REC line with each recording's file, length
// and frames (dropped ones too) while anything records. Failures (an unwritable folder, a full
// disk) show on the console's message line.
//
//   wv::app::UiRecordControls record;
//   record.indicator(control.recordings(), target, t_s, report);              // status lines
//   record.build(control.recordings(), target, name, report, controls);       // Playback tab
//
// A file field empties once its recording starts (the REC line names the file), so toggling again
// later cannot overwrite that file by accident; the fields select their whole text when clicked,
// so typing replaces what is there.
// Threading: the render thread, inside the console's ImGui frame.
#pragma once

#include <functional>
#include <string>

#include "app/panel_recording.h"
#include "app/ui_controls.h"

namespace wv::app {

class UiRecordControls {
 public:
  using Report = std::function<void(const Status&, const std::string&)>;

  // The REC line (nothing while nothing records; refreshed as often as the console's status),
  // and any new recording failure, reported. Null `recordings`: the mode records nothing.
  void indicator(const PanelRecordings* recordings, size_t target, double t_s, const Report& report);
  // The toggles with their file fields.
  void build(PanelRecordings* recordings, size_t target, const std::string& target_name, double t_s,
             const Report& report, UiControls& controls);

 private:
  std::string panel_path_;
  std::string view_path_;
  size_t errors_seen_ = 0;
  double refreshed_at_s_ = -1.0;
  size_t refreshed_for_ = 0;
  RecordingStatus panel_, view_;
};

}  // namespace wv::app
