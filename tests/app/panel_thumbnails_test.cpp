// Thumbnails for the scrub bar: a picture every `spacing` frames from the frames shown, shrunk
// with a box filter, the nearest one found for any frame, and a long timeline thinned to at most
// kMax pictures.
#include "app/panel_thumbnails.h"

#include <gtest/gtest.h>

namespace wv::app {
namespace {

// A frame whose pixels all hold its index (mod 256) in red.
FramePtr numbered(int64_t index, int32_t width = 192, int32_t height = 108) {
  auto frame = make_frame(width, height, index, double(index) / 30);
  for (int32_t y = 0; y < height; ++y)
    for (int32_t x = 0; x < width; ++x) {
      uint8_t* p = frame->row(y) + 4 * x;
      p[0] = uint8_t(index), p[1] = 0, p[2] = 0, p[3] = 255;
    }
  return frame;
}

TEST(PanelThumbnails, ShrinkAveragesBoxesAndKeepsTheAspect) {
  auto frame = make_frame(4, 2, 7, 0.25);
  const uint8_t values[2][4] = {{0, 100, 200, 50}, {100, 0, 50, 100}};
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 4; ++x) frame->row(y)[4 * x] = values[y][x], frame->row(y)[4 * x + 3] = 255;
  const FramePtr small = shrink_frame(*frame, 2);
  ASSERT_EQ(small->width, 2);
  ASSERT_EQ(small->height, 1);
  EXPECT_EQ(small->index, 7);
  EXPECT_EQ(small->pixels[0], 50);      // (0 + 100 + 100 + 0) / 4
  EXPECT_EQ(small->pixels[4], 100);     // (200 + 50 + 50 + 100) / 4
  EXPECT_EQ(small->pixels[3], 255);
}

TEST(PanelThumbnails, OneEverySpacingAndTheNearestForAnyFrame) {
  PanelThumbnails thumbnails;
  EXPECT_EQ(thumbnails.nearest(0, 5), nullptr);
  for (int64_t i = 0; i < 40; ++i) thumbnails.add(0, numbered(i));
  // Pictures of frames 0, 8, 16, 24, 32, each kWidth wide.
  const FramePtr at_10 = thumbnails.nearest(0, 10);
  ASSERT_TRUE(at_10);
  EXPECT_EQ(at_10->index, 8);
  EXPECT_EQ(at_10->width, PanelThumbnails::kWidth);
  EXPECT_EQ(at_10->height, 54);
  EXPECT_EQ(at_10->pixels[0], 8);
  EXPECT_EQ(thumbnails.nearest(0, 13)->index, 16);
  EXPECT_EQ(thumbnails.nearest(0, 1000)->index, 32);
  EXPECT_EQ(thumbnails.nearest(1, 10), nullptr) << "another panel has its own";
}

TEST(PanelThumbnails, ALongTimelineIsThinnedToAtMostKMax) {
  PanelThumbnails thumbnails;
  for (int64_t i = 0; i < 5000; ++i) thumbnails.add(0, numbered(i, 32, 18));
  size_t count = 0;
  int64_t previous = -1;
  for (int64_t f = 0; f < 5000; ++f) {
    const int64_t index = thumbnails.nearest(0, f)->index;
    if (index != previous) ++count, previous = index;
  }
  EXPECT_LE(count, PanelThumbnails::kMax);
  EXPECT_GE(count, PanelThumbnails::kMax / 4);
  EXPECT_GT(thumbnails.nearest(0, 4999)->index, 4500) << "the end of the timeline has pictures too";
}

}  // namespace
}  // namespace wv::app
