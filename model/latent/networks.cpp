// The latent model's networks. Sizes come from LatentConfig; see networks.h for the roles.
#include "model/latent/networks.h"

#include <torch/torch.h>

#include <cmath>

namespace wv::model::latent {
namespace {

namespace nn = torch::nn;

nn::Conv2d conv(int64_t in, int64_t out, int64_t k, int64_t stride = 1) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, k).stride(stride).padding(k == 4 ? 1 : k / 2));
}

// x and y in [-1, 1] as two channels: walls are where the coordinates end.
at::Tensor coordinates(int64_t batch, int64_t size, const at::TensorOptions& options) {
  const at::Tensor r = torch::linspace(-1.0, 1.0, size, options);
  const at::Tensor y = r.view({1, 1, size, 1}).expand({batch, 1, size, size});
  const at::Tensor x = r.view({1, 1, 1, size}).expand({batch, 1, size, size});
  return torch::cat({x, y}, 1);
}

// Residual branches start at zero, so every network starts as (close to) the identity.
void zero_init(nn::Conv2d& c) {
  torch::NoGradGuard no_grad;
  c->weight.zero_();
  c->bias.zero_();
}

// He initialization (variance 2 / fan-in) for a palette model's autoencoder. LibTorch's default
// scales each layer's output down by about 3x, so through nine layers the frame reaches the
// decoder's output attenuated ~10^4x and a cross-entropy decoder sits on the class frequencies
// for hundreds of steps before it notices its input. RGB models keep the default, so the shipped
// weights' training command still reproduces them.
template <typename Conv>
void he_init(Conv& c) {
  torch::NoGradGuard no_grad;
  torch::nn::init::kaiming_normal_(c->weight, 0.0, torch::kFanIn, torch::kReLU);
  c->bias.zero_();
}

// Sinusoidal features of flow times t [B] at 8 frequencies: [B, 16].
at::Tensor time_features(const at::Tensor& t) {
  const at::Tensor freqs = torch::pow(2.0, torch::arange(8, t.options())) * M_PI;
  const at::Tensor angles = t.view({-1, 1}) * freqs.view({1, -1});
  return torch::cat({torch::sin(angles), torch::cos(angles)}, 1);
}

}  // namespace

TextEncoderImpl::TextEncoderImpl(const LatentConfig& c, int32_t vocabulary_size) : max_positions(c.max_positions) {
  const int64_t w = c.text_width;
  embed = register_module("embed", nn::Embedding(nn::EmbeddingOptions(vocabulary_size, w).padding_idx(kPadId)));
  position = register_module("position", nn::Embedding(c.max_positions, w));
  conv1 = register_module("conv1", nn::Conv1d(nn::Conv1dOptions(w, w, 3).padding(1)));
  conv2 = register_module("conv2", nn::Conv1d(nn::Conv1dOptions(w, w, 3).padding(1)));
  score = register_module("score", nn::Linear(w, 1));
  out = register_module("out", nn::Linear(w, w));
}

at::Tensor TextEncoderImpl::forward(const at::Tensor& ids, const at::Tensor& mask) {
  const int64_t length = ids.size(1);
  const at::Tensor positions = torch::arange(length, ids.options()).clamp_max(max_positions - 1);
  const at::Tensor m = mask.unsqueeze(1);                                   // [B, 1, L]
  at::Tensor h = (embed(ids) + position(positions).unsqueeze(0)).transpose(1, 2) * m;  // [B, W, L]
  // Padding stays zero after each layer, so a text encodes the same alone or in a padded batch.
  h = h + torch::silu(conv1(h)) * m;
  h = h + torch::silu(conv2(h)) * m;
  at::Tensor s = score(h.transpose(1, 2)).squeeze(2);                     // [B, L]
  s = s.masked_fill(mask == 0, -1e9);
  const at::Tensor weights = torch::softmax(s, 1).unsqueeze(1) * m;         // [B, 1, L]
  return out((h * weights).sum(2));
}

FilmBlockImpl::FilmBlockImpl(int64_t channels, int64_t cond_dim) {
  conv1 = register_module("conv1", conv(channels, channels, 3));
  conv2 = register_module("conv2", conv(channels, channels, 3));
  film = register_module("film", nn::Linear(cond_dim, 2 * channels));
  zero_init(conv2);
}

at::Tensor FilmBlockImpl::forward(const at::Tensor& x, const at::Tensor& cond) {
  const auto ss = film(cond).unsqueeze(2).unsqueeze(3).chunk(2, 1);
  at::Tensor h = conv1(torch::silu(x));
  h = h * (1 + ss[0]) + ss[1];
  return x + conv2(torch::silu(h));
}

EncoderImpl::EncoderImpl(const LatentConfig& c) {
  const int64_t w = c.ae_width;
  conv1 = register_module("conv1", conv(c.palette_size > 0 ? c.palette_size : 3, w, 4, 2));
  conv2 = register_module("conv2", conv(w, 2 * w, 4, 2));
  conv3 = register_module("conv3", conv(2 * w, 2 * w, 3));
  conv4 = register_module("conv4", conv(2 * w, c.latent_channels, 1));
  if (c.palette_size > 0) {
    for (auto* layer : {&conv1, &conv2, &conv3, &conv4}) he_init(*layer);
  }
}

at::Tensor EncoderImpl::forward(const at::Tensor& frames) {
  at::Tensor h = torch::silu(conv1(frames * 2 - 1));
  h = torch::silu(conv2(h));
  h = h + torch::silu(conv3(h));
  return torch::tanh(conv4(h));
}

DecoderImpl::DecoderImpl(const LatentConfig& c) {
  const int64_t w = c.ae_width;
  if (c.palette_size > 0) palette = register_parameter("palette", torch::zeros({c.palette_size, 3}), false);
  conv1 = register_module("conv1", conv(c.latent_channels, 2 * w, 3));
  conv2 = register_module("conv2", conv(2 * w, 2 * w, 3));
  up1 = register_module("up1", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(2 * w, w, 4).stride(2).padding(1)));
  conv3 = register_module("conv3", conv(w, w, 3));
  const int64_t out = c.palette_size > 0 ? c.palette_size : 3;
  up2 = register_module("up2", nn::ConvTranspose2d(nn::ConvTranspose2dOptions(w, out, 4).stride(2).padding(1)));
  if (c.palette_size > 0) {
    for (auto* layer : {&conv1, &conv2, &conv3}) he_init(*layer);
    for (auto* layer : {&up1, &up2}) he_init(*layer);
  }
}

at::Tensor DecoderImpl::forward(const at::Tensor& latents) {
  at::Tensor h = torch::silu(conv1(latents));
  h = h + torch::silu(conv2(h));
  h = torch::silu(up1(h));
  h = h + torch::silu(conv3(h));
  return palette.defined() ? up2(h) : torch::sigmoid(up2(h));
}

PriorImpl::PriorImpl(const LatentConfig& c) {
  const int64_t in = 2 * c.latent_channels;
  conv_in = register_module("conv_in", conv(in + 2, c.net_width, 3));
  time = register_module("time", nn::Linear(16, c.text_width));
  blocks = register_module("blocks", nn::ModuleList());
  for (int32_t i = 0; i < c.prior_blocks; ++i) blocks->push_back(FilmBlock(c.net_width, c.text_width));
  conv_out = register_module("conv_out", conv(c.net_width, in, 3));
}

at::Tensor PriorImpl::forward(const at::Tensor& x_t, const at::Tensor& t, const at::Tensor& prompt) {
  const at::Tensor cond = prompt + time(time_features(t));
  at::Tensor h = conv_in(torch::cat({x_t, coordinates(x_t.size(0), x_t.size(2), x_t.options())}, 1));
  for (auto& block : *blocks) h = block->as<FilmBlock>()->forward(h, cond);
  return conv_out(torch::silu(h));
}

DynamicsImpl::DynamicsImpl(const LatentConfig& c) : action_dim(c.action_dim) {
  const bool flow = c.dynamics_flow_steps > 0;
  const int64_t in = (flow ? 3 : 2) * c.latent_channels + c.action_dim + 2;
  conv_in = register_module("conv_in", conv(in, c.net_width, 3));
  blocks = register_module("blocks", nn::ModuleList());
  for (int32_t i = 0; i < c.dynamics_blocks; ++i) blocks->push_back(FilmBlock(c.net_width, c.text_width));
  conv_out = register_module("conv_out", conv(c.net_width, c.latent_channels, 3));
  if (flow) time = register_module("time", nn::Linear(16, c.text_width));
  zero_init(conv_out);
}

at::Tensor DynamicsImpl::features(std::vector<at::Tensor> inputs, const at::Tensor& action, const at::Tensor& cond) {
  const at::Tensor& z_cur = inputs[1];
  const int64_t b = z_cur.size(0), s = z_cur.size(2);
  inputs.push_back(coordinates(b, s, z_cur.options()));
  if (action_dim > 0) inputs.push_back(action.view({b, action_dim, 1, 1}).expand({b, action_dim, s, s}));
  at::Tensor h = conv_in(torch::cat(inputs, 1));
  for (auto& block : *blocks) h = block->as<FilmBlock>()->forward(h, cond);
  return conv_out(torch::silu(h));
}

at::Tensor DynamicsImpl::forward(const at::Tensor& z_prev, const at::Tensor& z_cur, const at::Tensor& prompt,
                                 const at::Tensor& action) {
  // A change of the current latent, kept in the encoder's range (tanh) so that long rollouts
  // cannot drift into latents the decoder never saw.
  return (z_cur + features({z_prev, z_cur}, action, prompt)).clamp(-1.0, 1.0);
}

at::Tensor DynamicsImpl::velocity(const at::Tensor& z_prev, const at::Tensor& z_cur, const at::Tensor& prompt,
                                  const at::Tensor& action, const at::Tensor& x_t, const at::Tensor& t) {
  return features({z_prev, z_cur, x_t}, action, prompt + time(time_features(t)));
}

LatentNetsImpl::LatentNetsImpl(const LatentConfig& c, int32_t vocabulary_size) {
  text = register_module("text", TextEncoder(c, vocabulary_size));
  encoder = register_module("encoder", Encoder(c));
  decoder = register_module("decoder", Decoder(c));
  prior = register_module("prior", Prior(c));
  dynamics = register_module("dynamics", Dynamics(c));
}

at::Tensor colors_of(const at::Tensor& distribution, const at::Tensor& palette) {
  return torch::einsum("bkhw,kc->bchw", {distribution, palette});
}

at::Tensor palette_distribution(const at::Tensor& images, const at::Tensor& palette) {
  const at::Tensor d2 = (images.unsqueeze(1) - palette.view({1, -1, 3, 1, 1})).pow(2).sum(2);  // [B, K, H, W]
  return torch::softmax(-d2 / 0.005, 1);
}

Drawn draw(LatentNetsImpl& nets, const LatentConfig& c, const at::Tensor& latent) {
  const at::Tensor out = nets.decoder->forward(latent);
  if (c.palette_size == 0) return {out, latent, out};
  const at::Tensor p = torch::softmax(out * c.sharpness, 1);
  return {colors_of(p, nets.decoder->palette), nets.encoder->forward(p), out};
}

TokenBatch tokens_for(const Vocabulary& vocabulary, const std::vector<std::string>& texts) {
  std::vector<Tokens> all;
  size_t longest = 1;
  for (const std::string& t : texts) {
    all.push_back(vocabulary.encode(t));
    longest = std::max(longest, all.back().ids.size());
  }
  TokenBatch batch;
  batch.ids = torch::full({int64_t(texts.size()), int64_t(longest)}, int64_t(kPadId), torch::kLong);
  batch.mask = torch::zeros({int64_t(texts.size()), int64_t(longest)});
  auto ids = batch.ids.accessor<int64_t, 2>();
  auto mask = batch.mask.accessor<float, 2>();
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t j = 0; j < all[i].ids.size(); ++j) {
      ids[int64_t(i)][int64_t(j)] = all[i].ids[j];
      mask[int64_t(i)][int64_t(j)] = 1.0f;
    }
    batch.unknown_words.push_back(std::move(all[i].unknown_words));
  }
  return batch;
}

at::Tensor sample_start(LatentNetsImpl& nets, const at::Tensor& prompt, const at::Tensor& noise,
                        const at::Tensor& start_latent, int32_t steps, double guidance) {
  const int64_t c = noise.size(1) / 2, b = noise.size(0);
  const bool guided = guidance != 1.0;
  // Guided: the prompted and the unprompted half in one batch, one network call per step.
  const at::Tensor prompts = guided ? torch::cat({prompt, torch::zeros_like(prompt)}, 0) : prompt;
  at::Tensor x = noise.clone();
  const double dt = 1.0 / steps;
  for (int32_t k = 0; k < steps; ++k) {
    const double t = k * dt;
    if (start_latent.defined()) x.narrow(1, c, c).copy_(noise.narrow(1, c, c) * (1 - t) + start_latent * t);
    const at::Tensor xin = guided ? torch::cat({x, x}, 0) : x;
    at::Tensor v = nets.prior->forward(xin, torch::full({xin.size(0)}, t, x.options()), prompts);
    if (guided) {
      const at::Tensor v0 = v.narrow(0, b, b);
      v = v0 + (v.narrow(0, 0, b) - v0) * guidance;
    }
    x = x + v * dt;
  }
  if (start_latent.defined()) x.narrow(1, c, c).copy_(start_latent);
  return x;
}

at::Tensor next_latent(LatentNetsImpl& nets, const LatentConfig& c, const at::Tensor& z_prev, const at::Tensor& z_cur,
                       const at::Tensor& prompt, const at::Tensor& action, const at::Tensor& noise) {
  const int32_t steps = c.dynamics_flow_steps;
  if (steps == 0) return nets.dynamics->forward(z_prev, z_cur, prompt, action);
  at::Tensor x = noise * c.dynamics_flow_noise;
  const double dt = 1.0 / steps;
  for (int32_t k = 0; k < steps; ++k) {
    x = x + nets.dynamics->velocity(z_prev, z_cur, prompt, action, x, torch::full({x.size(0)}, k * dt, x.options())) * dt;
  }
  return (z_cur + x).clamp(-1.0, 1.0);
}

std::vector<TensorSpec> tensor_specs(const LatentConfig& c, int32_t vocabulary_size) {
  LatentNets nets(c, vocabulary_size);
  std::vector<TensorSpec> specs;
  for (const auto& p : nets->named_parameters()) {
    specs.push_back({p.key(), DType::F32, p.value().sizes().vec()});
  }
  return specs;
}

int64_t parameter_count(LatentNetsImpl& nets) {
  int64_t n = 0;
  for (const auto& p : nets.parameters()) n += p.numel();
  return n;
}

}  // namespace wv::model::latent
