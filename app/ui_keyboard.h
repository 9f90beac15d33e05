// app/ui_keyboard.h — a keyboard drawn with ImGui buttons, for typing with a controller ray in
// the headset (and with the mouse on the desktop). Its keys edit a text directly: pressing a
// button takes ImGui's focus from the text field, so the field is not editing at that moment and
// shows the new text on the next frame.
//
//   if (wv::app::virtual_keyboard(prompt) == wv::app::KeyboardAction::Enter) steer(prompt);
//
// Threading: inside an ImGui frame (a window is open).
#pragma once

#include <string>

namespace wv::app {

enum class KeyboardAction { None, Edited, Enter };

// Draws the keys; a pressed key appends its character, Space a space, "<-" removes the last
// character (a whole UTF-8 sequence), Clear empties the text. Caps toggles upper case.
KeyboardAction virtual_keyboard(std::string& text, size_t max_bytes);

}  // namespace wv::app
