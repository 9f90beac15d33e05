#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "model/toyworld/raster.h"
#include "model/toyworld/simulator.h"
#include "model/toyworld/text.h"
#include "random_scenes.h"

namespace wv::toyworld {
namespace {

double distance(const uint8_t* px, Rgb8 c) {
  const double dr = px[0] - c.r, dg = px[1] - c.g, db = px[2] - c.b;
  return std::sqrt(dr * dr + dg * dg + db * db);
}

// The palette entry (object colors plus this room's color) nearest to a pixel; -1: the room.
int nearest(const uint8_t* px, Background room) {
  int best = -1;
  double best_d = distance(px, rgb(room));
  for (int c = 0; c < kColorCount; ++c) {
    const double d = distance(px, rgb(Color(c)));
    if (d < best_d) best = c, best_d = d;
  }
  return best;
}

// Which body (last drawn wins) covers a pixel center by at least `inset` pixels; -1: none.
int covering(const WorldState& w, const Frame& f, int32_t x, int32_t y, double inset) {
  const double s = f.width / w.room_width;
  const double rx = (x + 0.5) / s, ry = w.room_height - (y + 0.5) / s;
  int found = -1;
  for (size_t i = 0; i < w.bodies.size(); ++i) {
    const Body& b = w.bodies[i];
    const double e = b.extent - inset / s;
    const bool inside = b.shape == Shape::Ball
                            ? std::hypot(rx - b.x, ry - b.y) < e
                            : std::fabs(rx - b.x) < e && std::fabs(ry - b.y) < e;
    const double outer = b.extent + inset / s;
    const bool near = b.shape == Shape::Ball
                          ? std::hypot(rx - b.x, ry - b.y) < outer
                          : std::fabs(rx - b.x) < outer && std::fabs(ry - b.y) < outer;
    if (inside) found = int(i);
    else if (near) found = -2;  // an edge: mixed colors are expected there
  }
  return found;
}

// A segmentation probe by nearest palette color recovers every object's color and the room
// everywhere but at anti-aliased edges: shading never pushes a color over to another.
TEST(ToyworldRaster, NearestPaletteColorRecoversObjectsAndRoom) {
  uint64_t rng = 777;
  for (int n = 0; n < 30; ++n) {
    WorldState w = make_world(testing::random_scene(rng), uint64_t(n), 64, 64);
    for (int i = 0; i < 20; ++i) step_world(w, 1.0 / 30.0);
    auto f = make_frame(64, 64, 0, 0);
    render_world(w, *f);
    for (int32_t y = 0; y < 64; ++y) {
      for (int32_t x = 0; x < 64; ++x) {
        const int who = covering(w, *f, x, y, 1.5);
        if (who == -2) continue;
        const int want = who < 0 ? -1 : int(w.bodies[size_t(who)].color);
        ASSERT_EQ(nearest(f->row(y) + 4 * x, w.background), want) << "pixel " << x << "," << y;
        ASSERT_EQ(f->row(y)[4 * x + 3], 255);
      }
    }
  }
}

TEST(ToyworldRaster, EdgesAreAntiAliased) {
  WorldState w;
  w.background = Background::Black;
  w.bodies.push_back(Body{.shape = Shape::Ball, .color = Color::White,
                          .extent = 0.3, .x = 0.5, .y = 0.5});
  auto f = make_frame(64, 64, 0, 0);
  render_world(w, *f);
  int partial = 0;
  for (int32_t y = 0; y < 64; ++y) {
    for (int32_t x = 0; x < 64; ++x) {
      const uint8_t g = f->row(y)[4 * x + 1];
      if (g > 40 && g < 180) ++partial;
    }
  }
  // A circle of radius ~19 px has ~120 edge pixels; hard edges would give none.
  EXPECT_GT(partial, 60);
  EXPECT_LT(partial, 250);
}

TEST(ToyworldRaster, AnyFrameSizeFromSixteenTo2048) {
  auto parsed = parse_scene("a big red ball, a small blue box and a white ball in a grey room");
  ASSERT_TRUE(parsed.ok());
  for (auto [wpx, hpx] : {std::pair{16, 16}, {16, 2048}, {2048, 16}, {17, 31}, {1024, 576}}) {
    WorldState w = make_world(parsed->scene, 1, wpx, hpx);
    auto f = make_frame(wpx, hpx, 0, 0);
    render_world(w, *f);
    // Every body shows its own color at its center (room units to pixels: y points down).
    const double s = f->width / w.room_width;
    for (const Body& b : w.bodies) {
      if (b.extent * s < 1.5) continue;  // too small to own a pixel center at this size
      const int32_t x = std::clamp(int32_t(b.x * s), 0, wpx - 1);
      const int32_t y = std::clamp(int32_t((w.room_height - b.y) * s), 0, hpx - 1);
      EXPECT_EQ(nearest(f->row(y) + 4 * x, w.background), int(b.color)) << wpx << "x" << hpx;
    }
  }
}

}  // namespace
}  // namespace wv::toyworld
