// xr/headset.h — worldview's whole OpenXR side: instance, system, the Vulkan device made
// through the runtime, the session and its state machine, and the frame loop's calls.
//
//   auto headset = wv::xr::Headset::create(params);     // fails with the result name + advice
//   while (!headset->exiting()) {
//     if (Status s = headset->poll_events(); !s) return handle_result(s);   // instance lost, ...
//     if (headset->session_lost()) { release swapchain users; headset->recreate_session(); continue; }
//     if (!headset->running()) { sleep_a_little(); continue; }     // waiting for READY
//     auto frame = headset->begin_frame();          // xrWaitFrame paces the loop
//     if (frame->should_render) { acquire, render frame->views, release; add layers }
//     headset->end_frame(*frame, layers);
//   }
//
// State machine (OpenXR 1.0 §9.3), driven by events polled once per frame:
//   READY -> xrBeginSession; SYNCHRONIZED/VISIBLE/FOCUSED -> frames (rendered only when
//   xrWaitFrame says shouldRender); STOPPING -> xrEndSession; EXITING -> exiting();
//   LOSS_PENDING (or XR_ERROR_SESSION_LOST from any call) -> session_lost(): the caller lets go
//   of the swapchain images and calls recreate_session(), which destroys the session and makes a
//   new one on the same instance and Vulkan device, retrying while the headset is away;
//   instance loss -> an Error from poll_events() that says so.
// Threading: one thread (the render thread) calls everything; it blocks only in the runtime.
#pragma once

#include <array>
#include <memory>
#include <span>

#include <openxr/openxr.h>

#include "wv/result.h"
#include "xr/controllers.h"
#include "xr/instance.h"
#include "xr/session.h"
#include "xr/vulkan_device.h"

namespace wv::xr {

struct HeadsetParams {
  std::string application_name = "worldview";
  VulkanRequest vulkan;
  SessionParams session;
};

struct FrameViews {
  XrTime display_time = 0;        // xrWaitFrame's predicted display time: render for it
  XrDuration display_period = 0;
  bool should_render = false;     // false: submit no layers and do no rendering work
  bool views_tracked = false;     // both views located with position and orientation
  std::array<XrView, 2> views{XrView{XR_TYPE_VIEW}, XrView{XR_TYPE_VIEW}};  // in the world space
};

class Headset {
 public:
  static Result<std::unique_ptr<Headset>> create(const HeadsetParams& params);
  ~Headset();  // session, Vulkan device, instance: the caller destroyed what used the device
  Headset(const Headset&) = delete;
  Headset& operator=(const Headset&) = delete;

  const Instance& instance() const { return *instance_; }
  const VulkanDevice& vulkan() const { return vulkan_; }
  Session& session() { return *session_; }  // asserts that there is one (not while lost)

  // Drains the event queue and applies session state changes. An Error means the run cannot go
  // on (the instance was lost, or a call the state machine needs failed).
  Status poll_events();
  bool running() const { return running_; }
  bool exiting() const { return exiting_; }
  bool session_lost() const { return lost_; }
  XrSessionState state() const { return state_; }
  uint64_t sessions_created() const { return sessions_created_; }

  // Destroys the lost session and makes a new one. Success without a session means the headset
  // is not back yet: call again later.
  Status recreate_session();
  // Asks the runtime to end the session (it then steps down to STOPPING, and on to EXITING).
  void request_exit();

  // xrWaitFrame + xrBeginFrame, then xrLocateViews when the frame should be rendered. On a
  // session loss it returns a frame with should_render false and session_lost() turns true;
  // end_frame then does nothing.
  Result<FrameViews> begin_frame();
  Status end_frame(const FrameViews& frame, std::span<const XrCompositionLayerBaseHeader* const> layers);

  // The controllers at `time` (xrSyncActions); inactive hands while the session is not focused.
  Result<std::array<ControllerState, 2>> read_controllers(XrTime time);
  void pulse(size_t hand);

  // For the caller's own calls on session objects (swapchain acquire/release): a failed result
  // becomes session_lost(), an instance-loss Error, or an Error naming the call; success passes.
  Status handle_result(const char* call, XrResult result);

 private:
  Headset() = default;
  Status on_state_changed(XrSessionState state);
  Status make_session();

  HeadsetParams params_;
  std::unique_ptr<Instance> instance_;
  std::unique_ptr<Controllers> controllers_;
  VulkanDevice vulkan_;
  std::unique_ptr<Session> session_;
  XrSessionState state_ = XR_SESSION_STATE_UNKNOWN;
  bool running_ = false;
  bool exiting_ = false;
  bool lost_ = false;
  bool instance_lost_ = false;
  bool frame_begun_ = false;
  uint64_t sessions_created_ = 0;
};

}  // namespace wv::xr
