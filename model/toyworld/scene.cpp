#include "model/toyworld/scene.h"

#include <string>

namespace wv::toyworld {

namespace {
bool known(Color c) { return uint8_t(c) < kColorCount; }
bool known(Background b) { return uint8_t(b) < kBackgroundCount; }
bool known(Shape s) { return s == Shape::Ball || s == Shape::Box; }
bool known(Size s) { return uint8_t(s) <= uint8_t(Size::Large); }
bool known(Place p) { return uint8_t(p) <= uint8_t(Place::Middle); }
bool known(Walls w) { return uint8_t(w) <= uint8_t(Walls::Bouncy); }
bool known(const std::optional<Force>& f) {
  return !f || (uint8_t(f->direction) <= uint8_t(Direction::Right) &&
                uint8_t(f->strength) <= uint8_t(Strength::Strong));
}
}  // namespace

Status validate_scene(const Scene& scene) {
  const size_t n = scene.objects.size();
  if (n < 1 || n > size_t(kMaxSceneObjects)) {
    return Error{"toyworld scene has " + std::to_string(n) + " objects; it needs 1 to " +
                 std::to_string(kMaxSceneObjects)};
  }
  if (!known(scene.background) || !known(scene.walls) || !known(scene.gravity) ||
      !known(scene.wind)) {
    return Error{"toyworld scene has an unknown room color, walls, gravity or wind value"};
  }
  for (const ObjectSpec& o : scene.objects) {
    if (!known(o.shape) || !known(o.color) || !known(o.size) || !known(o.place)) {
      return Error{"toyworld scene has an object with an unknown shape, color, size or place"};
    }
  }
  return Status::success();
}

}  // namespace wv::toyworld
