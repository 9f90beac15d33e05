// app/xr_frame_loop.h — one turn of xr mode's render loop: OpenXR events and session state,
// then one frame paced by xrWaitFrame: the panels' newest frames, quad panels' new frames copied
// into their own swapchains (xr_quad_panels.h), both eyes rendered into the acquired swapchain
// images, the quad layers (far to near) and the projection layer submitted. Controllers point at, select, grab
// and scrub panels (interaction.h), each drawing its ray (pointer_rays.h); a ray on the in-world
// console (ui_layer.h) works the console instead, typing with its virtual keyboard. A lost session is replaced without
// touching the panels or their sources.
//
//   wv::app::XrFrameLoop loop(headset, ctx, renderer, player);
//   while (true) {
//     auto more = loop.step();                 // blocks only in the runtime (xrWaitFrame, ...)
//     if (!more) fail(more.error()); else if (!*more) break;   // the runtime ended the session
//     if (enough) loop.request_exit();
//   }
//
// Threading: the render thread owns the loop and everything handed to it.
#pragma once

#include <cstdint>
#include <memory>

#include "app/panel_interaction.h"
#include "app/panel_player.h"
#include "app/panel_recording.h"
#include "app/ui_layer.h"
#include "app/xr_quad_panels.h"
#include "renderer/renderer.h"
#include "xr/headset.h"

namespace wv::app {

struct XrLoopStats {
  uint64_t frames_ended = 0;     // xrEndFrame calls
  uint64_t frames_rendered = 0;  // ...of which carried layers
  uint64_t sessions = 0;         // sessions created (1 + recoveries from loss)
  double last_frame_cpu_s = 0.0; // render-thread CPU time of the last frame, runtime waits included
  // Frames in which the render thread blocked on something other than the runtime: our GPU
  // fences (renderer frames in flight, quad copies). DESIGN.md §4's target is none. Frame
  // queues are polled, never waited on (PanelPlayer::show_latest).
  uint64_t frames_waited = 0;
};

class XrFrameLoop {
 public:
  // `ui`: the in-world console, or null for none; `recordings`: where the left eye's view is
  // recorded when asked (its format follows the eye's swapchain), or null. Both outlive the loop.
  XrFrameLoop(xr::Headset& headset, renderer::Context& ctx, renderer::Renderer& renderer, PanelPlayer& player,
              UiLayer* ui = nullptr, PanelRecordings* recordings = nullptr);
  ~XrFrameLoop();  // waits for the GPU, then lets go of the swapchain images
  XrFrameLoop(const XrFrameLoop&) = delete;
  XrFrameLoop& operator=(const XrFrameLoop&) = delete;

  // Events, then one frame when the session runs. False once the session has exited.
  Result<bool> step();
  // Ends the session through the runtime (the loop runs on until EXITING).
  void request_exit();
  const XrLoopStats& stats() const { return stats_; }
  // Seconds of display time since the first frame: the clock panels play by.
  double display_time_s() const { return display_time_s_; }

 private:
  Status frame();
  Status render(const xr::FrameViews& frame);
  Status ensure_target();
  Status interact(double dt_s, XrTime time);
  uint64_t waits() const;
  void deliver_view_capture();

  xr::Headset& headset_;
  renderer::Context& ctx_;
  renderer::Renderer& renderer_;
  PanelPlayer& player_;
  UiLayer* ui_;
  PanelRecordings* recordings_;
  // The left eye's capture for the view recording, read a frame later (while the next renders).
  struct {
    bool pending = false;
    uint64_t id = 0;
    double t_s = 0.0;
  } view_capture_;
  PanelInteraction interaction_;
  std::optional<size_t> selected_;  // the panel selected last frame, for the console
  std::vector<renderer::RayDraw> rays_;  // this frame's pointer rays
  std::unique_ptr<renderer::ExternalImagesTarget> target_;
  std::unique_ptr<XrQuadPanels> quads_;
  std::vector<const XrCompositionLayerBaseHeader*> layers_;  // this frame's, for xrEndFrame
  uint64_t target_session_ = 0;  // the session whose swapchains target_ draws into
  XrTime first_display_time_ = 0;
  double display_time_s_ = 0.0;
  bool exit_requested_ = false;
  XrLoopStats stats_;
};

}  // namespace wv::app
