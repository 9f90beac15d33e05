// The video file as a panel source: decoded on its own thread (pump() only reports), seeks by
// frame and time, loops with a running timeline, and fails alone on a damaged file.
#include "media/video_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

#include "ffmpeg_cli.h"
#include "media_test_util.h"

namespace wv::media::test {
namespace {

using namespace std::chrono_literals;

// 25 fps, 20 frames, a keyframe every 5.
std::string sample(const std::string& name = "source.mp4") {
  return make_video(name, "-f lavfi -i testsrc=size=64x48:rate=25 -frames:v 20 -g 5 -c:v libx264 -pix_fmt yuv444p");
}

std::unique_ptr<wv::FrameSource> open_or_fail(const std::string& path, const VideoSourceParams& params = {}) {
  auto source = open_video_source(path, params);
  EXPECT_TRUE(source.ok()) << source.error().message;
  return source ? std::move(*source) : nullptr;
}

// The next frame the source's own thread queues, waiting up to 5 s; nullptr if none comes.
FramePtr next(wv::FrameSource& source) {
  for (int i = 0; i < 100; ++i) {
    if (FramePtr f = source.frames().try_pop()) return f;
    source.frames().wait_for_frame(50ms);
  }
  return nullptr;
}

// pump() reports what happened since its last call: asked twice, it says where the source is.
PumpResult settled(wv::FrameSource& source) {
  source.pump();
  return source.pump();
}

// Takes every frame until the source has ended or failed; returns how many (or -1 after 5 s).
int drain(wv::FrameSource& source) {
  int frames = 0;
  for (int i = 0; i < 100; ++i) {
    while (source.frames().try_pop()) ++frames;
    const PumpResult r = settled(source);
    if ((r == PumpResult::Ended || r == PumpResult::Failed) && source.frames().size() == 0) return frames;
    source.frames().wait_for_frame(50ms);
  }
  return -1;
}

bool same_pixels(const Frame& a, const Frame& b) {
  return a.byte_size() == b.byte_size() && std::memcmp(a.pixels.data(), b.pixels.data(), a.byte_size()) == 0;
}

TEST(VideoSource, DecodesOnItsOwnThreadWithoutPump) {
  const std::string path = sample();
  auto source = open_or_fail(path);
  ASSERT_TRUE(source);
  EXPECT_TRUE(source->info().seekable);
  // Nobody calls pump(): the frames still come, in order.
  for (int64_t i = 0; i < 20; ++i) {
    FramePtr f = next(*source);
    ASSERT_TRUE(f) << "frame " << i;
    EXPECT_EQ(f->index, i);
    EXPECT_NEAR(f->pts_s, double(i) / 25.0, 1e-3);
  }
  EXPECT_EQ(drain(*source), 0);
  EXPECT_EQ(settled(*source), PumpResult::Ended);
}

TEST(VideoSource, SeeksByFrameAndTime) {
  const std::string path = sample();
  const std::vector<FramePtr> straight = read_all_frames(path);
  ASSERT_EQ(straight.size(), 20u);
  auto source = open_or_fail(path);
  ASSERT_TRUE(source);
  ASSERT_TRUE(next(*source));
  ASSERT_TRUE(source->seek(13).ok());
  FramePtr f = next(*source);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->index, 13);
  EXPECT_TRUE(same_pixels(*f, *straight[13]));
  ASSERT_TRUE(source->seek_to_time(0.21).ok());  // frame 5 starts at 0.20 s
  f = next(*source);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->index, 5);
  EXPECT_TRUE(same_pixels(*f, *straight[5]));
  f = next(*source);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->index, 6);

  const Status out_of_range = source->seek(20);
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_NE(out_of_range.error().message.find(path), std::string::npos) << out_of_range.error().message;
}

TEST(VideoSource, SeekAfterTheEndPlaysAgain) {
  auto source = open_or_fail(sample());
  ASSERT_TRUE(source);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(next(*source));
  ASSERT_TRUE(source->seek(2).ok());
  FramePtr f = next(*source);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->index, 2);
}

TEST(VideoSource, SeekPastTheEndOfAFileThatDoesNotCountItsFramesShowsTheLast) {
  const std::string path = make_video("uncounted.mkv", "-f lavfi -i testsrc=size=64x48:rate=25 -frames:v 20 -c:v ffv1");
  auto source = open_or_fail(path);
  ASSERT_TRUE(source);
  ASSERT_EQ(source->info().frame_count, -1);  // Matroska does not say
  ASSERT_TRUE(source->seek(500).ok());
  FramePtr f = next(*source);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->index, 19);
  EXPECT_NE(settled(*source), PumpResult::Failed);
}

TEST(VideoSource, PausedProducesOnlyTheFrameASeekLandsOn) {
  auto source = open_or_fail(sample());
  ASSERT_TRUE(source);
  source->set_playing(false);
  source->frames().clear();  // whatever it queued before the pause
  std::this_thread::sleep_for(100ms);
  source->frames().clear();
  ASSERT_TRUE(source->seek(9).ok());
  FramePtr f = next(*source);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->index, 9);  // a scrubbed, paused panel shows its new frame ...
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(source->frames().size(), 0u);  // ... and decodes nothing more
  EXPECT_EQ(settled(*source), PumpResult::Paused);
  source->set_playing(true);
  f = next(*source);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->index, 10);
}

TEST(VideoSource, LoopKeepsTheTimelineRunning) {
  const std::string path = sample("loop.mp4");
  const std::vector<FramePtr> straight = read_all_frames(path);
  auto source = open_or_fail(path, {.loop = true});
  ASSERT_TRUE(source);
  EXPECT_EQ(source->info().frame_count, -1);  // endless
  for (int64_t i = 0; i < 50; ++i) {
    FramePtr f = next(*source);
    ASSERT_TRUE(f) << i;
    EXPECT_EQ(f->index, i);
    EXPECT_NEAR(f->pts_s, double(i) / 25.0, 1e-3) << i;
    EXPECT_TRUE(same_pixels(*f, *straight[size_t(i % 20)])) << i;
  }
  // Seeking into the third pass lands on the right frame of the file.
  ASSERT_TRUE(source->seek_to_time(2.0 * 0.8 + 0.3).ok());  // pass 2, frame 7 + 40 = 47
  FramePtr f = next(*source);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->index, 47);
  EXPECT_NEAR(f->pts_s, 47 / 25.0, 1e-3);
  EXPECT_TRUE(same_pixels(*f, *straight[7]));
}

TEST(VideoSource, DamagedFileFailsAloneNamingTheFile) {
  const std::string good = sample("good.mp4");
  std::ifstream in(good, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  // A WebM cut midway: the header is whole, the clusters are not.
  const std::string webm = make_video("cut_source.webm", "-f lavfi -i testsrc=size=64x48:rate=25 -frames:v 40 -c:v libvpx-vp9 -deadline realtime -cpu-used 8");
  std::ifstream win(webm, std::ios::binary);
  const std::string wbytes((std::istreambuf_iterator<char>(win)), {});
  const std::string cut = output_path("cut.webm");
  std::ofstream(cut, std::ios::binary) << wbytes.substr(0, wbytes.size() / 2);

  auto damaged = open_or_fail(cut);
  auto healthy = open_or_fail(good);
  ASSERT_TRUE(damaged && healthy);
  const int damaged_frames = drain(*damaged);
  EXPECT_GE(damaged_frames, 0);
  EXPECT_LT(damaged_frames, 40);
  const PumpResult end = settled(*damaged);
  EXPECT_TRUE(end == PumpResult::Ended || end == PumpResult::Failed);
  if (end == PumpResult::Failed) {
    ASSERT_TRUE(damaged->error());
    EXPECT_NE(damaged->error()->message.find(cut), std::string::npos) << damaged->error()->message;
  }
  // The other source plays on.
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(next(*healthy)) << i;
}

TEST(VideoSource, RefusesNonVideoNamingTheFile) {
  const std::string path = output_path("not_a_video.mkv");
  std::ofstream(path) << std::string(5000, 'x');
  auto source = open_video_source(path);
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.error().message.find(path), std::string::npos) << source.error().message;
}

}  // namespace
}  // namespace wv::media::test
