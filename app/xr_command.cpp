#include "app/xr_command.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>

#include "app/desktop_command.h"
#include "app/headless_command.h"
#include "app/autosave.h"
#include "app/panel_control.h"
#include "app/panel_player.h"
#include "app/panel_recording.h"
#include "app/ui_layer.h"
#include "app/panels.h"
#include "app/xr_frame_loop.h"
#include "renderer/renderer.h"
#include "wv/log.h"
#include "xr/headset.h"

namespace wv::app {
namespace {

std::atomic<bool> g_interrupted{false};

void on_interrupt(int) { g_interrupted = true; }

int fall_back(const XrOptions& o, const std::string& why) {
  std::fprintf(stderr, "worldview: xr mode cannot start: %s\n", why.c_str());
  if (o.no_fallback) return kExitNoXr;
  DesktopOptions d;
  d.panels = o.panels;
  d.seconds = o.seconds > 0 ? o.seconds : o.frames > 0 ? std::max(0.1, double(o.frames) / 60.0) : 0.0;
  d.validate = o.validate;
  d.msaa = o.msaa;
  d.inference_threads = o.inference_threads;
  d.ui = o.ui;
  d.autosave_s = o.autosave_s;
  std::fprintf(stderr, "worldview: falling back to desktop mode\n");
  if (const int code = run_desktop(d); code != kExitNoWindow) return code;
  if (o.panels.empty()) {
    std::fprintf(stderr, "worldview: no fallback: headless mode needs --workspace, --prompt or --open\n");
    return kExitNoXr;
  }
  HeadlessOptions h;
  h.panels = o.panels;
  h.out = o.fallback_out;
  h.seconds = o.seconds > 0 ? o.seconds : o.frames > 0 ? std::max(0.1, double(o.frames) / h.fps) : 10.0;
  h.validate = o.validate;
  h.inference_threads = o.inference_threads;
  std::fprintf(stderr, "worldview: falling back to headless mode: rendering %.1f s to %s\n", h.seconds,
               h.out.c_str());
  return run_headless(h);
}

bool done(const XrOptions& o, const XrFrameLoop& loop) {
  if (g_interrupted) return true;
  if (o.frames > 0 && int64_t(loop.stats().frames_ended) >= o.frames) return true;
  return o.seconds > 0 && loop.display_time_s() >= o.seconds;
}

}  // namespace

CLI::App* add_xr_command(CLI::App& cli, XrOptions& o) {
  CLI::App* cmd = cli.add_subcommand("xr", "Show a workspace around you in a headset (OpenXR)");
  add_panel_options(*cmd, o.panels);
  auto* seconds = cmd->add_option("-s,--seconds", o.seconds, "End after this many seconds (default: when the runtime ends it)")
                      ->check(CLI::Range(0.01, 1e6));
  cmd->add_option("--frames", o.frames, "End after this many frames")->check(CLI::Range(int64_t(1), int64_t(1) << 40))
      ->excludes(seconds);
  cmd->add_flag("--no-fallback", o.no_fallback,
                "Without an OpenXR runtime or headset, exit with code 5 instead of falling back to headless");
  cmd->add_flag("--validate", o.validate, "Enable Vulkan validation; any message fails the run");
  cmd->add_flag("!--no-ui", o.ui, "Leave out the in-world console");
  cmd->add_option("--msaa", o.msaa, "Multisampling: 1 (off) or 4")->capture_default_str()->check(CLI::IsMember({1, 4}));
  cmd->add_option("--fallback-out", o.fallback_out, "Video the headless fallback writes")->capture_default_str();
  add_autosave_option(*cmd, o.autosave_s);
  return cmd;
}

int run_xr(const XrOptions& o) {
  if (o.panels.empty()) wv::log_info("xr: no --workspace, --prompt or --open: an empty room");
  // Opened first, so bad input is reported whether or not a headset is there; let go of before
  // a fallback mode opens them again.
  std::optional<RunPanels> run;
  {
    auto opened = open_run_panels(o.panels, {.inference_threads = 1, .intra_op_threads = o.inference_threads});
    if (!opened) {
      wv::log_error("xr: " + opened.error().message);
      return 1;
    }
    run = std::move(*opened);
  }

  renderer::RequiredDeviceFeatures features;
  xr::HeadsetParams params;
  params.vulkan.enable_validation = o.validate;
  params.vulkan.device_features = &features.features;
  params.vulkan.optional_device_extensions = {VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME};
  params.session.eye_height_m = run->workspace.layout.eye_height_m;
  auto headset = xr::Headset::create(params);
  if (!headset) {
    run.reset();
    return fall_back(o, headset.error().message);
  }

  const xr::VulkanDevice& vulkan = (*headset)->vulkan();
  renderer::AdoptedDevice handed{vulkan.instance, vulkan.physical_device, vulkan.device, vulkan.queue_family,
                                 vulkan.queue_index};
  handed.instance_has_debug_utils = vulkan.debug_utils;
  handed.external_memory_host_enabled = vulkan.has_device_extension(VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME);
  auto ctx = renderer::Context::adopt(handed, {.enable_validation = o.validate});
  if (!ctx) {
    wv::log_error(ctx.error().message);
    return 1;
  }
  auto renderer = renderer::Renderer::create(**ctx, {.msaa_samples = uint32_t(o.msaa)});
  if (!renderer) {
    wv::log_error(renderer.error().message);
    return 1;
  }
  std::vector<Panel>& panels = run->panels;
  PanelPlayer player(panels, **renderer);
  PanelControl control(*run, player, o.panels.workspace);
  std::optional<UiLayer> ui;
  if (o.ui) ui.emplace(**renderer, control, console_pose(run->workspace.layout.eye_height_m));
  Autosave autosave(control, o.autosave_s);
  // Live: a recording never holds up the headset's frames. The view is the left eye.
  PanelRecordings recordings(player, RecordPace::Live);
  control.set_recordings(&recordings);
  const xr::SwapchainParams& left_eye = (*headset)->session().view_swapchain(0).params();
  recordings.set_view_format({int32_t(left_eye.width), int32_t(left_eye.height), kLiveViewFps});
  if (wv::Status s = start_recordings(o.panels.record, recordings, 0.0); !s) {
    wv::log_error("xr: " + s.error().message);
    return 1;
  }

  int code = 0;
  {
    XrFrameLoop loop(**headset, **ctx, **renderer, player, ui ? &*ui : nullptr, &recordings);
    std::signal(SIGINT, on_interrupt);
    for (;;) {
      auto more = loop.step();
      if (!more) {
        wv::log_error(more.error().message);
        code = (*headset)->exiting() ? kExitRuntimeLost : 1;
        break;
      }
      if (!*more) break;
      autosave.update(loop.display_time_s());
      if (done(o, loop)) loop.request_exit();
    }
    std::signal(SIGINT, SIG_DFL);
    autosave.finish();
    run->rollouts->report();
    std::printf("xr: %llu frames (%llu rendered), %llu session(s)\n",
                (unsigned long long)loop.stats().frames_ended, (unsigned long long)loop.stats().frames_rendered,
                (unsigned long long)loop.stats().sessions);
    // Where the thumbstick left each panel: its clock and the frame it shows.
    for (size_t i = 0; i < player.size(); ++i) {
      const FramePtr& shown = player.shown(i);
      std::printf("xr: %s at %.2f s, speed %.2fx, showing frame %lld\n", player.panel(i).name.c_str(),
                  player.position_s(i, loop.display_time_s()), player.speed(i),
                  shown ? (long long)shown->index : -1LL);
    }
  }
  recordings.stop_all();  // after the loop handed over its last capture
  if (code != 0) return code;
  if (o.validate && (*ctx)->validation_message_count() > 0) {
    wv::log_error("Vulkan validation reported " + std::to_string((*ctx)->validation_message_count()) + " message(s)");
    return 4;
  }
  for (const auto& p : panels)
    if (!p.source) return 3;
  return 0;
}

}  // namespace wv::app
