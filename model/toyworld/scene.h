// model/toyworld/scene.h — the structured description of a toyworld episode's start: a 2D room
// seen from the side, its color, 1–4 objects, gravity, wind and how bouncy the walls are.
// Plain values; text.h turns text into a Scene and back.
//
//   wv::toyworld::Scene scene;
//   scene.background = wv::toyworld::Background::DarkBlue;
//   scene.objects.assign(3, {.shape = Shape::Ball, .color = Color::Red});
//   scene.gravity = Force{.direction = Direction::Left};
//   if (auto s = wv::toyworld::validate_scene(scene); !s) log_error(s.error().message);
//
// Everything the text does not pin (exact positions, velocities) comes from the seed when the
// world is made (simulator.h). Append fields at the end; never reorder.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/toyworld/palette.h"
#include "wv/result.h"

namespace wv::toyworld {

inline constexpr int kMaxSceneObjects = 4;  // objects a scene may start with
inline constexpr int kMaxLiveObjects = 8;   // objects a world may hold after "appears" events

enum class Shape : uint8_t { Ball, Box };
enum class Size : uint8_t { Small, Medium, Large };
enum class Direction : uint8_t { Down, Up, Left, Right };
enum class Strength : uint8_t { Weak, Normal, Strong };
enum class Walls : uint8_t { Soft, Normal, Bouncy };  // restitution of walls and collisions

// Where in the room an object starts; Anywhere lets the seed choose.
enum class Place : uint8_t { Anywhere, Left, Right, Top, Bottom, Middle };

// A constant push: gravity pulls toward `direction`, wind blows toward `direction`.
struct Force {
  Direction direction = Direction::Down;
  Strength strength = Strength::Normal;
  bool operator==(const Force&) const = default;
};

struct ObjectSpec {
  Shape shape = Shape::Ball;
  Color color = Color::Red;
  Size size = Size::Medium;
  Place place = Place::Anywhere;
  bool operator==(const ObjectSpec&) const = default;
};

struct Scene {
  Background background = Background::Black;
  std::vector<ObjectSpec> objects;    // 1..kMaxSceneObjects
  std::optional<Force> gravity = Force{};  // nullopt: no gravity
  std::optional<Force> wind;               // nullopt: still air
  Walls walls = Walls::Normal;
  bool operator==(const Scene&) const = default;
};

// Ok when the scene can be simulated (object count in range, enum values known); otherwise
// an Error saying what is wrong.
Status validate_scene(const Scene& scene);

}  // namespace wv::toyworld
