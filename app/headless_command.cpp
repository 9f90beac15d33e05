#include "app/headless_command.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <optional>

#include "app/autosave.h"
#include "app/camera_path.h"
#include "app/layout.h"
#include "app/panel_control.h"
#include "app/panel_interaction.h"
#include "app/panel_player.h"
#include "app/panel_recording.h"
#include "app/panels.h"
#include "app/progress.h"
#include "app/session_input.h"
#include "app/ui_layer.h"
#include "media/png.h"
#include "media/recorder.h"
#include "renderer/renderer.h"
#include "wv/log.h"

namespace wv::app {
namespace {

std::atomic<bool> g_interrupted{false};
void on_interrupt(int) { g_interrupted = true; }

struct Outputs {
  std::unique_ptr<media::Recorder> recorder;
  std::string snapshot_path;
  int64_t snapshot_frame = -1;
  bool snapshot_written = false;
  PanelRecordings* recordings = nullptr;  // --record-view and the console's Record view
  int32_t fps = 30;
};

wv::Status deliver(Outputs& outputs, renderer::Renderer& renderer, uint64_t frame_id, int64_t k) {
  auto image = renderer.read_capture(frame_id);
  if (!image) return image.error();
  if (k == outputs.snapshot_frame) {
    if (auto s = media::write_png(outputs.snapshot_path, **image); !s) return s;
    outputs.snapshot_written = true;
  }
  const double t = double(k) / outputs.fps;
  if (outputs.recordings->view_due(t)) outputs.recordings->add_view_frame(*image, t);
  return outputs.recorder->write(std::move(*image));
}

}  // namespace

CLI::App* add_headless_command(CLI::App& cli, HeadlessOptions& o) {
  CLI::App* cmd = cli.add_subcommand("headless", "Render a workspace around a scripted viewer to an MP4, with no display");
  add_panel_options(*cmd, o.panels);
  cmd->add_option("-o,--out", o.out, "Video to write (H.264 MP4)")->capture_default_str();
  cmd->add_option("--snapshot", o.snapshot, "Also write one frame as PNG");
  cmd->add_option("--snapshot-at", o.snapshot_at_s, "Time of the snapshot in seconds (default: the middle)");
  cmd->add_option("-s,--seconds", o.seconds, "Length of the run")->capture_default_str()->check(CLI::Range(0.1, 3600.0));
  cmd->add_option("--width", o.width, "Video width in pixels")->capture_default_str()->check(CLI::Range(64, 4096));
  cmd->add_option("--height", o.height, "Video height in pixels")->capture_default_str()->check(CLI::Range(64, 4096));
  cmd->add_option("--fps", o.fps, "Video frames per second")->capture_default_str()->check(CLI::Range(1, 240));
  cmd->add_option("--msaa", o.msaa, "Multisampling: 1 (off) or 4")->capture_default_str()->check(CLI::IsMember({1, 4}));
  cmd->add_option("--fov", o.fov_y_deg, "Vertical field of view in degrees")->capture_default_str()->check(CLI::Range(20.0, 120.0));
  cmd->add_option("--device", o.device, "Preferred Vulkan device (part of its name, see `worldview info`)");
  cmd->add_flag("--validate", o.validate, "Enable Vulkan validation; any message fails the run");
  cmd->add_flag("--still", o.still, "Keep the viewer looking straight ahead");
  cmd->add_option("--script", o.script,
                  "Play a session script: select, drag, type, steer, branch, save through the in-world console "
                  "(docs/scripting.md)");
  add_autosave_option(*cmd, o.autosave_s);
  return cmd;
}

int run_headless(const HeadlessOptions& o) {
  if (o.panels.empty()) {
    wv::log_error("headless: nothing to show: give --workspace FILE, --prompt TEXT and/or --open FILE");
    return 1;
  }
  std::optional<SessionInput> session;
  if (!o.script.empty()) {
    auto script = SessionScript::load(o.script);
    if (!script) {
      wv::log_error("headless: " + script.error().message);
      return 1;
    }
    session.emplace(std::move(*script));
  }
  // An export: every rollout stepped alone so its frames replay exactly (DESIGN.md §3).
  auto opened = open_run_panels(o.panels, {.inference_threads = 1, .intra_op_threads = o.inference_threads, .exact = true});
  if (!opened) {
    wv::log_error("headless: " + opened.error().message);
    return 1;
  }
  std::vector<Panel>& panels = opened->panels;
  const Workspace* workspace = &opened->workspace;
  RolloutSources* rollouts = opened->rollouts.get();

  auto ctx = renderer::Context::create({.enable_validation = o.validate, .preferred_device = o.device});
  if (!ctx) {
    wv::log_error(ctx.error().message);
    return 1;
  }
  auto target = renderer::OffscreenTarget::create(**ctx, {.width = uint32_t(o.width), .height = uint32_t(o.height)});
  if (!target) {
    wv::log_error(target.error().message);
    return 1;
  }
  auto renderer = renderer::Renderer::create(**ctx, {.msaa_samples = uint32_t(o.msaa)});
  if (!renderer) {
    wv::log_error(renderer.error().message);
    return 1;
  }

  Outputs outputs;
  auto recorder = media::Recorder::open({.path = o.out, .width = o.width, .height = o.height, .fps = o.fps});
  if (!recorder) {
    wv::log_error(recorder.error().message);
    return 1;
  }
  outputs.recorder = std::move(*recorder);
  const int64_t frame_total = std::max<int64_t>(1, std::llround(o.seconds * o.fps));
  if (!o.snapshot.empty()) {
    outputs.snapshot_path = o.snapshot;
    const double at = o.snapshot_at_s < 0 ? o.seconds / 2 : o.snapshot_at_s;
    outputs.snapshot_frame = std::clamp<int64_t>(std::llround(at * o.fps), 0, frame_total - 1);
  }

  PanelPlayer player(panels, **renderer);
  // With a session script the console is in the scene and the script works it (and the panels).
  PanelControl control(*opened, player, o.panels.workspace);
  std::optional<UiLayer> ui;
  PanelInteraction interaction;
  std::optional<size_t> selected;
  if (session) ui.emplace(**renderer, control, console_pose(workspace->layout.eye_height_m));
  // Only a script changes the workspace; the run's time is the video's.
  Autosave autosave(control, session ? o.autosave_s : 0.0);
  // Offline: every frame of a recording lands, however long the encoder takes.
  PanelRecordings recordings(player, RecordPace::Offline);
  recordings.set_view_format({o.width, o.height, o.fps});
  control.set_recordings(&recordings);
  outputs.recordings = &recordings;
  outputs.fps = o.fps;
  if (wv::Status s = start_recordings(o.panels.record, recordings, 0.0); !s) {
    wv::log_error("headless: " + s.error().message);
    return 1;
  }

  std::vector<wv::Pose> poses;
  for (const auto& p : panels) poses.push_back(p.T_world_panel);
  const glm::vec3 eye{0.0f, workspace->layout.eye_height_m, 0.0f};
  const LookAround path{.eye_height_m = workspace->layout.eye_height_m,
                        .yaw_amplitude_rad = o.still ? 0.0f : std::min(0.6f, horizontal_extent_rad(poses, eye) / 2.0f)};
  const glm::mat4 projection =
      renderer::perspective_vk(glm::radians(o.fov_y_deg), float(o.width) / float(o.height), 0.05f, 200.0f);

  Progress progress("rendering " + o.out, frame_total);
  int64_t pending_k = -1;
  uint64_t pending_id = 0;
  wv::Status status;
  // Ctrl-C ends the run early like --seconds: every file ends cleanly.
  g_interrupted = false;
  std::signal(SIGINT, on_interrupt);
  int64_t frames_rendered = 0;
  for (int64_t k = 0; k < frame_total && status && !g_interrupted; ++k) {
    const double t = double(k) / o.fps;
    if (session) {
      auto in = session->next(t, path.pose_at(t).position, *ui, player);
      if (!in) {
        status = in.error();
        break;
      }
      const PointerInput scene = ui->update(in->pointer, in->keys, panel_shapes(player), selected, 1.0 / o.fps, t);
      selected = interaction.update(scene, player, 1.0 / o.fps, t).selected;
      autosave.update(t);
    }
    if (status = player.show_due(t); !status) break;
    const renderer::View view{glm::inverse(path.pose_at(t).matrix()), projection};
    auto id = (*renderer)->render(**target, {&view, 1}, ui ? ui->draws(player.draws()) : player.draws(),
                                  renderer::Environment{}, {.capture_view = 0});
    if (!id) {
      status = id.error();
      break;
    }
    // Read back the previous frame while this one renders.
    if (pending_k >= 0) status = deliver(outputs, **renderer, pending_id, pending_k);
    pending_k = k;
    pending_id = *id;
    frames_rendered = k + 1;
    progress.update(k + 1);
  }
  std::signal(SIGINT, SIG_DFL);
  if (status && pending_k >= 0) status = deliver(outputs, **renderer, pending_id, pending_k);
  autosave.finish();
  recordings.stop_all();
  wv::Status finished = outputs.recorder->finish();
  if (status && !finished) status = finished;
  progress.done();
  rollouts->report();

  if (!status) {
    wv::log_error(status.error().message);
    return 1;
  }
  if (g_interrupted) wv::log_warn("headless: interrupted after " + std::to_string(frames_rendered) + " frames");
  std::printf("wrote %s (%lld frames, %dx%d, %.1f s)\n", o.out.c_str(), (long long)frames_rendered, o.width, o.height,
              double(frames_rendered) / o.fps);
  if (outputs.snapshot_written) std::printf("wrote %s (frame %lld)\n", o.snapshot.c_str(), (long long)outputs.snapshot_frame);

  if (o.validate && (*ctx)->validation_message_count() > 0) {
    wv::log_error("Vulkan validation reported " + std::to_string((*ctx)->validation_message_count()) + " message(s)");
    return 4;
  }
  if (session) {
    if (session->actions_left() > 0)
      wv::log_warn(o.script + ": " + std::to_string(session->actions_left()) +
                   " action(s) come after the end of the run (--seconds) and were not played");
    // What the session did to each rollout (its prompt track), as desktop mode reports it.
    for (size_t i = 0; i < player.size(); ++i)
      for (const auto& [frame, text] : control.prompt_track(i))
        std::printf("headless: %s prompt from frame %lld: \"%s\"\n", player.panel(i).name.c_str(), (long long)frame,
                    text.c_str());
  }
  for (const auto& p : panels) {
    if (!p.source) return 3;
  }
  return 0;
}

}  // namespace wv::app
