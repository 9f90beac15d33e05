// app/asset_paths.h — where the program finds its shipped files (model weights, demo
// workspaces): $WORLDVIEW_ASSETS, the installed share/worldview beside the program, and the
// source tree's assets/ (running from a build folder), in that order.
//
//   std::filesystem::path demo = wv::app::find_asset("demo.wv.json");   // empty: not found
#pragma once

#include <filesystem>
#include <vector>

namespace wv::app {

std::vector<std::filesystem::path> asset_folders();

// The first existing `relative` path under asset_folders(); empty when there is none.
std::filesystem::path find_asset(const std::filesystem::path& relative);

}  // namespace wv::app
