// Sample rollouts of a saved model, for the contact sheet. ATen only (no torch::nn): cheap to compile.
#include "model/latent/samples.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include "model/latent/episodes.h"
#include "model/latent/latent_model.h"
#include "model/world_model.h"

namespace wv::model::latent {
namespace {

std::shared_ptr<Frame> to_frame(const at::Tensor& chw, int64_t index, double fps) {
  const at::Tensor u8 = (chw.clamp(0, 1) * 255).round().to(at::kByte).permute({1, 2, 0}).contiguous();
  auto f = make_frame(int32_t(u8.size(1)), int32_t(u8.size(0)), index, double(index) / fps);
  const uint8_t* src = u8.data_ptr<uint8_t>();
  for (int64_t i = 0; i < u8.size(0) * u8.size(1); ++i) {
    for (int c = 0; c < 3; ++c) f->pixels[size_t(i) * 4 + size_t(c)] = src[i * 3 + c];
    f->pixels[size_t(i) * 4 + 3] = 255;
  }
  return f;
}

std::vector<SampleRollout> roll_out(WorldModel& model, const std::vector<SampleSpec>& specs, int32_t frames) {
  const ModelInfo& info = model.info();
  std::vector<SampleRollout> rows;
  for (const SampleSpec& spec : specs) {
    SampleRollout row;
    row.label = spec.scene + (spec.event.empty() ? "" : " | frame " + std::to_string(spec.event_frame) + ": " + spec.event) +
                " | seed " + std::to_string(spec.seed);
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(spec.seed);
    auto noise = [&](const std::vector<int64_t>& shape) {
      std::vector<int64_t> batched = {1};
      batched.insert(batched.end(), shape.begin(), shape.end());
      return at::randn(batched, gen);
    };
    const at::Tensor scene = model.encode_prompt(spec.scene).embedding;
    const at::Tensor changed = spec.event.empty() ? scene : model.encode_prompt(prompt_with_event(spec.scene, spec.event)).embedding;
    ModelOutput out = model.init({.prompt = scene, .noise = noise(info.init_noise_shape), .start_image = {}});
    row.frames.push_back(to_frame(out.frame[0], 0, info.fps));
    for (int32_t i = 1; i < frames; ++i) {
      const bool after = !spec.event.empty() && i >= spec.event_frame;
      out = model.step({.state = out.state, .prompt = after ? changed : scene,
                        .action = at::zeros({1, info.action_dim}), .noise = noise(info.step_noise_shape)});
      row.frames.push_back(to_frame(out.frame[0], i, info.fps));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<std::vector<SampleRollout>> roll_out_samples(const std::string& weights, const std::vector<SampleSpec>& specs,
                                                    int32_t frames) {
  WV_ASSERT(frames >= 1);
  Result<std::shared_ptr<WorldModel>> loaded = load_latent_model(weights);
  if (!loaded) return loaded.error();
  try {
    return roll_out(**loaded, specs, frames);
  } catch (const std::exception& e) {  // Torch errors stop at the model/ boundary
    return Error{weights + ": sample rollout failed: " + e.what()};
  }
}

}  // namespace wv::model::latent
