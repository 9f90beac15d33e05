// The shipped built-in model (assets/models/toyworld-latent-v1) evaluated on a small fixed set:
// its recorded figures are thresholds, so a regression in the model, the engine or the
// evaluation fails here. The full evaluation (`worldview eval`, 1000 frames) is in the model card.
#include <gtest/gtest.h>

#include <cstdio>

#include "model/eval/evaluate.h"
#include "model/latent/latent_model.h"

namespace wv::eval {
namespace {

TEST(ShippedModel, KeepsItsRecordedEvaluationFigures) {
  auto model = model::latent::load_latent_model(WV_SOURCE_DIR "/assets/models/toyworld-latent-v1/model.safetensors");
  ASSERT_TRUE(model) << model.error().message;
  EvalParams p;
  p.prompts = {"three red balls in a dark blue room", "a yellow box and two green balls in a black room",
               "one big white ball in a grey room", "four orange balls in a brown room"};
  p.seeds_per_prompt = 2;
  p.frames = 64;
  auto r = evaluate(*model, p);
  ASSERT_TRUE(r) << r.error().message;
  std::printf("room %.3f count %.3f colors %.3f events %.3f psnr gain %.2f dB distinct %.3f sharpness@63 %.2f\n",
              r->background_match, r->count_match, r->colors_match, r->events_obeyed, r->psnr_gain_at_32,
              r->distinct_seed_pairs, r->horizons.back().sharpness);
  // Measured on the shipped weights: room 1.000, distinct seed pairs 1.000, PSNR gain at frame 32
  // 1.65 dB, sharpness at frame 63 1.70 (count 0.125, colors 0, events 0: too few to guard).
  EXPECT_GE(r->background_match, 0.9);
  EXPECT_GE(r->distinct_seed_pairs, 0.9);
  EXPECT_GE(r->psnr_gain_at_32, 1.0);
  EXPECT_GE(r->horizons.back().sharpness, 1.2);
}

}  // namespace
}  // namespace wv::eval
