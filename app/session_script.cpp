#include "app/session_script.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string_view>

#include "app/text_file.h"
#include "app/workspace/utf8.h"
#include "app/workspace/workspace.h"

namespace wv::app {
namespace {

constexpr double kMaxTime_s = 86400.0;
constexpr float kMaxTurn_deg = 180.0f;

bool number(const std::string& text, double min, double max, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(out) && out >= min && out <= max;
}

bool panel_index(const std::string& text, size_t& out) {
  double v = 0.0;
  if (!number(text, 0.0, double(workspace_limits::kMaxPanels - 1), v) || v != std::floor(v)) return false;
  out = size_t(v);
  return true;
}

// A character key of the console's virtual keyboard (app/ui_keyboard.cpp): "kb:r", "kb:?".
bool keyboard_key(const std::string& name) {
  constexpr std::string_view kKeys = "1234567890qwertyuiopasdfghjkl'zxcvbnm,.?";
  return name.size() == 4 && name.rfind("kb:", 0) == 0 && kKeys.find(name[3]) != std::string_view::npos;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : " ") + n;
  return out;
}

// The rest of the line after one space: text actions keep inner and trailing spaces.
std::string rest_of(std::istringstream& line) {
  std::string text;
  std::getline(line, text);
  if (!text.empty() && text[0] == ' ') text.erase(0, 1);
  return text;
}

}  // namespace

const std::vector<std::string>& SessionScript::control_names() {
  static const std::vector<std::string> names = {
      "tab:prompt", "tab:playback", "tab:workspace", "prompt",      "steer",      "branch",  "branch-seed",
      "kb:clear",   "kb:enter",     "kb:space",      "kb:back",     "kb:caps",     "play",          "restart",     "step",       "save",
      "save-as-name", "save-as",    "layout:arc",    "layout:grid", "layout:stack", "add-panel",
      "record-panel", "record-panel-file", "record-view", "record-view-file", "frame", "thumb:0", "thumb:1",
      "thumb:2", "thumb:3", "thumb:4", "thumb:5", "thumb:6", "thumb:7", "loop-a", "loop-b", "loop-clear",
      "open-path", "open",
      // The Review tab (app/ui_review_tab.h)
      "tab:review", "rate:0", "rate:1", "rate:2", "rate:3", "rate:4", "rate:5", "note-text", "add-note",
      "add-note-at-point", "export-folder", "export"};
  return names;
}

const std::vector<std::string>& SessionScript::key_names() {
  static const std::vector<std::string> names = {"enter", "backspace", "delete", "left",  "right",
                                                 "home",  "end",       "tab",    "escape"};
  return names;
}

Result<SessionScript> SessionScript::load(const std::string& path) {
  Result<std::string> text = read_text_file(path, kMaxBytes, "a session script");
  if (!text) return text.error();
  return parse(*text, path);
}

Result<SessionScript> SessionScript::parse(const std::string& text, const std::string& name) {
  SessionScript script;
  script.name_ = name;
  if (const auto bad = find_invalid_utf8(text)) return Error{name + ": not UTF-8 text (byte " + std::to_string(*bad) + ")"};
  std::istringstream lines(text);
  std::string raw;
  for (int line_number = 1; std::getline(lines, raw); ++line_number) {
    const auto bad = [&](const std::string& why) { return Error{name + ":" + std::to_string(line_number) + ": " + why}; };
    if (const size_t hash = raw.find('#'); hash != std::string::npos) raw.resize(hash);
    std::istringstream line(raw);
    std::string time, verb;
    if (!(line >> time)) continue;  // blank or comment
    SessionAction a;
    a.line = line_number;
    if (!number(time, 0.0, kMaxTime_s, a.at_s)) return bad("\"" + time + "\" is not a time in seconds (0 to 86400)");
    if (!script.actions_.empty() && a.at_s < script.actions_.back().at_s)
      return bad("times must not decrease (the line before is at " + std::to_string(script.actions_.back().at_s) + " s)");
    if (!(line >> verb)) return bad("no action after the time");
    std::string word, extra;
    if (verb == "select") {
      a.kind = SessionAction::Kind::Select;
      if (!(line >> word) || !panel_index(word, a.panel) || (line >> extra))
        return bad("select takes a panel number (0, 1, ... as the panels are named)");
    } else if (verb == "drag") {
      a.kind = SessionAction::Kind::Drag;
      std::string yaw, pitch;
      double y = 0.0, p = 0.0;
      if (!(line >> word >> yaw >> pitch) || !panel_index(word, a.panel) || !number(yaw, -kMaxTurn_deg, kMaxTurn_deg, y) ||
          !number(pitch, -kMaxTurn_deg, kMaxTurn_deg, p) || (line >> extra))
        return bad("drag takes a panel number and the pointer's turn in degrees: right up (-180 to 180)");
      a.yaw_deg = float(y), a.pitch_deg = float(p);
    } else if (verb == "click") {
      a.kind = SessionAction::Kind::Click;
      const auto& names = control_names();
      if (!(line >> a.text) || (line >> extra) ||
          (std::find(names.begin(), names.end(), a.text) == names.end() && !keyboard_key(a.text)))
        return bad("click takes one console control: " + joined(names) + ", or kb: and a key of the virtual keyboard");
    } else if (verb == "tab") {
      a.kind = SessionAction::Kind::Tab;
      if (!(line >> a.text) || (line >> extra) ||
          (a.text != "prompt" && a.text != "playback" && a.text != "workspace" && a.text != "review"))
        return bad("tab takes prompt, playback, workspace or review");
    } else if (verb == "key") {
      a.kind = SessionAction::Kind::Key;
      const auto& names = key_names();
      if (!(line >> a.text) || (line >> extra) || std::find(names.begin(), names.end(), a.text) == names.end())
        return bad("key takes one key: " + joined(names));
    } else if (verb == "rate") {
      a.kind = SessionAction::Kind::Rate;
      double stars = 0.0;
      if (!(line >> word) || !panel_index(word, a.panel) || !(line >> extra) ||
          !number(extra, 0.0, workspace_limits::kMaxRating, stars) || stars != std::floor(stars) || (line >> extra))
        return bad("rate takes a panel number and 0 to 5 stars (0: no rating)");
      a.stars = int(stars);
    } else if (verb == "note-at") {
      a.kind = SessionAction::Kind::NoteAt;
      std::string u, v;
      double du = 0.0, dv = 0.0;
      if (!(line >> u >> v) || !number(u, 0.0, 1.0, du) || !number(v, 0.0, 1.0, dv))
        return bad("note-at takes the point on the panel, u v (0 to 1 from its left and top), then the note");
      a.u = float(du), a.v = float(dv);
      a.text = rest_of(line);
      if (a.text.empty()) return bad("note-at takes the text after the point");
      if (a.text.size() > workspace_limits::kMaxTextBytes) return bad("note-at: the text is longer than 4096 bytes");
    } else if (verb == "type" || verb == "steer" || verb == "branch" || verb == "save" || verb == "note" ||
               verb == "export" || verb == "open") {
      a.kind = verb == "type"     ? SessionAction::Kind::Type
               : verb == "steer"  ? SessionAction::Kind::Steer
               : verb == "branch" ? SessionAction::Kind::Branch
               : verb == "note"   ? SessionAction::Kind::Note
               : verb == "export" ? SessionAction::Kind::Export
               : verb == "open"   ? SessionAction::Kind::Open
                                  : SessionAction::Kind::Save;
      a.text = rest_of(line);
      if (a.text.empty())
        return bad(verb + (verb == "save" || verb == "open" ? " takes a file name"
                           : verb == "export"              ? " takes a folder"
                                                           : " takes the text after it"));
      if (a.text.size() > workspace_limits::kMaxTextBytes) return bad(verb + ": the text is longer than 4096 bytes");
    } else if (verb == "record" || verb == "stop-record") {
      a.kind = verb == "record" ? SessionAction::Kind::Record : SessionAction::Kind::StopRecord;
      if (!(line >> word) || (word != "view" && !panel_index(word, a.panel)))
        return bad(verb + " takes a panel number or view" + (verb == "record" ? ", then a file name" : ""));
      a.view = word == "view";
      if (a.kind == SessionAction::Kind::Record) {
        a.text = rest_of(line);
        if (a.text.empty()) return bad("record takes a file name after " + word);
        if (a.text.size() > workspace_limits::kMaxTextBytes) return bad("record: the file name is longer than 4096 bytes");
      } else if (line >> extra) {
        return bad("stop-record takes a panel number or view, nothing more");
      }
    } else {
      return bad("unknown action \"" + verb +
                 "\" (select, drag, click, tab, key, type, steer, branch, save, record, stop-record, rate, note, note-at, "
                 "export, open)");
    }
    script.actions_.push_back(std::move(a));
  }
  return script;
}

}  // namespace wv::app
