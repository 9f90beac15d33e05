// model/eval/object_tracks.h — objects followed from frame to frame through their probes, so
// that motion (velocities, approaches, rebounds) can be read from frames alone.
//
//   std::vector<FrameProbe> seen = ...;               // probe_frame of each frame, in order
//   for (const ObjectTrack& t : track_objects(seen, 64, 64))
//     if (t.covers(f) && t.covers(f - 2)) use(t.velocity_px(f));
//
// An object in one frame continues as the nearest object of the same color in the next, within
// a short distance, nearest pairs first; an object with no continuation ends its track, an object
// with no predecessor starts one. Two touching objects of one color read as one (probe.h), so
// tracks of same-colored objects break where they meet. Pure function, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/toyworld/probe.h"

namespace wv::eval {

struct TrackPoint {
  double x = 0.0, y = 0.0;  // center, pixels from the bottom left corner, y upward
  double radius = 0.0;      // of a disc with the object's area, pixels
};

struct ObjectTrack {
  toyworld::Color color = toyworld::Color::Red;
  int32_t first_frame = 0;          // index of points[0] in the probe sequence
  std::vector<TrackPoint> points;   // one per frame, consecutive

  bool covers(int32_t frame) const { return frame >= first_frame && frame < first_frame + int32_t(points.size()); }
  const TrackPoint& at(int32_t frame) const { return points[size_t(frame - first_frame)]; }
  // Pixels per frame over the two frames up to `frame` (averaged: the probe's centers wobble by
  // a fraction of a pixel); requires covers(frame) and covers(frame - 2).
  TrackPoint velocity_px(int32_t frame) const;
};

// A probed object in pixels, its size as a disc of its area.
TrackPoint point_of(const toyworld::SeenObject& object, double width_px, double height_px);

std::vector<ObjectTrack> track_objects(std::span<const toyworld::FrameProbe> probes, int32_t width_px,
                                       int32_t height_px);

}  // namespace wv::eval
