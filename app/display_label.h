// app/display_label.h — how messages name a panel or source: its prompt, title or path, kept short.
//
//   display_label(long_prompt)           // its first 57 characters and "..."
//   display_label("/home/ana/.../clips/red-blue.mp4")  // "...", then its last 57 characters
//   panel_label(3, "three red balls")    // "panel 3 (\"three red balls\")"
//
// Text longer than `max` characters is cut. A path keeps its end, since the file's name is what
// tells two panels apart; other text keeps its start.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wv::app {

std::string display_label(std::string_view text, size_t max = 60);

// "panel 3 (\"<display_label(text)>\")", as every message names a panel.
std::string panel_label(size_t index, std::string_view text);

}  // namespace wv::app
