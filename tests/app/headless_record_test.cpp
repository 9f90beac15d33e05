// End to end: recording (README, "Recording"). `--record-panel N:FILE` writes panel N's source
// frames at their size and rate, every one of them even when the display samples fewer;
// `--record-view FILE` writes what the camera sees; a file that cannot be written is an error
// naming it while the run goes on; a malformed option stops the run; Ctrl-C ends every file
// cleanly; a session script records through the console's Record toggles.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>

#include "headless_test_util.h"
#include "tests/spawned_program.h"

namespace {

namespace fs = std::filesystem;
using wv::test::decode_all;
using wv::test::has_line_with;
using wv::test::output_dir;
using wv::test::run_worldview;

// 2 s of ffmpeg's test pattern at 30 fps: every frame differs (a counter, a moving ramp).
fs::path pattern_clip() { return wv::test::lavfi_clip("record-pattern.mp4", "testsrc=size=160x96:rate=30", 2); }

// Mean absolute difference of the RGB channels, in levels of 255.
double mean_abs_diff(const wv::Frame& a, const wv::Frame& b) {
  EXPECT_EQ(a.width, b.width);
  EXPECT_EQ(a.height, b.height);
  if (a.width != b.width || a.height != b.height) return 255.0;
  double sum = 0.0;
  for (int32_t y = 0; y < a.height; ++y) {
    const uint8_t* pa = a.pixels.data() + size_t(y) * size_t(a.stride_bytes);
    const uint8_t* pb = b.pixels.data() + size_t(y) * size_t(b.stride_bytes);
    for (int32_t x = 0; x < a.width * 4; ++x)
      if (x % 4 != 3) sum += std::abs(int(pa[x]) - int(pb[x]));
  }
  return sum / (double(a.width) * a.height * 3);
}

// At 10 fps for 1.5 s: the display shows every third frame of the 30 fps clip.
std::string headless(const std::string& name, const std::string& extra) {
  return "headless --still --seconds 1.5 --fps 10 --width 192 --height 108 --msaa 1 --out " +
         (output_dir() / (name + "-out.mp4")).string() + " --open " + pattern_clip().string() + " " + extra;
}

TEST(HeadlessRecord, APanelRecordingHoldsEverySourceFrameAtItsSize) {
  const fs::path recording = output_dir() / "record-panel.mp4";
  fs::remove(recording);
  const auto r = run_worldview(headless("record-panel", "--record-panel 0:" + recording.string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto source = decode_all(pattern_clip());
  const auto recorded = decode_all(recording);
  // The last displayed frame is at 1.4 s: source frames 0 to 42, although only 15 were shown.
  ASSERT_EQ(recorded.size(), 43u) << r.output;
  ASSERT_GE(source.size(), 44u);
  for (size_t k = 0; k < recorded.size(); ++k) {
    EXPECT_EQ(recorded[k]->width, 160);
    EXPECT_EQ(recorded[k]->height, 96);
    const double same = mean_abs_diff(*recorded[k], *source[k]);
    EXPECT_LT(same, 6.0) << "frame " << k;
    // ... and it is that frame, not a neighbour.
    EXPECT_LT(same, mean_abs_diff(*recorded[k], *source[k + 1])) << "frame " << k;
  }
  EXPECT_NE(r.output.find("recorded " + recording.string() + ": 43 frames"), std::string::npos) << r.output;
}

TEST(HeadlessRecord, AViewRecordingHasTheViewsSizeAndEveryFrame) {
  const fs::path recording = output_dir() / "record-view.mp4";
  fs::remove(recording);
  const auto r = run_worldview(headless("record-view", "--record-view " + recording.string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto recorded = decode_all(recording);
  const auto out = decode_all(output_dir() / "record-view-out.mp4");
  ASSERT_EQ(recorded.size(), 15u);
  ASSERT_EQ(out.size(), 15u);
  for (size_t k = 0; k < recorded.size(); ++k) {
    EXPECT_EQ(recorded[k]->width, 192);
    EXPECT_EQ(recorded[k]->height, 108);
    EXPECT_LT(mean_abs_diff(*recorded[k], *out[k]), 1.0) << "frame " << k;  // the same images, encoded alike
  }
}

TEST(HeadlessRecord, AnUnwritableFileIsAnErrorAndTheRunGoesOn) {
  const fs::path missing = output_dir() / "no-such-folder";
  fs::remove_all(missing);
  const auto r = run_worldview(headless("record-unwritable", "--record-panel 0:" + (missing / "p.mp4").string() +
                                                                 " --record-view " + (missing / "v.mp4").string()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const std::string reason = ": cannot open for writing (No such file or directory)";
  EXPECT_TRUE(has_line_with(r.output, {"error: panel 0 (\"",
                                       "record-pattern.mp4\"): cannot record: " + (missing / "p.mp4").string() + reason}))
      << r.output;
  EXPECT_NE(r.output.find("cannot record the view: " + (missing / "v.mp4").string() + reason), std::string::npos)
      << r.output;
  EXPECT_EQ(decode_all(output_dir() / "record-unwritable-out.mp4").size(), 15u);
}

TEST(HeadlessRecord, AMalformedOptionStopsTheRun) {
  auto r = run_worldview(headless("record-bad", "--record-panel panel.mp4"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("--record-panel \"panel.mp4\": expected N:FILE"), std::string::npos) << r.output;
  r = run_worldview(headless("record-bad", "--record-panel 3:panel.mp4"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("there is no panel 3 (the run has 1)"), std::string::npos) << r.output;
}

TEST(HeadlessRecord, AScriptRecordsThroughTheConsole) {
  const fs::path panel = output_dir() / "record-script-panel.mp4";
  const fs::path view = output_dir() / "record-script-view.mp4";
  fs::remove(panel);
  fs::remove(view);
  const fs::path script = output_dir() / "record-script.txt";
  std::ofstream(script) << "0.1 record 0 " << panel.string() << "\n"
                        << "0.2 record view " << view.string() << "\n"
                        << "1.0 stop-record 0\n"
                        << "1.2 stop-record view\n";
  const auto r = run_worldview("headless --still --seconds 2 --fps 30 --width 320 --height 180 --msaa 1 --out " +
                               (output_dir() / "record-script-out.mp4").string() + " --open " +
                               pattern_clip().string() + " --loop --script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("console: recording panel 0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("console: recorded the view to " + view.string()), std::string::npos) << r.output;
  const auto panel_frames = decode_all(panel);
  const auto view_frames = decode_all(view);
  // Each action takes frames of its own (a click three: aim, press, let go): the panel records
  // from about 0.5 s to 1.3 s, the view from about 0.9 s to 1.4 s.
  EXPECT_GT(panel_frames.size(), 12u);
  EXPECT_LT(panel_frames.size(), 30u);
  ASSERT_GT(view_frames.size(), 6u);
  EXPECT_LT(view_frames.size(), 24u);
  EXPECT_EQ(panel_frames[0]->width, 160);
  EXPECT_EQ(view_frames[0]->width, 320);
}

TEST(HeadlessRecord, CtrlCEndsTheRunAndEveryFileCleanly) {
  using namespace std::chrono_literals;
  const fs::path view = output_dir() / "record-interrupt-view.mp4", panel = output_dir() / "record-interrupt-panel.mp4";
  const fs::path out = output_dir() / "record-interrupt-out.mp4";
  for (const fs::path& p : {view, panel, out}) fs::remove(p);
  wv::test::SpawnedProgram run({WV_WORLDVIEW_EXE, "headless", "--still", "--seconds", "600", "--fps", "10", "--width",
                                "160", "--height", "90", "--msaa", "1", "--out", out.string(), "--open",
                                pattern_clip().string(), "--loop", "--record-view", view.string(), "--record-panel",
                                "0:" + panel.string()},
                               (output_dir() / "record-interrupt.log").string());
  ASSERT_TRUE(run.wait_for_output("recording the view", 60s)) << run.output();
  std::this_thread::sleep_for(1s);
  run.signal(SIGINT);
  ASSERT_EQ(run.wait_exit(60s), 0) << run.output();
  std::smatch wrote;
  const std::string log = run.output();
  ASSERT_TRUE(std::regex_search(log, wrote, std::regex(R"(wrote \S+ \((\d+) frames)"))) << log;
  const size_t frames = std::stoul(wrote[1]);
  EXPECT_NE(log.find("headless: interrupted after " + std::to_string(frames) + " frames"), std::string::npos) << log;
  EXPECT_GT(frames, 5u);
  EXPECT_LT(frames, 6000u);
  // Complete files (a trailer, every frame), not just the fragments a killed run leaves.
  EXPECT_EQ(decode_all(out).size(), frames);
  EXPECT_EQ(decode_all(view).size(), frames);
  EXPECT_GE(decode_all(panel).size(), 3 * frames - 3);  // the 30 fps clip, shown at 10 fps
}

}  // namespace
