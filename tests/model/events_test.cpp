#include <gtest/gtest.h>

#include <cmath>

#include "model/toyworld/simulator.h"
#include "model/toyworld/text.h"

namespace wv::toyworld {
namespace {

constexpr double kDt = 1.0 / 30.0;

WorldState world_of(const std::string& scene_text, uint64_t seed = 3) {
  auto parsed = parse_scene(scene_text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  return make_world(parsed.ok() ? parsed->scene : Scene{}, seed, 128, 128);
}

void apply(WorldState& w, const std::string& event_text) {
  auto parsed = parse_event(event_text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  apply_event(w, parsed->event);
}

void run(WorldState& w, int frames) {
  for (int i = 0; i < frames; ++i) step_world(w, kDt);
}

double mean_x(const WorldState& w) {
  double sum = 0.0;
  for (const Body& b : w.bodies) sum += b.x;
  return sum / double(w.bodies.size());
}

TEST(ToyworldEvents, GravityChangesDirectionFlipsAndTurnsOff) {
  WorldState w = world_of("two red balls in a black room, soft walls");
  run(w, 90);
  apply(w, "gravity points left");
  EXPECT_EQ(w.gravity, (Force{Direction::Left, Strength::Normal}));
  run(w, 150);
  for (const Body& b : w.bodies) EXPECT_LT(b.x - b.extent, 0.25);

  apply(w, "gravity flips");
  EXPECT_EQ(w.gravity, (Force{Direction::Right, Strength::Normal}));
  run(w, 150);
  for (const Body& b : w.bodies) EXPECT_GT(b.x + b.extent, w.room_width - 0.25);

  apply(w, "gravity turns off");
  EXPECT_FALSE(w.gravity);
  apply(w, "gravity flips");  // nothing to flip
  EXPECT_FALSE(w.gravity);
}

TEST(ToyworldEvents, WindStartsAndStops) {
  WorldState w = world_of("two small red balls in a black room, no gravity");
  for (Body& b : w.bodies) b.vx = b.vy = 0.0;
  const double before = mean_x(w);
  apply(w, "strong wind blows from the left");
  EXPECT_EQ(w.wind, (Force{Direction::Right, Strength::Strong}));
  run(w, 10);
  EXPECT_GT(mean_x(w), before);
  for (const Body& b : w.bodies) EXPECT_GT(b.vx, 0.0);
  apply(w, "the wind stops");
  EXPECT_FALSE(w.wind);
}

TEST(ToyworldEvents, RecolorChangesWhatTheSelectorNames) {
  WorldState w = world_of("two red balls, a red box and a blue ball in a black room");
  apply(w, "the red ball turns yellow");  // singular: the first red ball only
  EXPECT_EQ(w.bodies[0].color, Color::Yellow);
  EXPECT_EQ(w.bodies[1].color, Color::Red);
  EXPECT_EQ(w.bodies[2].color, Color::Red);
  apply(w, "the balls turn green");
  EXPECT_EQ(w.bodies[0].color, Color::Green);
  EXPECT_EQ(w.bodies[1].color, Color::Green);
  EXPECT_EQ(w.bodies[2].color, Color::Red);  // a box
  EXPECT_EQ(w.bodies[3].color, Color::Green);
  apply(w, "everything turns pink");
  for (const Body& b : w.bodies) EXPECT_EQ(b.color, Color::Pink);
}

TEST(ToyworldEvents, ObjectsAppearUpToTheLimit) {
  WorldState w = world_of("a red ball in a black room");
  apply(w, "a big blue box appears at the top");
  ASSERT_EQ(w.bodies.size(), 2u);
  EXPECT_EQ(w.bodies[1].shape, Shape::Box);
  EXPECT_EQ(w.bodies[1].color, Color::Blue);
  EXPECT_EQ(w.bodies[1].size, Size::Large);
  EXPECT_GE(w.bodies[1].y, w.room_height * 2.0 / 3.0);
  apply(w, "four green balls appear");
  apply(w, "four green balls appear");
  EXPECT_EQ(w.bodies.size(), size_t(kMaxLiveObjects));
}

TEST(ToyworldEvents, FreezeHoldsEverythingAndUnfreezeResumes) {
  WorldState w = world_of("three red balls in a black room, no gravity");
  run(w, 5);
  apply(w, "everything freezes");
  EXPECT_TRUE(w.frozen);
  const std::vector<Body> held = w.bodies;
  run(w, 30);
  EXPECT_EQ(w.bodies, held);
  EXPECT_EQ(w.frame, 35);
  apply(w, "everything unfreezes");
  EXPECT_FALSE(w.frozen);
  run(w, 1);
  EXPECT_NE(w.bodies[0].x, held[0].x);
}

TEST(ToyworldEvents, WallsChangeBounciness) {
  WorldState w = world_of("a red ball in a black room");
  apply(w, "the walls turn bouncy");
  EXPECT_EQ(w.walls, Walls::Bouncy);
  apply(w, "the walls turn soft");
  EXPECT_EQ(w.walls, Walls::Soft);
}

}  // namespace
}  // namespace wv::toyworld
