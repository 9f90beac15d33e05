// tests/model/random_scenes.h — random valid scenes and events for round-trip and physics
// tests, from a seed (toyworld's own generator, so the same on every standard library).
#pragma once

#include <cstdint>

#include "model/toyworld/event.h"
#include "model/toyworld/scene.h"

namespace wv::toyworld::testing {

Scene random_scene(uint64_t& rng);
Event random_event(uint64_t& rng);

}  // namespace wv::toyworld::testing
