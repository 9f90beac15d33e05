// Prints frames per second delivered to a host through the C API (libworldview) against the
// worldview program's own path to its render thread (app::RolloutSources + app::SourcePump, the
// frames taken from each source's queue), with the built-in model and the same engine settings
// (one inference thread, one LibTorch thread, batching on), and what it costs to get from
// acquire to pixels in a host buffer. Both consumers take the newest due frame of every source as
// soon as it is there (display time far ahead), polling every 1 ms when nothing is new, so the
// model's speed, not a display rate, limits both. Runs alternate (program, C API, program, ...)
// so drift in the machine's load hits both alike.
//   ./bench/capi/bench_capi [SECONDS per run, default 8] [ROLLOUTS, default 2] [ROUNDS, default 2]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "app/rollout_sources.h"
#include "app/source_pump.h"
#include "wv/worldview.h"

using Clock = std::chrono::steady_clock;

namespace {

constexpr double kFarAhead_s = 1e9;  // every queued frame is due
const char* const kPrompts[] = {"three red balls in a dark blue room", "two green balls and a yellow box in a black room",
                                "a blue ball in a gray room", "four yellow balls in a dark red room"};

struct Run {
  double fps = 0.0;                // new frames taken per second, all rollouts together
  std::vector<double> take_us;     // per new frame: taking it (and, for the C API, copying it)
};

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_capi: %s\n", what.c_str());
  std::exit(1);
}

// The program's path: the sources' producer thread, the render thread taking frames.
Run run_program(int rollouts, double seconds) {
  auto sources = wv::app::RolloutSources::create({.inference_threads = 1, .intra_op_threads = 1});
  if (!sources) die(sources.error().message);
  std::vector<std::shared_ptr<wv::FrameSource>> opened;
  std::vector<wv::app::PumpedSource> pumped;
  for (int i = 0; i < rollouts; ++i) {
    wv::app::RolloutSourceSpec spec;
    spec.prompt = kPrompts[i % 4];
    spec.seed = uint64_t(i + 1);
    auto source = (*sources)->open(spec, "rollout " + std::to_string(i));
    if (!source) die(source.error().message);
    opened.push_back(*source);
    pumped.push_back({opened.back().get(), "rollout " + std::to_string(i)});
  }
  wv::app::SourcePump pump(pumped);
  for (auto& source : opened) {  // warm-up: the model loaded and every rollout started
    while (!source->frames().take_for_time(kFarAhead_s)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  Run run;
  int64_t frames = 0;
  const auto t0 = Clock::now();
  while (seconds_since(t0) < seconds) {
    bool any = false;
    for (auto& source : opened) {
      const auto t = Clock::now();
      wv::FramePtr frame = source->frames().take_for_time(kFarAhead_s);
      if (!frame) continue;
      run.take_us.push_back(seconds_since(t) * 1e6);
      ++frames;
      any = true;
    }
    if (!any) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  run.fps = double(frames) / seconds_since(t0);
  return run;
}

void check(wv_result r, const char* what) {
  if (r != WV_OK) die(std::string(what) + ": " + wv_last_error());
}

// The C API's path: acquire, copy into the host's buffer, release.
Run run_capi(int rollouts, double seconds) {
  wv_engine_params ep = wv_engine_default_params();
  wv_engine engine;
  check(wv_engine_create(&ep, &engine), "wv_engine_create");
  std::vector<wv_source> opened(size_t(rollouts), nullptr);
  for (int i = 0; i < rollouts; ++i) {
    wv_rollout_params rp = wv_rollout_default_params();
    rp.prompt = kPrompts[i % 4];
    rp.seed = uint64_t(i + 1);
    check(wv_rollout_open(engine, &rp, &opened[size_t(i)]), "wv_rollout_open");
  }
  wv_source_status status;
  check(wv_source_status_get(opened[0], &status), "wv_source_status_get");
  std::vector<uint8_t> host_pixels(size_t(status.width) * size_t(status.height) * 4);
  wv_frame frame;
  wv_frame_info info;
  // Warm-up, as above. The first acquire starts a source's clock (display time 0 shows source
  // time 0); later ones far ahead find every queued frame due.
  for (wv_source source : opened) {
    while (wv_source_acquire_frame(source, 0.0, &frame, &info) != WV_OK) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    wv_frame_release(frame);
  }
  Run run;
  int64_t frames = 0;
  const auto t0 = Clock::now();
  while (seconds_since(t0) < seconds) {
    bool any = false;
    for (wv_source source : opened) {
      const auto t = Clock::now();
      check(wv_source_acquire_frame(source, kFarAhead_s, &frame, &info), "wv_source_acquire_frame");
      if (info.is_new) {
        check(wv_frame_copy_pixels(frame, host_pixels.data(), host_pixels.size(), size_t(info.width) * 4), "copy");
      }
      wv_frame_release(frame);
      if (!info.is_new) continue;
      run.take_us.push_back(seconds_since(t) * 1e6);
      ++frames;
      any = true;
    }
    if (!any) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  run.fps = double(frames) / seconds_since(t0);
  for (wv_source source : opened) wv_source_close(source);
  wv_engine_destroy(engine);
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 8.0;
  const int rollouts = argc > 2 ? std::atoi(argv[2]) : 2;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 2;
  if (seconds <= 0.0 || rollouts < 1 || rollouts > 16 || rounds < 1) die("usage: bench_capi [SECONDS] [ROLLOUTS] [ROUNDS]");
  std::printf("built-in model, %d rollouts, %.0f s per run, %d rounds, 1 inference + 1 LibTorch thread\n", rollouts,
              seconds, rounds);
  double program_fps = 0.0, capi_fps = 0.0;
  std::vector<double> program_us, capi_us;
  for (int round = 0; round < rounds; ++round) {
    const Run program = run_program(rollouts, seconds);
    const Run capi = run_capi(rollouts, seconds);
    std::printf("  round %d: program %.1f frames/s, C API %.1f frames/s\n", round + 1, program.fps, capi.fps);
    program_fps += program.fps / rounds;
    capi_fps += capi.fps / rounds;
    program_us.insert(program_us.end(), program.take_us.begin(), program.take_us.end());
    capi_us.insert(capi_us.end(), capi.take_us.begin(), capi.take_us.end());
  }
  std::printf("frames delivered per second: program %.1f, C API %.1f, ratio %.3f (target >= 0.95)\n", program_fps,
              capi_fps, program_fps > 0.0 ? capi_fps / program_fps : 0.0);
  std::printf("take a new frame, program (queue take): p50 %.1f us, p95 %.1f us\n", percentile(program_us, 0.5),
              percentile(program_us, 0.95));
  std::printf("acquire + copy into host buffer + release, C API: p50 %.1f us, p95 %.1f us\n", percentile(capi_us, 0.5),
              percentile(capi_us, 0.95));
  std::printf("extra latency from acquire to host pixels: p50 %.1f us\n",
              percentile(capi_us, 0.5) - percentile(program_us, 0.5));
  return 0;
}
