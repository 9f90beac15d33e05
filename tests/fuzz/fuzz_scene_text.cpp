// Fuzz target: toyworld scene and event text (prompts typed by users or loaded from
// workspaces). Beyond not crashing, whatever parses must round-trip through canonical text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/toyworld/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace wv::toyworld;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto scene = parse_scene(text)) {
    WV_ASSERT(validate_scene(scene->scene).ok());
    auto again = parse_scene(format_scene(scene->scene));
    WV_ASSERT(again.ok() && again->scene == scene->scene && again->unknown_words.empty());
  }
  if (auto event = parse_event(text)) {
    WV_ASSERT(!event->event.changes.empty());
    auto again = parse_event(format_event(event->event));
    WV_ASSERT(again.ok() && again->event == event->event && again->unknown_words.empty());
  }
  return 0;
}
