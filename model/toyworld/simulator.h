// model/toyworld/simulator.h — toyworld physics: the true state of a world and how it moves
// from one frame to the next. Deterministic: the same scene, seed, room shape, event track and
// time step give bit-identical states on the same build (own PRNG, no libm transcendentals).
//
//   wv::toyworld::WorldState world = wv::toyworld::make_world(scene, /*seed=*/7, 128, 128);
//   for (int i = 1; i < 90; ++i) wv::toyworld::step_world(world, 1.0 / 30.0);
//   wv::toyworld::apply_event(world, gravity_left);   // takes effect from this frame on
//   const auto& ball = world.bodies[0];                // x, y, vx, vy: the truth, for evaluation
//
// Units: room units, the shorter side of the room is 1. x grows rightward from the left wall,
// y grows upward from the floor (a side view); velocities in room units per second.
// A WorldState is a plain value: copy it to checkpoint, compare it with ==.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/toyworld/event.h"
#include "model/toyworld/scene.h"

namespace wv::toyworld {

struct Body {
  Shape shape = Shape::Ball;
  Color color = Color::Red;
  Size size = Size::Medium;
  double extent = 0.0;  // ball radius or box half side, room units
  double x = 0.0, y = 0.0;    // center
  double vx = 0.0, vy = 0.0;  // room units per second
  bool operator==(const Body&) const = default;
};

struct WorldState {
  int64_t frame = 0;  // frames stepped since make_world
  double room_width = 1.0, room_height = 1.0;
  Background background = Background::Black;
  std::vector<Body> bodies;
  std::optional<Force> gravity;
  std::optional<Force> wind;
  Walls walls = Walls::Normal;
  bool frozen = false;
  uint64_t rng = 0;  // draws for objects that appear later
  bool operator==(const WorldState&) const = default;
};

// Extent of an object of that shape and size, in room units.
double extent_of(Shape shape, Size size);

// Acceleration magnitudes, room units per second squared, and wall/collision restitution.
double gravity_accel(Strength strength);
double wind_accel(Strength strength);  // for a medium object; smaller ones are pushed harder
double restitution(Walls walls);

// The acceleration gravity and wind give a medium object, room units per second squared
// (x rightward, y upward); the sum of the two pushes step_world applies.
struct Push {
  double x = 0.0, y = 0.0;
};
Push push_on_medium(const std::optional<Force>& gravity, const std::optional<Force>& wind);

// Frame 0 of a scene in a room shaped like a width_px × height_px frame. The scene must be
// valid (validate_scene). Objects do not overlap where the room has space for them.
WorldState make_world(const Scene& scene, uint64_t seed, int32_t width_px, int32_t height_px);

// Applies every change of the event now; it shows in this frame and acts from the next step.
void apply_event(WorldState& world, const Event& event);

// Advances one frame of dt_s seconds (sub-stepped so objects do not tunnel through each other
// or the walls). A frozen world only counts the frame.
void step_world(WorldState& world, double dt_s);

}  // namespace wv::toyworld
