// Steering, branching and the bounded state history. Guarantee checked: exact frames, with every
// rollout stepped unbatched (max_batch = 1), so regenerated frames must equal a fresh rollout's.
#include <gtest/gtest.h>

#include <chrono>

#include "engine_test_util.h"

namespace wv::model::testing {
namespace {

constexpr EngineParams kUnbatched{.inference_threads = 0, .max_batch = 1};

std::vector<FramePtr> fresh(RolloutParams params, size_t n) {
  auto engine = manual_engine(kUnbatched);
  auto rollout = start(*engine, std::move(params));
  return collect(*engine, *rollout, n);
}

std::vector<FramePtr> slice(const std::vector<FramePtr>& frames, size_t from) {
  return {frames.begin() + std::ptrdiff_t(from), frames.end()};
}

TEST(RolloutSteer, NewPromptAppliesFromTheSteerFrameInOneModelStep) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine(kUnbatched);
  auto rollout = start(*engine, rollout_params(fake.model, "red"));
  const auto shown = collect(*engine, *rollout, 6);  // frames 0..5 displayed
  run_until_idle(*engine);                          // 6, 7, 8 queued under "red"
  ASSERT_EQ(rollout->frames().size(), 3u);

  const int64_t calls_before = fake.counters->forward_calls();
  ASSERT_TRUE(rollout->steer(6, "green").ok());
  EXPECT_EQ(rollout->frames().size(), 0u);  // old-prompt lookahead dropped
  EXPECT_TRUE(engine->run_once());
  ASSERT_EQ(rollout->frames().size(), 1u);
  EXPECT_EQ(fake.counters->forward_calls() - calls_before, 1);
  EXPECT_EQ(rollout->status().last_steer_steps, 1);
  EXPECT_GE(rollout->status().last_steer_latency_ms, 0.0);

  const auto after = collect(*engine, *rollout, 6);
  for (const FramePtr& f : after) EXPECT_EQ(prompt_of(*f), fake_prompt_id("green")) << f->index;
  EXPECT_EQ(after.front()->index, 6);

  RolloutParams steered = rollout_params(fake.model, "red");
  steered.prompt_track.push_back({6, "green"});
  const auto expected = fresh(steered, 12);
  expect_same_frames(shown, std::vector<FramePtr>(expected.begin(), expected.begin() + 6));
  expect_same_frames(after, slice(expected, 6));
  EXPECT_EQ(rollout->status().prompt_track.size(), 2u);
}

TEST(RolloutSteer, OlderThanRecentStatesReplaysFromTheNearestCheckpoint) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine({.inference_threads = 0, .max_batch = 1, .recent_states = 4,
                               .checkpoint_interval = 8, .max_checkpoints = 16});
  auto rollout = start(*engine, rollout_params(fake.model, "red"));
  collect(*engine, *rollout, 40);
  ASSERT_TRUE(rollout->steer(13, "green").ok());
  run_until_idle(*engine);
  // State 12 is gone; checkpoint 8 is the newest before it: replay 9..12, then make 13.
  EXPECT_EQ(rollout->status().last_steer_steps, 5);
  const auto after = collect(*engine, *rollout, 10);
  ASSERT_EQ(after.front()->index, 13);

  RolloutParams steered = rollout_params(fake.model, "red");
  steered.prompt_track.push_back({13, "green"});
  expect_same_frames(after, slice(fresh(steered, 23), 13));
}

TEST(RolloutSteer, SteeringAheadSchedulesAPromptChange) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine(kUnbatched);
  auto rollout = start(*engine, rollout_params(fake.model, "red"));
  ASSERT_TRUE(rollout->steer(5, "green").ok());
  const auto frames = collect(*engine, *rollout, 8);
  ASSERT_EQ(frames.size(), 8u);
  for (const FramePtr& f : frames) {
    EXPECT_EQ(prompt_of(*f), fake_prompt_id(f->index < 5 ? "red" : "green")) << f->index;
  }
}

TEST(RolloutSteer, StateHistoryStaysBoundedOverThousandsOfFrames) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine({.inference_threads = 0, .recent_states = 8, .checkpoint_interval = 4,
                               .max_checkpoints = 6});
  auto rollout = start(*engine, rollout_params(fake.model, "red"));
  size_t most = 0;
  for (int round = 0; round < 300; ++round) {
    collect(*engine, *rollout, 10);
    most = std::max(most, rollout->status().saved_states);
  }
  const RolloutStatus status = rollout->status();
  EXPECT_GE(status.next_frame, 3000);
  EXPECT_EQ(status.saved_states_bound, 14u);
  EXPECT_LE(most, status.saved_states_bound);
  EXPECT_GE(most, 8u);  // the ring did fill

  // Frame 10 is far older than the recent states; it still regenerates exactly.
  ASSERT_TRUE(rollout->seek(10).ok());
  expect_same_frames(collect(*engine, *rollout, 5), slice(fresh(rollout_params(fake.model, "red"), 15), 10));
}

TEST(RolloutBranch, ContinuesFromTheSameStateWithAnotherPromptOrSeed) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine(kUnbatched);
  auto parent = start(*engine, rollout_params(fake.model, "red", 7));
  const auto parent_first = collect(*engine, *parent, 10);

  auto by_prompt = parent->branch(5, {.prompt = "green"});
  ASSERT_TRUE(by_prompt.ok()) << by_prompt.error().message;
  auto by_seed = parent->branch(5, {.seed = 99});
  ASSERT_TRUE(by_seed.ok()) << by_seed.error().message;

  const auto prompt_frames = collect(*engine, **by_prompt, 6);
  ASSERT_EQ(prompt_frames.front()->index, 5);
  RolloutParams prompt_track = rollout_params(fake.model, "red", 7);
  prompt_track.prompt_track.push_back({5, "green"});
  expect_same_frames(prompt_frames, slice(fresh(prompt_track, 11), 5));

  const auto seed_frames = collect(*engine, **by_seed, 6);
  RolloutParams seed_track = rollout_params(fake.model, "red", 7);
  seed_track.seed_changes = {{5, 99}};
  expect_same_frames(seed_frames, slice(fresh(seed_track, 11), 5));
  EXPECT_FALSE(same_pixels(*seed_frames[0], *parent_first[5]));
  EXPECT_EQ((*by_seed)->status().seed_track.size(), 2u);

  // The parent is untouched and continues.
  auto parent_all = parent_first;
  for (const FramePtr& f : collect(*engine, *parent, 5)) parent_all.push_back(f);
  expect_same_frames(parent_all, fresh(rollout_params(fake.model, "red", 7), 15));
}

}  // namespace
}  // namespace wv::model::testing

namespace wv::model::testing {
namespace {

// With a worker running concurrently, no frame made under the old prompt survives a steer.
TEST(RolloutSteer, WhileWorkersRunNoOldPromptFrameSurvives) {
  const FakeModel fake = make_fake_model();
  auto engine = RolloutEngine::create({.inference_threads = 1});
  ASSERT_TRUE(engine.ok());
  auto rollout = start(**engine, rollout_params(fake.model, "red"));
  auto next = [&] {
    // A liveness guard, not a timing check.
    EXPECT_TRUE(rollout->frames().wait_for_frame(std::chrono::seconds(10)));
    return rollout->frames().try_pop();
  };
  for (int round = 0; round < 20; ++round) {
    const FramePtr shown = next();
    ASSERT_NE(shown, nullptr);
    const char* text = round % 2 ? "red" : "green";
    ASSERT_TRUE(rollout->steer(shown->index + 1, text).ok());
    for (int k = 0; k < 4; ++k) {
      const FramePtr f = next();
      ASSERT_NE(f, nullptr);
      EXPECT_EQ(f->index, shown->index + 1 + k);
      EXPECT_EQ(prompt_of(*f), fake_prompt_id(text)) << "round " << round << ", frame " << f->index;
    }
  }
}

}  // namespace
}  // namespace wv::model::testing
