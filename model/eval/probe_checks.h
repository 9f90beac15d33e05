// model/eval/probe_checks.h — what evaluation asks of a sequence of frames, answered from the
// frame probe (model/toyworld/probe.h): does the first frame show what the prompt says, which
// way do things fall, did an event show, how close is a frame to the truth. The same checks run
// on the simulator's frames, so every figure has the truth's own score beside it.
//
//   std::vector<FrameProbe> seen = ...;                      // probe_frame of each frame
//   PromptMatch m = match_prompt(seen[0], scene);             // count, colors, room
//   EventCheck c = check_event(event, world_before, {&seen[k - 2], 2}, {&seen[k], 13}, side, fps);
//
// Pure functions, thread-safe. Positions are in frame fractions (probe.h); motion thresholds
// in pixels are converted with the frame's side.
#pragma once

#include <optional>
#include <span>

#include "model/toyworld/event.h"
#include "model/toyworld/probe.h"
#include "model/toyworld/simulator.h"
#include "wv/frame.h"

namespace wv::eval {

struct PromptMatch {
  bool count = false;       // as many objects as the scene names
  bool colors = false;      // the same colors, as a multiset
  bool background = false;  // the room color
};

PromptMatch match_prompt(const toyworld::FrameProbe& seen, const toyworld::Scene& scene);

struct Motion {
  double x = 0.0, y = 0.0;  // frame fractions, y upward
  int matched = 0;          // objects followed from one probe to the other
};

// Median displacement of objects followed (same color, nearest) from `from` to `to`.
Motion median_displacement(const toyworld::FrameProbe& from, const toyworld::FrameProbe& to);

enum class EventOutcome {
  Reflected,     // frames_until says after how many frames the probe saw it
  NotReflected,  // not within the frames given
  NotCheckable,  // nothing a probe can see (walls, gravity off) or nothing to compare
};

struct EventCheck {
  EventOutcome outcome = EventOutcome::NotCheckable;
  int frames_until = -1;  // Reflected: index into `after` of the first frame that shows it
};

// Whether the frames `after` (the first is the first made with the event in force) show
// `event`, compared with `recent`: at least the two frames just before it, oldest first. `world_before` gives the forces and
// freeze state in force before the event (the simulator's state, or one made from the prompt:
// its forces, `frozen` and which bodies a recolor selects are read). `side_px` and `fps` turn the world's units into
// pixels and frames. A force change counts as shown once things have moved off their old
// course along the change by more than half way from the old push to the new one would take
// them; a still picture never shows one.
// Whether an event can be seen at all is judged on `world_before`, never on the frames, so
// frames that show nothing fail every check instead of escaping it.
EventCheck check_event(const toyworld::Event& event, const toyworld::WorldState& world_before,
                       std::span<const toyworld::FrameProbe> recent,
                       std::span<const toyworld::FrameProbe> after, int side_px, double fps);

// Peak signal-to-noise ratio over RGB, in dB; equal frames give +infinity. Same size required.
double psnr(const Frame& a, const Frame& b);

}  // namespace wv::eval
