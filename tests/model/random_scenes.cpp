#include "random_scenes.h"

#include "model/toyworld/random.h"

namespace wv::toyworld::testing {

namespace {

int pick(uint64_t& rng, int n) { return int(next_u64(rng) % uint64_t(n)); }
bool coin(uint64_t& rng) { return pick(rng, 2) == 0; }

Force random_force(uint64_t& rng) {
  return Force{Direction(pick(rng, 4)), Strength(pick(rng, 3))};
}

ObjectSpec random_object(uint64_t& rng) {
  return ObjectSpec{Shape(pick(rng, 2)), Color(pick(rng, kColorCount)), Size(pick(rng, 3)),
                    coin(rng) ? Place::Anywhere : Place(pick(rng, 6))};
}

}  // namespace

Scene random_scene(uint64_t& rng) {
  Scene s;
  s.background = Background(pick(rng, kBackgroundCount));
  const int n = 1 + pick(rng, kMaxSceneObjects);
  for (int i = 0; i < n; ++i) {
    // Repeats make groups ("three red balls").
    s.objects.push_back(i > 0 && coin(rng) ? s.objects.back() : random_object(rng));
  }
  const int g = pick(rng, 3);
  s.gravity = g == 0 ? std::nullopt : (g == 1 ? std::optional(Force{}) : random_force(rng));
  s.wind = coin(rng) ? std::nullopt : std::optional(random_force(rng));
  s.walls = Walls(pick(rng, 3));
  return s;
}

Event random_event(uint64_t& rng) {
  Event e;
  const int n = 1 + pick(rng, 3);
  for (int i = 0; i < n; ++i) {
    Change c;
    c.kind = ChangeKind(pick(rng, 8));
    switch (c.kind) {
      case ChangeKind::SetGravity:
      case ChangeKind::SetWind:
        if (coin(rng)) c.force = random_force(rng);
        break;
      case ChangeKind::Recolor:
        if (coin(rng)) c.who.shape = Shape(pick(rng, 2));
        if (coin(rng)) c.who.color = Color(pick(rng, kColorCount));
        if (coin(rng)) c.who.size = Size(pick(rng, 3));
        c.who.plural = coin(rng);
        c.color = Color(pick(rng, kColorCount));
        break;
      case ChangeKind::Appear:
        c.object = random_object(rng);
        c.count = 1 + pick(rng, kMaxSceneObjects);
        break;
      case ChangeKind::SetWalls: c.walls = Walls(pick(rng, 3)); break;
      case ChangeKind::FlipGravity:
      case ChangeKind::Freeze:
      case ChangeKind::Unfreeze: break;
    }
    e.changes.push_back(c);
  }
  return e;
}

}  // namespace wv::toyworld::testing
