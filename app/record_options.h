// app/record_options.h — the command line's recordings, the same in every mode:
// `--record-panel N:FILE` (panel N's source frames, repeatable) and `--record-view FILE` (what the
// viewer sees), started with the run and ended with it (app/panel_recording.h).
//
//   wv::app::RecordOptions options;
//   wv::app::add_record_options(*subcommand, options);      // CLI11
//   ... parse, open the panels, make the player and the recordings ...
//   if (wv::Status s = wv::app::start_recordings(options, recordings, 0.0); !s) fail(s.error());
#pragma once

#include <string>
#include <vector>

#include "app/panel_recording.h"
#include "wv/result.h"

namespace CLI {
class App;
}

namespace wv::app {

struct RecordOptions {
  std::vector<std::string> panels;  // "N:FILE": record panel N to FILE
  std::string view;                 // record the composed view to this file; empty: not
};

void add_record_options(CLI::App& command, RecordOptions& options);

// Starts the recordings at display time t_s. A malformed --record-panel or a panel that does not
// exist is an Error (bad input: the run should not start); a file that cannot be written is
// logged with the reason and the run goes on without that recording.
Status start_recordings(const RecordOptions& options, PanelRecordings& recordings, double t_s);

}  // namespace wv::app
