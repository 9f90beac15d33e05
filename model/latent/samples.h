// model/latent/samples.h — rollouts of a saved latent model from (scene, event, seed) specs,
// as RGBA frames: what `worldview train` puts on its contact sheet. No LibTorch in this header.
//
//   auto rows = roll_out_samples("out/train/model.safetensors", {{"a red ball", "gravity flips", 16, 1}}, 48);
//   if (!rows) log_error(rows.error().message);
//
// Each rollout: init from the scene prompt and noise from the spec's seed, then steps with no
// push; from event_frame on the prompt is prompt_with_event(scene, event). Deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wv/frame.h"
#include "wv/result.h"

namespace wv::model::latent {

struct SampleSpec {
  std::string scene;
  std::string event;        // "" for none
  int32_t event_frame = 0;
  uint64_t seed = 1;
};

struct SampleRollout {
  std::string label;             // scene [+ " | frame N: event"] + " | seed S"
  std::vector<FramePtr> frames;  // RGBA, index i at pts i / fps
};

// Refuses a weights file as load_latent_model does; `frames` >= 1.
Result<std::vector<SampleRollout>> roll_out_samples(const std::string& weights, const std::vector<SampleSpec>& specs,
                                                    int32_t frames);

}  // namespace wv::model::latent
