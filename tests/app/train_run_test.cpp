// `worldview train` end to end through the program: a few steps of a small model write the
// weights, the checkpoint and both PNGs; a resume with another seed is refused.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "headless_test_util.h"
#include "media/png.h"

namespace {

namespace fs = std::filesystem;

using wv::test::ProgramRun;
using wv::test::run_worldview;

TEST(TrainRun, WritesWeightsCheckpointAndImagesThenRefusesAResumeWithAnotherSeed) {
  const fs::path out = fs::path(WV_TEST_OUTPUT_DIR) / "train_run";
  fs::remove_all(out);
  const std::string common = "train --out " + out.string() + " --steps 3 --batch 2 --frame-size 16 --threads 1";
  const ProgramRun run = run_worldview(common + " --seed 5");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("train: step 3/3  loss"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("sha256 "), std::string::npos) << run.output;
  for (const char* name : {"model.safetensors", "checkpoint.safetensors"}) EXPECT_TRUE(fs::exists(out / name)) << name;
  auto sheet = wv::media::read_png((out / "samples.png").string());
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  EXPECT_EQ(sheet->height, 7 * (16 + 2) + 2);  // one row per default sample
  EXPECT_TRUE(wv::media::read_png((out / "loss.png").string()).ok());

  const ProgramRun other = run_worldview(common + " --seed 6 --resume");
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.output.find("was trained with --seed 5"), std::string::npos) << other.output;
}

}  // namespace
