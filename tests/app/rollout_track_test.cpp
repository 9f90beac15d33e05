// A branched rollout saved in a workspace replays exactly: the engine's branch, written with
// branch_source and workspace_to_json, read back and opened with rollout_track, gives the same
// frames (the fake model's frames show the prompt, the frame index and every noise drawn).
#include <gtest/gtest.h>

#include "app/rollout_track.h"
#include "app/workspace/workspace.h"
#include "tests/model/engine_test_util.h"

namespace wv::app {
namespace {

using namespace wv::model::testing;
using wv::model::RolloutParams;

constexpr wv::model::EngineParams kUnbatched{.inference_threads = 0, .max_batch = 1};
constexpr double kFps = kFakeFps;

// The source as a workspace file would hold it, through the file format and back.
RolloutSourceSpec saved_and_loaded(const RolloutSourceSpec& spec) {
  Workspace ws;
  PanelSpec panel;
  panel.source.kind = SourceSpec::Kind::Rollout;
  panel.source.rollout = spec;
  ws.panels = {panel};
  auto loaded = parse_workspace(workspace_to_json(ws), "branch.wv.json");
  EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().message);
  return loaded ? loaded->panels.at(0).source.rollout : RolloutSourceSpec{};
}

RolloutParams params_of(const FakeModel& fake, const RolloutSourceSpec& spec) {
  RolloutTrack track = rollout_track(spec, kFps);
  RolloutParams p;
  p.model = fake.model;
  p.seed = spec.seed;
  p.prompt_track = std::move(track.prompts);
  p.seed_changes = std::move(track.seed_changes);
  return p;
}

// Frames [from, from + n) of the source opened on its own.
std::vector<FramePtr> replay(const FakeModel& fake, const RolloutSourceSpec& spec, size_t from, size_t n) {
  auto engine = manual_engine(kUnbatched);
  auto rollout = start(*engine, params_of(fake, spec));
  auto frames = collect(*engine, *rollout, from + n);
  return {frames.begin() + std::ptrdiff_t(from), frames.end()};
}

RolloutSourceSpec parent_spec() {
  // Events at frames 3 and 9 (1 frame = 0.1 s).
  return RolloutSourceSpec{.model = "fake", .prompt = "red", .seed = 7, .events = {{0.3, "wind"}, {0.9, "rain"}}};
}

TEST(RolloutBranchSaved, ABranchWithANewPromptAndSeedReplaysFromTheFile) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine(kUnbatched);
  const RolloutSourceSpec parent = parent_spec();
  auto rollout = start(*engine, params_of(fake, parent));
  (void)collect(*engine, *rollout, 12);
  auto branch = rollout->branch(6, {.prompt = "green", .seed = 99});
  ASSERT_TRUE(branch) << branch.error().message;
  const auto branch_frames = collect(*engine, **branch, 8);
  ASSERT_EQ(branch_frames.front()->index, 6);

  const RolloutSourceSpec saved = saved_and_loaded(branch_source(parent, 6, "green", 99, kFps));
  ASSERT_EQ(saved.branches.size(), 1u);
  EXPECT_EQ(saved.events.size(), 1u);  // the event at frame 9 was the parent's future
  expect_same_frames(replay(fake, saved, 6, 8), branch_frames);
  // The frames before the branch are the parent's, event at frame 3 included.
  expect_same_frames(replay(fake, saved, 0, 6), replay(fake, parent, 0, 6));
  EXPECT_FALSE(same_pixels(*branch_frames[0], *replay(fake, parent, 6, 1)[0]));
}

TEST(RolloutBranchSaved, ASeedOnlyBranchKeepsTheParentsLaterEventsAsTheEngineDoes) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine(kUnbatched);
  const RolloutSourceSpec parent = parent_spec();
  auto rollout = start(*engine, params_of(fake, parent));
  (void)collect(*engine, *rollout, 4);
  auto branch = rollout->branch(5, {.seed = 3});
  ASSERT_TRUE(branch) << branch.error().message;
  const auto branch_frames = collect(*engine, **branch, 8);  // frames 5..12: the event at 9 shows

  const RolloutSourceSpec saved = saved_and_loaded(branch_source(parent, 5, std::nullopt, 3, kFps));
  EXPECT_EQ(saved.events.size(), 2u);
  expect_same_frames(replay(fake, saved, 5, 8), branch_frames);
}

TEST(RolloutBranchSaved, ABranchOfABranchReplaysFromTheFile) {
  const FakeModel fake = make_fake_model();
  auto engine = manual_engine(kUnbatched);
  const RolloutSourceSpec parent = parent_spec();
  auto rollout = start(*engine, params_of(fake, parent));
  (void)collect(*engine, *rollout, 6);
  auto first = rollout->branch(4, {.prompt = "green", .seed = 11});
  ASSERT_TRUE(first) << first.error().message;
  (void)collect(*engine, **first, 6);
  auto second = (*first)->branch(7, {.seed = 12});
  ASSERT_TRUE(second) << second.error().message;
  const auto second_frames = collect(*engine, **second, 6);

  const RolloutSourceSpec first_saved = branch_source(parent, 4, "green", 11, kFps);
  const RolloutSourceSpec saved = saved_and_loaded(branch_source(first_saved, 7, std::nullopt, 12, kFps));
  ASSERT_EQ(saved.branches.size(), 2u);
  expect_same_frames(replay(fake, saved, 7, 6), second_frames);
  // The engine's own record of the branch agrees with the file's tracks.
  const RolloutTrack track = rollout_track(saved, kFps);
  const wv::model::RolloutStatus status = (*second)->status();
  ASSERT_EQ(track.prompts.size(), status.prompt_track.size());
  for (size_t i = 0; i < track.prompts.size(); ++i) {
    EXPECT_EQ(track.prompts[i].frame, status.prompt_track[i].frame);
    EXPECT_EQ(track.prompts[i].text, status.prompt_track[i].text);
  }
  ASSERT_EQ(track.seed_changes.size() + 1, status.seed_track.size());  // the engine's starts at frame 0
  for (size_t i = 0; i < track.seed_changes.size(); ++i) {
    EXPECT_EQ(track.seed_changes[i].frame, status.seed_track[i + 1].frame);
    EXPECT_EQ(track.seed_changes[i].seed, status.seed_track[i + 1].seed);
  }
}

TEST(RolloutTrack, EventsBuildOnThePromptInForceAndABranchComesFirstAtItsFrame) {
  RolloutSourceSpec spec = parent_spec();
  spec.branches = {{.frame = 3, .prompt = "blue", .seed = std::nullopt}, {.frame = 5, .prompt = std::nullopt, .seed = 4}};
  const RolloutTrack t = rollout_track(spec, kFps);
  ASSERT_EQ(t.prompts.size(), 3u);
  EXPECT_EQ(t.prompts[0].text, "red");
  EXPECT_EQ(t.prompts[1].frame, 3);  // the branch, then the event at its frame, which wins
  EXPECT_EQ(t.prompts[1].text, "blue. wind");
  EXPECT_EQ(t.prompts[2].frame, 9);
  EXPECT_EQ(t.prompts[2].text, "blue. rain");
  ASSERT_EQ(t.seed_changes.size(), 1u);
  EXPECT_EQ(t.seed_changes[0].frame, 5);
  EXPECT_EQ(t.seed_changes[0].seed, 4u);
}

}  // namespace
}  // namespace wv::app
