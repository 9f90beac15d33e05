// End to end: `--open FILE` adds a video panel (media::VideoReader as a FrameSource), in a
// workspace too; a file that is not a video fails its panel alone, naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "headless_test_util.h"
#include "media/png.h"

namespace {

namespace fs = std::filesystem;
using wv::test::output_dir;
using wv::test::run_command;
using wv::test::run_worldview;

// A 2 s clip of solid red.
fs::path red_clip() { return wv::test::lavfi_clip("open-red.mp4", "color=c=red:size=160x120:rate=10", 2); }

std::string headless(const fs::path& snapshot) {
  return "headless --still --seconds 1 --fps 10 --width 160 --height 90 --out " +
         (output_dir() / (snapshot.stem().string() + ".mp4")).string() + " --snapshot " + snapshot.string() + " ";
}

void expect_red_center(const fs::path& png) {
  auto image = wv::media::read_png(png.string());
  ASSERT_TRUE(image) << image.error().message;
  const uint8_t* center = image->row(image->height / 2) + 4 * (image->width / 2);
  EXPECT_GT(center[0], 180) << "red " << int(center[0]) << " green " << int(center[1]);
  EXPECT_LT(center[1], 60);
  EXPECT_LT(center[2], 60);
}

TEST(HeadlessOpen, AVideoPanelShowsTheFile) {
  const fs::path shot = output_dir() / "open-cli.png";
  const auto r = run_worldview(headless(shot) + "--open " + red_clip().string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_red_center(shot);
}

TEST(HeadlessOpen, AWorkspaceVideoPathIsRelativeToItsFolder) {
  red_clip();
  const fs::path workspace = output_dir() / "open.wv.json";
  std::ofstream(workspace) << R"({"format": "worldview-workspace", "version": 2,
    "panels": [{"source": {"kind": "video", "path": "open-red.mp4"}}]})";
  const fs::path shot = output_dir() / "open-workspace.png";
  const auto r = run_command("cd / && " + std::string(WV_WORLDVIEW_EXE) + " " + headless(shot) + "--workspace " +
                             workspace.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_red_center(shot);
}

TEST(HeadlessOpen, AFileThatIsNotAVideoFailsItsPanelNamingTheFile) {
  const fs::path text = output_dir() / "not-a-video.mp4";
  std::ofstream(text) << "hello";
  const fs::path shot = output_dir() / "open-bad.png";
  const auto r = run_worldview(headless(shot) + "--open " + text.string());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("command line: panels[0].source: " + text.string()), std::string::npos) << r.output;
}

// 1 s at 10 fps: red for 0.5 s, then blue.
fs::path red_then_blue_clip() {
  const fs::path clip = output_dir() / "open-red-blue.mkv";
  const auto made = wv::test::make_once(
      clip, "ffmpeg -v error -y -f lavfi -i color=c=red:size=160x120:rate=10:d=0.5 -f lavfi -i "
            "color=c=blue:size=160x120:rate=10:d=0.5 -filter_complex concat=n=2:v=1:a=0 -pix_fmt yuv420p");
  EXPECT_EQ(made.exit_code, 0) << made.output;
  return clip;
}

std::string headless_until(const fs::path& snapshot, double seconds) {
  return "headless --still --seconds " + std::to_string(seconds) + " --snapshot-at " + std::to_string(seconds - 0.1) +
         " --fps 10 --width 160 --height 90 --out " +
         (output_dir() / (snapshot.stem().string() + ".mp4")).string() + " --snapshot " + snapshot.string() + " ";
}

TEST(HeadlessOpen, ALoopingVideoStartsOverAndOneThatDoesNotHoldsItsLastFrame) {
  const fs::path clip = red_then_blue_clip();
  // The last frame is due at 1.2 s: looping, that is 0.2 s into the clip (red); else its end (blue).
  const fs::path looped = output_dir() / "open-loop.png";
  auto r = run_worldview(headless_until(looped, 1.3) + "--loop --sync --open " + clip.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_red_center(looped);

  const fs::path once = output_dir() / "open-once.png";
  r = run_worldview(headless_until(once, 1.3) + "--open " + clip.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto image = wv::media::read_png(once.string());
  ASSERT_TRUE(image) << image.error().message;
  const uint8_t* center = image->row(image->height / 2) + 4 * (image->width / 2);
  EXPECT_GT(center[2], 180) << "red " << int(center[0]) << " blue " << int(center[2]);
  EXPECT_LT(center[0], 60);
}

}  // namespace
