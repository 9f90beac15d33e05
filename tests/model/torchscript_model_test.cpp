// An external TorchScript model (tests/model/drifting_color_field.py, the example of
// docs/model-contract.md) loads, passes the contract check and runs through the RolloutEngine.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine_test_util.h"
#include "torchscript_fixtures.h"

namespace wv::model::testing {
namespace {

std::shared_ptr<WorldModel> field_model() {
  auto m = load_named(ts_fixture("drifting_color_field.pt"));
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  return m.ok() ? *m : nullptr;
}

std::vector<FramePtr> run_alone(std::shared_ptr<WorldModel> model, const std::string& prompt, uint64_t seed,
                                size_t n) {
  auto engine = manual_engine({.max_batch = 1});
  auto rollout = start(*engine, rollout_params(std::move(model), prompt, seed));
  return collect(*engine, *rollout, n);
}

int max_difference(const Frame& a, const Frame& b) {
  int most = 0;
  for (size_t k = 0; k < a.pixels.size(); ++k) most = std::max(most, std::abs(int(a.pixels[k]) - int(b.pixels[k])));
  return most;
}

TEST(TorchScriptModel, TheFixtureLoadsWithItsDeclaredInfo) {
  auto model = field_model();
  ASSERT_TRUE(model);
  const ModelInfo& info = model->info();
  EXPECT_EQ(info.name, "drifting-color-field");
  EXPECT_EQ(info.width, 32);
  EXPECT_EQ(info.height, 32);
  EXPECT_DOUBLE_EQ(info.fps, 12.0);
  EXPECT_EQ(info.context_frames, 1);
  EXPECT_EQ(info.action_dim, 2);
  EXPECT_TRUE(info.supports_batching);
  EXPECT_TRUE(info.accepts_start_image);
  EXPECT_EQ(info.init_noise_shape, (std::vector<int64_t>{8, 8, 8}));
  EXPECT_EQ(info.step_noise_shape, (std::vector<int64_t>{2, 8, 8}));
  EXPECT_EQ(info.device, "cpu");
}

TEST(TorchScriptModel, TheSameSeedGivesTheSameFramesAndAnotherSeedOthers) {
  auto model = field_model();
  ASSERT_TRUE(model);
  const auto a = run_alone(model, "the red field", 7, 6);
  const auto b = run_alone(model, "the red field", 7, 6);
  const auto c = run_alone(model, "the red field", 8, 6);
  ASSERT_EQ(a.size(), 6u);
  expect_same_frames(a, b);
  ASSERT_EQ(c.size(), 6u);
  EXPECT_FALSE(same_pixels(*a[5], *c[5]));
  EXPECT_EQ(a[5]->width, 32);
}

TEST(TorchScriptModel, ThePromptSteersTheFrames) {
  auto model = field_model();
  ASSERT_TRUE(model);
  const auto calm = run_alone(model, "calm blue field", 3, 4);
  const auto storm = run_alone(model, "red storm", 3, 4);
  ASSERT_EQ(calm.size(), 4u);
  ASSERT_EQ(storm.size(), 4u);
  EXPECT_TRUE(same_pixels(*calm[0], *storm[0]));  // frame 0 comes from the noise alone
  EXPECT_GT(max_difference(*calm[3], *storm[3]), 4);
}

TEST(TorchScriptModel, RolloutsShareBatchedCallsAndMatchUnbatchedWithinRounding) {
  auto model = field_model();
  ASSERT_TRUE(model);
  auto engine = manual_engine({.max_batch = 8});
  std::vector<std::shared_ptr<Rollout>> rollouts;
  for (uint64_t seed : {1, 2, 3}) rollouts.push_back(start(*engine, rollout_params(model, "green field", seed)));
  run_until_idle(*engine);
  EXPECT_GT(engine->stats().batched_calls, 0);
  EXPECT_EQ(engine->stats().largest_batch, 3);
  for (uint64_t seed : {1, 2, 3}) {
    const auto alone = run_alone(model, "green field", seed, 3);
    ASSERT_EQ(alone.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
      FramePtr batched = rollouts[seed - 1]->frames().try_pop();
      ASSERT_TRUE(batched);
      EXPECT_LE(max_difference(*alone[i], *batched), 1) << "seed " << seed << " frame " << i;  // DESIGN.md §3
    }
  }
}

TEST(TorchScriptModel, UnknownWordsSurfaceInTheRolloutStatus) {
  auto model = field_model();
  ASSERT_TRUE(model);
  auto engine = manual_engine();
  auto rollout = start(*engine, rollout_params(model, "The red field. Zzyzx turns", 1));
  ASSERT_EQ(collect(*engine, *rollout, 1).size(), 1u);
  EXPECT_EQ(rollout->status().unknown_words, (std::vector<std::string>{"Zzyzx"}));
}

TEST(TorchScriptModel, AStartImageBecomesFrameZero) {
  auto model = field_model();
  ASSERT_TRUE(model);
  auto image = make_frame(32, 32, 0, 0.0);
  for (size_t k = 0; k < image->pixels.size(); ++k) image->pixels[k] = uint8_t(k % 4 == 3 ? 255 : k % 200);
  RolloutParams p = rollout_params(model, "red field", 1);
  p.start_image = image;
  auto engine = manual_engine();
  auto rollout = start(*engine, p);
  const auto frames = collect(*engine, *rollout, 2);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(max_difference(*frames[0], *image), 0);
}

// The doc's complete example is the fixture: a change to one must be made to the other.
TEST(TorchScriptModel, TheContractDocExampleIsTheFixtureModel) {
  const auto read = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  const std::string doc = read(WV_SOURCE_DIR "/docs/model-contract.md");
  const std::string example = read(WV_SOURCE_DIR "/tests/model/drifting_color_field.py");
  ASSERT_FALSE(example.empty());
  const std::string fence = "```python\n" + example + "```";
  EXPECT_NE(doc.find(fence), std::string::npos)
      << "docs/model-contract.md must contain tests/model/drifting_color_field.py verbatim in a ```python block";
}

}  // namespace
}  // namespace wv::model::testing
