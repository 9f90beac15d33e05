#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "model/toyworld/palette.h"
#include "model/toyworld/source.h"

namespace wv::toyworld {
namespace {

std::unique_ptr<FrameSource> source(SourceParams p) {
  auto made = make_source(p);
  EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().message);
  return made.ok() ? std::move(*made) : nullptr;
}

SourceParams params() {
  SourceParams p;
  p.scene = "three red balls bounce in a dark blue room";
  p.seed = 42;
  p.width = 64;
  p.height = 48;
  return p;
}

// Pumps and takes frames until `count` frames were produced.
std::vector<FramePtr> take(FrameSource& src, int count) {
  std::vector<FramePtr> frames;
  while (int(frames.size()) < count) {
    const PumpResult r = src.pump();
    if (r != PumpResult::Produced && r != PumpResult::Full) break;
    while (auto f = src.frames().try_pop()) frames.push_back(f);
  }
  return frames;
}

TEST(ToyworldSource, DescribesItself) {
  auto src = source(params());
  ASSERT_TRUE(src);
  EXPECT_EQ(src->info().kind, "toyworld");
  EXPECT_EQ(src->info().description, params().scene);
  EXPECT_EQ(src->info().width, 64);
  EXPECT_EQ(src->info().height, 48);
  EXPECT_TRUE(src->info().seekable);
  EXPECT_EQ(src->info().frame_count, -1);
  EXPECT_FALSE(src->error());
}

TEST(ToyworldSource, FillsTheQueueToCapacityAndNoFurther) {
  SourceParams p = params();
  p.queue_capacity = 3;
  auto src = source(p);
  ASSERT_TRUE(src);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(src->pump(), PumpResult::Produced);
  EXPECT_EQ(src->pump(), PumpResult::Full);
  EXPECT_EQ(src->frames().size(), 3u);
  FramePtr first = src->frames().try_pop();
  EXPECT_EQ(first->index, 0);
  EXPECT_EQ(src->pump(), PumpResult::Produced);
  EXPECT_EQ(src->frames().size(), 3u);
}

TEST(ToyworldSource, FramesCarryIndexAndPts) {
  SourceParams p = params();
  p.fps = 25.0;
  auto src = source(p);
  ASSERT_TRUE(src);
  const auto frames = take(*src, 10);
  ASSERT_EQ(frames.size(), 10u);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(frames[size_t(i)]->index, i);
    EXPECT_DOUBLE_EQ(frames[size_t(i)]->pts_s, i / 25.0);
    EXPECT_EQ(frames[size_t(i)]->width, 64);
    EXPECT_EQ(frames[size_t(i)]->format, PixelFormat::Rgba8Srgb);
  }
  EXPECT_NE(frames[0]->pixels, frames[9]->pixels);  // things move
}

TEST(ToyworldSource, PausedProducesNothing) {
  auto src = source(params());
  ASSERT_TRUE(src);
  src->set_playing(false);
  EXPECT_FALSE(src->playing());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(src->pump(), PumpResult::Paused);
  EXPECT_EQ(src->frames().size(), 0u);
  src->set_playing(true);
  EXPECT_EQ(src->pump(), PumpResult::Produced);
  EXPECT_EQ(src->frames().peek()->index, 0);
}

TEST(ToyworldSource, EndsAfterFrameCount) {
  SourceParams p = params();
  p.frame_count = 5;
  auto src = source(p);
  ASSERT_TRUE(src);
  EXPECT_EQ(take(*src, 10).size(), 5u);
  EXPECT_EQ(src->pump(), PumpResult::Ended);
  EXPECT_FALSE(src->seek(5).ok());
  EXPECT_TRUE(src->seek(4).ok());
  EXPECT_EQ(src->pump(), PumpResult::Produced);
}

TEST(ToyworldSource, SeekReproducesAStraightRun) {
  SourceParams p = params();
  p.events = {{70, "gravity points left"}, {100, "the balls turn green"}, {130, "a pink box appears"}};
  auto straight = source(p);
  ASSERT_TRUE(straight);
  const auto reference = take(*straight, 200);
  ASSERT_EQ(reference.size(), 200u);

  auto seeker = source(p);
  ASSERT_TRUE(seeker);
  take(*seeker, 3);
  for (int64_t target : {150, 64, 129, 130, 0, 199}) {
    ASSERT_TRUE(seeker->seek(target).ok());
    EXPECT_EQ(seeker->frames().size(), 0u);  // flushed
    const auto frames = take(*seeker, 1);
    ASSERT_EQ(frames.size(), 1u);
    EXPECT_EQ(frames[0]->index, target);
    EXPECT_EQ(frames[0]->pixels, reference[size_t(target)]->pixels) << "frame " << target;
  }
  EXPECT_FALSE(seeker->seek(-1).ok());
}

// Counts pixels nearest to `color` (red vs green balls on a dark blue room).
int count_near(const Frame& f, Rgb8 color) {
  int n = 0;
  for (int32_t y = 0; y < f.height; ++y) {
    for (int32_t x = 0; x < f.width; ++x) {
      const uint8_t* px = f.row(y) + 4 * x;
      n += std::abs(px[0] - color.r) + std::abs(px[1] - color.g) + std::abs(px[2] - color.b) < 60;
    }
  }
  return n;
}

TEST(ToyworldSource, EventsShowFromTheirFrameOn) {
  SourceParams p = params();
  p.events = {{12, "the balls turn green"}};
  auto src = source(p);
  ASSERT_TRUE(src);
  const auto frames = take(*src, 14);
  ASSERT_EQ(frames.size(), 14u);
  EXPECT_GT(count_near(*frames[11], rgb(Color::Red)), 20);
  EXPECT_EQ(count_near(*frames[11], rgb(Color::Green)), 0);
  EXPECT_EQ(count_near(*frames[12], rgb(Color::Red)), 0);
  EXPECT_GT(count_near(*frames[12], rgb(Color::Green)), 20);
}

TEST(ToyworldSource, RefusesBadParametersWithAReason) {
  struct Case {
    SourceParams p;
    const char* reason;
  };
  std::vector<Case> cases;
  auto add = [&](auto edit, const char* reason) {
    SourceParams p = params();
    edit(p);
    cases.push_back({p, reason});
  };
  add([](SourceParams& p) { p.width = 15; }, "out of range");
  add([](SourceParams& p) { p.height = 2049; }, "out of range");
  add([](SourceParams& p) { p.fps = 0.0; }, "fps");
  add([](SourceParams& p) { p.queue_capacity = 0; }, "capacity");
  add([](SourceParams& p) { p.frame_count = 0; }, "frame_count");
  add([](SourceParams& p) { p.scene = "three red balls"; }, "no room color");
  add([](SourceParams& p) { p.scene = "three red balls wobble in a black room"; }, "'wobble'");
  add([](SourceParams& p) { p.events = {{10, "gravity points sideways"}}; }, "'sideways'");
  add([](SourceParams& p) { p.events = {{10, "the balls"}}; }, "at frame 10");
  add([](SourceParams& p) { p.events = {{-1, "gravity flips"}}; }, "frames start at 0");
  for (const Case& c : cases) {
    auto made = make_source(c.p);
    ASSERT_FALSE(made.ok()) << c.reason;
    EXPECT_NE(made.error().message.find(c.reason), std::string::npos) << made.error().message;
  }
}

}  // namespace
}  // namespace wv::toyworld
