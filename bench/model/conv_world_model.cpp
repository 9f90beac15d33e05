// A synthetic latent world model for benchmarks (~5 ms per frame on one core here): a 16x16x32
// latent stepped by three 3x3 convs
// (with the prompt as a per-channel bias and the noise as extra channels), decoded to 64x64 RGB by
// upsampling and two convs. Random fixed weights: the pictures mean nothing, the cost does.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/TensorOperators.h>
#include <ATen/core/Tensor.h>
#include <ATen/ops/cat.h>
#include <ATen/ops/conv2d.h>
#include <ATen/ops/randn.h>
#include <ATen/ops/relu.h>
#include <ATen/ops/sigmoid.h>
#include <ATen/ops/tanh.h>
#include <ATen/ops/upsample_nearest2d.h>
#include <ATen/ops/zeros.h>

#include <cmath>
#include <string>

#include "bench_model.h"
#include "model/world_model.h"

namespace wv::model {
namespace {

constexpr int64_t kLatent = 32, kNoise = 8, kHidden = 96, kSide = 16, kDecoded = 48;

class ConvWorldModel final : public WorldModel {
 public:
  ConvWorldModel() {
    info_.name = "bench-conv";
    info_.width = info_.height = int32_t(kSide * 4);
    info_.fps = 24.0;
    info_.context_frames = 1;
    info_.supports_batching = true;
    info_.init_noise_shape = {kLatent, kSide, kSide};
    info_.step_noise_shape = {kNoise, kSide, kSide};
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(7);
    auto weight = [&](int64_t out, int64_t in) { return at::randn({out, in, 3, 3}, gen) * (1.0 / (3.0 * std::sqrt(double(in)))); };
    w1_ = weight(kHidden, kLatent + kNoise);
    w2_ = weight(kHidden, kHidden);
    w3_ = weight(kLatent, kHidden);
    d1_ = weight(kDecoded, kLatent);
    d2_ = weight(3, kDecoded);
  }

  const ModelInfo& info() const override { return info_; }

  EncodedPrompt encode_prompt(std::string_view text) override {
    EncodedPrompt p;
    p.embedding = at::zeros({1, kLatent});
    for (size_t i = 0; i < text.size(); ++i) p.embedding[0][int64_t(i % kLatent)] += float(uint8_t(text[i])) / 255.f;
    return p;
  }

  ModelOutput init(const InitInput& in) override {
    const at::Tensor latent = at::tanh(in.noise + bias(in.prompt));
    return {{latent}, decode(latent)};
  }

  ModelOutput step(const StepInput& in) override {
    at::Tensor x = at::cat({in.state[0] + bias(in.prompt), in.noise}, 1);
    x = at::relu(at::conv2d(x, w1_, {}, 1, 1));
    x = at::relu(at::conv2d(x, w2_, {}, 1, 1));
    const at::Tensor latent = at::tanh(in.state[0] * 0.5 + at::conv2d(x, w3_, {}, 1, 1));
    return {{latent}, decode(latent)};
  }

 private:
  static at::Tensor bias(const at::Tensor& prompt) { return prompt.unsqueeze(2).unsqueeze(3); }

  at::Tensor decode(const at::Tensor& latent) const {
    at::Tensor x = at::upsample_nearest2d(latent, {kSide * 4, kSide * 4});
    x = at::relu(at::conv2d(x, d1_, {}, 1, 1));
    return at::sigmoid(at::conv2d(x, d2_, {}, 1, 1));
  }

  ModelInfo info_;
  at::Tensor w1_, w2_, w3_, d1_, d2_;
};

}  // namespace

std::shared_ptr<WorldModel> make_bench_model() { return std::make_shared<ConvWorldModel>(); }

}  // namespace wv::model
