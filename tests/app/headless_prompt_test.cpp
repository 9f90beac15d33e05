// End to end: `worldview headless --prompt ... --steer ...` with a world model (the TorchScript
// fixture named by --model-file), and its refusals of bad models and steers.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "headless_test_util.h"
#include "media/png.h"

namespace {

namespace fs = std::filesystem;
using wv::test::decode_all;
using wv::test::output_dir;
using wv::test::run_worldview;

// Mean |difference| of the color channels, in levels of 255.
double mean_abs_difference(const wv::Frame& a, const wv::Frame& b) {
  double sum = 0.0;
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < 4 * a.width; ++x)
      if (x % 4 != 3) sum += std::abs(int(a.row(y)[x]) - int(b.row(y)[x]));
  return sum / (3.0 * a.width * a.height);
}

const std::string kFixture = std::string(WV_TORCHSCRIPT_FIXTURES) + "/drifting_color_field.pt";

std::string prompt_run(const fs::path& video, const std::string& extra) {
  return "headless --model-file " + kFixture + " --prompt \"a calm sea\" --prompt \"a red storm\" --seconds 1 --fps 10 " +
         "--width 160 --height 90 --still --out " + video.string() + " " + extra;
}

TEST(HeadlessPrompt, GeneratedWorldsAreWrittenAndAnExportReplaysExactly) {
  const fs::path a = output_dir() / "prompt-a.mp4", b = output_dir() / "prompt-b.mp4";
  const auto run_a = run_worldview(prompt_run(a, "--steer \"0.5:turns blue\""));
  ASSERT_EQ(run_a.exit_code, 0) << run_a.output;
  const auto run_b = run_worldview(prompt_run(b, "--steer \"0.5:turns blue\""));
  ASSERT_EQ(run_b.exit_code, 0) << run_b.output;
  const auto frames_a = decode_all(a), frames_b = decode_all(b);
  ASSERT_EQ(frames_a.size(), 10u);
  ASSERT_EQ(frames_b.size(), 10u);
  for (size_t i = 0; i < frames_a.size(); ++i)
    EXPECT_EQ(frames_a[i]->pixels, frames_b[i]->pixels) << "frame " << i << " differs between two runs";
}

TEST(HeadlessPrompt, ASteerChangesTheWorldFromItsTimeOn) {
  // Compared on lossless snapshots: the video encoder looks ahead, so its frames before a
  // change may shift by a little codec noise.
  const auto snapshot = [](const std::string& name, const std::string& at, const std::string& steer) {
    const fs::path png = output_dir() / (name + ".png");
    const auto run = run_worldview(prompt_run(output_dir() / (name + ".mp4"), "--snapshot " + png.string() +
                                                                          " --snapshot-at " + at + " " + steer));
    EXPECT_EQ(run.exit_code, 0) << run.output;
    auto image = wv::media::read_png(png.string());
    EXPECT_TRUE(image) << (image ? "" : image.error().message);
    return image ? std::make_shared<wv::Frame>(std::move(*image)) : nullptr;
  };
  const std::string steer = "--steer \"1@0.5:bright red storm\"";
  const auto plain_before = snapshot("steer-plain-0.3", "0.3", ""), steered_before = snapshot("steer-0.3", "0.3", steer);
  const auto plain_after = snapshot("steer-plain-0.9", "0.9", ""), steered_after = snapshot("steer-0.9", "0.9", steer);
  ASSERT_TRUE(plain_before && steered_before && plain_after && steered_after);
  EXPECT_EQ(plain_before->pixels, steered_before->pixels) << "before the steer the worlds are the same";
  EXPECT_GT(mean_abs_difference(*plain_after, *steered_after), 0.1) << "after it, the steered panel changed";
}

TEST(HeadlessPrompt, AnUnknownModelFailsItsPanelsNamingTheModel) {
  const fs::path video = output_dir() / "prompt-unknown-model.mp4";
  const auto run = run_worldview("headless --prompt \"two red balls in a black room\" --model no-such-model --seconds 0.3 "
                                 "--fps 10 --width 160 --height 90 --out " + video.string());
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_NE(run.output.find("model \"no-such-model\" not found"), std::string::npos) << run.output;
  EXPECT_EQ(decode_all(video).size(), 3u);
}

TEST(HeadlessPrompt, BadSteersAndPathsAsModelIdsAreRefused) {
  const fs::path video = output_dir() / "prompt-refused.mp4";
  auto run = run_worldview("headless --prompt \"x\" --steer \"soon:gravity flips\" --out " + video.string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("--steer \"soon:gravity flips\""), std::string::npos) << run.output;
  run = run_worldview("headless --prompt \"x\" --model ../models/evil --out " + video.string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("is not a model id"), std::string::npos) << run.output;
  run = run_worldview("headless --out " + video.string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("nothing to show"), std::string::npos) << run.output;
  EXPECT_FALSE(fs::exists(video));
}

}  // namespace
