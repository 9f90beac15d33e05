// model/latent/networks.h — (internal to model/) the latent world model's networks, as LibTorch
// modules: prompt encoder, autoencoder, flow-matching prior over the first two latents, and the
// latent dynamics. Includes <torch/nn.h>: only the few model/latent .cpp files that build,
// train or run the networks include it (each such file costs ~25 s to compile).
//
//   LatentNets nets(config, vocabulary.size());
//   at::Tensor p = nets->text->forward(ids, mask);                   // [B, text_width]
//   at::Tensor z = nets->encoder->forward(frames);                   // [B, C, S, S], in [-1, 1]
//   at::Tensor start = sample_start(*nets, p, noise, {}, steps);     // [B, 2C, S, S]
//   at::Tensor next = nets->dynamics->forward(z_prev, z_cur, p, action);
//
// Every module is per-sample (no batch norm), so a rollout's result does not depend on what else
// is in its batch beyond floating-point rounding.
#pragma once

#include <torch/nn.h>

#include <memory>
#include <string>
#include <vector>

#include "model/latent/latent_config.h"
#include "model/latent/vocabulary.h"
#include "model/weights_tensors.h"
#include "wv/result.h"

namespace wv::model {
class WorldModel;
}

namespace wv::model::latent {

// Word embeddings with positions, two gated convolutions over the tokens, attention pooling.
struct TextEncoderImpl : torch::nn::Module {
  TextEncoderImpl(const LatentConfig& c, int32_t vocabulary_size);
  // ids [B, L] int64, mask [B, L] float (1 for tokens, 0 for padding) -> [B, text_width]
  at::Tensor forward(const at::Tensor& ids, const at::Tensor& mask);
  torch::nn::Embedding embed{nullptr}, position{nullptr};
  torch::nn::Conv1d conv1{nullptr}, conv2{nullptr};
  torch::nn::Linear score{nullptr}, out{nullptr};
  int64_t max_positions = 1;
};
TORCH_MODULE(TextEncoder);

// A residual block whose middle is scaled and shifted by a condition vector (FiLM).
struct FilmBlockImpl : torch::nn::Module {
  FilmBlockImpl(int64_t channels, int64_t cond_dim);
  at::Tensor forward(const at::Tensor& x, const at::Tensor& cond);
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::Linear film{nullptr};
};
TORCH_MODULE(FilmBlock);

// Frames [B, 3, N, N] in [0, 1] (or palette distributions [B, K, N, N]) -> latents [B, C, N/4, N/4] in [-1, 1].
struct EncoderImpl : torch::nn::Module {
  explicit EncoderImpl(const LatentConfig& c);
  at::Tensor forward(const at::Tensor& frames);
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr}, conv4{nullptr};
};
TORCH_MODULE(Encoder);

// Latents -> frames in [0, 1] (RGB), or with a palette, logits over its colors [B, K, N, N].
struct DecoderImpl : torch::nn::Module {
  explicit DecoderImpl(const LatentConfig& c);
  at::Tensor forward(const at::Tensor& latents);
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
  torch::nn::ConvTranspose2d up1{nullptr}, up2{nullptr};
  at::Tensor palette;  // [K, 3] sRGB in [0, 1], data of the file (not trained); undefined for RGB
};
TORCH_MODULE(Decoder);

// Flow-matching velocity over the first two latents (stacked on channels), given the flow time
// t in [0, 1] (0: noise, 1: data) and the prompt.
struct PriorImpl : torch::nn::Module {
  explicit PriorImpl(const LatentConfig& c);
  at::Tensor forward(const at::Tensor& x_t, const at::Tensor& t, const at::Tensor& prompt);
  torch::nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
  torch::nn::Linear time{nullptr};
  torch::nn::ModuleList blocks;
};
TORCH_MODULE(Prior);

// The next latent from the two before it, the prompt in force and the action (a push).
// Deterministic dynamics (LatentConfig::dynamics_flow_steps 0) regress it: forward(). Flow
// dynamics give the flow-matching velocity of the change to the current latent at flow time t
// in [0, 1] (0: noise, 1: the change), given that change's noisy version x_t: velocity().
struct DynamicsImpl : torch::nn::Module {
  explicit DynamicsImpl(const LatentConfig& c);
  at::Tensor forward(const at::Tensor& z_prev, const at::Tensor& z_cur, const at::Tensor& prompt,
                     const at::Tensor& action);
  at::Tensor velocity(const at::Tensor& z_prev, const at::Tensor& z_cur, const at::Tensor& prompt,
                      const at::Tensor& action, const at::Tensor& x_t, const at::Tensor& t);
  torch::nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
  torch::nn::ModuleList blocks;
  torch::nn::Linear time{nullptr};  // flow dynamics only
  int64_t action_dim = 0;

 private:
  // inputs (z_prev, z_cur, ...), then coordinates and the action: the shipped weights' channel order.
  at::Tensor features(std::vector<at::Tensor> inputs, const at::Tensor& action, const at::Tensor& cond);
};
TORCH_MODULE(Dynamics);

struct LatentNetsImpl : torch::nn::Module {
  LatentNetsImpl(const LatentConfig& c, int32_t vocabulary_size);
  TextEncoder text{nullptr};
  Encoder encoder{nullptr};
  Decoder decoder{nullptr};
  Prior prior{nullptr};
  Dynamics dynamics{nullptr};
};
TORCH_MODULE(LatentNets);

// Token ids and mask for `texts`, right-padded to the longest ([B, L], L >= 1).
struct TokenBatch {
  at::Tensor ids, mask;
  std::vector<std::vector<std::string>> unknown_words;
};
TokenBatch tokens_for(const Vocabulary& vocabulary, const std::vector<std::string>& texts);

// Distributions over the palette [B, K, N, N] -> their expected colors [B, 3, N, N].
at::Tensor colors_of(const at::Tensor& distribution, const at::Tensor& palette);

// RGB images [B, 3, N, N] -> distributions over the palette, each pixel near-certain of its
// nearest palette color (how a start image enters a palette model).
at::Tensor palette_distribution(const at::Tensor& images, const at::Tensor& palette);

// What a latent looks like, and the latent a rollout continues from. RGB models: the decoded
// frame and the latent itself. Palette models: the frame drawn from the sharpened distribution
// and that distribution encoded again, so a rollout's latents always come from frames.
struct Drawn {
  at::Tensor frame, latent;
  at::Tensor decoded;  // the decoder's output: the frame (RGB) or the logits (palette)
};
Drawn draw(LatentNetsImpl& nets, const LatentConfig& c, const at::Tensor& latent);

// Euler integration of the prior from `noise` [B, 2C, S, S]. With `start_latent` [B, C, S, S]
// defined, the second (current) latent is held on its noise-to-data path ("replacement"), so the
// prior only fills in the frame before it: a start image gets a plausible motion. With `guidance`
// != 1 each step is classifier-free guided: the velocity for the zero prompt (what training's
// prompt dropout teaches) is pushed away from, v = v0 + guidance (v_prompt - v0).
at::Tensor sample_start(LatentNetsImpl& nets, const at::Tensor& prompt, const at::Tensor& noise,
                        const at::Tensor& start_latent, int32_t steps, double guidance = 1.0);

// The latent after z_cur, as the model draws it: regressed, or (flow dynamics) integrated from
// `noise` [B, C, S, S] (scaled by c.dynamics_flow_noise) in c.dynamics_flow_steps Euler steps.
// Kept in the encoder's range.
at::Tensor next_latent(LatentNetsImpl& nets, const LatentConfig& c, const at::Tensor& z_prev, const at::Tensor& z_cur,
                       const at::Tensor& prompt, const at::Tensor& action, const at::Tensor& noise);

// The tensors a weights file for (c, vocabulary_size) must hold.
std::vector<TensorSpec> tensor_specs(const LatentConfig& c, int32_t vocabulary_size);

int64_t parameter_count(LatentNetsImpl& nets);

// Metadata keys beyond the config: "latent.name", "latent.vocabulary", plus `extra`.
Status save_latent_weights(const std::string& path, LatentNetsImpl& nets, const LatentConfig& c,
                           const Vocabulary& vocabulary, const std::string& name,
                           const std::map<std::string, std::string>& extra);

struct LoadedNets {
  LatentNets nets{nullptr};
  LatentConfig config;
  Vocabulary vocabulary;
  std::string name;
  WeightsFile file;
};
// Reads, checks (config, vocabulary, every tensor's name/shape/dtype) and loads a weights file.
Result<LoadedNets> load_latent_weights(const std::string& path);

// The WorldModel over in-memory networks (eval mode, no gradients).
std::shared_ptr<WorldModel> make_latent_model(LatentNets nets, const LatentConfig& c,
                                              Vocabulary vocabulary, std::string name);

}  // namespace wv::model::latent
