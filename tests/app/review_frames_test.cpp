// frames_at (app/review_frames.h): the frames a review note names, from a fresh source — the same
// pixels as playing the source from its start, whether it seeks (a video, toyworld) or plays on;
// a frame past the end is an error naming the source.
#include "app/review_frames.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "../program_run.h"
#include "media/video_source.h"
#include "model/toyworld/source.h"

namespace wv::app {
namespace {

namespace fs = std::filesystem;

// Every frame from the start, played in order (the reference).
std::vector<FramePtr> play(FrameSource& source, size_t count) {
  std::vector<FramePtr> frames;
  source.set_playing(true);
  for (int idle = 0; frames.size() < count && idle < 2000;) {
    if (FramePtr f = source.frames().try_pop()) {
      frames.push_back(std::move(f));
      continue;
    }
    if (source.pump() != PumpResult::Produced) {
      ++idle;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return frames;
}

bool same_pixels(const Frame& a, const Frame& b) {
  return a.width == b.width && a.height == b.height && a.index == b.index && a.pixels.size() == b.pixels.size() &&
         std::equal(a.pixels.begin(), a.pixels.end(), b.pixels.begin());
}

std::unique_ptr<FrameSource> toyworld() {
  auto source = toyworld::make_source({.scene = "two red balls bounce in a dark blue room", .width = 32, .height = 32});
  EXPECT_TRUE(source) << source.error().message;
  return std::move(*source);
}

// 25 fps, 50 frames, a keyframe every 10.
std::unique_ptr<FrameSource> clip() {
  const fs::path path = fs::path(WV_TEST_OUTPUT_DIR) / "review_frames" / "clip.mp4";
  const auto made = wv::test::make_once(path, "ffmpeg -v error -nostdin -y -f lavfi -i testsrc=size=64x48:rate=25 "
                                              "-frames:v 50 -g 10 -pix_fmt yuv420p -c:v libx264");
  EXPECT_EQ(made.exit_code, 0) << made.output;
  auto source = media::open_video_source(path.string());
  EXPECT_TRUE(source.ok()) << source.error().message;
  return std::move(*source);
}

TEST(ReviewFrames, AToyworldSourceGivesTheFramesItPlays) {
  const std::vector<FramePtr> reference = play(*toyworld(), 41);
  ASSERT_EQ(reference.size(), 41u);
  const auto picked = frames_at(*toyworld(), {3, 10, 40}, "toy");
  ASSERT_TRUE(picked) << picked.error().message;
  ASSERT_EQ(picked->size(), 3u);
  EXPECT_TRUE(same_pixels(*(*picked)[0], *reference[3]));
  EXPECT_TRUE(same_pixels(*(*picked)[1], *reference[10]));
  EXPECT_TRUE(same_pixels(*(*picked)[2], *reference[40]));
}

TEST(ReviewFrames, AVideoSeeksToTheFramesItPlays) {
  const std::vector<FramePtr> reference = play(*clip(), 50);
  ASSERT_EQ(reference.size(), 50u);
  const auto picked = frames_at(*clip(), {0, 17, 42, 49}, "clip");
  ASSERT_TRUE(picked) << picked.error().message;
  ASSERT_EQ(picked->size(), 4u);
  EXPECT_TRUE(same_pixels(*(*picked)[0], *reference[0]));
  EXPECT_TRUE(same_pixels(*(*picked)[1], *reference[17]));
  EXPECT_TRUE(same_pixels(*(*picked)[2], *reference[42]));
  EXPECT_TRUE(same_pixels(*(*picked)[3], *reference[49]));
}

TEST(ReviewFrames, AFramePastTheEndIsAnErrorNamingTheSource) {
  const auto picked = frames_at(*clip(), {10, 60}, "panel 3 (clip.mp4)", std::chrono::seconds(20));
  ASSERT_FALSE(picked);
  EXPECT_EQ(picked.error().message.rfind("panel 3 (clip.mp4): ", 0), 0u) << picked.error().message;
  EXPECT_NE(picked.error().message.find("60"), std::string::npos) << picked.error().message;
}

}  // namespace
}  // namespace wv::app
