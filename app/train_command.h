// app/train_command.h — `worldview train`: trains the built-in latent world model on toyworld
// episodes and writes its weights, a checkpoint to resume from, loss.png (the loss curve) and
// samples.png (a contact sheet of rollouts by the trained model) into --out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace wv::app {

struct TrainOptions {
  std::string out = "out/train";
  int64_t steps = 6000;
  uint64_t seed = 1;
  int threads = 2;
  bool resume = false;
  int batch = 8;
  int frame_size = 64;
  std::string init_from;      // start from these weights instead of random ones
  int clip_frames = 10;       // 2 context + open-loop predicted frames per clip
  int prior_steps = 8;        // Euler steps of the prior at init (stored in the weights)
  double prior_guidance = 1.0;  // classifier-free guidance of the prior (stored in the weights)
  int32_t dynamics_flow_steps = 0;  // 0: deterministic dynamics; K: flow dynamics, K Euler steps
  double dynamics_flow_noise = 1.0;  // flow dynamics: scale of the step noise (stored in the weights)
  double flow_object_weight = 0.0;   // flow dynamics: extra loss weight of cells with objects
  bool flow_teacher_forcing = false; // flow dynamics: learn from true contexts, not open loop
  int prior_draws = 1;        // flow times per start in the prior loss
  double prompt_dropout = 0.0;  // share of prior draws trained with the zero prompt
  double prior_weight = 0.5;
  double prior_object_weight = 0.0;  // extra weight of object cells in the prior's loss
  double consistency = 0.0;   // weight of the latent-consistency term of the dynamics
  double latent_noise = 0.1;  // std of noise on the latents the decoder learns from
  double context_noise = 0.1; // std of noise on the dynamics' context latents
  bool palette = false;       // frames drawn from toyworld's palette, re-encoded every step
  double sharpness = 2.0;     // palette models: logit scale of the drawn distribution
  int max_offset = 90;        // clips start within the first max_offset + clip frames of an episode
  std::string name = "toyworld-latent-v1";
  std::vector<std::string> train_only;  // parts that learn; empty: all
};

CLI::App* add_train_command(CLI::App& cli, TrainOptions& options);

// Returns the process exit code: 0 trained and written; 1 bad input or a failure (logged).
int run_train(const TrainOptions& options);

}  // namespace wv::app
