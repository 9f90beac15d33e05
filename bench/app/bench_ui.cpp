// bench_ui — the in-world UI's CPU cost per frame on the render thread (routing the pointer,
// the console's ImGui frame, rasterizing it when its pixels changed, handing the frame to the
// renderer), the figure issue 5 targets at ≤ 0.5 ms. The real console (app/ui_layer.h) over 4
// toyworld panels that play, at a 60 Hz display clock, in four cases:
//   idle      nobody points at the console (its status refreshes 4x a second)
//   hover     the mouse ray sweeps across the console every frame (hover highlights change)
//   typing    the prompt field has the keyboard and a character arrives every frame, so the
//             console is rasterized every frame (the worst case: the CPU ImGui pass each time)
//   playback  the Playback tab is open: its scrub bar of thumbnails (taken from the panels'
//             frames as they show) and the frame marker follow the status 4x a second
//   review    the Review tab is open with 64 notes over the 4 panels listed, its "a note goes
//             on frame N" line following the playing panel
// No window is needed (an offscreen Vulkan device; nothing is rendered). Prints figures; never
// fails on time. `./bench/app/bench_ui [FRAMES]`
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "app/panel_control.h"
#include "app/panel_interaction.h"
#include "app/panel_player.h"
#include "app/panels.h"
#include "app/ui_layer.h"
#include "renderer/renderer.h"

namespace {

using namespace wv::app;

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

Workspace four_panels() {
  Workspace w;
  for (int i = 0; i < 4; ++i) {
    PanelSpec p;
    p.source.toyworld.scene = "three red balls bounce in a dark blue room";
    p.source.toyworld.seed = uint64_t(i + 1);
    w.panels.push_back(p);
  }
  return w;
}

// The mouse's ray from the eye toward a pixel of the console (as UiLayer places it).
PointerInput mouse_on_console(const wv::Pose& console, glm::vec2 px, bool select) {
  const glm::vec3 local{(px.x / float(kConsolePixels.x) - 0.5f) * kConsoleSize_m.x,
                        (0.5f - px.y / float(kConsolePixels.y)) * kConsoleSize_m.y, 0.0f};
  const glm::vec3 target = console.position + console.orientation * local;
  PointerInput input;
  input.hands[kRight].active = true;
  input.hands[kRight].select = select;
  input.hands[kRight].T_world_pointer = wv::look_at({0.0f, 1.5f, 0.0f}, target);
  return input;
}

struct Figures {
  double mean_ms = 0, p50_ms = 0, p99_ms = 0, max_ms = 0;
  uint64_t drawn = 0;
};

Figures summarize(std::vector<double> ms, uint64_t drawn) {
  std::sort(ms.begin(), ms.end());
  Figures f;
  for (double v : ms) f.mean_ms += v / double(ms.size());
  f.p50_ms = ms[ms.size() / 2];
  f.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  f.max_ms = ms.back();
  f.drawn = drawn;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 600;
  auto ctx = wv::renderer::Context::create({});
  if (!ctx) {
    std::fprintf(stderr, "bench_ui: %s\n", ctx.error().message.c_str());
    return 1;
  }
  auto renderer = wv::renderer::Renderer::create(**ctx);
  if (!renderer) {
    std::fprintf(stderr, "bench_ui: %s\n", renderer.error().message.c_str());
    return 1;
  }
  RunPanels run;
  run.workspace = four_panels();
  run.panels = open_panels(run.workspace, "bench", nullptr);
  PanelPlayer player(run.panels, **renderer);
  PanelControl control(run, player, "");
  UiLayer ui(**renderer, control, console_pose(1.5f));

  std::printf("in-world UI CPU time per frame (render thread), %dx%d console, 4 playing panels, %d frames per case\n",
              kConsolePixels.x, kConsolePixels.y, frames);
  std::printf("%-8s %9s %9s %9s %9s %14s\n", "case", "mean ms", "p50 ms", "p99 ms", "max ms", "frames drawn");
  const double dt = 1.0 / 60.0;
  double t = 0.0;
  // Click the prompt field once, for the typing case.
  const glm::vec2 field{320.0f, 116.5f};
  for (const char* name : {"idle", "hover", "typing", "playback", "review"}) {
    const std::string which = name;
    if (which == "review") {
      for (int k = 0; k < 64; ++k) {
        player.show_latest(t += dt);
        if (!control.review().add_note(size_t(k % 4), "note " + std::to_string(k) + ": the ball clips the wall", std::nullopt))
          --k;  // no frame shown yet
      }
    }
    if (which == "typing" || which == "playback" || which == "review") {
      const glm::vec4 tab = ui.console().controls().at(which == "review" ? "tab:review" : "tab:playback");
      const glm::vec2 at = which == "typing" ? field : glm::vec2((tab.x + tab.z) / 2, (tab.y + tab.w) / 2);
      for (bool down : {false, true, false}) {
        ui.update(mouse_on_console(ui.pose(), at, down), {}, panel_shapes(player), std::nullopt, dt, t += dt);
      }
    }
    std::vector<double> ms;
    const uint64_t drawn_before = ui.frames_drawn();
    for (int k = 0; k < frames; ++k) {
      t += dt;
      player.show_latest(t);
      PointerInput input;
      UiKeyboard keys;
      if (which == "hover") {
        input = mouse_on_console(ui.pose(), {float(k * 7 % kConsolePixels.x), float(k * 3 % kConsolePixels.y)}, false);
      } else if (which == "typing") {
        input = mouse_on_console(ui.pose(), field, false);
        keys.typed = std::string(1, char('a' + k % 26));
        if (k % 40 == 39) keys.held[size_t(UiKey::Backspace)] = true;  // keep the prompt short
      }
      const double start = thread_cpu_s();
      ui.update(input, keys, panel_shapes(player), std::nullopt, dt, t);
      ms.push_back(1e3 * (thread_cpu_s() - start));
    }
    const Figures f = summarize(std::move(ms), ui.frames_drawn() - drawn_before);
    std::printf("%-8s %9.3f %9.3f %9.3f %9.3f %9llu/%d\n", name, f.mean_ms, f.p50_ms, f.p99_ms, f.max_ms,
                (unsigned long long)f.drawn, frames);
  }
  return 0;
}
