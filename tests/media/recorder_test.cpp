#include "media/recorder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "media/video_reader.h"
#include "media_test_util.h"

namespace wv::media::test {
namespace {

constexpr int kFrames = 30;

RecorderParams small_params(const std::string& name, int32_t width, int32_t height) {
  RecorderParams params;
  params.path = output_path(name);
  params.width = width;
  params.height = height;
  params.encoder_threads = 1;
  return params;
}

void expect_round_trip(int32_t width, int32_t height) {
  const RecorderParams params =
      small_params("round_trip_" + std::to_string(width) + "x" + std::to_string(height) + ".mp4",
                   width, height);
  std::vector<FramePtr> written;
  {
    auto recorder = Recorder::open(params);
    ASSERT_TRUE(recorder.ok()) << recorder.error().message;
    for (int i = 0; i < kFrames; ++i) {
      written.push_back(moving_square_frame(width, height, i));
      ASSERT_TRUE((*recorder)->write(written.back()).ok());
    }
    Status finished = (*recorder)->finish();
    ASSERT_TRUE(finished.ok()) << finished.error().message;
    EXPECT_EQ((*recorder)->frames_encoded(), kFrames);
    EXPECT_EQ((*recorder)->frames_dropped(), 0);
  }

  auto reader = VideoReader::open(params.path);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  const VideoInfo& info = (*reader)->info();
  EXPECT_EQ(info.codec, "h264");
  EXPECT_EQ(info.width, (width + 1) & ~1);  // odd sizes are padded to even
  EXPECT_EQ(info.height, (height + 1) & ~1);
  EXPECT_NEAR(info.fps, 30.0, 1e-6);

  const std::vector<FramePtr> read = read_all_frames(params.path);
  ASSERT_EQ(read.size(), size_t(kFrames));
  for (int i = 0; i < kFrames; ++i) {
    const Frame& got = *read[size_t(i)];
    EXPECT_EQ(got.index, i);
    EXPECT_NEAR(got.pts_s, i / 30.0, 1e-3);
    // crf 20 keeps smooth gradients within 1-2 levels and 4:2:0 smears the square's blue over
    // its edges: measured mean errors ~1.3 (R), 0.7 (G), 2.0 (B). A BT.601/BT.709 mix-up
    // measured 6.5, 12, 3.5, so 3 catches a wrong matrix or range and a wrong frame.
    const std::array<double, 3> mae = mean_abs_error(got, *written[size_t(i)], width, height);
    for (int c = 0; c < 3; ++c) EXPECT_LT(mae[c], 3.0) << "frame " << i << " channel " << c;
    // Order: the square is where frame i put it (measured within 0.55 px), not where a
    // neighbour did (3 px right and 2 px down per frame).
    const std::optional<Point> square = find_square(got);
    ASSERT_TRUE(square.has_value()) << "frame " << i;
    EXPECT_NEAR(square->x, square_center(i).x, 1.0) << "frame " << i;
    EXPECT_NEAR(square->y, square_center(i).y, 1.0) << "frame " << i;
  }
  // Padding repeats the edge: the extra column and row look like the last real ones.
  const Frame& last = *read.back();
  if (last.width > width) {
    for (int c = 0; c < 3; ++c) {
      EXPECT_NEAR(last.row(40)[width * 4 + c], last.row(40)[(width - 1) * 4 + c], 3) << c;
    }
  }
  if (last.height > height) {
    for (int c = 0; c < 3; ++c) {
      EXPECT_NEAR(last.row(height)[40 * 4 + c], last.row(height - 1)[40 * 4 + c], 3) << c;
    }
  }
}

TEST(Recorder, RoundTripEvenSize) { expect_round_trip(160, 120); }

TEST(Recorder, RoundTripOddSizeIsPaddedWithEdgePixels) { expect_round_trip(161, 121); }

TEST(Recorder, FramesOfAnotherSizeAreScaled) {
  const RecorderParams params = small_params("scaled.mp4", 160, 120);
  auto recorder = Recorder::open(params);
  ASSERT_TRUE(recorder.ok()) << recorder.error().message;
  ASSERT_TRUE((*recorder)->write(moving_square_frame(320, 240, 0)).ok());
  ASSERT_TRUE((*recorder)->finish().ok());
  const std::vector<FramePtr> read = read_all_frames(params.path);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0]->width, 160);
  const std::optional<Point> square = find_square(*read[0]);
  ASSERT_TRUE(square.has_value());
  EXPECT_NEAR(square->x, square_center(0).x / 2, 1.0);
}

TEST(Recorder, WriteKeepsEveryFrameThroughASmallQueue) {
  RecorderParams params = small_params("write_keeps.mp4", 320, 240);
  params.queue_frames = 1;
  auto recorder = Recorder::open(params);
  ASSERT_TRUE(recorder.ok()) << recorder.error().message;
  auto frame = moving_square_frame(320, 240, 0);
  for (int i = 0; i < 60; ++i) ASSERT_TRUE((*recorder)->write(frame).ok());
  ASSERT_TRUE((*recorder)->finish().ok());
  EXPECT_EQ((*recorder)->frames_encoded(), 60);
  EXPECT_EQ((*recorder)->frames_dropped(), 0);
  EXPECT_EQ(read_all_frames(params.path).size(), 60u);
}

TEST(Recorder, TryWriteDropsAndCountsWhenTheQueueIsFull) {
  RecorderParams params = small_params("try_write_drops.mp4", 640, 480);
  params.queue_frames = 2;
  auto recorder = Recorder::open(params);
  ASSERT_TRUE(recorder.ok()) << recorder.error().message;
  auto frame = moving_square_frame(640, 480, 0);
  // Offered far faster than a 640x480 frame encodes (milliseconds each): most must drop.
  int accepted = 0;
  for (int i = 0; i < 100; ++i) accepted += (*recorder)->try_write(frame) ? 1 : 0;
  ASSERT_TRUE((*recorder)->finish().ok());
  EXPECT_GE(accepted, 2);
  EXPECT_LT(accepted, 100);
  EXPECT_EQ((*recorder)->frames_dropped(), 100 - accepted);
  EXPECT_EQ((*recorder)->frames_encoded(), accepted);
  EXPECT_EQ(read_all_frames(params.path).size(), size_t(accepted));
  EXPECT_FALSE((*recorder)->try_write(frame));  // finished
  EXPECT_FALSE((*recorder)->write(frame).ok());
}

TEST(Recorder, FramePtsTimingKeepsTimeAndDropsFramesOnATakenSlot) {
  RecorderParams params = small_params("frame_pts.mp4", 160, 120);
  params.timing = RecorderTiming::FramePts;
  auto recorder = Recorder::open(params);
  ASSERT_TRUE(recorder.ok()) << recorder.error().message;
  // 10 s into a live session; a gap (frames 2-4 missed) and a frame too close to its neighbour.
  const double pts_s[] = {10.0, 10.0 + 1 / 30.0, 10.0 + 1 / 30.0 + 0.005, 10.0 + 5 / 30.0};
  for (int i = 0; i < 4; ++i) {
    auto frame = moving_square_frame(160, 120, i);
    frame->pts_s = pts_s[i];
    ASSERT_TRUE((*recorder)->write(frame).ok());
  }
  ASSERT_TRUE((*recorder)->finish().ok());
  EXPECT_EQ((*recorder)->frames_encoded(), 3);
  EXPECT_EQ((*recorder)->frames_dropped(), 1);
  const std::vector<FramePtr> read = read_all_frames(params.path);
  ASSERT_EQ(read.size(), 3u);
  EXPECT_NEAR(read[1]->pts_s, 1 / 30.0, 1e-3);
  EXPECT_NEAR(read[2]->pts_s, 5 / 30.0, 1e-3);
}

TEST(Recorder, UnwritablePathIsRefusedWithFileAndReason) {
  RecorderParams params = small_params("unused.mp4", 160, 120);
  params.path = output_path("no-such-folder") + "/x.mp4";
  auto recorder = Recorder::open(params);
  ASSERT_FALSE(recorder.ok());
  EXPECT_NE(recorder.error().message.find(params.path), std::string::npos);
  EXPECT_NE(recorder.error().message.find("cannot open for writing"), std::string::npos)
      << recorder.error().message;
}

TEST(Recorder, FullDiskIsReportedByWriteAndFinish) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full on this system";
  RecorderParams params = small_params("unused.mp4", 160, 120);
  params.path = "/dev/full";
  params.gop_frames = 2;  // fragments complete (and hit the disk) early
  auto recorder = Recorder::open(params);
  if (recorder) {  // the header may still sit in the IO buffer
    for (int i = 0; i < 30; ++i) {
      if (!(*recorder)->write(moving_square_frame(160, 120, i)).ok()) break;
    }
    Status finished = (*recorder)->finish();
    ASSERT_FALSE(finished.ok());
    EXPECT_NE(finished.error().message.find("/dev/full"), std::string::npos);
    EXPECT_NE(finished.error().message.find("No space left"), std::string::npos)
        << finished.error().message;
  } else {
    EXPECT_NE(recorder.error().message.find("No space left"), std::string::npos)
        << recorder.error().message;
  }
}

TEST(Recorder, UnknownPresetIsRefusedByName) {
  RecorderParams params = small_params("bad_preset.mp4", 160, 120);
  params.preset = "warp-speed";
  auto recorder = Recorder::open(params);
  ASSERT_FALSE(recorder.ok());
  EXPECT_NE(recorder.error().message.find("warp-speed"), std::string::npos)
      << recorder.error().message;
}

}  // namespace
}  // namespace wv::media::test
