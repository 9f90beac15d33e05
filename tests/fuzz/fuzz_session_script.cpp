// Fuzzes SessionScript::parse with arbitrary bytes. Beyond "no crash": every error names the
// script, and an accepted script's actions are in time order with their lines increasing, and
// review actions hold what they promise (0 to 5 stars, a point on the panel, some text).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "app/session_script.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto script = wv::app::SessionScript::parse(text, "fuzz.txt");
  if (!script) {
    if (script.error().message.rfind("fuzz.txt", 0) != 0) std::abort();
    return 0;
  }
  const auto& actions = script->actions();
  for (size_t i = 1; i < actions.size(); ++i)
    if (actions[i].at_s < actions[i - 1].at_s || actions[i].line <= actions[i - 1].line) std::abort();
  using Kind = wv::app::SessionAction::Kind;
  for (const auto& a : actions) {
    if (a.kind == Kind::Rate && (a.stars < 0 || a.stars > 5)) std::abort();
    if (a.kind == Kind::NoteAt && !(a.u >= 0.0f && a.u <= 1.0f && a.v >= 0.0f && a.v <= 1.0f)) std::abort();
    if ((a.kind == Kind::Note || a.kind == Kind::NoteAt || a.kind == Kind::Export) && a.text.empty()) std::abort();
  }
  return 0;
}
