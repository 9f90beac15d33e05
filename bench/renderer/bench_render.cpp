// bench_render — prints render-thread CPU ms/frame (thread CPU clock around recording and
// submission, fence waits excluded), wall ms/frame, and upload MB/s, for 1, 4 and 16 panels,
// each streaming its own 512² texture every frame, into 1024² and 2048² views, and which upload
// path ran: zero-copy (frame memory imported, VK_EXT_external_memory_host) or staging (memcpy
// into the staging ring); two staging rows compare the paths. Never fails on time.
// Usage: bench_render [device-name-substring]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include "renderer/renderer.h"
#include "wv/pose.h"

namespace {

using namespace wv::renderer;
using Clock = std::chrono::steady_clock;

struct Row {
  double cpu_ms = 0;        // per frame, streaming textures
  double cpu_static_ms = 0; // per frame, textures unchanged (recording and submission alone)
  double wall_ms = 0;       // per frame, streaming, including waiting for the GPU
  double upload_mb_s = 0;
  uint64_t uploads = 0;            // streaming, measured frames
  uint64_t zero_copy_uploads = 0;  // of those
};

const char* path_name(const Row& row) {
  if (row.uploads == 0) return "-";
  if (row.zero_copy_uploads == row.uploads) return "zero-copy";
  return row.zero_copy_uploads == 0 ? "staging" : "mixed";
}

// A 512² frame with a pattern that differs per panel and phase (so uploads are real data).
wv::FramePtr pattern(int panel, int phase) {
  auto f = wv::make_frame(512, 512, phase, 0.0);
  for (int y = 0; y < 512; ++y)
    for (int x = 0; x < 512; ++x) {
      uint8_t* p = f->row(y) + 4 * x;
      p[0] = uint8_t(x + phase * 16), p[1] = uint8_t(y + panel * 32), p[2] = uint8_t((x ^ y) + panel), p[3] = 255;
    }
  return f;
}

// Panels in a grid in front of the viewer, filling much of the view.
std::vector<PanelDraw> layout(int count, const std::vector<TextureId>& textures) {
  std::vector<PanelDraw> panels;
  const int side = int(std::ceil(std::sqrt(double(count))));
  for (int i = 0; i < count; ++i) {
    PanelDraw p;
    p.texture = textures[i];
    const float x = (float(i % side) - 0.5f * float(side - 1)) * 3.2f / float(side);
    const float y = 1.6f - (float(i / side) - 0.5f * float(side - 1)) * 2.4f / float(side);
    p.T_world_panel = wv::Pose{{x, y, -2.0f}}.matrix();
    p.size_m = {3.0f / float(side), 2.2f / float(side)};
    p.curve_radius_m = count == 1 ? 2.5f : 0.0f;
    panels.push_back(p);
  }
  return panels;
}

Row measure(Context& ctx, uint32_t size, int panel_count, uint32_t msaa, int frames, bool import) {
  Row row;
  auto target = OffscreenTarget::create(ctx, {.width = size, .height = size});
  auto renderer = Renderer::create(ctx, {.msaa_samples = msaa, .import_frame_memory = import});
  if (!target || !renderer) {
    std::fprintf(stderr, "setup failed: %s\n", (!target ? target.error() : renderer.error()).message.c_str());
    return row;
  }
  Renderer& r = **renderer;
  std::vector<TextureId> textures;
  std::vector<wv::FramePtr> frames_a, frames_b;
  for (int i = 0; i < panel_count; ++i) {
    textures.push_back(r.create_texture());
    frames_a.push_back(pattern(i, 0));
    frames_b.push_back(pattern(i, 1));
  }
  const std::vector<PanelDraw> panels = layout(panel_count, textures);
  const View view{glm::inverse(wv::look_at({0, 1.6f, 0}, {0, 1.6f, -1}).matrix()),
                  perspective_vk(glm::radians(90.0f), 1.0f, 0.05f, 100.0f)};

  auto run = [&](int n, bool stream, double& cpu_ms, double& wall_ms, uint64_t& bytes) {
    const uint64_t bytes_before = r.stats().bytes_uploaded;
    double cpu = 0;
    const auto start = Clock::now();
    for (int f = 0; f < n; ++f) {
      if (stream)
        for (int i = 0; i < panel_count; ++i) r.update_texture(textures[i], (f & 1) ? frames_b[i] : frames_a[i]);
      if (!r.render(**target, {&view, 1}, panels, Environment{}).ok()) return;
      cpu += r.last_render_cpu_s();
    }
    (void)r.wait_idle();
    wall_ms = 1e3 * std::chrono::duration<double>(Clock::now() - start).count() / n;
    cpu_ms = 1e3 * cpu / n;
    bytes = r.stats().bytes_uploaded - bytes_before;
  };
  double ignored_ms, ignored_wall;
  uint64_t bytes = 0;
  run(3, true, ignored_ms, ignored_wall, bytes);  // warm-up: pipelines, images
  const RendererStats before = r.stats();
  const auto stream_start = Clock::now();
  run(frames, true, row.cpu_ms, row.wall_ms, bytes);
  const double seconds = std::chrono::duration<double>(Clock::now() - stream_start).count();
  row.uploads = r.stats().textures_uploaded - before.textures_uploaded;
  row.zero_copy_uploads = r.stats().zero_copy_uploads - before.zero_copy_uploads;
  row.upload_mb_s = double(bytes) / 1e6 / seconds;
  run(frames, false, row.cpu_static_ms, ignored_wall, bytes);
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  ContextParams params;
  if (argc > 1) params.preferred_device = argv[1];
  auto ctx = Context::create(params);
  if (!ctx) {
    std::fprintf(stderr, "%s\n", ctx.error().message.c_str());
    return 1;
  }
  std::printf("device: %s\n", (*ctx)->device_info().name.c_str());
  std::printf("each panel streams its own 512x512 texture every frame; 2 frames in flight\n");
  std::printf("zero-copy uploads: %s\n\n",
              (*ctx)->host_import_enabled()
                  ? "available (VK_EXT_external_memory_host)"
                  : "not available (device lacks VK_EXT_external_memory_host): every row measures staging copies");
  std::printf("| view  | panels | MSAA | path      | zero-copy uploads | CPU ms/frame | CPU ms/frame (static tex) "
              "| wall ms/frame | upload MB/s |\n");
  std::printf("|-------|--------|------|-----------|-------------------|--------------|---------------------------"
              "|---------------|-------------|\n");
  struct Config { uint32_t size; int panels; uint32_t msaa; int frames; bool import; };
  const Config configs[] = {{1024, 1, 1, 20, true},  {1024, 4, 1, 20, true},  {1024, 16, 1, 20, true},
                            {2048, 1, 1, 8, true},   {2048, 4, 1, 8, true},   {2048, 16, 1, 8, true},
                            {1024, 16, 4, 10, true}, {2048, 16, 4, 5, true},  {1024, 16, 1, 20, false},
                            {2048, 16, 1, 8, false}};
  for (const Config& c : configs) {
    const Row row = measure(**ctx, c.size, c.panels, c.msaa, c.frames, c.import);
    std::printf("| %4u² | %6d | %3ux | %-9s | %7llu of %-6llu | %12.3f | %25.3f | %13.1f | %11.0f |\n", c.size,
                c.panels, c.msaa, path_name(row), static_cast<unsigned long long>(row.zero_copy_uploads),
                static_cast<unsigned long long>(row.uploads), row.cpu_ms, row.cpu_static_ms, row.wall_ms,
                row.upload_mb_s);
    std::fflush(stdout);
  }
  return 0;
}
