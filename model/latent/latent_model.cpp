// The latent world model behind model::WorldModel, and its weights files.
#include "model/latent/latent_model.h"

#include <torch/torch.h>

#include <stdexcept>

#include "model/latent/networks.h"
#include "model/world_model.h"

namespace wv::model::latent {
namespace {

constexpr const char* kFormat = "worldview-latent-v1";

std::string shape_text(const at::Tensor& t) {
  std::string s = "[";
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
  return s + "]";
}

// Inputs come from the engine; a wrong shape is a caller bug, reported with what was expected.
void require(const at::Tensor& t, const char* what, std::vector<int64_t> shape_without_batch, int64_t batch) {
  shape_without_batch.insert(shape_without_batch.begin(), batch);
  if (!t.defined() || t.sizes().vec() != shape_without_batch || t.scalar_type() != at::kFloat) {
    std::string want = "[";
    for (size_t i = 0; i < shape_without_batch.size(); ++i) want += (i ? ", " : "") + std::to_string(shape_without_batch[i]);
    throw std::invalid_argument(std::string("toyworld-latent: ") + what + " must be float " + want + "], got " +
                                (t.defined() ? shape_text(t) : std::string("nothing")));
  }
}

class LatentWorldModel final : public WorldModel {
 public:
  LatentWorldModel(LatentNets nets, const LatentConfig& c, Vocabulary vocabulary, std::string name)
      : nets_(std::move(nets)), config_(c), vocabulary_(std::move(vocabulary)) {
    nets_->eval();
    const int64_t s = c.latent_size();
    info_.name = std::move(name);
    info_.width = info_.height = c.frame_size;
    info_.fps = c.fps;
    info_.context_frames = 2;
    info_.action_dim = c.action_dim;
    info_.supports_batching = true;
    info_.accepts_start_image = true;
    info_.init_noise_shape = {2 * c.latent_channels, s, s};
    info_.step_noise_shape = c.dynamics_flow_steps > 0 ? std::vector<int64_t>{c.latent_channels, s, s} : std::vector<int64_t>{0};
  }

  const ModelInfo& info() const override { return info_; }

  EncodedPrompt encode_prompt(std::string_view text) override {
    torch::NoGradGuard no_grad;
    TokenBatch tokens = tokens_for(vocabulary_, {std::string(text)});
    return {nets_->text->forward(tokens.ids, tokens.mask), std::move(tokens.unknown_words[0])};
  }

  ModelOutput init(const InitInput& in) override {
    torch::NoGradGuard no_grad;
    const int64_t b = in.noise.defined() ? in.noise.size(0) : 0;
    require(in.noise, "init noise", info_.init_noise_shape, b);
    require(in.prompt, "prompt", {config_.text_width}, b);
    at::Tensor start_latent;
    if (in.start_image.defined()) {
      require(in.start_image, "start image", {3, config_.frame_size, config_.frame_size}, b);
      const at::Tensor image = in.start_image.clamp(0.0, 1.0);
      start_latent = nets_->encoder->forward(
          config_.palette_size > 0 ? palette_distribution(image, nets_->decoder->palette) : image);
    }
    const at::Tensor x = sample_start(*nets_, in.prompt, in.noise, start_latent, config_.prior_steps, config_.prior_guidance);
    const int64_t c = config_.latent_channels;
    const at::Tensor prev = x.narrow(1, 0, c).contiguous();
    const Drawn cur = draw(*nets_, config_, x.narrow(1, c, c).contiguous());
    // A palette model continues from frames, the one before frame 0 too; an RGB model from its
    // latents as sampled (no decode of a frame nobody sees).
    const at::Tensor prev_state = config_.palette_size > 0 ? draw(*nets_, config_, prev).latent : prev;
    return {{prev_state, cur.latent}, cur.frame};
  }

  ModelOutput step(const StepInput& in) override {
    torch::NoGradGuard no_grad;
    if (in.state.size() != 2) throw std::invalid_argument("toyworld-latent: state must hold 2 tensors (the last two latents)");
    const int64_t s = config_.latent_size(), c = config_.latent_channels;
    const int64_t b = in.state[1].defined() ? in.state[1].size(0) : 0;
    require(in.state[0], "state[0]", {c, s, s}, b);
    require(in.state[1], "state[1]", {c, s, s}, b);
    require(in.prompt, "prompt", {config_.text_width}, b);
    at::Tensor action;
    if (config_.action_dim > 0) {
      // An absent action means "no push", so an engine without action input still works.
      action = in.action.defined() ? in.action : torch::zeros({b, config_.action_dim});
      require(action, "action", {config_.action_dim}, b);
    }
    if (config_.dynamics_flow_steps > 0) require(in.noise, "step noise", info_.step_noise_shape, b);
    Drawn next = draw(*nets_, config_, next_latent(*nets_, config_, in.state[0], in.state[1], in.prompt, action, in.noise));
    return {{in.state[1], next.latent}, next.frame};
  }

 private:
  LatentNets nets_;
  LatentConfig config_;
  Vocabulary vocabulary_;
  ModelInfo info_;
};

}  // namespace

Status save_latent_weights(const std::string& path, LatentNetsImpl& nets, const LatentConfig& c,
                           const Vocabulary& vocabulary, const std::string& name,
                           const std::map<std::string, std::string>& extra) {
  NamedTensors tensors;
  for (const auto& p : nets.named_parameters()) tensors[p.key()] = p.value().detach();
  std::map<std::string, std::string> metadata = to_metadata(c);
  metadata["format"] = kFormat;
  metadata["latent.name"] = name;
  metadata["latent.vocabulary"] = vocabulary.to_metadata();
  for (const auto& [k, v] : extra) metadata[k] = v;
  return save_tensors(path, tensors, metadata);
}

Result<LoadedNets> load_latent_weights(const std::string& path) {
  Result<WeightsFile> file = load_weights(path);
  if (!file) return file.error();
  const auto& meta = file->metadata;
  if (auto f = meta.find("format"); f == meta.end() || f->second != kFormat) {
    return Error{path + ": not a toyworld-latent weights file (metadata 'format' is " +
                 (f == meta.end() ? std::string("missing") : "\"" + f->second + "\"") + ", expected \"" + kFormat + "\")"};
  }
  Result<LatentConfig> config = config_from_metadata(meta, path);
  if (!config) return config.error();
  auto words = meta.find("latent.vocabulary");
  if (words == meta.end()) return Error{path + ": metadata 'latent.vocabulary' is missing"};
  Result<Vocabulary> vocabulary = Vocabulary::from_metadata(words->second, path);
  if (!vocabulary) return vocabulary.error();
  auto name = meta.find("latent.name");
  if (name == meta.end() || name->second.empty()) return Error{path + ": metadata 'latent.name' is missing"};

  try {
    const std::vector<TensorSpec> specs = tensor_specs(*config, vocabulary->size());
    if (Status s = check_tensors(*file, specs); !s) return s.error();
    Result<NamedTensors> tensors = to_tensors(*file);
    if (!tensors) return tensors.error();
    LatentNets nets(*config, vocabulary->size());
    torch::NoGradGuard no_grad;
    for (auto& p : nets->named_parameters()) p.value().copy_(tensors->at(p.key()));
    for (const auto& p : nets->parameters()) {
      if (!torch::isfinite(p).all().item<bool>()) return Error{path + ": a tensor holds NaN or infinity"};
    }
    return LoadedNets{nets, *config, std::move(*vocabulary), name->second, std::move(*file)};
  } catch (const std::exception& e) {  // Torch errors stop at the model/ boundary
    return Error{path + ": could not build the model: " + e.what()};
  }
}

std::shared_ptr<WorldModel> make_latent_model(LatentNets nets, const LatentConfig& c, Vocabulary vocabulary,
                                              std::string name) {
  return std::make_shared<LatentWorldModel>(std::move(nets), c, std::move(vocabulary), std::move(name));
}

Result<std::shared_ptr<WorldModel>> load_latent_model(const std::string& path) {
  Result<LoadedNets> loaded = load_latent_weights(path);
  if (!loaded) return loaded.error();
  return make_latent_model(loaded->nets, loaded->config, std::move(loaded->vocabulary), loaded->name);
}

}  // namespace wv::model::latent
