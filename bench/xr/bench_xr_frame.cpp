// bench_xr_frame — render-thread CPU ms per frame of xr mode's frame loop (XrFrameLoop::step:
// events, controllers, xrWaitFrame/xrBeginFrame, view location, panel frames, rendering both
// eyes into the swapchain images, xrEndFrame), against the simulated runtime (tests/xr_sim,
// which never blocks in xrWaitFrame), with 1, 4 and 16 panels, each panel drawn into the
// projection layer or shown as its own quad layer (new frames copied into its swapchain; the
// simulator's 16-layer limit leaves the 16th panel in the projection). Also wall ms per frame
// (the loop is paced at 90 Hz, as a headset's xrWaitFrame would pace it) and the frames in
// which the render thread waited on anything but the runtime (XrLoopStats::frames_waited;
// target: none), with the cores idle and with every core kept busy by matmul threads standing
// in for the inference core. Prints figures; never fails on time.
// Usage: bench_xr_frame [FRAMES_IN_FLIGHT] (the renderer's, default 2, as xr mode uses; set
// XR_RUNTIME_JSON to measure another runtime)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "app/panel_player.h"
#include "app/panels.h"
#include "app/xr_frame_loop.h"
#include "renderer/renderer.h"
#include "xr/headset.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kWarmup = 10;
constexpr int kFrames = 60;
constexpr auto kDisplayPeriod = std::chrono::nanoseconds(11'111'111);  // 90 Hz

using Layer = wv::app::PanelSpec::Layer;

wv::app::Workspace workspace_with(int panels, Layer layer) {
  wv::app::Workspace w;
  for (int i = 0; i < panels; ++i) {
    wv::app::PanelSpec p;
    p.source.toyworld.scene = "three red balls bounce in a dark blue room";
    p.source.toyworld.seed = uint64_t(i + 1);
    p.width_m = 0.6f;
    p.layer = layer;
    w.panels.push_back(p);
  }
  return w;
}

// One busy thread per core multiplying 128x128 matrices until destroyed: the CPU as a
// saturating inference core leaves it.
class CpuLoad {
 public:
  CpuLoad() {
    for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t)
      threads_.emplace_back([this] {
        constexpr int n = 128;
        std::vector<float> a(n * n, 1.0f), b(n * n, 0.5f), c(n * n);
        while (!stop_) {
          for (int i = 0; i < n; ++i)
            for (int k = 0; k < n; ++k)
              for (int j = 0; j < n; ++j) c[i * n + j] += a[i * n + k] * b[k * n + j];
          sink_ += c[0];
        }
      });
  }
  ~CpuLoad() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<float> sink_{0.0f};  // keeps the work from being optimized away
  std::vector<std::thread> threads_;
};

bool measure(int panel_count, Layer layer, bool loaded, uint32_t frames_in_flight) {
  wv::renderer::RequiredDeviceFeatures features;
  wv::xr::HeadsetParams params;
  params.vulkan.device_features = &features.features;
  auto headset = wv::xr::Headset::create(params);
  if (!headset) {
    std::fprintf(stderr, "bench_xr_frame: %s\n", headset.error().message.c_str());
    return false;
  }
  const wv::xr::VulkanDevice& v = (*headset)->vulkan();
  auto ctx = wv::renderer::Context::adopt({v.instance, v.physical_device, v.device, v.queue_family, v.queue_index});
  if (!ctx) return false;
  auto renderer = wv::renderer::Renderer::create(**ctx, {.frames_in_flight = frames_in_flight});
  if (!renderer) return false;
  const wv::app::Workspace workspace = workspace_with(panel_count, layer);
  std::vector<wv::app::Panel> panels = wv::app::open_panels(workspace, "bench", /*rollouts=*/nullptr);  // toyworld panels only
  wv::app::PanelPlayer player(panels, **renderer);
  double cpu_s = 0.0;
  Clock::duration wall{};
  uint64_t waited = 0;
  {
    wv::app::XrFrameLoop loop(**headset, **ctx, **renderer, player);
    while (loop.stats().frames_rendered < kWarmup)
      if (auto more = loop.step(); !more || !*more) return false;
    std::unique_ptr<CpuLoad> load = loaded ? std::make_unique<CpuLoad>() : nullptr;
    const uint64_t start = loop.stats().frames_ended;
    const uint64_t waited_before = loop.stats().frames_waited;
    const auto t0 = Clock::now();
    while (loop.stats().frames_ended < start + kFrames) {
      const uint64_t before = loop.stats().frames_ended;
      if (auto more = loop.step(); !more || !*more) return false;
      if (loop.stats().frames_ended > before) cpu_s += loop.stats().last_frame_cpu_s;
      // The simulator's xrWaitFrame never blocks; a headset's paces the loop at its refresh.
      std::this_thread::sleep_until(t0 + (loop.stats().frames_ended - start) * kDisplayPeriod);
    }
    wall = Clock::now() - t0;
    waited = loop.stats().frames_waited - waited_before;
  }
  std::printf("%6d  %-12s %-6s %8.2f %8.2f %8llu/%d\n", panel_count, layer == Layer::Quad ? "quad" : "projection",
              loaded ? "busy" : "idle", 1e3 * cpu_s / kFrames, std::chrono::duration<double, std::milli>(wall).count() / kFrames,
              (unsigned long long)waited, kFrames);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  setenv("XR_RUNTIME_JSON", WV_XR_SIM_MANIFEST, /*overwrite=*/0);
  const int frames_in_flight = argc > 1 ? std::atoi(argv[1]) : 2;
  if (frames_in_flight < 1 || frames_in_flight > 8) {
    std::fprintf(stderr, "usage: bench_xr_frame [FRAMES_IN_FLIGHT: 1..8]\n");
    return 2;
  }
  std::printf("xr frame loop, simulated runtime, 2 x 512x512 views, 128x128 30 fps panels, %d renderer frames in flight\n",
              frames_in_flight);
  std::printf("%6s  %-12s %-6s %8s %8s %11s\n", "panels", "panel layer", "cores", "cpu ms", "wall ms", "waited");
  for (bool loaded : {false, true})
    for (int n : {1, 4, 16})
      for (Layer layer : {Layer::Projection, Layer::Quad})
        if (!measure(n, layer, loaded, uint32_t(frames_in_flight))) return 1;
  return 0;
}
