// Rollout engine faults and bad input: a throwing model fails only the rollouts of its call;
// every bad input is refused with a message naming it and the reason.
#include <gtest/gtest.h>

#include <string>

#include "engine_test_util.h"

namespace wv::model::testing {
namespace {

TEST(RolloutFaults, ThrowingModelFailsItsRolloutOnly) {
  const FakeModel broken = make_fake_model({.throw_at_frame = 4});
  const FakeModel fine = make_fake_model();
  auto engine = manual_engine();
  auto bad = start(*engine, rollout_params(broken.model, "p"));
  auto good = start(*engine, rollout_params(fine.model, "p"));
  const auto bad_frames = collect(*engine, *bad, 10);
  EXPECT_EQ(bad_frames.size(), 4u);  // frames 0..3, then the model threw
  const auto error = bad->error();
  ASSERT_TRUE(error.has_value());
  EXPECT_CONTAINS(error->message, "model 'fake' failed at frame 4");
  EXPECT_CONTAINS(error->message, "told to fail");
  EXPECT_EQ(bad->pump(), PumpResult::Failed);
  EXPECT_CONTAINS(bad->steer(2, "q").error().message, "failed");
  EXPECT_EQ(collect(*engine, *good, 20).size(), 20u);
  EXPECT_FALSE(good->error().has_value());
}

TEST(RolloutFaults, ThrowInABatchFailsEveryRolloutOfThatCallAndNoOther) {
  const FakeModel shared = make_fake_model({.batching = true});
  const FakeModel other = make_fake_model();
  auto engine = manual_engine({.inference_threads = 0, .max_batch = 8});
  auto a = start(*engine, rollout_params(shared.model, "calm"));
  auto b = start(*engine, rollout_params(shared.model, "calm", 2));
  auto c = start(*engine, rollout_params(other.model, "calm"));
  run_until_idle(*engine);
  ASSERT_TRUE(a->steer(3, "explode").ok());  // same prompt shape: a and b share the next call
  a->frames().clear();
  b->frames().clear();
  run_until_idle(*engine);
  ASSERT_TRUE(a->error().has_value());
  EXPECT_CONTAINS(a->error()->message, "the prompt exploded");
  ASSERT_TRUE(b->error().has_value());
  EXPECT_FALSE(c->error().has_value());
  EXPECT_EQ(collect(*engine, *c, 10).size(), 10u);
}

TEST(RolloutFaults, OutputOfTheWrongShapeIsNamed) {
  const FakeModel fake = make_fake_model({.wrong_frame_shape = true});
  auto engine = manual_engine();
  auto rollout = start(*engine, rollout_params(fake.model, "p"));
  run_until_idle(*engine);
  ASSERT_TRUE(rollout->error().has_value());
  EXPECT_CONTAINS(rollout->error()->message, "step(): frame has shape [1, 3, 4, 8], expected [1, 3, 8, 8]");
}

TEST(RolloutFaults, ActionOfTheWrongSizeIsNamed) {
  const FakeModel fake = make_fake_model({.action_dim = 2});
  auto engine = manual_engine();
  RolloutParams p = rollout_params(fake.model, "p");
  p.actions = [](int64_t) { return std::vector<float>{1.f}; };
  auto rollout = start(*engine, p);
  run_until_idle(*engine);
  ASSERT_TRUE(rollout->error().has_value());
  EXPECT_CONTAINS(rollout->error()->message, "the action for frame 1 has 1 values; model 'fake' takes 2");
}

std::string start_error(RolloutParams p) {
  auto engine = manual_engine();
  auto r = engine->start(std::move(p));
  return r.ok() ? "(started)" : r.error().message;
}

TEST(RolloutFaults, BadRolloutParamsAreRefusedWithReasons) {
  const FakeModel fake = make_fake_model({.start_image = false});
  RolloutParams p = rollout_params(fake.model, "p");
  p.name = "panel 3";

  RolloutParams no_model = p;
  no_model.model = nullptr;
  EXPECT_EQ(start_error(no_model), "panel 3: no model given");
  RolloutParams empty_track = p;
  empty_track.prompt_track.clear();
  EXPECT_EQ(start_error(empty_track), "panel 3: the prompt track is empty");
  RolloutParams late_start = p;
  late_start.prompt_track = {{2, "p"}};
  EXPECT_CONTAINS(start_error(late_start), "starts at frame 2, not 0");
  RolloutParams unordered = p;
  unordered.prompt_track = {{0, "p"}, {5, "q"}, {5, "r"}};
  EXPECT_CONTAINS(start_error(unordered), "change 2 at frame 5 is not after the previous one");
  RolloutParams blank = p;
  blank.prompt_track = {{0, " \n"}};
  EXPECT_EQ(start_error(blank), "panel 3: prompt at frame 0: the prompt is empty");
  RolloutParams huge = p;
  huge.prompt_track = {{0, std::string(kMaxPromptBytes + 1, 'a')}};
  EXPECT_CONTAINS(start_error(huge), "4097 bytes long, more than the 4096 allowed");
  RolloutParams bad_seeds = p;
  bad_seeds.seed_changes = {{0, 3}};
  EXPECT_CONTAINS(start_error(bad_seeds), "seed changes: change 0 at frame 0");
  RolloutParams no_lookahead = p;
  no_lookahead.lookahead = 0;
  EXPECT_CONTAINS(start_error(no_lookahead), "lookahead 0 is out of range (1 to 64)");
  RolloutParams zero_frames = p;
  zero_frames.frame_count = 0;
  EXPECT_CONTAINS(start_error(zero_frames), "frame_count 0 must be -1 (endless) or positive");
  RolloutParams image = p;
  image.start_image = make_frame(kFakeSide, kFakeSide, 0, 0);
  EXPECT_EQ(start_error(image), "panel 3: model 'fake' does not take a start image");

  RolloutParams small_image = rollout_params(make_fake_model({.start_image = true}).model, "p");
  small_image.start_image = make_frame(4, 4, 0, 0);
  EXPECT_CONTAINS(start_error(small_image), "the start image is 4x4; model 'fake' needs RGBA8 8x8");
}

TEST(RolloutFaults, BadSteerAndBranchAreRefusedAndClosedRolloutsSaySo) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine();
  RolloutParams p = rollout_params(fake.model, "p");
  p.name = "panel 1";
  auto rollout = start(*engine, p);
  EXPECT_EQ(rollout->steer(-1, "q").error().message, "panel 1: cannot steer at frame -1: frames start at 0");
  EXPECT_EQ(rollout->steer(3, "").error().message, "panel 1: steer at frame 3: the prompt is empty");
  EXPECT_CONTAINS(rollout->branch(2, {.prompt = std::string(5000, 'x')}).error().message, "5000 bytes long");
  EXPECT_EQ(rollout->status().prompt_track.size(), 1u);  // refused steers changed nothing

  rollout->close();
  EXPECT_EQ(rollout->steer(3, "q").error().message, "panel 1: cannot steer at frame 3: the rollout is closed");
  EXPECT_CONTAINS(rollout->branch(0, {}).error().message, "the rollout is closed");
  EXPECT_CONTAINS(rollout->seek(0).error().message, "the rollout is closed");
  EXPECT_EQ(rollout->pump(), PumpResult::Ended);
  EXPECT_FALSE(engine->run_once());
  EXPECT_EQ(fake.counters->forward_calls(), 0);
}

TEST(RolloutFaults, BadEngineParamsAreRefused) {
  EXPECT_CONTAINS(RolloutEngine::create({.inference_threads = -1}).error().message, "inference_threads -1");
  EXPECT_CONTAINS(RolloutEngine::create({.max_batch = 0}).error().message, "max_batch 0");
  EXPECT_CONTAINS(RolloutEngine::create({.recent_states = 0}).error().message, "recent_states >= 1");
  EXPECT_CONTAINS(RolloutEngine::create({.max_checkpoints = 1}).error().message, "max_checkpoints >= 2");
}

}  // namespace
}  // namespace wv::model::testing
