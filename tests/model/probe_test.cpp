// The frame probe against the simulator's truth: what it reads from rendered frames must match
// the world that was drawn.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "model/toyworld/probe.h"
#include "model/toyworld/raster.h"
#include "model/toyworld/simulator.h"
#include "random_scenes.h"

namespace wv::toyworld {
namespace {

// Same-colored objects that touch read as one region; the probe says so, the test skips them.
bool same_colors_apart(const WorldState& world) {
  for (size_t i = 0; i < world.bodies.size(); ++i)
    for (size_t j = i + 1; j < world.bodies.size(); ++j) {
      const Body& a = world.bodies[i];
      const Body& b = world.bodies[j];
      const double gap = std::hypot(a.x - b.x, a.y - b.y) - 1.5 * (a.extent + b.extent);
      if (a.color == b.color && gap < 0.02) return false;
    }
  return true;
}

std::vector<Color> sorted_colors(const std::vector<Body>& bodies) {
  std::vector<Color> c;
  for (const Body& b : bodies) c.push_back(b.color);
  std::sort(c.begin(), c.end());
  return c;
}

std::vector<Color> sorted_colors(const std::vector<SeenObject>& objects) {
  std::vector<Color> c;
  for (const SeenObject& o : objects) c.push_back(o.color);
  std::sort(c.begin(), c.end());
  return c;
}

class ProbeAtSize : public ::testing::TestWithParam<int> {};

TEST_P(ProbeAtSize, ReadsRoomObjectsAndPlacesOfRenderedWorlds) {
  const int side = GetParam();
  uint64_t rng = 0x5eed + uint64_t(side);
  int checked = 0;
  for (int episode = 0; episode < 60; ++episode) {
    const Scene scene = testing::random_scene(rng);
    WorldState world = make_world(scene, uint64_t(episode), side, side);
    for (int i = 0; i < 20; ++i) step_world(world, 1.0 / 30.0);
    if (!same_colors_apart(world)) continue;
    auto frame = make_frame(side, side, 0, 0.0);
    render_world(world, *frame);
    const FrameProbe seen = probe_frame(*frame);
    SCOPED_TRACE("episode " + std::to_string(episode));
    ASSERT_TRUE(seen.background.has_value());
    EXPECT_EQ(*seen.background, world.background);
    ASSERT_EQ(sorted_colors(seen.objects), sorted_colors(world.bodies));
    // Each body has a seen object of its color at its center (within 1.5 px).
    for (const Body& b : world.bodies) {
      const double bx = b.x / world.room_width, by = b.y / world.room_height;
      const bool found = std::any_of(seen.objects.begin(), seen.objects.end(), [&](const SeenObject& o) {
        return o.color == b.color && std::hypot(o.x - bx, o.y - by) * side < 1.5;
      });
      EXPECT_TRUE(found) << "body at " << bx << "," << by;
    }
    ++checked;
  }
  EXPECT_GE(checked, 40) << "too few episodes had same-colored objects apart";
}

INSTANTIATE_TEST_SUITE_P(Sizes, ProbeAtSize, ::testing::Values(64, 128));

TEST(Probe, BlurLowersSharpnessAndNoiseHasNoRoom) {
  Scene scene;
  scene.objects.assign(3, {.shape = Shape::Box, .color = Color::Yellow, .size = Size::Large});
  const WorldState world = make_world(scene, 3, 64, 64);
  auto sharp = make_frame(64, 64, 0, 0.0);
  render_world(world, *sharp);
  auto blurred = make_frame(64, 64, 0, 0.0);
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x)
      for (int c = 0; c < 4; ++c) {
        int sum = 0, count = 0;
        for (int dy = -2; dy <= 2; ++dy)
          for (int dx = -2; dx <= 2; ++dx) {
            const int sx = std::clamp(x + dx, 0, 63), sy = std::clamp(y + dy, 0, 63);
            sum += sharp->row(sy)[4 * sx + c], ++count;
          }
        blurred->row(y)[4 * x + c] = uint8_t(sum / count);
      }
  EXPECT_LT(probe_frame(*blurred).sharpness, 0.6 * probe_frame(*sharp).sharpness);

  auto noise = make_frame(64, 64, 0, 0.0);
  uint32_t state = 1;
  for (auto& byte : noise->pixels) state = state * 1664525u + 1013904223u, byte = uint8_t(state >> 24);
  const FrameProbe seen = probe_frame(*noise);
  EXPECT_FALSE(seen.background.has_value());
  EXPECT_GT(seen.unclassified_fraction, 0.5);
  EXPECT_TRUE(seen.objects.empty());
}

TEST(Probe, EmptyFrameReadsAsNothing) {
  Frame empty;
  const FrameProbe seen = probe_frame(empty);
  EXPECT_FALSE(seen.background.has_value());
  EXPECT_TRUE(seen.objects.empty());
}

}  // namespace
}  // namespace wv::toyworld
