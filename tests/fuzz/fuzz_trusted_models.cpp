// Fuzzes parse_trusted_models with arbitrary bytes. Beyond "no crash": every error names the
// file, and every accepted pin has a non-empty path and a 64-digit lower-case hex digest.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "app/workspace/trusted_models.h"
#include "quiet_log.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wv::test::quiet_log();

  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> warnings;
  const auto pins = wv::app::parse_trusted_models(text, "fuzz.json", "/base", &warnings);
  if (!pins) {
    if (pins.error().message.rfind("fuzz.json", 0) != 0) std::abort();
    return 0;
  }
  for (const auto& pin : *pins) {
    if (pin.path.empty() || pin.sha256.size() != 64) std::abort();
    for (const char c : pin.sha256)
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) std::abort();
  }
  return 0;
}
