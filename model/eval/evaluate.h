// model/eval/evaluate.h — `worldview eval`: scores a world model against toyworld's ground truth
// by looking at its frames only (the frame probe), next to the simulator's own score and a
// copy-last-frame baseline, so every figure can be read against what is possible.
//
//   EvalParams p;
//   p.prompts = {"three red balls in a dark blue room", ...};
//   Result<EvalReport> r = evaluate(model, p, [](const EvalProgress& s) { show(s); });
//
// Rollouts run through the rollout engine on the calling thread (no workers, batched), so an
// evaluation is deterministic and measures the path panels use. Scene prompts follow the
// toyworld text language; an event mid-rollout is steered in as "<scene>. <event>" (the
// built-in model's convention, model/latent/episodes.h). No LibTorch in this header.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "wv/result.h"

namespace wv::model {
class WorldModel;
}

namespace wv::eval {

struct EvalParams {
  std::vector<std::string> prompts;  // toyworld scene texts
  int32_t seeds_per_prompt = 4;
  int32_t frames = 1000;             // length of the stability rollouts (≥ 33)
  int32_t event_frame = 24;          // where events are steered in (≥ 2)
  int32_t event_window = 12;         // frames an event has to show
  std::vector<std::string> events = {"gravity flips", "the balls turn green",
                                     "wind blows from the left", "a blue ball appears",
                                     "everything freezes"};
  int32_t max_batch = 8;
  uint64_t seed = 1;                 // first seed; seed k of a prompt is seed + k
};

struct AtHorizon {
  int32_t frame = 0;
  double count_kept = 0.0;      // rollouts with as many objects as the prompt names
  double sharpness = 0.0;       // mean probe sharpness (truth's beside it)
  double sharpness_truth = 0.0;
  double psnr = 0.0;            // dB, started from true frame 0; -1 past the PSNR horizons
  double psnr_copy_last = 0.0;  // dB, true frame 0 against true frame h
  // Of the bounces off walls and collisions begun after the previous horizon up to this one, the
  // fraction shown; -1 where there was no case. Model and truth each in their own frames.
  double bounces = -1.0, bounces_truth = -1.0;
  double collisions = -1.0, collisions_truth = -1.0;
};

struct EventScore {
  std::string text;
  int32_t checkable = 0, obeyed = 0;  // episodes where the probe can see it; of those, shown
  double mean_frames = 0.0;           // frames until shown, over the obeyed
  int32_t truth_checkable = 0, truth_obeyed = 0;
};

struct EvalReport {
  std::string model_name;
  int32_t width = 0, height = 0;
  int32_t rollouts = 0;                  // prompt × seed
  double count_match = 0.0, colors_match = 0.0, background_match = 0.0;  // fractions, frame 0
  double gravity_agrees = 0.0, gravity_agrees_truth = 0.0;  // drift along gravity over 1 s
  // Wall approaches followed by a rebound and touching objects whose velocities change
  // (model/eval/contact_checks.h), over the stability rollouts. Cases are found in each side's
  // own frames, so a model showing no motion has none and scores 0.
  double bounces = 0.0, bounces_truth = 0.0;
  int32_t bounce_cases = 0, bounce_cases_truth = 0;
  double collisions = 0.0, collisions_truth = 0.0;
  int32_t collision_cases = 0, collision_cases_truth = 0;
  std::vector<EventScore> events;
  double events_obeyed = 0.0;            // over every checkable event episode
  double count_kept_at_end = 0.0;        // at frame `frames - 1`
  std::vector<AtHorizon> horizons;
  double psnr_gain_at_32 = 0.0;          // model minus copy-last, dB
  // Started from the true frame 0 (models that accept a start image; -1 otherwise): how often the
  // model's own frame 0 still shows the prompt's count and colors. A ceiling of prompt adherence
  // set by how the model draws frames (its decoder), apart from how it invents them.
  double start_image_count = -1.0, start_image_colors = -1.0;
  double diversity = 0.0;                // mean |difference| of frame 0 between seeds, 0..1
  double distinct_seed_pairs = 0.0;      // pairs of seeds whose frames 0 differ visibly
  double seconds = 0.0;                  // wall time of the evaluation
};

struct EvalProgress {
  std::string stage;   // "prompts", "events", "stability", "psnr"
  int64_t done = 0, total = 0;  // frames
};

// Errors: no prompts, a prompt the toyworld language refuses (named), out-of-range settings,
// a model whose frames are not at least 16×16, or rollouts that fail (the model's message).
Result<EvalReport> evaluate(const std::shared_ptr<model::WorldModel>& model, const EvalParams& params,
                            const std::function<void(const EvalProgress&)>& progress = {});

}  // namespace wv::eval
