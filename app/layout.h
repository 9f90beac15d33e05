// app/layout.h — where panels go around the viewer when the workspace does not place them.
//
//   std::vector<wv::app::LayoutItem> items = {{{1.0f, 0.75f}, std::nullopt}, {{1.2f, 0.9f}, pose}};
//   std::vector<wv::Pose> T_world_panel = wv::app::layout_panels(workspace.layout, items);
//
// The viewer stands at the origin, eyes at layout.eye_height_m, looking along -Z (wv/pose.h).
// Arc: panels side by side on a circle of layout.radius_m around the viewer, left to right in
// workspace order, centered straight ahead, each facing the viewer; a full ring (more than
// ~300°) continues on a new row, alternately above and below. Grid: rows and columns on a flat
// wall layout.radius_m ahead. Stack: one column on that wall, top to bottom, centered at eye
// height. Pure functions, any thread.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "app/workspace/workspace.h"
#include "wv/pose.h"

namespace wv::app {

struct LayoutItem {
  glm::vec2 size_m{1.0f, 1.0f};  // width, height
  std::optional<wv::Pose> fixed;  // placed by hand: kept as it is
};

std::vector<wv::Pose> layout_panels(const LayoutSpec& layout, std::span<const LayoutItem> items);

// The horizontal angle (radians) the laid-out panels span as seen from the viewer, so a camera
// knows how far to look around. Hand-placed panels count too.
float horizontal_extent_rad(std::span<const wv::Pose> T_world_panel, glm::vec3 viewer);

}  // namespace wv::app
