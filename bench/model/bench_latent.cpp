// Prints how long the built-in latent world model takes per step at batch 1..8, with 1 and 2
// intra-op threads: ms per step call and ms per frame (per rollout), and the GFLOP/s that achieves
// against this machine's measured one-thread matmul speed.
//   ./bench/model/bench_latent [weights]   (default: the shipped model)
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "model/flop_counter.h"
#include "model/latent/latent_model.h"
#include "model/runtime_info.h"
#include "model/world_model.h"

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : WV_SOURCE_DIR "/assets/models/toyworld-latent-v2/model.safetensors";
  auto loaded = wv::model::latent::load_latent_model(path);
  if (!loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
    return 1;
  }
  wv::model::WorldModel& m = **loaded;
  const wv::model::ModelInfo& info = m.info();
  const at::Tensor prompt = m.encode_prompt("three red balls in a dark blue room").embedding;
  // Noise of the model's declared shape for a batch ([B, 0] where it takes none).
  auto noise = [](const std::vector<int64_t>& per_sample, int64_t batch) {
    std::vector<int64_t> shape = {batch};
    shape.insert(shape.end(), per_sample.begin(), per_sample.end());
    return at::randn(shape);
  };
  auto step = [&](const wv::model::ModelOutput& prev, const at::Tensor& prompts, int64_t batch) {
    return m.step({.state = prev.state, .prompt = prompts, .action = at::zeros({batch, info.action_dim}),
                   .noise = noise(info.step_noise_shape, batch)});
  };
  auto init = [&](const at::Tensor& prompts, int64_t batch) {
    return m.init({.prompt = prompts, .noise = noise(info.init_noise_shape, batch), .start_image = {}});
  };
  // The arithmetic of one batch-1 step, counted after one uncounted step (the first may differ).
  double flops_per_frame = 0.0;
  {
    const wv::model::ModelOutput first = step(init(prompt, 1), prompt, 1);
    wv::model::FlopCounter counter;
    (void)step(first, prompt, 1);
    flops_per_frame = counter.tally().flops;
  }
  const double matmul_gflops = wv::model::measure_runtime().matmul_512_gflops;
  std::printf("latent FLOPs per frame: %.2f MFLOP; this machine's matmul: %.1f GFLOP/s (512x512, one thread)\n",
              flops_per_frame * 1e-6, matmul_gflops);
  for (int threads : {1, 2}) {
    at::set_num_threads(threads);
    for (int64_t batch : {1, 2, 4, 8}) {
      const at::Tensor prompts = prompt.expand({batch, prompt.size(1)}).contiguous();
      auto t0 = std::chrono::steady_clock::now();
      wv::model::ModelOutput out = init(prompts, batch);
      const double init_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      const int steps = 60;
      for (int i = 0; i < 5 + steps; ++i) {
        if (i == 5) t0 = std::chrono::steady_clock::now();  // after warm-up
        out = step(out, prompts, batch);
      }
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / steps;
      const double fps = 1000.0 * double(batch) / ms;
      const double gflops = flops_per_frame * fps * 1e-9;
      std::printf("latent %dx%d threads %d batch %lld: init %7.2f ms, step %7.2f ms, %6.2f ms/frame, %6.0f frames/s, "
                  "%6.2f GFLOP/s = %5.1f %% of matmul\n",
                  info.width, info.height, threads, (long long)batch, init_ms, ms, ms / double(batch), fps, gflops,
                  100.0 * gflops / matmul_gflops);
    }
  }
  return 0;
}
