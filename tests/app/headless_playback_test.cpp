// End to end through the console's Playback and Workspace tabs, as a session script works them:
// the scrub bar shows thumbnails of the frames the panel showed (in the snapshot), a loop region
// keeps the panel between A and B, and Open adds a panel playing a file (a bad path is an error
// naming it, and the run goes on).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "headless_test_util.h"
#include "media/png.h"

namespace {

namespace fs = std::filesystem;
using wv::test::has_line_with;
using wv::test::output_dir;
using wv::test::run_worldview;

// 2 s at 30 fps: red for frames 0 to 29, then blue.
fs::path red_blue_clip() {
  return wv::test::lavfi_clip(
      "playback-red-blue.mp4", "\"color=c=red:s=160x96:r=30:d=1[a];color=c=blue:s=160x96:r=30:d=1[b];[a][b]concat=n=2:v=1:a=0\"",
      2);
}

fs::path write_script(const std::string& name, const std::string& text) {
  const fs::path path = output_dir() / name;
  std::ofstream(path) << text;
  return path;
}

// A still viewer, 640 x 360, one snapshot at `at`.
std::string headless(const std::string& name, double seconds, double at) {
  return "headless --still --msaa 1 --width 640 --height 360 --seconds " + std::to_string(seconds) +
         " --snapshot-at " + std::to_string(at) + " --snapshot " + (output_dir() / (name + ".png")).string() +
         " --out " + (output_dir() / (name + ".mp4")).string() + " ";
}

bool is_red(const uint8_t* p) { return p[0] > 180 && p[1] < 70 && p[2] < 70; }
bool is_blue(const uint8_t* p) { return p[2] > 180 && p[0] < 70 && p[1] < 70; }

TEST(HeadlessPlayback, TheScrubBarShowsThumbnailsOfTheFramesShown) {
  // The clip plays through (red, then blue); then the Playback tab opens.
  const fs::path script = write_script("playback-thumbs.txt", "2.1 tab playback\n");
  const auto r = run_worldview(headless("playback-thumbs", 2.6, 2.5) + "--open " + red_blue_clip().string() +
                               " --script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto shot = wv::media::read_png((output_dir() / "playback-thumbs.png").string());
  ASSERT_TRUE(shot) << shot.error().message;
  // The console lies below the panel: its lower part of the picture holds no panel pixels. There
  // the thumbnails show the clip's first half red and its second half blue, red on the left.
  int red = 0, blue = 0;
  double red_x = 0, blue_x = 0;
  for (int y = int(shot->height * 0.7); y < shot->height; ++y)
    for (int x = 0; x < shot->width; ++x) {
      const uint8_t* p = shot->row(y) + 4 * x;
      if (is_red(p)) ++red, red_x += x;
      if (is_blue(p)) ++blue, blue_x += x;
    }
  ASSERT_GT(red, 100) << "red thumbnails";
  ASSERT_GT(blue, 100) << "blue thumbnails";
  EXPECT_LT(red_x / red, blue_x / blue) << "the first frames on the left";
}

TEST(HeadlessPlayback, ALoopRegionKeepsThePanelBetweenAAndB) {
  // A at about frame 14 and B at about 23, both red; without the loop the clip would end on blue.
  const fs::path script = write_script("playback-loop.txt", "0.1 tab playback\n0.4 click loop-a\n0.7 click loop-b\n");
  const auto r = run_worldview(headless("playback-loop", 3, 2.9) + "--open " + red_blue_clip().string() +
                               " --script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("console: loop A at frame "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("console: loop B at frame "), std::string::npos) << r.output;
  auto shot = wv::media::read_png((output_dir() / "playback-loop.png").string());
  ASSERT_TRUE(shot) << shot.error().message;
  EXPECT_TRUE(is_red(shot->row(shot->height / 2) + 4 * (shot->width / 2))) << "the panel's middle is not red";
}

TEST(HeadlessPlayback, OpenAddsAPanelAndABadPathIsAnErrorNamingIt) {
  const std::string missing = (output_dir() / "no-such-clip.mp4").string();
  const fs::path script = write_script("playback-open.txt", "0.1 tab workspace\n0.15 click open-path\n0.2 type " +
                                                                red_blue_clip().string() + "\n0.3 click open\n" +
                                                                "0.5 click open-path\n0.6 type " + missing +
                                                                "\n0.7 click open\n");
  const auto r = run_worldview(headless("playback-open", 1.5, 1.4) + "--open " + red_blue_clip().string() +
                               " --script " + script.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(has_line_with(r.output, {"console: opened panel 1 (\"", red_blue_clip().filename().string() + "\")"}))
      << r.output;
  EXPECT_TRUE(has_line_with(r.output, {"warning: console: panel 2 (\"",
                                       "no-such-clip.mp4\"): " + missing + ": no such file"}))
      << r.output;
}

}  // namespace
