#include "oracle_world_model.h"

#include <ATen/core/Tensor.h>
#include <ATen/ops/cat.h>
#include <ATen/ops/full.h>
#include <ATen/ops/tensor.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/tensor_frame.h"
#include "model/toyworld/raster.h"
#include "model/toyworld/text.h"
#include "model/world_model.h"

namespace wv::model::testing {
namespace {

constexpr double kFps = 30.0;

ModelInfo base_info(const char* name) {
  ModelInfo info;
  info.name = name;
  info.width = kOracleSide;
  info.height = kOracleSide;
  info.fps = kFps;
  info.context_frames = 1;
  info.supports_batching = true;
  info.init_noise_shape = {1};
  info.step_noise_shape = {0};
  return info;
}

class OracleModel final : public WorldModel {
 public:
  const ModelInfo& info() const override { return info_; }

  EncodedPrompt encode_prompt(std::string_view text) override {
    const std::string s(text);
    const size_t dot = s.find(". ");
    auto scene = toyworld::parse_scene(s.substr(0, dot));
    if (!scene) throw std::runtime_error("oracle: " + scene.error().message);
    Prompt p{scene->scene, {}};
    if (dot != std::string::npos) {
      auto event = toyworld::parse_event(s.substr(dot + 2));
      if (!event) throw std::runtime_error("oracle: " + event.error().message);
      p.event = event->event;
    }
    prompts_.push_back(p);
    return {at::full({1, 1}, double(prompts_.size() - 1)), scene->unknown_words};
  }

  ModelOutput init(const InitInput& in) override {
    std::vector<at::Tensor> ids, frames;
    for (int64_t b = 0; b < in.prompt.size(0); ++b) {
      const float n = in.noise[b][0].item<float>();
      uint32_t seed = 0;
      std::memcpy(&seed, &n, sizeof seed);
      const int64_t prompt = int64_t(in.prompt[b][0].item<double>());
      worlds_.push_back({toyworld::make_world(prompts_.at(size_t(prompt)).scene, seed, kOracleSide, kOracleSide), prompt});
      ids.push_back(at::full({1, 1}, double(worlds_.size() - 1)));
      frames.push_back(render(worlds_.back().world));
    }
    return {{at::cat(ids)}, at::cat(frames)};
  }

  ModelOutput step(const StepInput& in) override {
    std::vector<at::Tensor> ids, frames;
    for (int64_t b = 0; b < in.prompt.size(0); ++b) {
      Saved next = worlds_.at(size_t(in.state[0][b][0].item<double>()));
      const int64_t prompt = int64_t(in.prompt[b][0].item<double>());
      if (prompt != next.prompt) {
        if (const auto& event = prompts_.at(size_t(prompt)).event) toyworld::apply_event(next.world, *event);
        next.prompt = prompt;
      }
      toyworld::step_world(next.world, 1.0 / kFps);
      worlds_.push_back(next);
      ids.push_back(at::full({1, 1}, double(worlds_.size() - 1)));
      frames.push_back(render(next.world));
    }
    return {{at::cat(ids)}, at::cat(frames)};
  }

 private:
  struct Prompt {
    toyworld::Scene scene;
    std::optional<toyworld::Event> event;
  };
  struct Saved {
    toyworld::WorldState world;
    int64_t prompt = 0;  // the prompt in force when it was made
  };

  static at::Tensor render(const toyworld::WorldState& world) {
    auto f = make_frame(kOracleSide, kOracleSide, 0, 0.0);
    toyworld::render_world(world, *f);
    return from_frame(*f);
  }

  ModelInfo info_ = base_info("oracle");
  std::vector<Prompt> prompts_;
  std::vector<Saved> worlds_;  // append-only: a state tensor names one forever
};

class BlankModel final : public WorldModel {
 public:
  explicit BlankModel(bool echo_start_image) { info_.accepts_start_image = echo_start_image; }
  const ModelInfo& info() const override { return info_; }
  EncodedPrompt encode_prompt(std::string_view) override { return {at::full({1, 1}, 0.0), {}}; }
  ModelOutput init(const InitInput& in) override {
    ModelOutput out = grey(in.prompt.size(0));
    if (in.start_image.defined()) out.frame = in.start_image.clone();
    return out;
  }
  ModelOutput step(const StepInput& in) override { return grey(in.prompt.size(0)); }

 private:
  // 0.3 (77 of 255) is no palette color, so the frame shows no room either.
  static ModelOutput grey(int64_t batch) {
    return {{at::full({batch, 1}, 0.0)}, at::full({batch, 3, kOracleSide, kOracleSide}, 0.3)};
  }
  ModelInfo info_ = base_info("blank");
};

}  // namespace

std::shared_ptr<WorldModel> make_oracle_model() { return std::make_shared<OracleModel>(); }
std::shared_ptr<WorldModel> make_blank_model(bool echo_start_image) {
  return std::make_shared<BlankModel>(echo_start_image);
}

}  // namespace wv::model::testing
