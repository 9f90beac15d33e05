// model/toyworld/source.h — a toyworld episode as a panel's FrameSource: a scene text, a seed
// and timed event texts, simulated and rendered on demand.
//
//   wv::toyworld::SourceParams p;
//   p.scene = "three red balls bounce in a dark blue room";
//   p.seed = 42;
//   p.events = {{90, "gravity points left"}, {150, "the balls turn green"}};
//   auto src = wv::toyworld::make_source(p);
//   if (!src) { wv::log_error(src.error().message); return; }   // names the text and bad words
//   (*src)->pump();   // frame 0 (pts 0) into (*src)->frames()
//
// Threading and cost as wv::FrameSource states: pump() from one producer thread; seek(),
// set_playing(), playing(), error() from any thread. seek() re-simulates from the nearest
// checkpoint (one every kCheckpointInterval frames, kept for the source's life), no rendering,
// so it costs microseconds. Frame i shows the world after i steps with every event of frames
// <= i applied; pts_s = i / fps. The source never fails: bad input is refused by make_source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wv/frame_source.h"
#include "wv/result.h"

namespace wv::toyworld {

inline constexpr int64_t kCheckpointInterval = 64;

struct TimedEvent {
  int64_t frame = 0;  // applies from this frame on
  std::string text;   // e.g. "gravity points left"
};

struct SourceParams {
  std::string scene;                 // e.g. "three red balls bounce in a dark blue room"
  uint64_t seed = 1;
  int32_t width = 128, height = 128;  // frame size in pixels, 16..2048
  double fps = 30.0;                  // (0, 1000]
  std::vector<TimedEvent> events;     // any order; same-frame events apply in the given order
  int64_t frame_count = -1;           // -1: endless
  size_t queue_capacity = 4;          // 1..256
};

// Refuses (Error naming the text, the reason and any unknown words) a scene or event text that
// does not parse or has unknown words, and out-of-range sizes, fps, frames or capacity.
// info(): kind "toyworld", description = params.scene, seekable.
Result<std::unique_ptr<wv::FrameSource>> make_source(const SourceParams& params);

}  // namespace wv::toyworld
