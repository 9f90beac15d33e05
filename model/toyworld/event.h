// model/toyworld/event.h — changes to a running world ("gravity points left", "the balls turn
// green", "a blue ball appears", "everything freezes"). An Event is one or more Changes that
// take effect together at one frame. text.h parses and formats them.
//
//   wv::toyworld::Event e;
//   e.changes.push_back({.kind = ChangeKind::SetGravity, .force = Force{Direction::Left}});
//   wv::toyworld::apply_event(world, e);   // simulator.h
//
// Append kinds and fields at the end; never reorder.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/toyworld/scene.h"

namespace wv::toyworld {

enum class ChangeKind : uint8_t {
  SetGravity,   // force (nullopt: gravity turns off)
  FlipGravity,  // gravity points the opposite way; nothing when gravity is off
  SetWind,      // force (nullopt: the wind stops)
  Recolor,      // objects matching `who` turn `color`
  Appear,       // `count` objects like `object` appear (up to kMaxLiveObjects in the world)
  Freeze,       // everything stops moving, velocities kept
  Unfreeze,     // everything moves on from where it stopped
  SetWalls,     // walls become `walls`
};

// Which objects a Recolor means: every constraint given must match. With `plural` false only
// the first matching object (lowest index) changes ("the red ball"), else all of them
// ("the red balls", "everything").
struct Selector {
  std::optional<Shape> shape;
  std::optional<Color> color;
  std::optional<Size> size;
  bool plural = true;
  bool operator==(const Selector&) const = default;
};

// A tagged value: only the fields its kind names are meaningful, the rest stay default (so
// that == compares meaning).
struct Change {
  ChangeKind kind = ChangeKind::Freeze;
  std::optional<Force> force;  // SetGravity, SetWind
  Selector who;                // Recolor
  Color color = Color::Red;    // Recolor: the new color
  ObjectSpec object;           // Appear
  int32_t count = 1;           // Appear: 1..kMaxSceneObjects
  Walls walls = Walls::Normal; // SetWalls
  bool operator==(const Change&) const = default;
};

struct Event {
  std::vector<Change> changes;  // applied in order
  bool operator==(const Event&) const = default;
};

}  // namespace wv::toyworld
