// model/toyworld/text.h — the toyworld text language: scenes and events as short English,
// parsed to structure and formatted back. The grammar is in model/toyworld/README.md.
//
//   auto parsed = wv::toyworld::parse_scene("three red balls bounce in a dark blue room");
//   if (!parsed) { show(parsed.error().message); return; }
//   if (!parsed->unknown_words.empty()) show_warning(parsed->unknown_words);  // never dropped silently
//   std::string canonical = wv::toyworld::format_scene(parsed->scene);
//   // "three red balls in a dark blue room"
//   auto event = wv::toyworld::parse_event("strong gravity pulls up");
//
// Round trip: parse_scene(format_scene(s)) gives s for every valid scene, and formatting a
// parsed canonical text gives the same text. The same holds for events.
// Input is hostile: any bytes, at most kMaxTextBytes; errors name the text and the reason.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/toyworld/event.h"
#include "model/toyworld/scene.h"
#include "wv/result.h"

namespace wv::toyworld {

inline constexpr size_t kMaxTextBytes = 2048;

struct ParsedScene {
  Scene scene;
  // Words the language does not know, in order, as written (bytes outside printable ASCII
  // shown as \xNN). They were ignored; the UI should show them.
  std::vector<std::string> unknown_words;
};

struct ParsedEvent {
  Event event;
  std::vector<std::string> unknown_words;
};

Result<ParsedScene> parse_scene(std::string_view text);
Result<ParsedEvent> parse_event(std::string_view text);

// Canonical text. The scene must be valid (validate_scene); an event must have changes.
std::string format_scene(const Scene& scene);
std::string format_event(const Event& event);

// `text` for an error message: in double quotes, cut after 80 characters, bytes outside
// printable ASCII written as \xNN (safe to log and to show in the UI).
std::string quote_text(std::string_view text);

}  // namespace wv::toyworld
