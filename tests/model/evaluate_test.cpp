// `worldview eval`'s runner on models with known scores: an oracle that runs the simulator must
// score like the truth, a model that shows a grey frame must score nothing.
#include <gtest/gtest.h>

#include "model/eval/evaluate.h"
#include "oracle_world_model.h"

namespace wv::eval {
namespace {

EvalParams small_params() {
  EvalParams p;
  p.prompts = {"three red balls in a dark blue room", "a yellow box and two green balls in a black room",
               "two cyan balls and a pink box in a dark green room, gravity points left",
               "a purple box and a blue ball in a grey room, strong gravity pulls up"};
  p.seeds_per_prompt = 3;
  p.frames = 40;
  return p;
}

TEST(Evaluate, AnOracleRunningTheSimulatorScoresLikeTheTruth) {
  auto report = evaluate(model::testing::make_oracle_model(), small_params());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->rollouts, 12);
  EXPECT_GE(report->count_match, 0.9);
  EXPECT_GE(report->colors_match, 0.9);
  EXPECT_EQ(report->background_match, 1.0);
  EXPECT_EQ(report->start_image_count, -1.0) << "the oracle takes no start image";
  EXPECT_EQ(report->gravity_agrees, report->gravity_agrees_truth);
  // Bounces and collisions: found in the oracle's own worlds, shown about as often as in the
  // truth's (measured: bounces 29 of 32 against 38 of 38, collisions 9 of 9 and 8 of 8).
  ASSERT_GT(report->bounce_cases, 10);
  ASSERT_GT(report->bounce_cases_truth, 10);
  EXPECT_GE(report->bounces, 0.85);
  EXPECT_NEAR(report->bounces, report->bounces_truth, 0.15);
  ASSERT_GT(report->collision_cases, 0);
  ASSERT_GT(report->collision_cases_truth, 0);
  EXPECT_GE(report->collisions, 0.75);
  EXPECT_GE(report->collisions_truth, 0.75);
  ASSERT_EQ(report->events.size(), 5u);
  for (const EventScore& e : report->events) {
    // The oracle's worlds are the simulator's, with seeds of its own: the same kind of worlds.
    ASSERT_GT(e.checkable, 0) << e.text;
    ASSERT_GT(e.truth_checkable, 0) << e.text;
    EXPECT_NEAR(double(e.obeyed) / e.checkable, double(e.truth_obeyed) / e.truth_checkable, 0.25) << e.text;
  }
  EXPECT_GE(report->events_obeyed, 0.8);
  EXPECT_GE(report->count_kept_at_end, 0.8);
  EXPECT_EQ(report->distinct_seed_pairs, 1.0);
  ASSERT_FALSE(report->horizons.empty());
  EXPECT_EQ(report->horizons.back().frame, 39);
  EXPECT_NEAR(report->horizons.back().sharpness, report->horizons.back().sharpness_truth,
              0.1 * report->horizons.back().sharpness_truth);
  // Per horizon span; nothing can have begun by frame 1.
  bool span_with_bounces = false;
  for (const AtHorizon& h : report->horizons) span_with_bounces |= h.bounces >= 0.0 && h.bounces_truth >= 0.0;
  EXPECT_TRUE(span_with_bounces);
  EXPECT_EQ(report->horizons.front().bounces, -1.0);
}

TEST(Evaluate, AModelShowingNothingScoresNothing) {
  auto report = evaluate(model::testing::make_blank_model(), small_params());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->count_match, 0.0);
  EXPECT_EQ(report->background_match, 0.0);
  EXPECT_EQ(report->gravity_agrees, 0.0);
  EXPECT_GT(report->gravity_agrees_truth, 0.5);
  EXPECT_EQ(report->events_obeyed, 0.0);
  for (const EventScore& e : report->events) EXPECT_GT(e.checkable, 0) << e.text << " escaped the check";
  EXPECT_EQ(report->count_kept_at_end, 0.0);
  EXPECT_EQ(report->diversity, 0.0);
  // Nothing moves, so nothing bounces or collides, while the truth's worlds do both.
  EXPECT_EQ(report->bounces, 0.0);
  EXPECT_EQ(report->collisions, 0.0);
  EXPECT_GT(report->bounce_cases_truth, 10);
  EXPECT_GT(report->bounces_truth, 0.85);
  EXPECT_GT(report->collision_cases_truth, 0);
  for (const AtHorizon& h : report->horizons) EXPECT_EQ(h.bounces, -1.0) << h.frame;
}

// From the true frame 0: a model that shows its start image as it is reaches the ceiling of
// prompt adherence there, while what it invents on its own (a grey frame) still scores nothing.
TEST(Evaluate, AModelShowingItsStartImageScoresTheCeilingFromTheTrueStart) {
  auto report = evaluate(model::testing::make_blank_model(/*echo_start_image=*/true), small_params());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_GE(report->start_image_count, 0.9);
  EXPECT_GE(report->start_image_colors, 0.9);
  EXPECT_EQ(report->count_match, 0.0);
  EXPECT_EQ(report->colors_match, 0.0);
}

TEST(Evaluate, RefusesBadParametersNamingThem) {
  EvalParams p = small_params();
  p.prompts = {"three red balls in a black room", "a flying zebra in a dark room"};
  auto r = evaluate(model::testing::make_blank_model(), p);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("zebra"), std::string::npos) << r.error().message;
  p = small_params();
  p.frames = 5;
  EXPECT_FALSE(evaluate(model::testing::make_blank_model(), p));
  EXPECT_FALSE(evaluate(nullptr, small_params()));
}

}  // namespace
}  // namespace wv::eval
