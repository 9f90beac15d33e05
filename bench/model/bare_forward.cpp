// The model stepped directly, with the same inputs the engine would build, to time it alone.
#include <ATen/core/Tensor.h>
#include <ATen/ops/cat.h>
#include <ATen/ops/randn.h>
#include <c10/core/InferenceMode.h>

#include <chrono>

#include "bench_model.h"
#include "model/world_model.h"

namespace wv::model {

namespace {
std::vector<int64_t> batched(int64_t batch, const std::vector<int64_t>& shape) {
  std::vector<int64_t> out{batch};
  out.insert(out.end(), shape.begin(), shape.end());
  return out;
}
}  // namespace

double bare_step_ms(WorldModel& model, int64_t batch, int iterations) {
  c10::InferenceMode inference;
  const ModelInfo& info = model.info();
  at::Tensor prompt = model.encode_prompt("a bare forward pass").embedding;
  prompt = at::cat(std::vector<at::Tensor>(size_t(batch), prompt), 0);
  ModelOutput out = model.init({.prompt = prompt, .noise = at::randn(batched(batch, info.init_noise_shape))});
  const at::Tensor noise = at::randn(batched(batch, info.step_noise_shape));
  for (int i = 0; i < 3; ++i) out = model.step({.state = out.state, .prompt = prompt, .noise = noise});  // warm-up
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) out = model.step({.state = out.state, .prompt = prompt, .noise = noise});
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / iterations;
}

}  // namespace wv::model
