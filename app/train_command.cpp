#include "app/train_command.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "app/contact_sheet.h"
#include "app/loss_plot.h"
#include "media/png.h"
#include "model/latent/train.h"
#include "model/runtime_info.h"
#include "wv/log.h"

namespace wv::app {
namespace {

std::string duration_text(double s) {
  char buf[32];
  const long total = long(s + 0.5);
  if (total >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", total / 3600, (total / 60) % 60);
  else std::snprintf(buf, sizeof buf, "%ldm%02lds", total / 60, total % 60);
  return buf;
}

}  // namespace

CLI::App* add_train_command(CLI::App& cli, TrainOptions& o) {
  CLI::App* cmd = cli.add_subcommand("train", "Train the built-in world model on procedurally generated worlds");
  cmd->add_option("-o,--out", o.out, "Folder for model.safetensors, checkpoint, loss.png, samples.png")->capture_default_str();
  cmd->add_option("--steps", o.steps, "Optimizer steps in all (also when resuming)")->capture_default_str()->check(CLI::Range(int64_t(1), int64_t(10'000'000)));
  cmd->add_option("--seed", o.seed, "Seed of the data, the noise and the initial weights")->capture_default_str();
  cmd->add_option("--threads", o.threads, "LibTorch intra-op threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_flag("--resume", o.resume, "Continue from --out's checkpoint (same seed)");
  cmd->add_option("--batch", o.batch, "Clips per step")->capture_default_str()->check(CLI::Range(1, 1024));
  cmd->add_option("--frame-size", o.frame_size, "Frame side in pixels (multiple of 4)")->capture_default_str()->check(CLI::Range(16, 256));
  cmd->add_option("--init-from", o.init_from, "Start from these weights (model.safetensors) instead of random ones");
  cmd->add_option("--train-only", o.train_only, "Only these parts learn (text, encoder, decoder, prior, dynamics; comma-separated); the rest keep their weights")->delimiter(',');
  cmd->add_option("--clip-frames", o.clip_frames, "Frames per training clip: 2 context + open-loop predictions")->capture_default_str()->check(CLI::Range(3, 64));
  cmd->add_option("--prior-steps", o.prior_steps, "Euler steps of the prior at init (saved with the weights)")->capture_default_str()->check(CLI::Range(1, 100));
  cmd->add_option("--prior-guidance", o.prior_guidance, "Classifier-free guidance of the prior at init (saved with the weights; 1 = none)")->capture_default_str()->check(CLI::Range(0.0, 10.0));
  cmd->add_option("--dynamics-flow-steps", o.dynamics_flow_steps, "0: deterministic dynamics; K: generative (flow) dynamics integrated in K Euler steps per frame (saved with the weights)")->capture_default_str()->check(CLI::Range(0, 64));
  cmd->add_option("--dynamics-flow-noise", o.dynamics_flow_noise, "Flow dynamics: scale of the step noise each change is integrated from (saved with the weights)")->capture_default_str()->check(CLI::Range(0.01, 4.0));
  cmd->add_option("--flow-object-weight", o.flow_object_weight, "Flow dynamics: extra weight of latent cells an object leaves or reaches in the flow loss")->capture_default_str()->check(CLI::Range(0.0, 100.0));
  cmd->add_flag("--flow-teacher-forcing", o.flow_teacher_forcing, "Flow dynamics: learn from the true context frames (with --context-noise) instead of the model's own open-loop draws");
  cmd->add_option("--prior-draws", o.prior_draws, "Flow times and noises per start in the prior loss")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--prompt-dropout", o.prompt_dropout, "Share of prior draws trained with the zero prompt (for --prior-guidance)")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--prior-weight", o.prior_weight, "Weight of the prior's flow-matching loss")->capture_default_str()->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--prior-object-weight", o.prior_object_weight, "Extra weight of latent cells with an object in the prior's loss (the room fills most cells)")->capture_default_str()->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--consistency", o.consistency, "Weight of the latent-consistency term (predicted latent vs encode(decode))")->capture_default_str()->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--latent-noise", o.latent_noise, "Std of noise on the latents the decoder learns from")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--context-noise", o.context_noise, "Std of noise on the dynamics' context latents")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--palette", o.palette, "Frames made of toyworld's palette colors; every drawn frame is encoded again");
  cmd->add_option("--sharpness", o.sharpness, "Palette models: logit scale of the drawn distribution (saved with the weights)")->capture_default_str()->check(CLI::Range(0.1, 100.0));
  cmd->add_option("--max-offset", o.max_offset, "Clips start within the first N (+ clip frames) frames of an episode")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--name", o.name, "Model name saved with the weights")->capture_default_str();
  return cmd;
}

int run_train(const TrainOptions& o) {
  wv::model::configure_threads({.intra_op = o.threads, .inter_op = 1});
  wv::model::latent::TrainConfig config;
  config.out_dir = o.out;
  config.steps = o.steps;
  config.seed = o.seed;
  config.resume = o.resume;
  config.clips.batch = o.batch;
  config.model.frame_size = o.frame_size;
  config.model.prior_steps = o.prior_steps;
  config.model.prior_guidance = o.prior_guidance;
  config.model.dynamics_flow_steps = o.dynamics_flow_steps;
  config.model.dynamics_flow_noise = o.dynamics_flow_noise;
  config.flow_object_weight = o.flow_object_weight;
  config.flow_teacher_forcing = o.flow_teacher_forcing;
  config.clips.clip_frames = o.clip_frames;
  config.init_from = o.init_from;
  config.train_only = o.train_only;
  config.prior_draws = o.prior_draws;
  config.prompt_dropout = o.prompt_dropout;
  config.prior_weight = o.prior_weight;
  config.prior_object_weight = o.prior_object_weight;
  config.consistency_weight = o.consistency;
  config.latent_noise = o.latent_noise;
  config.context_noise = o.context_noise;
  config.palette = o.palette;
  config.model.sharpness = o.sharpness;
  config.clips.max_offset = o.max_offset;
  config.name = o.name;
  wv::log_info("training " + config.name + " for " + std::to_string(o.steps) + " steps into " + o.out +
               (o.resume ? " (resuming)" : ""));

  auto result = wv::model::latent::train(config, [](const wv::model::latent::TrainProgress& p) {
    std::printf("train: step %lld/%lld  loss %.5f (recon %.5f, dynamics %.5f, prior %.5f)  %.2f steps/s  ETA %s\n",
                (long long)p.step, (long long)p.steps, p.loss, p.recon, p.dynamics, p.prior, p.steps_per_s,
                duration_text(p.eta_s).c_str());
    std::fflush(stdout);
  });
  if (!result) {
    wv::log_error(result.error().message);
    return 1;
  }

  const std::string loss_png = o.out + "/loss.png", sheet_png = o.out + "/samples.png";
  if (Status s = wv::media::write_png(loss_png, *plot_losses(result->loss_history, 800, 400)); !s) {
    wv::log_error(s.error().message);
    return 1;
  }
  std::vector<std::vector<FramePtr>> rows;
  for (const auto& sample : result->samples) {
    rows.push_back(sample.frames);
    std::printf("samples.png row %zu: %s\n", rows.size(), sample.label.c_str());
  }
  if (Status s = wv::media::write_png(sheet_png, *contact_sheet(rows, 4, 2)); !s) {
    wv::log_error(s.error().message);
    return 1;
  }
  std::printf("weights: %s (%lld parameters, sha256 %s)\ntrained %s this run; loss curve %s; samples %s\n",
              result->weights_path.c_str(), (long long)result->parameters, result->sha256.c_str(),
              duration_text(result->seconds).c_str(), loss_png.c_str(), sheet_png.c_str());
  return 0;
}

}  // namespace wv::app
