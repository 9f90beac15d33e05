// model/world_model.h — the world-model contract: the rollout engine's only view of a model
// (DESIGN.md §5). The built-in model and external TorchScript models both implement it; the
// full contract, as a model author sees it, is docs/model-contract.md.
//
//   std::unique_ptr<WorldModel> m = ...;
//   EncodedPrompt p = m->encode_prompt("three red balls in a dark room");
//   if (!p.unknown_words.empty()) show(p.unknown_words);        // never dropped silently
//   at::Tensor noise = at::randn(batched(m->info().init_noise_shape, 1), generator);
//   ModelOutput out = m->init({.prompt = p.embedding, .noise = noise});  // frame 0
//   ... ModelOutput next = m->step({.state = out.state, .prompt = ..., .action = ..., .noise = ...});
//
// Batching: every tensor has a leading batch dimension B, also when B is 1. State tensors are
// stacked along dim 0 by the engine (at::cat) and split back (narrow), so rollouts of one model
// can share a forward pass when info().supports_batching; otherwise the engine calls with B = 1.
//
// Randomness: a model never draws random numbers itself. The engine draws `noise` of the shape
// the model declares from a generator seeded by (the rollout's seed, the frame index) alone
// (model/frame_noise.h) and hands it over, which is what makes rollouts deterministic,
// branchable and exactly regenerable from any saved state.
//
// Devices: inputs arrive on info().device; outputs stay there. The engine copies frames to the
// host once, for display.
//
// Faults: a model may throw (std::exception or c10::Error); the engine fails only the rollouts
// of that call. Thread-safety: the engine calls one model from one thread at a time.
//
// Only model/ .cpp files include this header (it pulls in ATen's Tensor); everything outside
// model/ talks to the engine through model/rollout_engine.h.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wv::model {

struct ModelInfo {
  std::string name;             // e.g. "toyworld-latent-v1"
  int32_t width = 0;            // frame size in pixels
  int32_t height = 0;
  double fps = 24.0;            // the rate the model was trained to produce frames at
  int32_t context_frames = 2;   // frames of history its state summarizes (≥ 1)
  int32_t action_dim = 0;       // floats per action; 0: the model takes no actions
  bool supports_batching = false;
  bool accepts_start_image = false;
  // Per-rollout shapes, without the batch dimension.
  std::vector<int64_t> init_noise_shape;
  std::vector<int64_t> step_noise_shape;
  std::string device = "cpu";   // where its tensors live ("cpu", "cuda:0")
};

struct EncodedPrompt {
  at::Tensor embedding;                    // [1, ...], model-defined
  std::vector<std::string> unknown_words;  // words the model's vocabulary lacks, as written
};

struct InitInput {
  at::Tensor prompt;       // [B, ...] embeddings from encode_prompt, concatenated
  at::Tensor noise;        // [B, init_noise_shape...]
  at::Tensor start_image;  // undefined, or [B, 3, H, W] float in [0, 1] when accepts_start_image
};

struct StepInput {
  std::vector<at::Tensor> state;  // from the previous init/step, each [B, ...]
  at::Tensor prompt;              // [B, ...] the prompt in force at the frame being made
  at::Tensor action;              // [B, action_dim]; undefined when action_dim is 0
  at::Tensor noise;               // [B, step_noise_shape...]
};

struct ModelOutput {
  std::vector<at::Tensor> state;  // everything the next step needs, each [B, ...]
  at::Tensor frame;               // [B, 3, H, W] float, sRGB-encoded values in [0, 1]
};

class WorldModel {
 public:
  virtual ~WorldModel() = default;

  virtual const ModelInfo& info() const = 0;

  // Text to the model's prompt embedding. Throws only on a broken model, never on odd text:
  // words it does not know are reported in unknown_words.
  virtual EncodedPrompt encode_prompt(std::string_view text) = 0;

  // The first frame of a world and the state after it: generated from the prompt and the
  // noise, or taken from start_image.
  virtual ModelOutput init(const InitInput& in) = 0;

  // The next frame and state.
  virtual ModelOutput step(const StepInput& in) = 0;
};

}  // namespace wv::model
