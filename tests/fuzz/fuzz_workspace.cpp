// Fuzzes parse_workspace with arbitrary bytes. Beyond "no crash", every accepted workspace must
// survive a round trip through workspace_to_json, as save_workspace relies on.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "app/workspace/workspace.h"
#include "quiet_log.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wv::test::quiet_log();

  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> warnings;
  const wv::Result<wv::app::Workspace> workspace = wv::app::parse_workspace(text, "fuzz.wv.json", &warnings);
  if (!workspace) {
    if (workspace.error().message.rfind("fuzz.wv.json", 0) != 0) std::abort();  // every error names the file
    return 0;
  }
  const wv::Result<wv::app::Workspace> again =
      wv::app::parse_workspace(wv::app::workspace_to_json(*workspace), "round-trip.wv.json");
  if (!again || !(*again == *workspace)) std::abort();
  return 0;
}
