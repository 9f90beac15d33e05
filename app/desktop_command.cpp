#include "app/desktop_command.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <optional>

#include "app/autosave.h"
#include "app/desktop_input.h"
#include "app/desktop_window.h"
#include "app/input_script.h"
#include "app/panel_interaction.h"
#include "app/panel_control.h"
#include "app/panel_player.h"
#include "app/panel_recording.h"
#include "app/ui_layer.h"
#include "media/png.h"
#include "renderer/renderer.h"
#include "wv/log.h"

namespace wv::app {
namespace {

constexpr float kNear_m = 0.05f;
constexpr float kFar_m = 200.0f;
constexpr double kMinimizedPoll_s = 0.05;  // while minimized: wake for events this often

std::atomic<bool> g_interrupted{false};
void on_interrupt(int) { g_interrupted = true; }

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

// Everything one run holds, destroyed in reverse: the window outlives the Vulkan context (which
// owns its surface), the context outlives the renderer and the target.
struct Run {
  std::unique_ptr<DesktopWindow> window;
  RunPanels panels;
  std::unique_ptr<renderer::Context> ctx;
  std::unique_ptr<renderer::Renderer> renderer;
  std::unique_ptr<renderer::SwapchainTarget> target;
};

// The keys and text a UI text field takes; the typed text is handed over once.
UiKeyboard ui_keyboard(MouseKeyboard& input) {
  UiKeyboard keys;
  keys.typed = std::move(input.typed);
  input.typed.clear();
  constexpr std::pair<Key, UiKey> kKeys[] = {{Key::Backspace, UiKey::Backspace}, {Key::Enter, UiKey::Enter},
                                             {Key::Left, UiKey::Left},           {Key::Right, UiKey::Right},
                                             {Key::Home, UiKey::Home},           {Key::End, UiKey::End},
                                             {Key::Delete, UiKey::Delete},       {Key::Tab, UiKey::Tab},
                                             {Key::Escape, UiKey::Escape}};
  for (const auto& [key, ui_key] : kKeys) keys.held[size_t(ui_key)] = input.held(key);
  keys.shift = input.held(Key::Shift);
  return keys;
}

int fail(const std::string& message) {
  wv::log_error("desktop: " + message);
  return 1;
}

}  // namespace

CLI::App* add_desktop_command(CLI::App& cli, DesktopOptions& o) {
  CLI::App* cmd = cli.add_subcommand("desktop", "Show a workspace in a window, with mouse and keyboard");
  add_panel_options(*cmd, o.panels);
  cmd->add_option("-s,--seconds", o.seconds, "End after this many seconds (default: when the window closes)")
      ->check(CLI::Range(0.01, 1e6));
  cmd->add_option("--width", o.width, "Window width")->capture_default_str()->check(CLI::Range(64, 8192));
  cmd->add_option("--height", o.height, "Window height")->capture_default_str()->check(CLI::Range(64, 8192));
  cmd->add_option("--msaa", o.msaa, "Multisampling: 1 (off) or 4")->capture_default_str()->check(CLI::IsMember({1, 4}));
  cmd->add_option("--fov", o.fov_y_deg, "Vertical field of view in degrees")->capture_default_str()->check(CLI::Range(20.0, 120.0));
  cmd->add_option("--device", o.device, "Preferred Vulkan device (part of its name, see `worldview info`)");
  cmd->add_flag("--validate", o.validate, "Enable Vulkan validation; any message fails the run");
  cmd->add_flag("--mailbox", o.mailbox, "Present without waiting for the display where possible (more CPU, less latency)");
  cmd->add_option("--snapshot", o.snapshot, "Write one presented frame as PNG");
  cmd->add_option("--snapshot-at", o.snapshot_at_s, "Time of the snapshot in seconds (default: the middle, or 1 s)");
  cmd->add_flag("!--no-ui", o.ui, "Leave out the in-world console");
  cmd->add_option("--input-script", o.input_script, "Play timed mouse, keyboard and window actions (app/input_script.h)");
  add_autosave_option(*cmd, o.autosave_s);
  return cmd;
}

int run_desktop(const DesktopOptions& o, DesktopStats* out_stats) {
  std::optional<InputScript> script;
  if (!o.input_script.empty()) {
    auto loaded = InputScript::load(o.input_script);
    if (!loaded) return fail(loaded.error().message);
    script = std::move(*loaded);
  }
  Run run;
  auto window = DesktopWindow::create({.width = o.width, .height = o.height, .title = "worldview"});
  if (!window) {
    std::fprintf(stderr, "worldview: desktop mode cannot start: %s\n", window.error().message.c_str());
    return kExitNoWindow;
  }
  run.window = std::move(*window);
  if (o.panels.empty()) wv::log_info("desktop: no --workspace, --prompt or --open: an empty room");
  auto opened = open_run_panels(o.panels, {.inference_threads = 1, .intra_op_threads = o.inference_threads});
  if (!opened) return fail(opened.error().message);
  run.panels = std::move(*opened);

  renderer::ContextParams params{.enable_validation = o.validate, .preferred_device = o.device};
  params.instance_extensions = run.window->vulkan_instance_extensions();
  params.create_surface = [&](VkInstance instance) { return run.window->create_surface(instance); };
  auto ctx = renderer::Context::create(params);
  if (!ctx) return fail(ctx.error().message);
  run.ctx = std::move(*ctx);
  auto renderer = renderer::Renderer::create(*run.ctx, {.frames_in_flight = 2, .msaa_samples = uint32_t(o.msaa)});
  if (!renderer) return fail(renderer.error().message);
  run.renderer = std::move(*renderer);
  auto target = renderer::SwapchainTarget::create(*run.ctx, {.frames_in_flight = 2, .prefer_mailbox = o.mailbox});
  if (!target) return fail(target.error().message);
  run.target = std::move(*target);

  DesktopWindow& win = *run.window;
  std::vector<Panel>& panels = run.panels.panels;
  PanelPlayer player(panels, *run.renderer);
  PanelInteraction interaction;
  PanelControl control(run.panels, player, o.panels.workspace);
  std::optional<UiLayer> ui;
  if (o.ui) ui.emplace(*run.renderer, control, console_pose(run.panels.workspace.layout.eye_height_m));
  Autosave autosave(control, o.autosave_s);
  std::optional<size_t> selected;  // the panel selected last frame, for the console
  const float fov_y_rad = glm::radians(o.fov_y_deg);
  DesktopControls controls(VirtualHead{.position_m = {0.0f, run.panels.workspace.layout.eye_height_m, 0.0f}}, fov_y_rad);
  const double snapshot_at_s = o.snapshot_at_s >= 0 ? o.snapshot_at_s : o.seconds > 0 ? o.seconds / 2 : 1.0;
  bool snapshot_written = false;
  // Live: a recording never holds up the window (frames the encoder cannot take are dropped).
  PanelRecordings recordings(player, RecordPace::Live);
  control.set_recordings(&recordings);
  const VkExtent2D first_extent = win.framebuffer_extent();
  recordings.set_view_format({int32_t(first_extent.width), int32_t(first_extent.height), kLiveViewFps});
  if (wv::Status s = start_recordings(o.panels.record, recordings, 0.0); !s) return fail(s.error().message);
  // The view's capture is read one frame later, while the next frame renders.
  struct PendingCapture {
    bool pending = false;
    uint64_t id = 0;
    double t_s = 0.0;
  } pending_view;

  DesktopStats stats;
  double render_cpu_s = 0.0, ui_cpu_s = 0.0;
  wv::Status status;
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  double previous_s = 0.0;
  std::signal(SIGINT, on_interrupt);
  while (status) {
    const double cpu_start = thread_cpu_s();
    win.poll();
    const double t = std::chrono::duration<double>(Clock::now() - start).count();
    if (script) script->apply_due(t, win);
    if (win.should_close() || g_interrupted || (o.seconds > 0 && t >= o.seconds)) break;
    const double dt = t - previous_s;
    previous_s = t;

    PointerInput input = controls.update(win.input(), dt, ui && ui->wants_text());
    if (ui) {
      input = ui->update(input, ui_keyboard(win.input()), panel_shapes(player), selected, dt, t);
      ui_cpu_s += ui->last_cpu_s();
    }
    const InteractionEffects fx = interaction.update(input, player, dt, t);
    selected = fx.selected;
    if (fx.menu) controls.reset_head();  // the menu button recenters, as in XR
    autosave.update(t);
    player.show_latest(t);

    const VkExtent2D extent = win.framebuffer_extent();
    recordings.set_view_format({int32_t(extent.width), int32_t(extent.height), kLiveViewFps});
    auto acquired = run.target->acquire(extent);
    if (!acquired) {
      status = acquired.error();
      break;
    }
    if (!*acquired) {  // minimized: nothing to draw until the window is back
      ++stats.frames_paused;
      win.wait(kMinimizedPoll_s);
      continue;
    }
    const bool snap = !o.snapshot.empty() && !snapshot_written && t >= snapshot_at_s;
    if (snap && !run.target->view_image(0).transfer_src) {
      // The frame must still be rendered and presented: the image is acquired.
      status = Error{"--snapshot: this window's images cannot be read back (the surface lacks TRANSFER_SRC)"};
    }
    bool record_view = recordings.view_due(t);
    if (record_view && !run.target->view_image(0).transfer_src) {
      wv::log_error("desktop: the view cannot be recorded: this window's images cannot be read back "
                    "(the surface lacks TRANSFER_SRC)");
      (void)recordings.stop_view();
      record_view = false;
    }
    const renderer::View view{glm::inverse(controls.head().pose().matrix()),
                              renderer::perspective_vk(fov_y_rad, float(extent.width) / float(extent.height),
                                                       kNear_m, kFar_m)};
    auto id = run.renderer->render(*run.target, {&view, 1}, ui ? ui->draws(player.draws()) : player.draws(),
                                   renderer::Environment{},
                                   {.capture_view = (snap && status) || record_view ? 0 : -1});
    if (!id) {
      status = id.error();
      break;
    }
    if (wv::Status s = run.target->present(); !s) status = s;
    if (pending_view.pending) {
      auto image = run.renderer->read_capture(pending_view.id);
      if (image) recordings.add_view_frame(*image, pending_view.t_s);
      else status = image.error();
      pending_view.pending = false;
    }
    if (snap && status) {
      auto image = run.renderer->read_capture(*id);
      status = image ? media::write_png(o.snapshot, **image) : wv::Status(image.error());
      snapshot_written = status.ok();
      if (image && record_view) recordings.add_view_frame(*image, t);
    } else if (record_view) {
      pending_view = {true, *id, t};
    }
    ++stats.frames_rendered;
    render_cpu_s += thread_cpu_s() - cpu_start;
  }
  std::signal(SIGINT, SIG_DFL);
  if (pending_view.pending)
    if (auto image = run.renderer->read_capture(pending_view.id)) recordings.add_view_frame(*image, pending_view.t_s);
  recordings.stop_all();
  autosave.finish();
  const double wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  if (wv::Status s = run.renderer->wait_idle(); status && !s) status = s;
  run.panels.rollouts->report();

  stats.swapchain_recreations = run.target->recreations();
  if (stats.frames_rendered > 0) {
    stats.cpu_ms_per_frame = 1e3 * render_cpu_s / double(stats.frames_rendered);
    stats.wall_ms_per_frame = 1e3 * wall_s / double(stats.frames_rendered);
    stats.ui_cpu_ms_per_frame = 1e3 * ui_cpu_s / double(stats.frames_rendered);
  }
  stats.mailbox = run.target->present_mode() == VK_PRESENT_MODE_MAILBOX_KHR;
  if (out_stats) *out_stats = stats;
  if (o.print_report) {
    std::printf("desktop: %llu frames in %.1f s (%.2f ms wall, %.2f ms render-thread CPU per frame of which UI %.3f ms, %s), "
                "%llu paused, %llu swapchain recreation(s)\n",
                (unsigned long long)stats.frames_rendered, wall_s, stats.wall_ms_per_frame, stats.cpu_ms_per_frame,
                stats.ui_cpu_ms_per_frame,
                stats.mailbox ? "MAILBOX" : "FIFO", (unsigned long long)stats.frames_paused,
                (unsigned long long)stats.swapchain_recreations);
    // Where the user left each panel (a grab moves it for this run; the workspace is unchanged).
    for (size_t i = 0; i < player.size(); ++i) {
      const glm::vec3 p = player.panel(i).T_world_panel.position;
      std::printf("desktop: %s at (%.3f, %.3f, %.3f) m\n", player.panel(i).name.c_str(), p.x, p.y, p.z);
      // What the rollout was prompted with, and from which frame: steering from the UI shows here.
      for (const auto& [frame, text] : control.prompt_track(i))
        std::printf("desktop: %s prompt from frame %lld: \"%s\"\n", player.panel(i).name.c_str(), (long long)frame,
                    text.c_str());
    }
  }
  if (snapshot_written) std::printf("wrote %s\n", o.snapshot.c_str());
  if (!status) return fail(status.error().message);
  if (o.validate && run.ctx->validation_message_count() > 0) {
    wv::log_error("Vulkan validation reported " + std::to_string(run.ctx->validation_message_count()) + " message(s)");
    return 4;
  }
  for (const auto& p : panels)
    if (!p.source) return 3;
  return 0;
}

}  // namespace wv::app
