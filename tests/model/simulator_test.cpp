#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "model/toyworld/raster.h"
#include "model/toyworld/simulator.h"
#include "model/toyworld/text.h"
#include "random_scenes.h"

namespace wv::toyworld {
namespace {

constexpr double kDt = 1.0 / 30.0;

Scene scene_of(const std::string& text) {
  auto parsed = parse_scene(text);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? parsed->scene : Scene{};
}

// A world with no objects yet, for hand-placed bodies.
WorldState empty_world(std::optional<Force> gravity, Walls walls) {
  WorldState w;
  w.gravity = gravity;
  w.walls = walls;
  return w;
}

Body ball(double x, double y, double vx, double vy, Size size = Size::Medium) {
  return Body{.shape = Shape::Ball, .color = Color::Red, .size = size,
              .extent = extent_of(Shape::Ball, size), .x = x, .y = y, .vx = vx, .vy = vy};
}

// How far two bodies overlap (boxes by their squares, balls by their circles; ball–box by
// the ball's circle against the square).
double overlap(const Body& a, const Body& b) {
  if (a.shape == Shape::Ball && b.shape == Shape::Ball) {
    return a.extent + b.extent - std::hypot(a.x - b.x, a.y - b.y);
  }
  if (a.shape == Shape::Box && b.shape == Shape::Box) {
    return std::min(a.extent + b.extent - std::fabs(a.x - b.x),
                    a.extent + b.extent - std::fabs(a.y - b.y));
  }
  const Body& box = a.shape == Shape::Box ? a : b;
  const Body& bl = a.shape == Shape::Box ? b : a;
  const double cx = std::clamp(bl.x, box.x - box.extent, box.x + box.extent);
  const double cy = std::clamp(bl.y, box.y - box.extent, box.y + box.extent);
  return bl.extent - std::hypot(bl.x - cx, bl.y - cy);
}

TEST(ToyworldSimulator, SameSeedGivesIdenticalStatesAndFrames) {
  const Scene s = scene_of("two red balls and a big blue box in a grey room, wind blows from the left");
  WorldState a = make_world(s, 7, 128, 96), b = make_world(s, 7, 128, 96);
  for (int i = 0; i < 300; ++i) {
    step_world(a, kDt);
    step_world(b, kDt);
  }
  EXPECT_EQ(a, b);
  auto fa = make_frame(128, 96, 0, 0), fb = make_frame(128, 96, 0, 0);
  render_world(a, *fa);
  render_world(b, *fb);
  EXPECT_EQ(fa->pixels, fb->pixels);
}

TEST(ToyworldSimulator, DifferentSeedsGiveDifferentWorlds) {
  const Scene s = scene_of("three red balls in a dark blue room");
  const WorldState a = make_world(s, 1, 128, 128), b = make_world(s, 2, 128, 128);
  for (size_t i = 0; i < a.bodies.size(); ++i) {
    EXPECT_NE(a.bodies[i].x, b.bodies[i].x);
    EXPECT_NE(a.bodies[i].vx, b.bodies[i].vx);
  }
}

TEST(ToyworldSimulator, RoomTakesTheFrameShapeWithShorterSideOne) {
  const Scene s = scene_of("a red ball in a black room");
  const WorldState wide = make_world(s, 1, 256, 128);
  EXPECT_DOUBLE_EQ(wide.room_width, 2.0);
  EXPECT_DOUBLE_EQ(wide.room_height, 1.0);
  const WorldState tall = make_world(s, 1, 16, 2048);
  EXPECT_DOUBLE_EQ(tall.room_width, 1.0);
  EXPECT_DOUBLE_EQ(tall.room_height, 128.0);
}

TEST(ToyworldSimulator, GravitySendsEveryObjectToItsWall) {
  struct Case {
    const char* text;
    Direction direction;
  };
  for (const Case& c : {Case{"down", Direction::Down}, Case{"up", Direction::Up},
                        Case{"left", Direction::Left}, Case{"right", Direction::Right}}) {
    const Scene s = scene_of(std::string("a red ball, a small blue box and a big green ball in a "
                                         "black room, strong gravity points ") + c.text +
                             ", soft walls");
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      WorldState w = make_world(s, seed, 160, 120);
      for (int i = 0; i < 300; ++i) step_world(w, kDt);
      // Everything ends at or stacked near that wall, at rest.
      for (const Body& b : w.bodies) {
        double gap = 0.0;
        switch (c.direction) {
          case Direction::Down: gap = b.y - b.extent; break;
          case Direction::Up: gap = w.room_height - b.y - b.extent; break;
          case Direction::Left: gap = b.x - b.extent; break;
          case Direction::Right: gap = w.room_width - b.x - b.extent; break;
        }
        EXPECT_LT(gap, 0.3) << c.text << " seed " << seed;  // at most one object in between
        EXPECT_LT(std::hypot(b.vx, b.vy), 0.05) << c.text << " seed " << seed;
      }
      const Body& first = w.bodies[0];
      const double along = c.direction == Direction::Down || c.direction == Direction::Up ? first.y : first.x;
      const double start = c.direction == Direction::Down || c.direction == Direction::Up
                               ? make_world(s, seed, 160, 120).bodies[0].y
                               : make_world(s, seed, 160, 120).bodies[0].x;
      const bool toward_positive = c.direction == Direction::Up || c.direction == Direction::Right;
      EXPECT_TRUE(toward_positive ? along >= start : along <= start) << c.text;
    }
  }
}

TEST(ToyworldSimulator, ObjectsStayInsideTheRoomAndApart) {
  uint64_t rng = 4242;
  for (int n = 0; n < 40; ++n) {
    const Scene s = testing::random_scene(rng);
    WorldState w = make_world(s, uint64_t(n), 96 + 8 * n, 96);
    for (int i = 0; i < 240; ++i) {
      step_world(w, kDt);
      for (const Body& b : w.bodies) {
        ASSERT_GE(b.x - b.extent, -1e-9) << format_scene(s);
        ASSERT_LE(b.x + b.extent, w.room_width + 1e-9) << format_scene(s);
        ASSERT_GE(b.y - b.extent, -1e-9) << format_scene(s);
        ASSERT_LE(b.y + b.extent, w.room_height + 1e-9) << format_scene(s);
      }
    }
    // Resting piles may press a little into each other; never visibly.
    for (size_t i = 0; i < w.bodies.size(); ++i) {
      for (size_t j = i + 1; j < w.bodies.size(); ++j) {
        EXPECT_LT(overlap(w.bodies[i], w.bodies[j]), 0.01) << format_scene(s);
      }
    }
  }
}

TEST(ToyworldSimulator, DroppedBallBouncesBackUp) {
  WorldState w = empty_world(Force{}, Walls::Normal);
  w.bodies.push_back(ball(0.5, 0.8, 0.0, 0.0));
  bool bounced = false;  // the floor contact happens between frames: watch vy turn
  double peak_after_bounce = 0.0;
  for (int i = 0; i < 90; ++i) {
    const double vy_before = w.bodies[0].vy;
    step_world(w, kDt);
    const Body& b = w.bodies[0];
    ASSERT_GE(b.y - b.extent, 0.0);
    if (vy_before < 0.0 && b.vy > 0.0) bounced = true;
    if (bounced) peak_after_bounce = std::max(peak_after_bounce, b.y);
  }
  EXPECT_TRUE(bounced);
  // Restitution 0.8 returns ~64% of the drop height.
  EXPECT_GT(peak_after_bounce, 0.4);
  EXPECT_LT(peak_after_bounce, 0.8);
}

TEST(ToyworldSimulator, BallsThrownAtEachOtherExchangeMomentum) {
  WorldState w = empty_world(std::nullopt, Walls::Bouncy);
  w.bodies.push_back(ball(0.3, 0.5, 1.0, 0.0));
  w.bodies.push_back(ball(0.7, 0.5, -1.0, 0.0));
  for (int i = 0; i < 6; ++i) step_world(w, kDt);
  const Body &a = w.bodies[0], &b = w.bodies[1];
  EXPECT_NEAR(a.vx, -0.97, 1e-9);
  EXPECT_NEAR(b.vx, 0.97, 1e-9);
  EXPECT_NEAR(a.vx + b.vx, 0.0, 1e-12);
  EXPECT_LT(overlap(a, b), 0.0);
}

TEST(ToyworldSimulator, HeavyBoxBarelyMovesWhenASmallBallHitsIt) {
  WorldState w = empty_world(std::nullopt, Walls::Normal);
  w.bodies.push_back(ball(0.2, 0.5, 1.5, 0.0, Size::Small));
  w.bodies.push_back(Body{.shape = Shape::Box, .color = Color::Blue, .size = Size::Large,
                          .extent = extent_of(Shape::Box, Size::Large), .x = 0.6, .y = 0.5});
  for (int i = 0; i < 12; ++i) step_world(w, kDt);
  EXPECT_LT(w.bodies[0].vx, 0.0);  // bounced back
  EXPECT_GT(w.bodies[1].vx, 0.0);
  EXPECT_LT(w.bodies[1].vx, 0.6);
  EXPECT_LT(overlap(w.bodies[0], w.bodies[1]), 0.0);
}

TEST(ToyworldSimulator, FastBallDoesNotTunnelThroughASmallOne) {
  WorldState w = empty_world(std::nullopt, Walls::Normal);
  w.bodies.push_back(ball(0.1, 0.5, 5.5, 0.0, Size::Small));
  w.bodies.push_back(ball(0.5, 0.5, 0.0, 0.0, Size::Small));
  // At 30 fps the fast ball moves 0.18 per frame, more than the target's diameter (0.12).
  for (int i = 0; i < 4; ++i) step_world(w, kDt);
  EXPECT_GT(w.bodies[1].vx, 1.0);
  EXPECT_LT(w.bodies[0].x, w.bodies[1].x);
}

}  // namespace
}  // namespace wv::toyworld
