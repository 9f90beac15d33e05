// Prints how long the built-in latent world model takes per step at batch 1..8, with 1 and 2
// intra-op threads: ms per step call and ms per frame (per rollout).
//   ./bench/model/bench_latent [weights]   (default: the shipped model)
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "model/latent/latent_model.h"
#include "model/world_model.h"

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : WV_SOURCE_DIR "/assets/models/toyworld-latent-v1/model.safetensors";
  auto loaded = wv::model::latent::load_latent_model(path);
  if (!loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
    return 1;
  }
  wv::model::WorldModel& m = **loaded;
  const wv::model::ModelInfo& info = m.info();
  const at::Tensor prompt = m.encode_prompt("three red balls in a dark blue room").embedding;
  for (int threads : {1, 2}) {
    at::set_num_threads(threads);
    for (int64_t batch : {1, 2, 4, 8}) {
      std::vector<int64_t> shape = {batch};
      shape.insert(shape.end(), info.init_noise_shape.begin(), info.init_noise_shape.end());
      const at::Tensor prompts = prompt.expand({batch, prompt.size(1)}).contiguous();
      auto t0 = std::chrono::steady_clock::now();
      wv::model::ModelOutput out = m.init({.prompt = prompts, .noise = at::randn(shape), .start_image = {}});
      const double init_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      const int steps = 60;
      for (int i = 0; i < 5 + steps; ++i) {
        if (i == 5) t0 = std::chrono::steady_clock::now();  // after warm-up
        out = m.step({.state = out.state, .prompt = prompts, .action = at::zeros({batch, info.action_dim}),
                      .noise = at::zeros({batch, 0})});
      }
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / steps;
      std::printf("latent %dx%d threads %d batch %lld: init %7.2f ms, step %7.2f ms, %6.2f ms/frame, %6.0f frames/s\n",
                  info.width, info.height, threads, (long long)batch, init_ms, ms, ms / double(batch), 1000.0 * double(batch) / ms);
    }
  }
  return 0;
}
