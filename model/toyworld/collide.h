// model/toyworld/collide.h — (internal) contacts between bodies and with the room's walls, for
// one sub-step of simulator.cpp. Impulses with restitution, then positional separation, so
// bodies never stay overlapped; slow impacts come to rest instead of jittering.
#pragma once

#include <vector>

#include "model/toyworld/simulator.h"

namespace wv::toyworld {

// Impact speeds below this (room units / s) do not bounce: resting contact.
inline constexpr double kRestSpeed = 0.08;

// Pushes a body back inside the room and reflects the velocity into the wall with
// `restitution`; while touching a wall its sliding velocity is damped over `h_s` seconds.
void collide_with_walls(Body& body, double room_width, double room_height, double restitution,
                        double h_s);

// Resolves every overlapping pair (ball–ball, ball–box, box–box; boxes stay axis-aligned).
void collide_bodies(std::vector<Body>& bodies, double restitution);

}  // namespace wv::toyworld
