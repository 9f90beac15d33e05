// End to end: the worldview program renders a workspace headless, as README's first line does.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>

#include "headless_test_util.h"
#include "media/png.h"

namespace {

namespace fs = std::filesystem;

using wv::test::decode_all;
using wv::test::ProgramRun;
using wv::test::output_dir;
using wv::test::run_worldview;

// Fraction of pixels in rows [y0, y1) whose color differs by more than `threshold` in any channel.
double changed_fraction(const wv::Frame& a, const wv::Frame& b, int y0, int y1, int threshold = 24) {
  int64_t changed = 0, total = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const uint8_t* pa = a.row(y) + 4 * x;
      const uint8_t* pb = b.row(y) + 4 * x;
      bool differs = false;
      for (int c = 0; c < 3; ++c) differs |= std::abs(int(pa[c]) - int(pb[c])) > threshold;
      changed += differs;
      ++total;
    }
  }
  return double(changed) / double(total);
}

TEST(HeadlessRun, DemoWorkspaceWritesAVideoWhosePanelsMove) {
  const fs::path video = output_dir() / "demo.mp4";
  const fs::path snapshot = output_dir() / "demo.png";
  fs::remove(video);
  fs::remove(snapshot);
  const ProgramRun run = run_worldview("headless --workspace " WV_SOURCE_DIR "/assets/demo.wv.json --seconds 2 --fps 15 "
                                "--width 320 --height 180 --still --validate --out " + video.string() +
                                " --snapshot " + snapshot.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("wrote " + video.string()), std::string::npos) << run.output;

  const auto frames = decode_all(video);
  ASSERT_EQ(frames.size(), 30u);
  EXPECT_EQ(frames[0]->width, 320);
  EXPECT_EQ(frames[0]->height, 180);

  // The viewer holds still, so what changes is the panels' content, not the environment.
  const wv::Frame& first = *frames.front();
  const wv::Frame& last = *frames.back();
  EXPECT_GT(changed_fraction(first, last, 50, 130), 0.01) << "the worlds on the panels move";
  EXPECT_LT(changed_fraction(first, last, 0, 15), 0.002) << "the sky stays put";

  auto png = wv::media::read_png(snapshot.string());
  ASSERT_TRUE(png) << png.error().message;
  EXPECT_EQ(png->width, 320);
  EXPECT_EQ(png->height, 180);
}

TEST(HeadlessRun, DamagedWorkspaceIsRefusedWithItsNameAndLine) {
  const fs::path bad = output_dir() / "damaged.wv.json";
  std::ofstream(bad) << "{\n  \"format\": \"worldview-workspace\",\n  \"version\": 1,\n  \"panels\": [\n";
  const ProgramRun run = run_worldview("headless --workspace " + bad.string() + " --seconds 1 --out " +
                                (output_dir() / "never.mp4").string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("damaged.wv.json:"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(output_dir() / "never.mp4"));
}

TEST(HeadlessRun, PanelWithBadSceneFailsAloneAndTheRestIsWritten) {
  const fs::path ws = output_dir() / "bad-scene.wv.json";
  std::ofstream(ws) << R"({"format": "worldview-workspace", "version": 1, "panels": [
    {"source": {"kind": "toyworld", "scene": "two red balls in a black room"}},
    {"source": {"kind": "toyworld", "scene": "three flurbles in a gloomy room"}}
  ]})";
  const fs::path video = output_dir() / "bad-scene.mp4";
  const ProgramRun run = run_worldview("headless --workspace " + ws.string() +
                                " --seconds 0.5 --fps 10 --width 160 --height 90 --out " + video.string());
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("panels[1]"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("flurbles"), std::string::npos) << "the unknown word is named: " << run.output;
  EXPECT_EQ(decode_all(video).size(), 5u);
}

}  // namespace
