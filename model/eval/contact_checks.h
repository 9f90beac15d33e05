// model/eval/contact_checks.h — bounces off walls and collisions between objects, read from a
// rollout's frames alone (object tracks from the probe), so the same check scores a model and
// the simulator.
//
//   std::vector<FrameProbe> seen = ...;                          // every frame of a rollout
//   ContactCases c = find_contacts(seen, scene, 64, 64, 30.0);
//   for (const ContactCase& b : c.bounces) count(b.frame, b.shown);
//
// A bounce case: an object moving toward a wall (faster than a slow drift) within about two
// frames of touching it. Shown when, within the next frames, it moves back away from that wall
// visibly (0.03 of the room). An object that stops, sticks, passes through the wall or vanishes
// there fails the case. Approaches the prompt's walls (restitution) and forces would not send
// back at least twice that far (soft walls, strong gravity into the floor) are not cases, and
// neither are approaches with another object between the object and the wall.
// A collision case: two objects of different colors closing on each other that touch within
// about two frames (same-colored objects merge in the probe, so they cannot be followed through
// a contact). Shown when their relative velocity changes by half of what the prompt's
// restitution would change it by: objects passing through each other keep it and fail; objects
// stopping dead against each other (an inelastic collision) pass.
// A track that ends beside an object of its color (a merge in the probe) drops its case; one
// that just ends (an object vanishing into a wall) fails it.
// Cases are found in the frames, so a model that shows no motion has no cases (and scores
// nothing): the reports give the number of cases beside each rate. Pure function, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/toyworld/probe.h"
#include "model/toyworld/scene.h"

namespace wv::eval {

struct ContactCase {
  int32_t frame = 0;   // the frame the approach was seen at
  bool shown = false;  // the rebound or change of velocity followed
};

struct ContactCases {
  std::vector<ContactCase> bounces;     // off walls
  std::vector<ContactCase> collisions;  // between two objects
};

// `scene` gives the walls' restitution and the forces in force (no events during the frames);
// the frames are `width_px` × `height_px` at `fps`. Cases whose window runs past the last frame
// are left out.
ContactCases find_contacts(std::span<const toyworld::FrameProbe> probes, const toyworld::Scene& scene,
                           int32_t width_px, int32_t height_px, double fps);

}  // namespace wv::eval
