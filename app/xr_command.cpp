#include "app/xr_command.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>

#include "app/headless_command.h"
#include "app/panel_player.h"
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
  if (o.workspace.empty()) {
    std::fprintf(stderr, "worldview: no fallback: headless mode needs --workspace\n");
    return kExitNoXr;
  }
  HeadlessOptions h;
  h.workspace = o.workspace;
  h.out = o.fallback_out;
  h.trusted_models = o.trusted_models;
  h.seconds = o.seconds > 0 ? o.seconds : o.frames > 0 ? std::max(0.1, double(o.frames) / h.fps) : 10.0;
  h.validate = o.validate;
  h.inference_threads = o.inference_threads;
  std::fprintf(stderr,
               "worldview: falling back to headless mode (desktop mode does not exist yet): "
               "rendering %.1f s of %s to %s\n",
               h.seconds, h.workspace.c_str(), h.out.c_str());
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
  cmd->add_option("-w,--workspace", o.workspace, "Workspace file (*.wv.json)")->check(CLI::ExistingPath);
  auto* seconds = cmd->add_option("-s,--seconds", o.seconds, "End after this many seconds (default: when the runtime ends it)")
                      ->check(CLI::Range(0.01, 1e6));
  cmd->add_option("--frames", o.frames, "End after this many frames")->check(CLI::Range(int64_t(1), int64_t(1) << 40))
      ->excludes(seconds);
  cmd->add_flag("--no-fallback", o.no_fallback,
                "Without an OpenXR runtime or headset, exit with code 5 instead of falling back to headless");
  cmd->add_flag("--validate", o.validate, "Enable Vulkan validation; any message fails the run");
  cmd->add_option("--msaa", o.msaa, "Multisampling: 1 (off) or 4")->capture_default_str()->check(CLI::IsMember({1, 4}));
  cmd->add_option("--fallback-out", o.fallback_out, "Video the headless fallback writes")->capture_default_str();
  cmd->add_option("--trusted-models", o.trusted_models,
                  "TorchScript models pinned by SHA-256 that workspaces may use by id (docs/model-contract.md; "
                  "default: ~/.config/worldview/trusted-models.json)");
  return cmd;
}

int run_xr(const XrOptions& o) {
  Workspace workspace;
  if (!o.workspace.empty()) {
    auto loaded = load_workspace(o.workspace);
    if (!loaded) {
      wv::log_error(loaded.error().message);
      return 1;
    }
    workspace = std::move(*loaded);
  } else {
    wv::log_info("xr: no --workspace: an empty room");
  }

  renderer::RequiredDeviceFeatures features;
  xr::HeadsetParams params;
  params.vulkan.enable_validation = o.validate;
  params.vulkan.device_features = &features.features;
  params.vulkan.optional_device_extensions = {VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME};
  params.session.eye_height_m = workspace.layout.eye_height_m;
  auto headset = xr::Headset::create(params);
  if (!headset) return fall_back(o, headset.error().message);

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
  auto rollouts = RolloutSources::create(
      {.inference_threads = 1, .intra_op_threads = o.inference_threads, .trusted_models = o.trusted_models, .remote = o.remote});
  if (!rollouts) {
    wv::log_error(rollouts.error().message);
    return 1;
  }
  std::vector<Panel> panels = open_panels(workspace, o.workspace, rollouts->get());
  PanelPlayer player(panels, **renderer);

  int code = 0;
  {
    XrFrameLoop loop(**headset, **ctx, **renderer, player);
    std::signal(SIGINT, on_interrupt);
    for (;;) {
      auto more = loop.step();
      if (!more) {
        wv::log_error(more.error().message);
        code = (*headset)->exiting() ? kExitRuntimeLost : 1;
        break;
      }
      if (!*more) break;
      if (done(o, loop)) loop.request_exit();
    }
    std::signal(SIGINT, SIG_DFL);
    (*rollouts)->report();
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
