// model/toyworld/raster.h — draws a world state into an RGBA8 frame: flat colors with a little
// shading (a soft highlight on balls, a bevel on boxes), coverage-based anti-aliased edges.
// The room fills the whole frame. About 0.1 ms for 128×128 on one core.
//
//   auto frame = wv::make_frame(128, 128, /*index=*/world.frame, /*pts_s=*/world.frame / 30.0);
//   wv::toyworld::render_world(world, *frame);
//
// Thread-safe (no shared state). The frame's size sets the pixels per room unit; a frame with
// another aspect than the room's is filled by scaling each axis.
#pragma once

#include "model/toyworld/simulator.h"
#include "wv/frame.h"

namespace wv::toyworld {

// Overwrites every pixel of `out` (Rgba8Srgb, any size >= 1×1), alpha 255.
void render_world(const WorldState& world, Frame& out);

}  // namespace wv::toyworld
