#include "app/record_options.h"

#include <CLI/CLI.hpp>

#include "wv/log.h"

namespace wv::app {

void add_record_options(CLI::App& cmd, RecordOptions& o) {
  cmd.add_option("--record-panel", o.panels,
                 "N:FILE: record panel N's frames (its source's size and rate) to FILE, an MP4 (repeatable)");
  cmd.add_option("--record-view", o.view, "Record what the viewer sees (window, camera, left eye) to FILE, an MP4");
}

Status start_recordings(const RecordOptions& o, PanelRecordings& recordings, double t_s) {
  for (const std::string& arg : o.panels) {
    const size_t colon = arg.find(':');
    const std::string number = arg.substr(0, colon);
    const bool digits = !number.empty() && number.size() <= 4 && number.find_first_not_of("0123456789") == std::string::npos;
    if (colon == std::string::npos || !digits || colon + 1 == arg.size())
      return Error{"--record-panel \"" + arg + "\": expected N:FILE, a panel number and a file, e.g. 0:panel0.mp4"};
    const size_t panel = std::stoul(number);
    if (panel >= recordings.panel_count())
      return Error{"--record-panel " + arg + ": there is no panel " + number + " (the run has " +
                   std::to_string(recordings.panel_count()) + ")"};
    if (Status s = recordings.start_panel(panel, arg.substr(colon + 1)); !s) wv::log_error(s.error().message);
  }
  if (!o.view.empty())
    if (Status s = recordings.start_view(o.view, t_s); !s) wv::log_error(s.error().message);
  return Status::success();
}

}  // namespace wv::app
