#include "app/desktop_input.h"

#include <algorithm>
#include <cmath>

namespace wv::app {

std::optional<Key> key_named(std::string_view name) {
  constexpr std::pair<std::string_view, Key> kNames[] = {
      {"w", Key::W}, {"a", Key::A}, {"s", Key::S},         {"d", Key::D},
      {"q", Key::Q}, {"e", Key::E}, {"shift", Key::Shift}, {"escape", Key::Escape},
      {"backspace", Key::Backspace}, {"enter", Key::Enter}, {"left", Key::Left}, {"right", Key::Right},
      {"home", Key::Home}, {"end", Key::End}, {"delete", Key::Delete}, {"tab", Key::Tab}};
  for (const auto& [key_name, key] : kNames)
    if (key_name == name) return key;
  return std::nullopt;
}

PointerInput DesktopControls::update(MouseKeyboard& input, double dt_s, bool typing) {
  if (input.right_button && looking_) head_.look(input.cursor - last_cursor_);
  looking_ = input.right_button;
  last_cursor_ = input.cursor;

  const auto axis = [&](Key plus, Key minus) {
    return typing ? 0.0f : float(input.held(plus)) - float(input.held(minus));
  };
  head_.walk({axis(Key::D, Key::A), axis(Key::E, Key::Q), axis(Key::W, Key::S)}, dt_s);

  if (input.left_button && !was_left_) grabbing_ = input.held(Key::Shift);
  was_left_ = input.left_button;

  PointerState mouse;
  const bool inside = input.cursor.x >= 0.0f && input.cursor.y >= 0.0f && input.cursor.x < input.window_size.x &&
                      input.cursor.y < input.window_size.y;
  // A grab keeps its panel while the cursor leaves the window; otherwise outside points nowhere.
  mouse.active = inside || (input.left_button && grabbing_);
  mouse.T_world_pointer = cursor_pointer(head_.pose(), input.cursor, input.window_size, fov_y_rad_);
  mouse.select = input.left_button && !grabbing_;
  mouse.grab = input.left_button && grabbing_;
  mouse.menu = !typing && input.held(Key::Escape);  // while typing, Escape leaves the text field

  wheel_s_ += double(input.wheel_notches) * kWheelNotch_s;
  input.wheel_notches = 0.0f;
  if (dt_s > 0.0) {
    const double given = std::clamp(wheel_s_, -dt_s, dt_s);
    wheel_s_ -= given;
    mouse.scroll.y = float(given / dt_s);
  }

  PointerInput out;
  out.hands[kRight] = mouse;
  return out;
}

}  // namespace wv::app
