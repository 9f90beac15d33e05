// Fuzzes SessionScript::parse with arbitrary bytes. Beyond "no crash": every error names the
// script, and an accepted script's actions are in time order with their lines increasing.
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
  return 0;
}
