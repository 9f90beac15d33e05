#include "fake_world_model.h"

#include <ATen/TensorOperators.h>
#include <ATen/core/Tensor.h>
#include <ATen/ops/cat.h>
#include <ATen/ops/full.h>
#include <ATen/ops/zeros.h>

#include <sstream>
#include <stdexcept>
#include <string>

#include "model/world_model.h"

namespace wv::model::testing {

namespace {

constexpr int64_t kNoise = 4;

class FakeWorldModel final : public WorldModel {
 public:
  FakeWorldModel(const FakeModelOptions& options, std::shared_ptr<FakeModelCounters> counters)
      : options_(options), counters_(std::move(counters)) {
    info_.name = "fake";
    info_.width = kFakeSide;
    info_.height = kFakeSide;
    info_.fps = kFakeFps;
    info_.context_frames = 1;
    info_.action_dim = options.action_dim;
    info_.supports_batching = options.batching;
    info_.accepts_start_image = options.start_image;
    info_.init_noise_shape = {kNoise};
    info_.step_noise_shape = {kNoise};
  }

  const ModelInfo& info() const override { return info_; }

  EncodedPrompt encode_prompt(std::string_view text) override {
    ++counters_->encode_calls;
    EncodedPrompt p;
    // [1, 2]: prompt id, and 1 when the prompt says "explode".
    const float explode = text.find("explode") != std::string_view::npos ? 1.f : 0.f;
    p.embedding = at::zeros({1, 2});
    p.embedding[0][0] = float(fake_prompt_id(text));
    p.embedding[0][1] = explode;
    std::istringstream words{std::string(text)};
    for (std::string w; words >> w;) {
      if (w.rfind("zz", 0) == 0) p.unknown_words.push_back(w);
    }
    return p;
  }

  ModelOutput init(const InitInput& in) override {
    ++counters_->init_calls;
    record(in.noise.size(0));
    const at::Tensor index = at::zeros({in.noise.size(0), 1});
    const at::Tensor acc = noise_sum(in.noise).tanh();
    ModelOutput out;
    out.state = {index, acc};
    out.frame = render(in.prompt, index, acc, in.noise, at::Tensor());
    if (in.start_image.defined()) out.frame = in.start_image.clone();
    return out;
  }

  ModelOutput step(const StepInput& in) override {
    ++counters_->step_calls;
    record(in.noise.size(0));
    const at::Tensor index = in.state[0] + 1;
    if (options_.throw_at_frame >= 0 && (index == float(options_.throw_at_frame)).any().item<bool>()) {
      throw std::runtime_error("fake model told to fail at frame " + std::to_string(options_.throw_at_frame));
    }
    if (in.prompt.select(1, 1).gt(0.5).any().item<bool>()) throw std::runtime_error("the prompt exploded");
    const at::Tensor acc = (in.state[1] * 0.5 + noise_sum(in.noise) * 0.1).tanh();
    ModelOutput out;
    out.state = {index, acc};
    out.frame = render(in.prompt, index, acc, in.noise, in.action);
    if (options_.wrong_frame_shape) out.frame = out.frame.narrow(2, 0, kFakeSide / 2);
    return out;
  }

 private:
  // [B, 1]; added one column at a time, not reduced, so each row's sum is the same at any batch size.
  static at::Tensor noise_sum(const at::Tensor& noise) {
    at::Tensor sum = noise.narrow(1, 0, 1).clone();
    for (int64_t k = 1; k < kNoise; ++k) sum = sum + noise.narrow(1, k, 1);
    return sum;
  }

  void record(int64_t batch) {
    std::lock_guard lock(counters_->mutex);
    counters_->batch_sizes.push_back(batch);
  }

  // [B, 3, H, W] in [0, 1]; see the header for what each pixel says.
  static at::Tensor render(const at::Tensor& prompt, const at::Tensor& index, const at::Tensor& acc,
                           const at::Tensor& noise, const at::Tensor& action) {
    const int64_t batch = noise.size(0);
    at::Tensor frame = at::full({batch, 3, kFakeSide, kFakeSide}, 0.5);
    frame.select(3, 0).select(2, 0).select(1, 0).copy_(prompt.select(1, 0) / 255.0);
    frame.select(3, 0).select(2, 0).select(1, 1).copy_(index.squeeze(1).remainder(256) / 255.0);
    frame.select(3, 0).select(2, 0).select(1, 2).copy_((acc.squeeze(1) + 1.0) / 2.0);
    for (int64_t k = 0; k < kNoise; ++k) {
      frame.select(3, k + 1).select(2, 0).select(1, 0).copy_(noise.select(1, k).sigmoid());
    }
    if (action.defined()) frame.select(3, 0).select(2, 1).select(1, 0).copy_(action.select(1, 0) * 100.0 / 255.0);
    return frame;
  }

  ModelInfo info_;
  FakeModelOptions options_;
  std::shared_ptr<FakeModelCounters> counters_;
};

}  // namespace

uint8_t fake_prompt_id(std::string_view text) {
  uint32_t h = 2166136261u;
  for (char c : text) h = (h ^ uint8_t(c)) * 16777619u;
  return uint8_t(20 + h % 200);
}

FakeModel make_fake_model(const FakeModelOptions& options) {
  auto counters = std::make_shared<FakeModelCounters>();
  return {std::make_shared<FakeWorldModel>(options, counters), counters};
}

}  // namespace wv::model::testing
