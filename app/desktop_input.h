// app/desktop_input.h — desktop mode's mouse and keyboard, turned each frame into the virtual
// head's motion and a PointerInput (app/pointer_input.h), the same input XR controllers give, so
// panels are selected, grabbed and pushed by one code path (app/interaction.h).
//
//   wv::app::MouseKeyboard keys;                  // written by the window's callbacks (or a script)
//   wv::app::DesktopControls controls(head, fov_y_rad);
//   wv::app::PointerInput input = controls.update(keys, dt_s);   // also moves controls.head()
//
// The controls: the right button held turns the head (mouse look); W/A/S/D walk, E/Q rise and
// sink; the mouse is the right hand's pointer, a ray from the eye through the cursor. A left
// click selects the panel under the cursor. Shift held when the left button goes down makes
// that press a grab instead: dragging moves the panel along with the ray, and the wheel pushes it
// away (up) or pulls it closer (down). Shift rather than Ctrl because window managers and
// terminals commonly take Ctrl+drag. Without a grab the wheel changes the hovered panel's
// playback speed, as the thumbstick does in XR. Escape is the menu button.
//
// Threading: the render thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/pointer_input.h"
#include "app/virtual_head.h"

namespace wv::app {

// Walking and menu keys, then the keys a text field needs (the in-world UI, app/ui_layer.h).
enum class Key { W, A, S, D, Q, E, Shift, Escape, Backspace, Enter, Left, Right, Home, End, Delete, Tab };
inline constexpr size_t kKeyCount = size_t(Key::Tab) + 1;

// The key named in an input script ("w", "shift", "escape", ...); nothing for others.
std::optional<Key> key_named(std::string_view name);

// The mouse and keyboard as they are now (held buttons and keys) plus the wheel scrolled since
// the last update.
struct MouseKeyboard {
  glm::vec2 cursor{0.0f};             // window coordinates: pixels from the top-left, +y down
  glm::vec2 window_size{1.0f, 1.0f};  // in the same units as the cursor
  bool left_button = false;
  bool right_button = false;
  bool keys[kKeyCount] = {};          // indexed by Key
  float wheel_notches = 0.0f;         // + away from the user (GLFW's yoffset); update() zeroes it
  std::string typed;                  // UTF-8 text typed since the UI last took it

  bool held(Key key) const { return keys[size_t(key)]; }
  void set(Key key, bool down) { keys[size_t(key)] = down; }
};

class DesktopControls {
 public:
  // One wheel notch acts as the thumbstick held fully for this long: motion that does not depend
  // on the frame rate, from a device that only reports steps.
  static constexpr double kWheelNotch_s = 0.15;

  DesktopControls(const VirtualHead& head, float fov_y_rad) : head_(head), start_(head), fov_y_rad_(fov_y_rad) {}

  // Moves the head, and returns the pointers for this frame (the mouse as the right hand). While
  // `typing` (a UI text field has the keyboard) the letter keys type and do not walk, and Escape
  // is the text field's, not the menu button.
  PointerInput update(MouseKeyboard& input, double dt_s, bool typing = false);
  const VirtualHead& head() const { return head_; }
  // Back to where the head started (the menu button's recentering).
  void reset_head() { head_ = start_; }

 private:
  VirtualHead head_;
  VirtualHead start_;
  float fov_y_rad_;
  glm::vec2 last_cursor_{0.0f};
  bool looking_ = false;   // the right button was held last frame
  bool was_left_ = false;
  bool grabbing_ = false;  // the current left press began with Shift held
  double wheel_s_ = 0.0;   // signed seconds of full deflection still to give
};

}  // namespace wv::app
