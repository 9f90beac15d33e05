// app/session_script.h — a timed script of what a user does in a session (`worldview headless
// --script FILE`): select and drag panels with a pointer, type into the console, press its
// controls, steer, branch and save. app/session_input.h plays it through the same input paths a
// person uses (a pointer ray hitting the console or a panel, keys and typed text); the format is
// documented in docs/scripting.md.
//
//   # seconds  action
//   0.5  select 0                 # point at panel 0 and pull the trigger
//   1.0  steer a red storm        # through the console: empty the prompt, type, press Steer
//   2.0  drag 0 20 -5             # grab panel 0, turn the pointer 20° right and 5° down, let go
//   3.0  save out.wv.json         # Workspace tab, "Save as" with this name
//   3.2  open other.wv.json       # Workspace tab, Open: that workspace's panels replace these
//   3.5  record 0 panel0.mp4      # Playback tab: panel 0 records to this file (stop-record 0 ends it)
//
//   auto script = wv::app::SessionScript::load("demo.txt");   // Error: "demo.txt:3: ..." on bad lines
//
// Actions start at their time, or when the one before them has finished (each takes a few
// frames); times must not decrease. Pure parsing: no files but the script, no UI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wv/result.h"

namespace wv::app {

struct SessionAction {
  enum class Kind { Select, Drag, Click, Type, Key, Steer, Branch, Save, Tab, Record, StopRecord, Rate, Note, NoteAt, Export, Open };
  double at_s = 0.0;
  Kind kind = Kind::Click;
  int line = 0;             // in the script, for messages
  size_t panel = 0;         // Select, Drag
  float yaw_deg = 0.0f;     // Drag: pointer turn, + right
  float pitch_deg = 0.0f;   // Drag: + up
  std::string text;         // Click: a console control; Type, Steer, Branch, Note, NoteAt: text; Save: file; Key: key;
                            // Tab: tab; Record: file; Export: folder; Open: file
  bool view = false;        // Record, StopRecord: the view (else `panel`)
  int stars = 0;            // Rate (with panel)
  float u = 0.0f, v = 0.0f; // NoteAt: the point on the console's panel, 0..1 from its left, top
};

class SessionScript {
 public:
  static constexpr size_t kMaxBytes = 1 << 20;
  static Result<SessionScript> load(const std::string& path);
  // Errors start with "name_for_errors:LINE: ".
  static Result<SessionScript> parse(const std::string& text, const std::string& name_for_errors);

  const std::vector<SessionAction>& actions() const { return actions_; }
  const std::string& name() const { return name_; }

  // The console controls `click` may name (app/ui_console.h registers them as it draws).
  static const std::vector<std::string>& control_names();
  // The keys `key` may name.
  static const std::vector<std::string>& key_names();

 private:
  std::vector<SessionAction> actions_;
  std::string name_;
};

}  // namespace wv::app
