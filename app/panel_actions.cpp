#include "app/panel_actions.h"

#include <filesystem>

namespace wv::app {

Result<PanelSpec> rollout_panel_spec(const std::string& prompt, const std::string& model, uint64_t seed) {
  if (prompt.empty() || prompt.size() > workspace_limits::kMaxTextBytes) return Error{"a prompt is 1 to 4096 bytes"};
  PanelSpec spec;
  spec.source.kind = SourceSpec::Kind::Rollout;
  spec.source.rollout = {.model = model, .prompt = prompt, .seed = seed};
  return spec;
}

Result<PanelSpec> video_panel_spec(const std::string& path) {
  if (path.empty()) return Error{"no file to open: type the path of a video or an image sequence"};
  PanelSpec spec;
  spec.source.kind = SourceSpec::Kind::Video;
  spec.source.video.path = std::filesystem::absolute(path).lexically_normal().string();
  return spec;
}

}  // namespace wv::app
