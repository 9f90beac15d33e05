// Rollout engine: determinism, on-demand production, frame format, batching, worker threads.
// Guarantee checked: exact frames for rollouts stepped alike; the fake model's ops are
// elementwise per batch row, so for it batched and unbatched frames are exactly equal too.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>

#include "engine_test_util.h"

namespace wv::model::testing {
namespace {

std::vector<FramePtr> frames_of(RolloutParams params, size_t n, EngineParams engine_params = {}) {
  auto engine = manual_engine(engine_params);
  auto rollout = start(*engine, std::move(params));
  return collect(*engine, *rollout, n);
}

TEST(RolloutEngine, SameInputsGiveIdenticalFramesAndSeedsChangeThem) {
  const FakeModel fake = make_fake_model();
  const auto a = frames_of(rollout_params(fake.model, "a red ball", 42), 20);
  const auto b = frames_of(rollout_params(fake.model, "a red ball", 42), 20);
  ASSERT_EQ(a.size(), 20u);
  expect_same_frames(a, b);
  const auto other_seed = frames_of(rollout_params(fake.model, "a red ball", 43), 20);
  for (size_t i = 0; i < 20; ++i) EXPECT_FALSE(same_pixels(*a[i], *other_seed[i])) << "frame " << i;
}

TEST(RolloutEngine, ExtremeSeedsWorkAndDiffer) {
  const FakeModel fake = make_fake_model();
  const auto zero = frames_of(rollout_params(fake.model, "p", 0), 5);
  const auto max = frames_of(rollout_params(fake.model, "p", std::numeric_limits<uint64_t>::max()), 5);
  ASSERT_EQ(zero.size(), 5u);
  ASSERT_EQ(max.size(), 5u);
  for (size_t i = 0; i < 5; ++i) EXPECT_FALSE(same_pixels(*zero[i], *max[i])) << "frame " << i;
}

TEST(RolloutEngine, FramesAreRgbaWithOpaqueAlphaIndexAndPts) {
  const FakeModel fake = make_fake_model();
  const auto frames = frames_of(rollout_params(fake.model, "a red ball"), 4);
  ASSERT_EQ(frames.size(), 4u);
  for (size_t i = 0; i < frames.size(); ++i) {
    const Frame& f = *frames[i];
    EXPECT_EQ(f.width, kFakeSide);
    EXPECT_EQ(f.height, kFakeSide);
    EXPECT_EQ(f.index, int64_t(i));
    EXPECT_DOUBLE_EQ(f.pts_s, double(i) / kFakeFps);
    EXPECT_EQ(pixel(f, 0, 0, 1), i);  // the fake writes the index it was asked for
    EXPECT_EQ(prompt_of(f), fake_prompt_id("a red ball"));
    for (int y = 0; y < f.height; ++y)
      for (int x = 0; x < f.width; ++x) ASSERT_EQ(pixel(f, x, y, 3), 255);
  }
}

TEST(RolloutEngine, ComputesNothingWhileTheQueueIsFullOrPaused) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine();
  RolloutParams p = rollout_params(fake.model, "a red ball");
  p.lookahead = 2;
  auto rollout = start(*engine, p);
  EXPECT_EQ(run_until_idle(*engine), 2);  // init + one step fill the lookahead
  EXPECT_EQ(fake.counters->forward_calls(), 2);
  EXPECT_FALSE(engine->run_once());
  EXPECT_EQ(rollout->pump(), PumpResult::Produced);  // frames arrived since the last pump
  EXPECT_EQ(rollout->pump(), PumpResult::Full);
  EXPECT_EQ(fake.counters->forward_calls(), 2);

  ASSERT_NE(rollout->frames().try_pop(), nullptr);
  rollout->set_playing(false);
  EXPECT_FALSE(engine->run_once());
  EXPECT_EQ(rollout->pump(), PumpResult::Paused);
  EXPECT_EQ(fake.counters->forward_calls(), 2);

  rollout->set_playing(true);
  EXPECT_EQ(run_until_idle(*engine), 1);
  EXPECT_EQ(fake.counters->forward_calls(), 3);
  EXPECT_EQ(rollout->status().lookahead, 2u);
}

TEST(RolloutEngine, BatchesRolloutsOfOneModelWithFramesEqualToUnbatched) {
  const FakeModel fake = make_fake_model({.batching = true});
  auto engine = manual_engine({.max_batch = 8});
  std::vector<std::shared_ptr<Rollout>> rollouts;
  for (uint64_t seed = 1; seed <= 4; ++seed) rollouts.push_back(start(*engine, rollout_params(fake.model, "p", seed)));
  EXPECT_TRUE(engine->run_once());  // all four inits in one call
  {
    std::lock_guard lock(fake.counters->mutex);
    EXPECT_EQ(fake.counters->batch_sizes, std::vector<int64_t>{4});
  }
  run_until_idle(*engine);
  EXPECT_EQ(engine->stats().largest_batch, 4);
  EXPECT_GT(engine->stats().batched_calls, 0);

  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const auto batched = collect(*engine, *rollouts[seed - 1], 12);
    const auto alone = frames_of(rollout_params(fake.model, "p", seed), 12, {.max_batch = 1});
    expect_same_frames(batched, alone);
  }
}

TEST(RolloutEngine, ModelsWithoutBatchingAreCalledOneRolloutAtATime) {
  const FakeModel fake = make_fake_model({.batching = false});
  auto engine = manual_engine({.max_batch = 8});
  auto a = start(*engine, rollout_params(fake.model, "p", 1));
  auto b = start(*engine, rollout_params(fake.model, "p", 2));
  EXPECT_EQ(run_until_idle(*engine), 6);  // 2 rollouts x lookahead 3
  EXPECT_EQ(engine->stats().largest_batch, 1);
  std::lock_guard lock(fake.counters->mutex);
  for (int64_t size : fake.counters->batch_sizes) EXPECT_EQ(size, 1);
}

TEST(RolloutEngine, FocusedRolloutIsServedFirst) {
  const FakeModel fake = make_fake_model({.batching = false});
  auto engine = manual_engine();
  auto a = start(*engine, rollout_params(fake.model, "p", 1));
  auto b = start(*engine, rollout_params(fake.model, "p", 2));
  b->set_focused(true);
  EXPECT_TRUE(engine->run_once());
  EXPECT_EQ(b->status().model_steps, 1);
  EXPECT_EQ(a->status().model_steps, 0);
}

TEST(RolloutEngine, SeekRegeneratesTheSameFrames) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine();
  auto rollout = start(*engine, rollout_params(fake.model, "p"));
  const auto first = collect(*engine, *rollout, 12);
  ASSERT_TRUE(rollout->seek(4).ok());
  EXPECT_EQ(rollout->frames().size(), 0u);
  const auto again = collect(*engine, *rollout, 8);
  expect_same_frames(again, std::vector<FramePtr>(first.begin() + 4, first.end()));
  EXPECT_FALSE(rollout->seek(-1).ok());
}

TEST(RolloutEngine, StartImageBecomesFrameZero) {
  const FakeModel fake = make_fake_model({.start_image = true});
  auto image = make_frame(kFakeSide, kFakeSide, 0, 0);
  for (size_t i = 0; i < image->pixels.size(); ++i) image->pixels[i] = uint8_t(i % 4 == 3 ? 255 : i % 251);
  RolloutParams p = rollout_params(fake.model, "p");
  p.start_image = image;
  const auto frames = frames_of(p, 2);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_TRUE(frames[0]->pixels == image->pixels);
}

TEST(RolloutEngine, ActionsReachTheModelPerFrame) {
  const FakeModel fake = make_fake_model({.action_dim = 2});
  RolloutParams p = rollout_params(fake.model, "p");
  p.actions = [](int64_t frame) { return std::vector<float>{float(frame % 2), 0.f}; };
  const auto frames = frames_of(p, 5);
  ASSERT_EQ(frames.size(), 5u);
  for (size_t i = 1; i < frames.size(); ++i) EXPECT_EQ(pixel(*frames[i], 0, 1, 0), (i % 2) * 100) << i;
}

TEST(RolloutEngine, FiniteRolloutEnds) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine();
  RolloutParams p = rollout_params(fake.model, "p");
  p.frame_count = 5;
  auto rollout = start(*engine, p);
  EXPECT_EQ(collect(*engine, *rollout, 10).size(), 5u);
  EXPECT_EQ(rollout->pump(), PumpResult::Produced);
  EXPECT_EQ(rollout->pump(), PumpResult::Ended);
  EXPECT_FALSE(rollout->steer(5, "q").ok());
}

TEST(RolloutEngine, ReportsUnknownWords) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine();
  auto rollout = start(*engine, rollout_params(fake.model, "a zzfoo ball"));
  run_until_idle(*engine);
  EXPECT_EQ(rollout->status().unknown_words, std::vector<std::string>{"zzfoo"});
  EXPECT_EQ(fake.counters->encode_calls, 1);  // encoded once, then cached

  // Steered away from the unknown word (at frame 0, so no frame keeps the old prompt): gone.
  ASSERT_TRUE(rollout->steer(0, "a red ball").ok());
  run_until_idle(*engine);
  EXPECT_TRUE(rollout->status().unknown_words.empty());
  EXPECT_EQ(fake.counters->encode_calls, 2);
}

// Worker threads produce what the manual engine produces (unbatched on both sides).
TEST(RolloutEngine, WorkerThreadsProduceTheSameFrames) {
  const FakeModel fake = make_fake_model();
  auto engine = RolloutEngine::create({.inference_threads = 2, .max_batch = 1});
  ASSERT_TRUE(engine.ok());
  std::vector<std::shared_ptr<Rollout>> rollouts;
  for (uint64_t seed = 1; seed <= 3; ++seed) rollouts.push_back(start(**engine, rollout_params(fake.model, "p", seed)));
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    std::vector<FramePtr> got;
    bool produced = false;
    while (got.size() < 15) {
      Rollout& r = *rollouts[seed - 1];
      produced = produced || r.pump() == PumpResult::Produced;
      // A liveness guard, not a timing check: 15 fake frames take microseconds.
      ASSERT_TRUE(r.frames().wait_for_frame(std::chrono::seconds(10))) << "no frame from rollout " << seed;
      got.push_back(r.frames().try_pop());
    }
    EXPECT_TRUE(produced);
    expect_same_frames(got, frames_of(rollout_params(fake.model, "p", seed), 15, {.max_batch = 1}));
  }
}

}  // namespace
}  // namespace wv::model::testing
