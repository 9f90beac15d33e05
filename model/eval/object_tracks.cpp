#include "model/eval/object_tracks.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "wv/result.h"

namespace wv::eval {
namespace {

// Farther than this between two frames (a fraction of the shorter side) is another object:
// toyworld's speed limit moves an object at most 0.2 of the room per frame at 30 fps, and
// objects that fast are rare.
constexpr double kMaxStep = 0.15;

}  // namespace

TrackPoint point_of(const toyworld::SeenObject& object, double width_px, double height_px) {
  return {.x = object.x * width_px, .y = object.y * height_px, .radius = std::sqrt(double(object.area_px) / std::numbers::pi)};
}

TrackPoint ObjectTrack::velocity_px(int32_t frame) const {
  WV_ASSERT(covers(frame) && covers(frame - 2));
  const TrackPoint& now = at(frame);
  const TrackPoint& before = at(frame - 2);
  return {.x = 0.5 * (now.x - before.x), .y = 0.5 * (now.y - before.y), .radius = 0.0};
}

std::vector<ObjectTrack> track_objects(std::span<const toyworld::FrameProbe> probes, int32_t width_px,
                                       int32_t height_px) {
  const double max_step_px = kMaxStep * double(std::min(width_px, height_px));
  std::vector<ObjectTrack> tracks;
  std::vector<size_t> open;  // tracks that reached the previous frame, by its object index
  for (size_t f = 0; f < probes.size(); ++f) {
    const auto& objects = probes[f].objects;
    std::vector<TrackPoint> points;
    for (const auto& o : objects) points.push_back(point_of(o, width_px, height_px));
    // Every same-colored pair within reach, nearest first.
    struct Pair {
      double distance;
      size_t from, to;
    };
    std::vector<Pair> pairs;
    for (size_t i = 0; i < open.size(); ++i) {
      const ObjectTrack& t = tracks[open[i]];
      const TrackPoint& last = t.points.back();
      for (size_t j = 0; j < objects.size(); ++j) {
        const double d = std::hypot(points[j].x - last.x, points[j].y - last.y);
        if (objects[j].color == t.color && d < max_step_px) pairs.push_back({d, i, j});
      }
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.distance < b.distance; });
    std::vector<bool> from_taken(open.size(), false), to_taken(objects.size(), false);
    std::vector<size_t> next_open;
    for (const Pair& p : pairs) {
      if (from_taken[p.from] || to_taken[p.to]) continue;
      from_taken[p.from] = to_taken[p.to] = true;
      tracks[open[p.from]].points.push_back(points[p.to]);
      next_open.push_back(open[p.from]);
    }
    for (size_t j = 0; j < objects.size(); ++j) {
      if (to_taken[j]) continue;
      tracks.push_back({.color = objects[j].color, .first_frame = int32_t(f), .points = {points[j]}});
      next_open.push_back(tracks.size() - 1);
    }
    open = std::move(next_open);
  }
  return tracks;
}

}  // namespace wv::eval
