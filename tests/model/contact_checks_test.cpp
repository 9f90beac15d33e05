// Bounces and collisions read from frames: the simulator's frames must show them; worlds whose
// objects pass through walls and each other, or stick to walls, must not; still pictures have no
// cases at all.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "model/eval/contact_checks.h"
#include "model/eval/object_tracks.h"
#include "model/toyworld/raster.h"
#include "model/toyworld/simulator.h"
#include "random_scenes.h"

namespace wv::eval {
namespace {

using toyworld::FrameProbe;

constexpr int kSide = 64;
constexpr double kFps = 30.0;

FrameProbe probe_of(const toyworld::WorldState& world) {
  auto frame = make_frame(kSide, kSide, 0, 0.0);
  toyworld::render_world(world, *frame);
  return toyworld::probe_frame(*frame);
}

// Objects that feel gravity and wind but meet nothing: through walls and through each other.
void step_ghosts(toyworld::WorldState& world) {
  toyworld::WorldState alone = world;
  for (toyworld::Body& b : world.bodies) {
    // The simulator's own push on this body, read from one step of it alone in an empty room.
    alone.bodies = {b};
    alone.bodies[0].x = alone.bodies[0].y = 0.5, alone.bodies[0].vx = alone.bodies[0].vy = 0.0;
    toyworld::step_world(alone, 1.0 / kFps);
    b.vx += alone.bodies[0].vx, b.vy += alone.bodies[0].vy;
    b.x += b.vx / kFps, b.y += b.vy / kFps;
  }
}

// Objects that stop dead wherever something turns them back (a wall or another object).
void step_sticky(toyworld::WorldState& world) {
  const toyworld::WorldState before = world;
  toyworld::step_world(world, 1.0 / kFps);
  for (size_t i = 0; i < world.bodies.size(); ++i) {
    toyworld::Body& b = world.bodies[i];
    const toyworld::Body& was = before.bodies[i];
    const bool turned = b.vx * was.vx < 0 || b.vy * was.vy < 0;
    if (turned) b = was, b.vx = b.vy = 0.0;
  }
}

struct Rates {
  int bounce_cases = 0, bounces = 0, collision_cases = 0, collisions = 0;
  double bounce_rate() const { return bounce_cases ? double(bounces) / bounce_cases : 0.0; }
  double collision_rate() const { return collision_cases ? double(collisions) / collision_cases : 0.0; }
};

// Random scenes (no events) for `frames` frames, stepped by `step`, scored by find_contacts.
Rates score(const std::function<void(toyworld::WorldState&)>& step, int episodes, int frames) {
  Rates r;
  uint64_t rng = 4321;
  for (int e = 0; e < episodes; ++e) {
    const toyworld::Scene scene = toyworld::testing::random_scene(rng);
    toyworld::WorldState world = toyworld::make_world(scene, uint64_t(e), kSide, kSide);
    std::vector<FrameProbe> seen{probe_of(world)};
    for (int f = 1; f < frames; ++f) step(world), seen.push_back(probe_of(world));
    const ContactCases c = find_contacts(seen, scene, kSide, kSide, kFps);
    for (const ContactCase& b : c.bounces) ++r.bounce_cases, r.bounces += b.shown;
    for (const ContactCase& k : c.collisions) ++r.collision_cases, r.collisions += k.shown;
  }
  return r;
}

void simulate(toyworld::WorldState& world) { toyworld::step_world(world, 1.0 / kFps); }

TEST(ObjectTracks, FollowTheSimulatorsObjectsThroughAWholeEpisode) {
  auto scene = toyworld::Scene{};
  scene.objects = {{.shape = toyworld::Shape::Ball, .color = toyworld::Color::Red},
                   {.shape = toyworld::Shape::Box, .color = toyworld::Color::Yellow}};
  toyworld::WorldState world = toyworld::make_world(scene, 3, kSide, kSide);
  std::vector<FrameProbe> seen;
  for (int f = 0; f < 60; ++f) {
    if (f > 0) simulate(world);
    seen.push_back(probe_of(world));
  }
  const std::vector<ObjectTrack> tracks = track_objects(seen, kSide, kSide);
  ASSERT_EQ(tracks.size(), 2u);
  for (const ObjectTrack& t : tracks) EXPECT_EQ(t.points.size(), 60u);
  // The last center is where the simulator put that body, within a pixel.
  for (const ObjectTrack& t : tracks) {
    const toyworld::Body& b = world.bodies[t.color == toyworld::Color::Red ? 0 : 1];
    EXPECT_NEAR(t.points.back().x, b.x * kSide, 1.0);
    EXPECT_NEAR(t.points.back().y, b.y * kSide, 1.0);
  }
}

TEST(Contacts, TheSimulatorShowsItsBouncesAndCollisions) {
  const Rates truth = score(simulate, 60, 150);
  // Measured: 437 of 453 bounces (96 %), 136 of 139 collisions (98 %).
  ASSERT_GE(truth.bounce_cases, 200);
  ASSERT_GE(truth.collision_cases, 50);
  EXPECT_GE(truth.bounce_rate(), 0.9) << truth.bounces << "/" << truth.bounce_cases;
  EXPECT_GE(truth.collision_rate(), 0.9) << truth.collisions << "/" << truth.collision_cases;
}

TEST(Contacts, ObjectsPassingThroughWallsAndEachOtherFail) {
  const Rates ghosts = score(step_ghosts, 60, 150);
  // Measured: 2 of 163 bounces, 3 of 17 collisions (an object drawn over another moves the
  // probe's center of the one beneath).
  ASSERT_GE(ghosts.bounce_cases, 50);
  ASSERT_GE(ghosts.collision_cases, 10);
  EXPECT_LE(ghosts.bounce_rate(), 0.1) << ghosts.bounces << "/" << ghosts.bounce_cases;
  EXPECT_LE(ghosts.collision_rate(), 0.3) << ghosts.collisions << "/" << ghosts.collision_cases;
}

// Stopping dead against another object is a change of velocity (a perfectly inelastic
// collision), so only the walls' rebound is asked of sticky worlds.
TEST(Contacts, ObjectsStickingToWallsFail) {
  const Rates sticky = score(step_sticky, 60, 150);
  // Measured: 6 of 139.
  ASSERT_GE(sticky.bounce_cases, 50);
  EXPECT_LE(sticky.bounce_rate(), 0.15) << sticky.bounces << "/" << sticky.bounce_cases;
}

TEST(Contacts, StillPicturesHaveNoCases) {
  uint64_t rng = 99;
  const toyworld::Scene scene = toyworld::testing::random_scene(rng);
  const std::vector<FrameProbe> still(100, probe_of(toyworld::make_world(scene, 1, kSide, kSide)));
  const ContactCases c = find_contacts(still, scene, kSide, kSide, kFps);
  EXPECT_TRUE(c.bounces.empty());
  EXPECT_TRUE(c.collisions.empty());
  EXPECT_TRUE(find_contacts({}, scene, kSide, kSide, kFps).bounces.empty());
}

}  // namespace
}  // namespace wv::eval
