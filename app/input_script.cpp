#include "app/input_script.h"

#include <array>
#include <cmath>
#include <sstream>
#include <utility>

#include "app/desktop_window.h"
#include "app/text_file.h"
#include "app/workspace/utf8.h"

namespace wv::app {
namespace {

constexpr float kMaxCoordinate = 16384.0f;

// Reads the line's remaining words; false when there are more or fewer than `n`.
bool words(std::istringstream& line, std::vector<std::string>& out, size_t n) {
  out.clear();
  std::string word;
  while (line >> word) out.push_back(word);
  return out.size() == n;
}

bool number(const std::string& text, float min, float max, float& out) {
  char* end = nullptr;
  out = std::strtof(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(out) && out >= min && out <= max;
}

}  // namespace

Result<InputScript> InputScript::load(const std::string& path) {
  Result<std::string> text = read_text_file(path, kMaxBytes, "an input script");
  if (!text) return text.error();
  return parse(*text, path);
}

Result<InputScript> InputScript::parse(const std::string& text, const std::string& name) {
  InputScript script;
  std::istringstream lines(text);
  std::string raw;
  std::vector<std::string> args;
  for (int number_of_line = 1; std::getline(lines, raw); ++number_of_line) {
    const auto bad = [&](const std::string& why) {
      return Error{name + ":" + std::to_string(number_of_line) + ": " + why};
    };
    if (const size_t hash = raw.find('#'); hash != std::string::npos) raw.resize(hash);
    std::istringstream line(raw);
    std::string time, verb;
    if (!(line >> time)) continue;  // blank or comment
    InputAction a;
    float at = 0.0f;
    if (!number(time, 0.0f, 86400.0f, at)) return bad("\"" + time + "\" is not a time in seconds (0 to 86400)");
    a.at_s = at;
    if (!script.actions_.empty() && a.at_s < script.actions_.back().at_s)
      return bad("times must not decrease (the line before is at " + std::to_string(script.actions_.back().at_s) + " s)");
    if (!(line >> verb)) return bad("no action after the time");
    if (verb == "move" || verb == "resize") {
      a.kind = verb == "move" ? InputAction::Kind::Move : InputAction::Kind::Resize;
      const float min = verb == "move" ? -kMaxCoordinate : 1.0f;
      if (!words(line, args, 2) || !number(args[0], min, kMaxCoordinate, a.xy.x) ||
          !number(args[1], min, kMaxCoordinate, a.xy.y))
        return bad(verb + " takes two numbers: x y (window coordinates" + (verb == "resize" ? ", at least 1)" : ")"));
    } else if (verb == "key") {
      a.kind = InputAction::Kind::Key;
      if (!words(line, args, 2) || !key_named(args[0]) || (args[1] != "down" && args[1] != "up"))
        return bad("key takes a key (w a s d q e shift escape backspace enter left right home end delete tab) and down or up");
      a.key = *key_named(args[0]);
      a.down = args[1] == "down";
    } else if (verb == "press" || verb == "release") {
      a.kind = InputAction::Kind::Button;
      if (!words(line, args, 1) || (args[0] != "left" && args[0] != "right"))
        return bad(verb + " takes a mouse button: left or right");
      a.right = args[0] == "right";
      a.down = verb == "press";
    } else if (verb == "wheel") {
      a.kind = InputAction::Kind::Wheel;
      if (!words(line, args, 1) || !number(args[0], -100.0f, 100.0f, a.xy.x))
        return bad("wheel takes a number of notches (-100 to 100)");
    } else if (verb == "type") {
      a.kind = InputAction::Kind::Type;
      std::getline(line, a.text);
      if (!a.text.empty() && a.text[0] == ' ') a.text.erase(0, 1);
      if (a.text.empty()) return bad("type takes the text to type after it");
      if (find_invalid_utf8(a.text)) return bad("the text to type is not UTF-8");
    } else if (verb == "minimize" || verb == "restore" || verb == "close") {
      a.kind = verb == "minimize" ? InputAction::Kind::Minimize
               : verb == "restore" ? InputAction::Kind::Restore
                                   : InputAction::Kind::Close;
      if (!words(line, args, 0)) return bad(verb + " takes nothing after it");
    } else {
      return bad("unknown action \"" + verb + "\" (move, key, type, press, release, wheel, resize, minimize, restore, close)");
    }
    script.actions_.push_back(a);
  }
  return script;
}

void InputScript::apply_due(double t_s, DesktopWindow& window) {
  // Each key and button changes at most once a frame: a press and its release in one frame
  // would leave no trace in a UI that reads state per frame (a slow frame under load would eat
  // the click). The second change, and everything after it, waits for the next frame.
  std::array<bool, kKeyCount + 2> changed{};  // keys, then the left and right buttons
  auto first_change = [&](size_t slot) { return !std::exchange(changed[slot], true); };
  for (; next_ < actions_.size() && actions_[next_].at_s <= t_s; ++next_) {
    const InputAction& a = actions_[next_];
    MouseKeyboard& input = window.input();
    if (a.kind == InputAction::Kind::Key && !first_change(size_t(a.key))) return;
    if (a.kind == InputAction::Kind::Button && !first_change(kKeyCount + (a.right ? 1 : 0))) return;
    switch (a.kind) {
      case InputAction::Kind::Move: window.move_cursor(a.xy); break;
      case InputAction::Kind::Key: input.set(a.key, a.down); break;
      case InputAction::Kind::Button: (a.right ? input.right_button : input.left_button) = a.down; break;
      case InputAction::Kind::Wheel: input.wheel_notches += a.xy.x; break;
      case InputAction::Kind::Resize: window.set_size(int(a.xy.x), int(a.xy.y)); break;
      case InputAction::Kind::Minimize: window.minimize(); break;
      case InputAction::Kind::Restore: window.restore(); break;
      case InputAction::Kind::Close: window.request_close(); break;
      case InputAction::Kind::Type: input.typed += a.text; break;
    }
  }
}

}  // namespace wv::app
