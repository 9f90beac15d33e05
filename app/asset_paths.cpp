#include "app/asset_paths.h"

#include <cstdlib>
#include <system_error>

namespace wv::app {
namespace fs = std::filesystem;

std::vector<fs::path> asset_folders() {
  std::vector<fs::path> folders;
  if (const char* env = std::getenv("WORLDVIEW_ASSETS"); env && *env) folders.emplace_back(env);
  std::error_code ec;
  if (const fs::path exe = fs::read_symlink("/proc/self/exe", ec); !ec)
    folders.push_back(exe.parent_path().parent_path() / "share/worldview");
  folders.emplace_back(WV_ASSETS_DIR);
  return folders;
}

fs::path find_asset(const fs::path& relative) {
  for (const fs::path& folder : asset_folders()) {
    std::error_code ec;
    if (fs::exists(folder / relative, ec)) return folder / relative;
  }
  return {};
}

}  // namespace wv::app
