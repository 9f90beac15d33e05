// A recording process killed mid-way leaves a playable file with its completed fragments.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "media/recorder.h"
#include "media_test_util.h"

namespace wv::media::test {
namespace {

constexpr int kGop = 10;          // one fragment per 10 frames
constexpr int kFramesBefore = 95;  // handed to the encoder before the kill

// Child: records, waits until every frame went through the encoder, then dies without
// finishing. Exit codes other than death by SIGKILL tell the parent what went wrong.
[[noreturn]] void record_and_die(const std::string& path) {
  RecorderParams params;
  params.path = path;
  params.width = 160;
  params.height = 120;
  params.gop_frames = kGop;
  params.encoder_threads = 1;
  auto recorder = Recorder::open(params);
  if (!recorder) _exit(2);
  for (int i = 0; i < kFramesBefore; ++i) {
    if (!(*recorder)->write(moving_square_frame(160, 120, i)).ok()) _exit(3);
  }
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((*recorder)->frames_encoded() < kFramesBefore) {
    if (std::chrono::steady_clock::now() > give_up) _exit(4);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  raise(SIGKILL);
  _exit(5);
}

TEST(RecorderKilled, FileDecodesUpToTheLastCompletedFragment) {
  const std::string path = output_path("killed.mp4");
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) record_and_die(path);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "child did not die by SIGKILL; exit code "
      << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);

  const std::vector<FramePtr> read = read_all_frames(path);
  // x264 (veryfast, 1 thread) holds back ~10-15 frames of lookahead and B-frames, and a fragment
  // reaches the file when the next one's keyframe is out: of 95 frames handed over, all
  // fragments up to frame 70 must be on disk. None can be missing from the middle.
  EXPECT_GE(read.size(), 70u);
  EXPECT_LT(read.size(), size_t(kFramesBefore));
  for (size_t i = 0; i < read.size(); ++i) {
    const std::optional<Point> square = find_square(*read[i]);
    ASSERT_TRUE(square.has_value()) << "frame " << i;
    // Within a pixel: the reader's fast 4:2:0 path (widths a multiple of 16) takes each chroma
    // sample for two pixels, which moves a blue edge, and so the centroid, by up to half a pixel
    // more than exact interpolation; a wrong frame is 3 pixels off.
    EXPECT_NEAR(square->x, square_center(int64_t(i)).x, 1.0) << "frame " << i;
  }
}

}  // namespace
}  // namespace wv::media::test
