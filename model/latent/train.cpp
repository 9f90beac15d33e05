// The training loop of the latent world model: data from toyworld, losses, Adam, checkpoints,
// and sample rollouts of the saved model.
#include "model/latent/train.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <algorithm>
#include <charconv>
#include <array>
#include <filesystem>

#include "model/latent/networks.h"
#include "model/toyworld/random.h"

namespace wv::model::latent {
namespace {

constexpr double kBeta1 = 0.9, kBeta2 = 0.99, kEps = 1e-8;
constexpr double kGradClip = 1.0;
// Loss weights: pixels of predicted frames matter most (small objects must not vanish).
constexpr double kReconWeight = 1.0, kLatentWeight = 1.0, kPixelWeight = 1.0;

uint64_t step_seed(uint64_t seed, int64_t step) {
  uint64_t s = seed ^ (uint64_t(step) * 0xD1B54A32D192ED03ull);
  return toyworld::next_u64(s);
}

double learning_rate(const TrainConfig& c, int64_t step) {
  const double warm_steps = double(std::clamp<int64_t>(c.steps / 10, 1, 100));
  const double warm = std::min(1.0, double(step) / warm_steps);
  const double progress = double(step) / double(std::max<int64_t>(1, c.steps));
  return c.learning_rate * warm * (0.1 + 0.9 * 0.5 * (1.0 + std::cos(M_PI * std::min(1.0, progress))));
}

// 1 where a pixel is unlike the frame's corner (the room's color), else 0: frames [B, K, N, N]
// (RGB or palette labels) -> [B, 1, N, N].
at::Tensor object_pixels(const at::Tensor& frames) {
  const at::Tensor room = frames.narrow(2, 0, 1).narrow(3, 0, 1);
  return ((frames - room).abs().sum(1, true) > 0.1).to(at::kFloat);
}

// Squared error with object pixels counted 10x, so that a model drawing an empty room is not
// nearly as good as one drawing the balls.
at::Tensor pixel_loss(const at::Tensor& predicted, const at::Tensor& target) {
  return ((predicted - target).pow(2) * (1 + 9 * object_pixels(target))).mean();
}

// The palette version of pixel_loss: cross-entropy of the logits against the pixels' label
// distributions, object pixels (labelled unlike the corner) counted 2x: more tilts every edge
// toward the object, and a rollout that re-encodes its frames then grows its objects.
at::Tensor label_loss(const at::Tensor& logits, const at::Tensor& labels) {
  const at::Tensor room = labels.narrow(2, 0, 1).narrow(3, 0, 1);
  const at::Tensor object = ((labels - room).abs().sum(1) > 0.5).to(at::kFloat);
  return (-(labels * torch::log_softmax(logits, 1)).sum(1) * (1 + object.squeeze(1))).mean();
}

// Plain Adam with its moments kept by parameter name, so checkpoints hold them as tensors.
struct Adam {
  std::map<std::string, at::Tensor> m, v;
  void step(LatentNetsImpl& nets, double lr, int64_t t) {
    torch::NoGradGuard no_grad;
    const double c1 = 1 - std::pow(kBeta1, double(t)), c2 = 1 - std::pow(kBeta2, double(t));
    for (auto& p : nets.named_parameters()) {
      const at::Tensor& g = p.value().grad();
      if (!g.defined()) continue;
      at::Tensor& mm = m[p.key()];
      at::Tensor& vv = v[p.key()];
      if (!mm.defined()) mm = torch::zeros_like(g), vv = torch::zeros_like(g);
      mm.mul_(kBeta1).add_(g, 1 - kBeta1);
      vv.mul_(kBeta2).addcmul_(g, g, 1 - kBeta2);
      p.value().addcdiv_(mm / c1, (vv / c2).sqrt_().add_(kEps), -lr);
    }
  }
};

struct Session {
  LatentConfig config;
  Vocabulary vocabulary;
  LatentNets nets{nullptr};
  Adam adam;
  int64_t step = 0;
  std::vector<float> history;
};

at::Tensor from_floats(const std::vector<float>& v, std::vector<int64_t> shape) {
  return torch::from_blob(const_cast<float*>(v.data()), shape, torch::kFloat).clone();
}

// Latent cells covered by an object (object_pixels) in frame k-1 or k of clips [B, T, K, N, N]:
// where an object leaves and where it arrives. [B, T, 1, S, S], frame 0 empty.
at::Tensor object_cells(const at::Tensor& clips, int64_t latent_size) {
  const int64_t B = clips.size(0), T = clips.size(1), K = clips.size(2), N = clips.size(3);
  const at::Tensor object = object_pixels(clips.reshape({B * T, K, N, N}));
  const at::Tensor cells = torch::max_pool2d(object, N / latent_size).view({B, T, 1, latent_size, latent_size});
  at::Tensor either = torch::zeros_like(cells);
  either.narrow(1, 1, T - 1).copy_(torch::max(cells.narrow(1, 1, T - 1), cells.narrow(1, 0, T - 1)));
  return either;
}

// Flow dynamics: flow matching of the change from each context latent to the true next latent
// (z [B, T, C, S, S]; predictions from frame 2 on). Open loop, the context walks through the
// model's own draws (no gradient through sampling), so the dynamics learn to bring a drifted
// rollout back to what the scene does. Teacher-forced (tc.flow_teacher_forcing), each context
// is the true pair with a fresh noise shared by both (tc.context_noise). `cell_weight`
// [B, T, 1, S, S] weighs each frame's cells (objects count more than the empty room).
at::Tensor flow_dynamics_loss(LatentNetsImpl& nets, const LatentConfig& c, const TrainConfig& tc, const at::Tensor& z,
                              at::Tensor z_prev, at::Tensor z_cur, const at::Tensor& prompts, const at::Tensor& actions,
                              const at::Tensor& cell_weight, at::Generator& gen) {
  const int64_t B = z.size(0), T = z.size(1);
  const std::vector<int64_t> shape = z.select(1, 0).sizes().vec();
  at::Tensor loss = torch::zeros({});
  for (int64_t k = 2; k < T; ++k) {
    if (tc.flow_teacher_forcing) {
      // One noise on both context frames: a rollout's drift is shared by consecutive frames, and
      // the pair's difference, which carries the velocity, stays exact.
      const at::Tensor drift = torch::randn(shape, gen) * tc.context_noise;
      z_prev = z.select(1, k - 2) + drift;
      z_cur = z.select(1, k - 1) + drift;
    }
    const at::Tensor change = z.select(1, k) - z_cur;
    const at::Tensor t = torch::rand({B}, gen);
    const at::Tensor noise = torch::randn(shape, gen) * c.dynamics_flow_noise;
    const at::Tensor tt = t.view({B, 1, 1, 1});
    const at::Tensor v = nets.dynamics->velocity(z_prev, z_cur, prompts.select(1, k), actions.select(1, k),
                                                 (1 - tt) * noise + tt * change, t);
    const at::Tensor w = cell_weight.select(1, k);
    loss = loss + ((v - (change - noise)).pow(2) * w).mean() / w.mean();
    if (tc.flow_teacher_forcing) continue;
    torch::NoGradGuard no_grad;
    const at::Tensor next = next_latent(nets, c, z_prev, z_cur, prompts.select(1, k), actions.select(1, k),
                                        torch::randn(shape, gen));
    z_prev = z_cur;
    z_cur = next;
  }
  return loss / double(T - 2);
}

struct Losses {
  at::Tensor total;
  double recon = 0, dynamics = 0, prior = 0;
};

// Whether `part` learns in this run (TrainConfig::train_only).
bool learns(const TrainConfig& tc, const char* part) {
  return tc.train_only.empty() || std::find(tc.train_only.begin(), tc.train_only.end(), part) != tc.train_only.end();
}

// A loss none of whose parts learn is skipped (it is reported as 0): a run that trains only the
// prior does not pay for the dynamics' open-loop rollouts.
Losses compute_losses(Session& s, const TrainConfig& tc, const ClipBatch& b, at::Generator& gen) {
  LatentNetsImpl& nets = *s.nets;
  const bool text = learns(tc, "text");
  const bool with_recon = learns(tc, "encoder") || learns(tc, "decoder");
  const bool with_dynamics = text || learns(tc, "dynamics") || learns(tc, "decoder");
  const bool with_prior = text || learns(tc, "prior");
  const int64_t B = b.batch, T = b.frames, N = b.size, C = s.config.latent_channels, S = s.config.latent_size();
  // What the encoder reads and the decoder is scored against: RGB, or palette labels.
  const bool palette = s.config.palette_size > 0;
  const int64_t K = palette ? s.config.palette_size : 3;
  const at::Tensor x = from_floats(palette ? b.labels : b.pixels, {B, T, K, N, N});
  const at::Tensor start = from_floats(palette ? b.start_labels : b.start_pixels, {B, 2, K, N, N});
  auto frame_loss = [&](const at::Tensor& decoded, const at::Tensor& target) {
    return palette ? label_loss(decoded, target) : pixel_loss(decoded, target);
  };
  const at::Tensor actions = from_floats(b.actions, {B, T, 2}).narrow(2, 0, s.config.action_dim);

  // Prompts: each distinct text once.
  std::vector<std::string> texts;
  std::map<std::string, int64_t> index;
  auto id_of = [&](const std::string& t) {
    auto [it, added] = index.emplace(t, int64_t(texts.size()));
    if (added) texts.push_back(t);
    return it->second;
  };
  std::vector<int64_t> frame_prompt, start_prompt;
  for (const std::string& p : b.prompts) frame_prompt.push_back(id_of(p));
  for (const std::string& p : b.start_prompts) start_prompt.push_back(id_of(p));
  const TokenBatch tokens = tokens_for(s.vocabulary, texts);
  const at::Tensor embedded = nets.text->forward(tokens.ids, tokens.mask);
  const at::Tensor P = embedded.index_select(0, torch::tensor(frame_prompt)).view({B, T, -1});
  const at::Tensor P0 = embedded.index_select(0, torch::tensor(start_prompt));

  // Targets: latents of every frame, without gradient (the encoder learns from reconstruction).
  at::Tensor z, z_start;
  {
    torch::NoGradGuard no_grad;
    z = nets.encoder->forward(x.view({B * T, K, N, N})).view({B, T, C, S, S});
    z_start = nets.encoder->forward(start.view({B * 2, K, N, N})).view({B, 2 * C, S, S});
  }

  // Autoencoder: the first and last frame of each clip, decoded from noisy latents so that the
  // decoder draws clean frames from the slightly-off latents the dynamics predict.
  at::Tensor recon = torch::zeros({});
  if (with_recon) {
    const at::Tensor ends = torch::cat({x.select(1, 0), x.select(1, T - 1)}, 0);
    const at::Tensor z_ends = nets.encoder->forward(ends);
    recon = frame_loss(nets.decoder->forward(z_ends + torch::randn(z_ends.sizes(), gen) * tc.latent_noise), ends);
  }

  // Dynamics: open-loop rollout from noisy context latents, each prediction drawn as the model
  // draws it at inference (palette models continue from their re-encoded frames).
  at::Tensor z_prev = z.select(1, 0) + torch::randn({B, C, S, S}, gen) * tc.context_noise;
  at::Tensor z_cur = z.select(1, 1) + torch::randn({B, C, S, S}, gen) * tc.context_noise;
  at::Tensor latent_loss = torch::zeros({}), pix = torch::zeros({}), consistency = torch::zeros({});
  if (with_dynamics && s.config.dynamics_flow_steps > 0) {
    const at::Tensor cell_weight = 1 + tc.flow_object_weight * object_cells(x, S);
    latent_loss = flow_dynamics_loss(nets, s.config, tc, z, z_prev, z_cur, P, actions, cell_weight, gen);
  } else if (with_dynamics) {
    std::vector<at::Tensor> predicted, decoded;
    for (int64_t k = 2; k < T; ++k) {
      const at::Tensor next = nets.dynamics->forward(z_prev, z_cur, P.select(1, k), actions.select(1, k));
      latent_loss = latent_loss + (next - z.select(1, k)).pow(2).mean();
      const Drawn drawn = draw(nets, s.config, next);
      predicted.push_back(next);
      decoded.push_back(drawn.decoded);
      z_prev = z_cur;
      // A palette model continues from its re-encoded frame as data, not through it: gradients
      // through a chain of softmax-and-encode steps explode. Each step still learns from the
      // frames the model itself drew.
      z_cur = palette ? drawn.latent.detach() : drawn.latent;
    }
    latent_loss = latent_loss / double(T - 2);
    const at::Tensor frames = torch::stack(decoded, 1).view({B * (T - 2), K, N, N});
    pix = frame_loss(frames, x.narrow(1, 2, T - 2).reshape({B * (T - 2), K, N, N}));

    // Latent consistency: each predicted latent toward the latent of its own decoded frame.
    if (tc.consistency_weight > 0) {
      const at::Tensor z_pred = torch::stack(predicted, 1).view({B * (T - 2), C, S, S});
      at::Tensor projected;
      {
        torch::NoGradGuard no_grad;
        projected = nets.encoder->forward(frames.detach());
      }
      consistency = (z_pred - projected).pow(2).mean();
    }
  }

  // Prior: flow matching from noise (t = 0) to the first two latents (t = 1), several flow
  // times per start; some draws get the zero prompt, so the prior also learns the unprompted
  // velocity that classifier-free guidance steers away from.
  at::Tensor prior = torch::zeros({});
  if (with_prior) {
    const int64_t D = std::max<int32_t>(1, tc.prior_draws);
    const at::Tensor zs = z_start.repeat({D, 1, 1, 1});
    at::Tensor pk = P0.repeat({D, 1});
    if (tc.prompt_dropout > 0) {
      const at::Tensor keep = (torch::rand({D * B, 1}, gen) >= tc.prompt_dropout).to(at::kFloat);
      pk = pk * keep;
    }
    const at::Tensor t = torch::rand({D * B}, gen);
    const at::Tensor eps = torch::randn({D * B, 2 * C, S, S}, gen);
    const at::Tensor tt = t.view({D * B, 1, 1, 1});
    const at::Tensor v = nets.prior->forward((1 - tt) * eps + tt * zs, t, pk);
    // Cells with an object in either start frame weigh 1 + prior_object_weight: the room fills
    // most cells, and an unweighted loss (through the shared text encoder) learns the room first.
    const at::Tensor w = (1 + tc.prior_object_weight * object_cells(start, S).select(1, 1)).repeat({D, 1, 1, 1});
    prior = ((v - (zs - eps)).pow(2) * w).mean() / w.mean();
  }

  Losses l;
  const at::Tensor dyn = kLatentWeight * latent_loss + kPixelWeight * pix + tc.consistency_weight * consistency;
  l.total = kReconWeight * recon + dyn + tc.prior_weight * prior;
  l.recon = kReconWeight * recon.item<double>();
  l.dynamics = dyn.item<double>();
  l.prior = tc.prior_weight * prior.item<double>();
  return l;
}

std::string checkpoint_path(const TrainConfig& c) { return c.out_dir + "/checkpoint.safetensors"; }

Status save_checkpoint(const Session& s, const TrainConfig& c) {
  NamedTensors t;
  for (const auto& p : s.nets->named_parameters()) t["param." + p.key()] = p.value().detach();
  for (const auto& [k, v] : s.adam.m) t["adam_m." + k] = v;
  for (const auto& [k, v] : s.adam.v) t["adam_v." + k] = v;
  t["history.loss"] = torch::tensor(s.history.empty() ? std::vector<float>{} : s.history);
  std::map<std::string, std::string> meta = to_metadata(s.config);
  meta["train.step"] = std::to_string(s.step);
  meta["train.seed"] = std::to_string(c.seed);
  meta["latent.vocabulary"] = s.vocabulary.to_metadata();
  return save_tensors(checkpoint_path(c), t, meta);
}

Result<Session> load_checkpoint(const TrainConfig& c) {
  const std::string path = checkpoint_path(c);
  Result<WeightsFile> file = load_weights(path);
  if (!file) return Error{file.error().message + " (--resume needs the checkpoint of an earlier run)"};
  Session s;
  Result<LatentConfig> config = config_from_metadata(file->metadata, path);
  if (!config) return config.error();
  s.config = *config;
  const auto& meta = file->metadata;
  for (const char* key : {"train.step", "train.seed", "latent.vocabulary"}) {
    if (!meta.count(key)) return Error{path + ": metadata '" + key + "' is missing"};
  }
  if (meta.at("train.seed") != std::to_string(c.seed)) {
    return Error{path + ": was trained with --seed " + meta.at("train.seed") + ", not " + std::to_string(c.seed) +
                 "; resume with the same seed or start afresh"};
  }
  Result<Vocabulary> vocabulary = Vocabulary::from_metadata(meta.at("latent.vocabulary"), path);
  if (!vocabulary) return vocabulary.error();
  s.vocabulary = std::move(*vocabulary);
  const std::string& step = meta.at("train.step");
  auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), s.step);
  if (ec != std::errc() || end != step.data() + step.size() || s.step < 0) {
    return Error{path + ": metadata 'train.step' = \"" + step + "\" is not a step count"};
  }
  Result<NamedTensors> tensors = to_tensors(*file);
  if (!tensors) return tensors.error();
  s.nets = LatentNets(s.config, s.vocabulary.size());
  torch::NoGradGuard no_grad;
  for (auto& p : s.nets->named_parameters()) {
    auto it = tensors->find("param." + p.key());
    if (it == tensors->end() || !it->second.sizes().equals(p.value().sizes())) {
      return Error{path + ": tensor 'param." + p.key() + "' is missing or has the wrong shape"};
    }
    p.value().copy_(it->second);
    if (tensors->count("adam_m." + p.key())) {
      s.adam.m[p.key()] = tensors->at("adam_m." + p.key());
      s.adam.v[p.key()] = tensors->at("adam_v." + p.key());
    }
  }
  const at::Tensor h = tensors->at("history.loss");
  s.history.assign(h.data_ptr<float>(), h.data_ptr<float>() + h.numel());
  if (int64_t(s.history.size()) != s.step) return Error{path + ": loss history does not match train.step"};
  return s;
}

// Parts not in `parts` stop learning (no gradients, so Adam leaves them as they are).
Status freeze_all_but(LatentNetsImpl& nets, const std::vector<std::string>& parts) {
  if (parts.empty()) return Status::success();
  static const std::vector<std::string> kParts = {"text", "encoder", "decoder", "prior", "dynamics"};
  for (const std::string& part : parts) {
    if (std::find(kParts.begin(), kParts.end(), part) == kParts.end())
      return Error{"--train-only: no part \"" + part + "\" (the parts: text, encoder, decoder, prior, dynamics)"};
  }
  for (auto& p : nets.named_parameters()) {
    const std::string part = p.key().substr(0, p.key().find('.'));
    p.value().set_requires_grad(std::find(parts.begin(), parts.end(), part) != parts.end());
  }
  return Status::success();
}

Result<TrainResult> train_impl(const TrainConfig& c, const std::function<void(const TrainProgress&)>& progress) {
  std::error_code ec;
  std::filesystem::create_directories(c.out_dir, ec);
  if (ec) return Error{c.out_dir + ": cannot create the output folder: " + ec.message()};

  Session s;
  if (c.resume) {
    Result<Session> loaded = load_checkpoint(c);
    if (!loaded) return loaded.error();
    s = std::move(*loaded);
  } else if (!c.init_from.empty()) {
    Result<LoadedNets> loaded = load_latent_weights(c.init_from);
    if (!loaded) return Error{"--init-from: " + loaded.error().message};
    s.config = loaded->config;
    s.config.prior_steps = c.model.prior_steps;
    s.config.prior_guidance = c.model.prior_guidance;
    s.config.dynamics_flow_steps = c.model.dynamics_flow_steps;
    s.config.dynamics_flow_noise = c.model.dynamics_flow_noise;
    if (Status v = validate_config(s.config); !v) return Error{"training config: " + v.error().message};
    s.vocabulary = std::move(loaded->vocabulary);
    s.nets = loaded->nets;
    if (s.config.dynamics_flow_steps != loaded->config.dynamics_flow_steps) {
      // Another kind of dynamics: the text encoder, autoencoder and prior come from the file,
      // the dynamics start fresh.
      torch::manual_seed(c.seed);
      s.nets->dynamics = s.nets->replace_module("dynamics", Dynamics(s.config));
    }
  } else {
    s.config = c.model;
    const std::vector<std::array<float, 3>> palette = training_palette();
    s.config.palette_size = c.palette ? int32_t(palette.size()) : 0;
    if (Status v = validate_config(s.config); !v) return Error{"training config: " + v.error().message};
    s.vocabulary = Vocabulary::from_texts(training_texts(c.vocabulary_texts, c.seed));
    torch::manual_seed(c.seed);  // initial weights
    s.nets = LatentNets(s.config, s.vocabulary.size());
    if (c.palette) {
      torch::NoGradGuard no_grad;
      s.nets->decoder->palette.copy_(torch::from_blob(const_cast<std::array<float, 3>*>(palette.data()),
                                                      {int64_t(palette.size()), 3}, torch::kFloat));
    }
  }
  if (s.config.dynamics_flow_steps > 0 && (s.config.palette_size > 0 || c.consistency_weight > 0)) {
    return Error{"training config: flow dynamics are for RGB models without the consistency term"};
  }
  if (s.config.palette_size > 0 && c.consistency_weight > 0) {
    return Error{"training config: the consistency term is for RGB models (palette models re-encode every frame)"};
  }
  if (s.config.palette_size > 0 && s.config.palette_size != int32_t(training_palette().size())) {
    return Error{"training config: the model's palette has " + std::to_string(s.config.palette_size) +
                 " colors, the training data " + std::to_string(training_palette().size())};
  }
  ClipParams clips = c.clips;
  clips.frame_size = s.config.frame_size;
  clips.fps = s.config.fps;
  clips.palette_labels = s.config.palette_size > 0;
  if (clips.clip_frames < 3 || clips.batch < 1) return Error{"training config: clips need >= 3 frames and a batch >= 1"};

  const auto begin = std::chrono::steady_clock::now();
  const int64_t first = s.step;
  double sum = 0, sum_recon = 0, sum_dyn = 0, sum_prior = 0;
  int64_t counted = 0;
  s.nets->train();
  if (Status frozen = freeze_all_but(*s.nets, c.train_only); !frozen) return frozen.error();
  while (s.step < c.steps) {
    const int64_t step = s.step + 1;
    const uint64_t seed = step_seed(c.seed, step);
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    const ClipBatch batch = make_clip_batch(clips, seed);
    for (auto& p : s.nets->parameters()) p.mutable_grad() = at::Tensor();
    Losses l = compute_losses(s, c, batch, gen);
    const double loss = l.total.item<double>();
    if (!std::isfinite(loss)) return Error{"training diverged at step " + std::to_string(step) + " (loss is not finite)"};
    l.total.backward();
    torch::nn::utils::clip_grad_norm_(s.nets->parameters(), kGradClip);
    s.adam.step(*s.nets, learning_rate(c, step), step);
    s.step = step;
    s.history.push_back(float(loss));
    sum += loss, sum_recon += l.recon, sum_dyn += l.dynamics, sum_prior += l.prior, ++counted;

    if (step % c.checkpoint_every == 0 || step == c.steps) {
      if (Status saved = save_checkpoint(s, c); !saved) return saved.error();
    }
    if (progress && (step % c.progress_every == 0 || step == c.steps)) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
      TrainProgress p;
      p.step = step, p.steps = c.steps;
      p.loss = sum / double(counted), p.recon = sum_recon / double(counted);
      p.dynamics = sum_dyn / double(counted), p.prior = sum_prior / double(counted);
      p.steps_per_s = double(step - first) / std::max(seconds, 1e-9);
      p.eta_s = double(c.steps - step) / std::max(p.steps_per_s, 1e-9);
      progress(p);
      sum = sum_recon = sum_dyn = sum_prior = 0, counted = 0;
    }
  }

  TrainResult r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  r.weights_path = c.out_dir + "/model.safetensors";
  r.parameters = parameter_count(*s.nets);
  r.loss_history = s.history;
  const std::map<std::string, std::string> extra = {{"trained_steps", std::to_string(s.step)},
                                                    {"train.seed", std::to_string(c.seed)}};
  if (Status saved = save_latent_weights(r.weights_path, *s.nets, s.config, s.vocabulary, c.name, extra); !saved) {
    return saved.error();
  }
  Result<WeightsFile> written = load_weights(r.weights_path);
  if (!written) return written.error();
  r.sha256 = written->sha256_hex;
  Result<std::vector<SampleRollout>> samples = roll_out_samples(r.weights_path, c.samples, c.sample_frames);
  if (!samples) return samples.error();
  r.samples = std::move(*samples);
  return r;
}

}  // namespace

std::vector<SampleSpec> TrainConfig::default_samples() {
  return {
      {"three red balls in a dark blue room", "", 0, 1},
      {"three red balls in a dark blue room", "", 0, 2},
      {"a big yellow box and two small green balls in a black room", "gravity flips", 16, 3},
      {"two white balls in a grey room", "the balls turn green", 16, 4},
      {"a blue ball and a pink box in a brown room, no gravity", "wind blows from the left", 16, 5},
      {"a red ball in a dark green room", "a blue ball appears", 16, 6},
      {"two orange balls in a dark purple room", "everything freezes", 16, 7},
  };
}

Result<TrainResult> train(const TrainConfig& config, const std::function<void(const TrainProgress&)>& progress) {
  try {
    return train_impl(config, progress);
  } catch (const std::exception& e) {  // Torch errors stop at the model/ boundary
    return Error{std::string("training failed: ") + e.what()};
  }
}

}  // namespace wv::model::latent
