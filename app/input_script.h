// app/input_script.h — a timed list of mouse, keyboard and window actions that desktop mode plays
// into its window as if a user did them (`worldview desktop --input-script FILE`), so tests and
// demos drive the same input path a person does.
//
//   # seconds  action            (one per line; '#' starts a comment)
//   0.5  move 640 360            # the cursor to window coordinates x y (pixels, +y down)
//   0.6  key shift down          # w a s d q e shift escape, and for text fields backspace
//                                #   enter left right home end delete tab; down or up
//   0.7  type the balls turn red # text typed into the window (the rest of the line, after one
//                                #   space; it cannot hold '#'); it moves no keys
//   0.6  press left              # left or right mouse button; press or release
//   1.0  wheel 2                 # wheel notches: + pushes away / up, - pulls
//   1.4  resize 800 600          # the window's size (window coordinates)
//   1.5  minimize                # also: restore, close
//
//   auto script = wv::app::InputScript::load("grab.txt");   // Error: "grab.txt:3: ..." on bad lines
//   script->apply_due(t_s, window);                         // every frame, before reading input
//
// Actions at the same time apply in file order; times must not decrease. A key or button changes
// at most once a frame (a press and its release in one slow frame would leave no trace): the
// second change and the actions after it wait for the next frame, so a script stretches rather
// than loses input when frames are slow. Held keys repeat with the frame rate; tap a key per
// character to edit text reliably.
#pragma once

#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/desktop_input.h"
#include "wv/result.h"

namespace wv::app {

class DesktopWindow;

struct InputAction {
  enum class Kind { Move, Key, Button, Wheel, Resize, Minimize, Restore, Close, Type };
  double at_s = 0.0;
  Kind kind = Kind::Move;
  glm::vec2 xy{0.0f};   // Move: cursor; Resize: size; Wheel: x = notches
  Key key = Key::W;     // Key
  bool right = false;   // Button: the right button (else the left)
  bool down = false;    // Key, Button
  std::string text;     // Type: UTF-8
};

class InputScript {
 public:
  static constexpr size_t kMaxBytes = 1 << 20;
  static Result<InputScript> load(const std::string& path);
  // Checks the text; errors start with "name_for_errors:LINE: ".
  static Result<InputScript> parse(const std::string& text, const std::string& name_for_errors);

  // Applies every action due by t_s that has not been applied yet.
  void apply_due(double t_s, DesktopWindow& window);
  const std::vector<InputAction>& actions() const { return actions_; }

 private:
  std::vector<InputAction> actions_;
  size_t next_ = 0;
};

}  // namespace wv::app
