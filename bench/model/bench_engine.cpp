// Prints the rollout engine's figures: frames/s per rollout and in aggregate for 1, 4, 8 and 16
// concurrent rollouts, batched and unbatched; steer-to-frame latency; and the engine's overhead
// against calling the model directly; the model's FLOPs per frame and the GFLOP/s each of those
// rates achieves, as a share of this machine's measured matmul speed. One inference thread, one
// intra-op thread.
// The matmul reference is the BLAS's 512x512 product (`worldview info`). Convolutions run in
// oneDNN's own kernels, which can beat it: on this AMD EPYC (AVX-512), OpenBLAS 0.3.21 uses its
// AVX2 kernels (127 GFLOP/s) while a 64-channel 3x3 conv ran at 141 GFLOP/s, both on one thread,
// so a conv-heavy model's share can pass 100 %.
//   ./bench/model/bench_engine [weights.safetensors]   (default: a synthetic conv net)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "bench_model.h"
#include "model/latent/latent_model.h"
#include "model/rollout_engine.h"
#include "model/runtime_info.h"
#include "model/world_model.h"

using namespace wv::model;
using Clock = std::chrono::steady_clock;

namespace {

std::unique_ptr<RolloutEngine> make_engine(int max_batch) {
  auto engine = RolloutEngine::create({.inference_threads = 1, .intra_op_threads = 1, .max_batch = max_batch});
  if (!engine) {
    std::fprintf(stderr, "%s\n", engine.error().message.c_str());
    std::exit(1);
  }
  return std::move(*engine);
}

std::shared_ptr<Rollout> start(RolloutEngine& engine, const std::shared_ptr<WorldModel>& model, uint64_t seed) {
  RolloutParams p;
  p.model = model;
  p.prompt_track = {{0, "a benchmark world"}};
  p.seed = seed;
  auto r = engine.start(p);
  if (!r) {
    std::fprintf(stderr, "%s\n", r.error().message.c_str());
    std::exit(1);
  }
  return *r;
}

struct Throughput {
  double fps = 0.0;         // frames taken per second, all rollouts together
  double mean_batch = 0.0;  // rollouts per forward call
};

// Frames/s in aggregate while a consumer takes every frame as soon as it is queued.
Throughput aggregate_fps(const std::shared_ptr<WorldModel>& model, int rollouts, int max_batch, double seconds) {
  auto engine = make_engine(max_batch);
  std::vector<std::shared_ptr<Rollout>> all;
  for (int i = 0; i < rollouts; ++i) all.push_back(start(*engine, model, uint64_t(i + 1)));
  // Warm up: every rollout past init.
  for (auto& r : all) {
    while (r->status().frames_produced < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    r->frames().clear();
  }
  int64_t taken = 0;
  const EngineStats before = engine->stats();
  int64_t produced_before = 0;
  for (auto& r : all) produced_before += r->status().frames_produced;
  const auto t0 = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - t0).count() < seconds) {
    bool any = false;
    for (auto& r : all) {
      while (r->frames().try_pop()) {
        ++taken;
        any = true;
      }
      (void)r->pump();  // as the app's pump thread does: wakes the worker when there is room
    }
    if (!any) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  const double elapsed_s = std::chrono::duration<double>(Clock::now() - t0).count();
  int64_t produced = -produced_before;
  for (auto& r : all) produced += r->status().frames_produced;
  const int64_t calls = engine->stats().forward_calls - before.forward_calls;
  return {double(taken) / elapsed_s, calls > 0 ? double(produced) / double(calls) : 0.0};
}

// Steer at the frame after the last one taken; time until the first steered frame is queued.
void steer_latency(const std::shared_ptr<WorldModel>& model, int background) {
  auto engine = make_engine(16);
  auto focused = start(*engine, model, 1);
  focused->set_focused(true);
  std::vector<std::shared_ptr<Rollout>> others;
  for (int i = 0; i < background; ++i) others.push_back(start(*engine, model, uint64_t(i + 2)));
  std::atomic<bool> stop{false};
  std::thread drain([&] {  // the other panels keep playing
    while (!stop) {
      for (auto& r : others) while (r->frames().try_pop()) {}
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  std::vector<double> ms;
  std::vector<int64_t> steps;
  int64_t shown = 0;
  for (int i = 0; i < 40; ++i) {
    while (focused->frames().size() < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    while (auto f = focused->frames().try_pop()) shown = f->index;
    const auto t0 = Clock::now();
    (void)focused->steer(shown + 1, i % 2 ? "a red world" : "a green world");
    while (focused->frames().size() == 0) std::this_thread::yield();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    steps.push_back(focused->status().last_steer_steps);
  }
  stop = true;
  drain.join();
  std::sort(ms.begin(), ms.end());
  std::printf("steer -> first steered frame, %2d other rollouts: p50 %6.2f ms  p95 %6.2f ms  (model steps: max %ld)\n",
              background, ms[ms.size() / 2], ms[ms.size() * 95 / 100], long(*std::max_element(steps.begin(), steps.end())));
}

// What a frame rate means in arithmetic: achieved GFLOP/s and its share of the matmul speed.
struct Efficiency {
  double flops_per_frame = 0.0;
  double matmul_gflops = 0.0;
  std::string describe(double frames_per_s) const {
    const double gflops = flops_per_frame * frames_per_s * 1e-9;
    char text[96];
    std::snprintf(text, sizeof text, "  %6.2f GFLOP/s = %5.1f %% of matmul", gflops, 100.0 * gflops / matmul_gflops);
    return text;
  }
};

}  // namespace

int main(int argc, char** argv) {
  // With a weights file: the built-in latent model; without: the synthetic conv net.
  std::shared_ptr<WorldModel> model = make_bench_model();
  if (argc > 1) {
    auto loaded = latent::load_latent_model(argv[1]);
    if (!loaded) {
      std::fprintf(stderr, "%s\n", loaded.error().message.c_str());
      return 1;
    }
    model = *loaded;
  }
  const ModelInfo& info = model->info();
  (void)RolloutEngine::create({.inference_threads = 0, .intra_op_threads = 1});  // sets intra-op threads
  std::printf("model %s, %dx%d, batching %s; 1 inference thread, 1 intra-op thread\n", info.name.c_str(),
              info.width, info.height, info.supports_batching ? "yes" : "no");
  const RuntimeReport runtime = measure_runtime();
  const FlopTally flops = step_flops_per_frame(*model);
  const Efficiency eff{flops.flops, runtime.matmul_512_gflops};
  std::printf("model FLOPs per frame: %.2f MFLOP (%ld convolutions, %ld matrix products; elementwise ops not counted)\n",
              flops.flops * 1e-6, long(flops.convolutions), long(flops.matrix_products));
  std::printf("matmul speed of this machine: %.1f GFLOP/s (512x512 float, one thread, %s)\n", runtime.matmul_512_gflops,
              runtime.blas_name.c_str());
  const double bare1 = bare_step_ms(*model, 1, 100);
  std::printf("bare model step: batch 1  %6.2f ms (%6.1f frames/s)%s\n", bare1, 1000.0 / bare1,
              eff.describe(1000.0 / bare1).c_str());
  for (int b : {4, 16}) {
    const double ms = bare_step_ms(*model, b, 100 / b + 5);
    std::printf("bare model step: batch %-2d %6.2f ms (%6.1f frames/s)%s\n", b, ms, 1000.0 * b / ms,
                eff.describe(1000.0 * b / ms).c_str());
  }
  for (int rollouts : {1, 4, 8, 16}) {
    for (int max_batch : {1, 16}) {
      if (rollouts == 1 && max_batch > 1) continue;
      const Throughput t = aggregate_fps(model, rollouts, max_batch, 3.0);
      const double fps = t.fps;
      std::printf("engine %2d rollouts %-9s aggregate %6.1f frames/s, per rollout %6.1f (mean batch %.1f)%s\n",
                  rollouts, max_batch > 1 ? "batched" : "unbatched", fps, fps / rollouts, t.mean_batch,
                  eff.describe(fps).c_str());
      if (rollouts == 1) {
        std::printf("engine overhead, 1 rollout: %.3fx the bare model's time per frame\n", (1000.0 / bare1) / fps);
      }
    }
  }
  steer_latency(model, 0);
  steer_latency(model, 4);
  return 0;
}
