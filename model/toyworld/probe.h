// model/toyworld/probe.h — reads a toyworld-looking frame back into structure: the room color
// and the objects (color, center, area), by color segmentation against the fixed palette.
// It is how evaluation checks a generated frame against a prompt and against the simulator,
// without trusting the model: it sees only pixels.
//
//   wv::toyworld::FrameProbe seen = wv::toyworld::probe_frame(frame);
//   if (seen.background == Background::DarkBlue && seen.objects.size() == 3) ...
//
// Pixels are classified to the nearest palette color; pixels far from every palette color
// (blurred or invented colors) count as unclassified. Objects are 4-connected regions of one
// object color larger than a minimum area, so two touching objects of the same color read as
// one. Pure function, thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "model/toyworld/palette.h"
#include "wv/frame.h"

namespace wv::toyworld {

struct SeenObject {
  Color color = Color::Red;
  double x = 0.0, y = 0.0;  // center, in frame fractions: x rightward, y upward from the bottom
  int32_t area_px = 0;
};

struct FrameProbe {
  std::optional<Background> background;  // nullopt: no room color covers a third of the frame
  std::vector<SeenObject> objects;       // largest first
  double unclassified_fraction = 0.0;    // pixels near no palette color
  double sharpness = 0.0;  // root mean square luma difference of neighboring pixels, 0..255
};

FrameProbe probe_frame(const Frame& frame);

// Smallest region counted as an object: a quarter of the smallest object's area at this size.
int32_t min_object_area_px(int32_t width, int32_t height);

}  // namespace wv::toyworld
