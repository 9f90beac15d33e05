// The model stepped directly, with the same inputs the engine would build, to time it alone and
// to count its arithmetic.
#include <ATen/core/Tensor.h>
#include <ATen/ops/cat.h>
#include <ATen/ops/randn.h>
#include <ATen/ops/zeros.h>
#include <c10/core/InferenceMode.h>

#include <chrono>

#include "bench_model.h"
#include "model/flop_counter.h"
#include "model/world_model.h"

namespace wv::model {

namespace {
std::vector<int64_t> batched(int64_t batch, const std::vector<int64_t>& shape) {
  std::vector<int64_t> out{batch};
  out.insert(out.end(), shape.begin(), shape.end());
  return out;
}

// A model past init, ready to step at batch size `batch`.
struct Stepper {
  WorldModel& model;
  at::Tensor prompt, action, noise;
  ModelOutput out;

  Stepper(WorldModel& m, int64_t batch) : model(m) {
    const ModelInfo& info = model.info();
    prompt = model.encode_prompt("a bare forward pass").embedding;
    prompt = at::cat(std::vector<at::Tensor>(size_t(batch), prompt), 0);
    if (info.action_dim > 0) action = at::zeros({batch, info.action_dim});
    out = model.init({.prompt = prompt, .noise = at::randn(batched(batch, info.init_noise_shape))});
    noise = at::randn(batched(batch, info.step_noise_shape));
  }
  void step() { out = model.step({.state = out.state, .prompt = prompt, .action = action, .noise = noise}); }
};
}  // namespace

double bare_step_ms(WorldModel& model, int64_t batch, int iterations) {
  c10::InferenceMode inference;
  Stepper s(model, batch);
  for (int i = 0; i < 3; ++i) s.step();  // warm-up
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) s.step();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / iterations;
}

FlopTally step_flops_per_frame(WorldModel& model) {
  c10::InferenceMode inference;
  Stepper s(model, 1);
  s.step();  // a model may take another path on its first step (e.g. filling its context)
  FlopCounter counter;
  s.step();
  return counter.tally();
}

}  // namespace wv::model
