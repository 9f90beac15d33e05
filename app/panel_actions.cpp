#include "app/panel_actions.h"

#include <algorithm>
#include <filesystem>

namespace wv::app {

Status set_loop_end(PanelActions::LoopRegion& loop, bool seekable, const std::string& panel_name, bool b_end,
                    int64_t frame) {
  if (!seekable) return Error{panel_name + ": a loop needs a source that can seek back"};
  (b_end ? loop.b : loop.a) = std::max<int64_t>(frame, 0);
  return Status::success();
}

std::optional<int64_t> loop_jump(const PanelActions::LoopRegion& loop, double clock_frames) {
  if (!loop.active()) return std::nullopt;
  const int64_t a = std::min(*loop.a, *loop.b), b = std::max(*loop.a, *loop.b);
  if (clock_frames >= double(b + 1)) return a;
  return std::nullopt;
}

Status room_for_another_panel(size_t panels) {
  if (panels < workspace_limits::kMaxPanels) return Status::success();
  return Error{"no room for another panel (at most " + std::to_string(workspace_limits::kMaxPanels) + ")"};
}

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
