#include "app/layout.h"

#include <algorithm>
#include <cmath>

namespace wv::app {
namespace {

constexpr float kMaxRowAngle = glm::radians(300.0f);  // leave the back of the ring free

glm::vec3 viewer_eye(const LayoutSpec& layout) { return {0.0f, layout.eye_height_m, 0.0f}; }

// Index lists of the auto-placed items, split into rows that fit the ring.
std::vector<std::vector<size_t>> arc_rows(const LayoutSpec& layout, std::span<const LayoutItem> items) {
  std::vector<std::vector<size_t>> rows(1);
  float angle = 0.0f;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].fixed) continue;
    const float span = (items[i].size_m.x + layout.gap_m) / layout.radius_m;
    if (!rows.back().empty() && angle + span > kMaxRowAngle) {
      rows.emplace_back();
      angle = 0.0f;
    }
    rows.back().push_back(i);
    angle += span;
  }
  return rows;
}

// Row 0 at eye height, then one above, one below, two above, ...
float row_offset(size_t row, float row_height) {
  if (row == 0) return 0.0f;
  const float step = float((row + 1) / 2) * row_height;
  return row % 2 == 1 ? step : -step;
}

void place_arc(const LayoutSpec& layout, std::span<const LayoutItem> items, std::vector<wv::Pose>& out) {
  const glm::vec3 eye = viewer_eye(layout);
  const auto rows = arc_rows(layout, items);
  float row_height = 0.0f;
  for (const auto& item : items) row_height = std::max(row_height, item.size_m.y);
  row_height += layout.gap_m;

  for (size_t r = 0; r < rows.size(); ++r) {
    float extent = 0.0f;
    for (size_t i : rows[r]) extent += items[i].size_m.x / layout.radius_m;
    if (!rows[r].empty()) extent += float(rows[r].size() - 1) * layout.gap_m / layout.radius_m;

    float angle = -extent / 2.0f;  // leftmost edge; 0 is straight ahead (-Z), positive to the right
    for (size_t i : rows[r]) {
      const float half = items[i].size_m.x / layout.radius_m / 2.0f;
      const float center = angle + half;
      const glm::vec3 position{layout.radius_m * std::sin(center), eye.y + row_offset(r, row_height),
                               -layout.radius_m * std::cos(center)};
      out[i] = wv::facing(position, {0.0f, position.y, 0.0f});
      angle += 2.0f * half + layout.gap_m / layout.radius_m;
    }
  }
}

void place_grid(const LayoutSpec& layout, std::span<const LayoutItem> items, std::vector<wv::Pose>& out) {
  std::vector<size_t> free_items;
  glm::vec2 cell{0.0f};
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].fixed) continue;
    free_items.push_back(i);
    cell = glm::max(cell, items[i].size_m);
  }
  if (free_items.empty()) return;
  cell += glm::vec2(layout.gap_m);
  const size_t cols = size_t(std::ceil(std::sqrt(double(free_items.size()))));
  const size_t rows = (free_items.size() + cols - 1) / cols;
  for (size_t k = 0; k < free_items.size(); ++k) {
    const size_t col = k % cols;
    const size_t row = k / cols;
    const glm::vec3 position{(float(col) - float(cols - 1) / 2.0f) * cell.x,
                             layout.eye_height_m + (float(rows - 1) / 2.0f - float(row)) * cell.y,
                             -layout.radius_m};
    out[free_items[k]] = wv::Pose{position, glm::quat(1.0f, 0.0f, 0.0f, 0.0f)};
  }
}

// One above another on the wall ahead, centered at eye height, in workspace order from the top.
void place_stack(const LayoutSpec& layout, std::span<const LayoutItem> items, std::vector<wv::Pose>& out) {
  float height_m = 0.0f;
  size_t count = 0;
  for (const LayoutItem& item : items) {
    if (item.fixed) continue;
    height_m += item.size_m.y;
    ++count;
  }
  if (count == 0) return;
  height_m += layout.gap_m * float(count - 1);
  float top_m = layout.eye_height_m + height_m / 2.0f;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].fixed) continue;
    out[i] = wv::Pose{{0.0f, top_m - items[i].size_m.y / 2.0f, -layout.radius_m}, glm::quat(1.0f, 0.0f, 0.0f, 0.0f)};
    top_m -= items[i].size_m.y + layout.gap_m;
  }
}

}  // namespace

std::vector<wv::Pose> layout_panels(const LayoutSpec& layout, std::span<const LayoutItem> items) {
  std::vector<wv::Pose> poses(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].fixed) poses[i] = *items[i].fixed;
  }
  switch (layout.kind) {
    case LayoutSpec::Kind::Arc: place_arc(layout, items, poses); break;
    case LayoutSpec::Kind::Grid: place_grid(layout, items, poses); break;
    case LayoutSpec::Kind::Stack: place_stack(layout, items, poses); break;
  }
  return poses;
}

float horizontal_extent_rad(std::span<const wv::Pose> T_world_panel, glm::vec3 viewer) {
  float lo = 0.0f, hi = 0.0f;
  for (const auto& pose : T_world_panel) {
    const glm::vec3 d = pose.position - viewer;
    const float angle = std::atan2(d.x, -d.z);  // 0 straight ahead, positive to the right
    lo = std::min(lo, angle);
    hi = std::max(hi, angle);
  }
  return hi - lo;
}

}  // namespace wv::app
