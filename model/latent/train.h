// model/latent/train.h — trains the latent world model on toyworld episodes (`worldview train`).
// No LibTorch in this header: app/ calls it and gets losses and sample frames back as std/wv types.
//
//   wv::model::latent::TrainConfig cfg;
//   cfg.out_dir = "out/train"; cfg.steps = 6000; cfg.seed = 1;
//   auto r = wv::model::latent::train(cfg, [](const TrainProgress& p) { print(p); });
//   if (!r) { wv::log_error(r.error().message); return 1; }
//   // out/train/model.safetensors, r->loss_history, r->samples (one row of frames per prompt)
//
// Deterministic from the seed: each step's data and noise come from (seed, step), so a run that
// was killed and resumed from its checkpoint continues exactly as an uninterrupted one would (same
// thread count). Checkpoints (out_dir/checkpoint.safetensors: weights, optimizer state, loss
// history) are written atomically every checkpoint_every steps and at the end.
// Threads: call model::configure_threads first; train() does not change them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/latent/episodes.h"
#include "model/latent/latent_config.h"
#include "model/latent/samples.h"
#include "wv/result.h"

namespace wv::model::latent {

struct TrainConfig {
  std::string out_dir = "out/train";
  std::string name = "toyworld-latent-v1";
  int64_t steps = 6000;
  uint64_t seed = 1;
  bool resume = false;             // continue from out_dir/checkpoint.safetensors
  // Start from these weights (a model.safetensors: its config and vocabulary) instead of random
  // ones; model.prior_steps and model.prior_guidance (sampler settings) still come from `model`,
  // and so do model.dynamics_flow_steps and dynamics_flow_noise: where the steps differ from the
  // file's, the dynamics start fresh (the rest is kept).
  std::string init_from;
  LatentConfig model;              // ignored on resume: the checkpoint's config is used
  ClipParams clips;
  double learning_rate = 1e-3;     // peak; warm-up over min(100, steps/10) steps, cosine to 10%
  double context_noise = 0.1;      // std of noise on the context latents (robust rollouts)
  double latent_noise = 0.1;       // std of noise on latents the decoder learns from
  // The defaults are the recipe of the shipped weights (MODEL_CARD.md); the rest is opt-in.
  int32_t prior_draws = 1;         // flow times and noises per start (prior loss variance)
  double prompt_dropout = 0.0;     // prior samples trained with the zero prompt (for guidance)
  double prior_weight = 0.5;
  // Latent cells with an object in the start frames count 1 + this in the prior's loss.
  double prior_object_weight = 0.0;
  // Predicted latents are pulled toward encode(decode(them)) (no gradient through that target),
  // so open-loop rollouts stay where the decoder draws clean frames.
  double consistency_weight = 0.0;
  // Flow dynamics: latent cells an object leaves or reaches count 1 + this in the flow loss, so
  // the few cells where the world changes are not drowned by the empty room.
  double flow_object_weight = 0.0;
  // Flow dynamics learn from the true context (plus one context_noise draw shared by its two
  // frames) instead of walking on open loop through their own draws.
  bool flow_teacher_forcing = false;
  // A palette model (LatentConfig::palette_size): frames are labelled with training_palette()
  // and the model draws with it. Ignored on resume and with init_from (their config decides).
  bool palette = false;
  // Only these parts learn ("text", "encoder", "decoder", "prior", "dynamics"); empty: all. The
  // others keep their weights (e.g. new dynamics on top of a trained autoencoder and prior, whose
  // latent space and draws then stay as they were).
  std::vector<std::string> train_only;
  int64_t checkpoint_every = 200;
  int64_t progress_every = 10;
  int32_t vocabulary_texts = 4000; // training texts the vocabulary is built from
  std::vector<SampleSpec> samples = default_samples();
  int32_t sample_frames = 48;

  static std::vector<SampleSpec> default_samples();
};

struct TrainProgress {
  int64_t step = 0, steps = 0;
  double loss = 0.0;                       // mean over the last progress_every steps
  double recon = 0.0, dynamics = 0.0, prior = 0.0;  // its parts (weighted)
  double steps_per_s = 0.0, eta_s = 0.0;
};

struct TrainResult {
  std::string weights_path;          // out_dir/model.safetensors
  std::string sha256;                // of that file
  int64_t parameters = 0;
  std::vector<float> loss_history;   // one total loss per step, from step 1
  std::vector<SampleRollout> samples;  // rolled out by the saved model, loaded back
  double seconds = 0.0;              // this run's training time
};

Result<TrainResult> train(const TrainConfig& config, const std::function<void(const TrainProgress&)>& progress);

}  // namespace wv::model::latent
