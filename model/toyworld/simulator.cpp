#include "model/toyworld/simulator.h"

#include <cmath>

#include "model/toyworld/collide.h"
#include "model/toyworld/random.h"

namespace wv::toyworld {

namespace {

constexpr double kMaxSpeed = 6.0;         // room units / s; keeps sub-step counts bounded
constexpr double kMaxSubstepS = 1.0 / 120.0;
constexpr int kMaxSubsteps = 64;
constexpr double kLaunchSpeed = 0.8;      // initial velocity components drawn in ±this
constexpr int kPlacementTries = 64;
constexpr double kPlacementGap = 0.01;    // between objects placed at the start

void unit_vector(Direction d, double& out_x, double& out_y) {
  out_x = d == Direction::Left ? -1.0 : (d == Direction::Right ? 1.0 : 0.0);
  out_y = d == Direction::Down ? -1.0 : (d == Direction::Up ? 1.0 : 0.0);
}

Direction opposite(Direction d) {
  switch (d) {
    case Direction::Down: return Direction::Up;
    case Direction::Up: return Direction::Down;
    case Direction::Left: return Direction::Right;
    case Direction::Right: return Direction::Left;
  }
  return d;
}

bool overlaps(const Body& a, const Body& b) {
  // Conservative (bounding squares) so that every shape pair gets a gap.
  const double reach = a.extent + b.extent + kPlacementGap;
  return std::fabs(a.x - b.x) < reach && std::fabs(a.y - b.y) < reach;
}

// Draws a start position inside `place` and a velocity; tries to keep clear of `others`.
Body place_body(const ObjectSpec& spec, const std::vector<Body>& others, double w, double h,
                uint64_t& rng) {
  Body b{.shape = spec.shape, .color = spec.color, .size = spec.size,
         .extent = extent_of(spec.shape, spec.size)};
  const double e = b.extent;
  double x0 = e, x1 = w - e, y0 = e, y1 = h - e;
  switch (spec.place) {
    case Place::Anywhere: break;
    case Place::Left: x1 = w / 3.0; break;
    case Place::Right: x0 = w * 2.0 / 3.0; break;
    case Place::Top: y0 = h * 2.0 / 3.0; break;
    case Place::Bottom: y1 = h / 3.0; break;
    case Place::Middle:
      x0 = w / 3.0, x1 = w * 2.0 / 3.0;
      y0 = h / 3.0, y1 = h * 2.0 / 3.0;
      break;
  }
  if (x1 < x0) x0 = x1 = (x0 + x1) / 2.0;
  if (y1 < y0) y0 = y1 = (y0 + y1) / 2.0;
  for (int attempt = 0; attempt < kPlacementTries; ++attempt) {
    b.x = next_uniform(rng, x0, x1);
    b.y = next_uniform(rng, y0, y1);
    bool clear = true;
    for (const Body& o : others) clear = clear && !overlaps(b, o);
    if (clear) break;  // when no try is clear the last one stands; contacts separate it
  }
  b.vx = next_uniform(rng, -kLaunchSpeed, kLaunchSpeed);
  b.vy = next_uniform(rng, -kLaunchSpeed, kLaunchSpeed);
  return b;
}

bool matches(const Body& b, const Selector& who) {
  return (!who.shape || *who.shape == b.shape) && (!who.color || *who.color == b.color) &&
         (!who.size || *who.size == b.size);
}

void apply_change(WorldState& world, const Change& c) {
  switch (c.kind) {
    case ChangeKind::SetGravity: world.gravity = c.force; break;
    case ChangeKind::FlipGravity:
      if (world.gravity) world.gravity->direction = opposite(world.gravity->direction);
      break;
    case ChangeKind::SetWind: world.wind = c.force; break;
    case ChangeKind::Recolor:
      for (Body& b : world.bodies) {
        if (!matches(b, c.who)) continue;
        b.color = c.color;
        if (!c.who.plural) break;
      }
      break;
    case ChangeKind::Appear:
      for (int32_t i = 0; i < c.count && world.bodies.size() < size_t(kMaxLiveObjects); ++i) {
        world.bodies.push_back(
            place_body(c.object, world.bodies, world.room_width, world.room_height, world.rng));
      }
      break;
    case ChangeKind::Freeze: world.frozen = true; break;
    case ChangeKind::Unfreeze: world.frozen = false; break;
    case ChangeKind::SetWalls: world.walls = c.walls; break;
  }
}

double speed_limit(double v) { return v > kMaxSpeed ? kMaxSpeed : (v < -kMaxSpeed ? -kMaxSpeed : v); }

}  // namespace

double extent_of(Shape shape, Size size) {
  static constexpr double kBall[] = {0.06, 0.09, 0.13};
  static constexpr double kBox[] = {0.055, 0.085, 0.12};
  return (shape == Shape::Ball ? kBall : kBox)[int(size)];
}

double gravity_accel(Strength strength) {
  static constexpr double kAccel[] = {0.6, 1.5, 3.0};
  return kAccel[int(strength)];
}

double wind_accel(Strength strength) {
  static constexpr double kAccel[] = {0.3, 0.8, 1.6};
  return kAccel[int(strength)];
}

Push push_on_medium(const std::optional<Force>& gravity, const std::optional<Force>& wind) {
  Push a;
  double x = 0.0, y = 0.0;
  if (gravity) {
    unit_vector(gravity->direction, x, y);
    a.x += x * gravity_accel(gravity->strength), a.y += y * gravity_accel(gravity->strength);
  }
  if (wind) {
    unit_vector(wind->direction, x, y);
    a.x += x * wind_accel(wind->strength), a.y += y * wind_accel(wind->strength);
  }
  return a;
}

double restitution(Walls walls) {
  static constexpr double kRestitution[] = {0.45, 0.8, 0.97};
  return kRestitution[int(walls)];
}

WorldState make_world(const Scene& scene, uint64_t seed, int32_t width_px, int32_t height_px) {
  WV_ASSERT(validate_scene(scene).ok());
  WV_ASSERT(width_px > 0 && height_px > 0);
  WorldState world;
  // The shorter side is 1 so object sizes look the same in any frame shape.
  const double shorter = double(width_px < height_px ? width_px : height_px);
  world.room_width = double(width_px) / shorter;
  world.room_height = double(height_px) / shorter;
  world.background = scene.background;
  world.gravity = scene.gravity;
  world.wind = scene.wind;
  world.walls = scene.walls;
  world.rng = seed;
  next_u64(world.rng);  // decorrelates neighbouring seeds before the first draw
  for (const ObjectSpec& spec : scene.objects) {
    world.bodies.push_back(
        place_body(spec, world.bodies, world.room_width, world.room_height, world.rng));
  }
  return world;
}

void apply_event(WorldState& world, const Event& event) {
  for (const Change& c : event.changes) apply_change(world, c);
}

void step_world(WorldState& world, double dt_s) {
  WV_ASSERT(dt_s > 0.0);
  ++world.frame;
  if (world.frozen || world.bodies.empty()) return;

  // Sub-steps: each moves a body at most ~a third of the smallest object, and at most 1/120 s.
  double fastest = 0.0, smallest = 1.0;
  for (const Body& b : world.bodies) {
    fastest = std::fmax(fastest, std::fmax(std::fabs(b.vx), std::fabs(b.vy)));
    smallest = std::fmin(smallest, b.extent);
  }
  int substeps = 1;
  while (substeps < kMaxSubsteps && (dt_s / substeps > kMaxSubstepS ||
                                      fastest * dt_s / substeps > smallest / 3.0)) {
    ++substeps;
  }
  const double h = dt_s / substeps;

  double gx = 0.0, gy = 0.0, wx = 0.0, wy = 0.0;
  if (world.gravity) {
    unit_vector(world.gravity->direction, gx, gy);
    gx *= gravity_accel(world.gravity->strength);
    gy *= gravity_accel(world.gravity->strength);
  }
  if (world.wind) {
    unit_vector(world.wind->direction, wx, wy);
    wx *= wind_accel(world.wind->strength);
    wy *= wind_accel(world.wind->strength);
  }
  const double e = restitution(world.walls);
  const double medium = extent_of(Shape::Ball, Size::Medium);
  for (int s = 0; s < substeps; ++s) {
    for (Body& b : world.bodies) {
      const double push = medium / b.extent;  // wind moves small objects more
      b.vx = speed_limit(b.vx + (gx + wx * push) * h);
      b.vy = speed_limit(b.vy + (gy + wy * push) * h);
      b.x += b.vx * h;
      b.y += b.vy * h;
    }
    for (Body& b : world.bodies) collide_with_walls(b, world.room_width, world.room_height, e, h);
    // Two passes settle stacks; walls again last so separation never leaves a body outside
    // (h 0: wall friction was already applied this sub-step).
    collide_bodies(world.bodies, e);
    collide_bodies(world.bodies, e);
    for (Body& b : world.bodies) collide_with_walls(b, world.room_width, world.room_height, e, 0.0);
  }
}

}  // namespace wv::toyworld
