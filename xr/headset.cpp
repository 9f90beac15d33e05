#include "xr/headset.h"

#include "wv/log.h"
#include "xr/xr_result.h"

namespace wv::xr {
namespace {

const char* state_name(XrSessionState state) {
  switch (state) {
    case XR_SESSION_STATE_IDLE: return "IDLE";
    case XR_SESSION_STATE_READY: return "READY";
    case XR_SESSION_STATE_SYNCHRONIZED: return "SYNCHRONIZED";
    case XR_SESSION_STATE_VISIBLE: return "VISIBLE";
    case XR_SESSION_STATE_FOCUSED: return "FOCUSED";
    case XR_SESSION_STATE_STOPPING: return "STOPPING";
    case XR_SESSION_STATE_LOSS_PENDING: return "LOSS_PENDING";
    case XR_SESSION_STATE_EXITING: return "EXITING";
    default: return "UNKNOWN";
  }
}

const Error kInstanceLost{
    "the OpenXR runtime went away (instance lost): restart the runtime, then worldview"};

}  // namespace

Result<std::unique_ptr<Headset>> Headset::create(const HeadsetParams& params) {
  std::unique_ptr<Headset> headset(new Headset());
  headset->params_ = params;
  auto instance = Instance::create({.application_name = params.application_name});
  if (!instance) return instance.error();
  headset->instance_ = std::move(*instance);
  auto vulkan = create_vulkan_device(*headset->instance_, params.vulkan);
  if (!vulkan) return vulkan.error();
  headset->vulkan_ = *vulkan;
  auto controllers = Controllers::create(*headset->instance_);
  if (!controllers) return controllers.error();
  headset->controllers_ = std::move(*controllers);
  if (Status s = headset->make_session(); !s) return s.error();
  log_info("xr: " + headset->instance_->runtime_name() + ", " + headset->instance_->system_properties().systemName);
  return headset;
}

Status Headset::make_session() {
  auto session = Session::create(*instance_, vulkan_, params_.session);
  if (!session) return session.error();
  if (Status s = controllers_->attach(**session); !s) {
    controllers_->detach();  // before the session takes the spaces with it
    return s;
  }
  session_ = std::move(*session);
  ++sessions_created_;
  return Status::success();
}

Headset::~Headset() {
  if (controllers_) controllers_->detach();
  session_.reset();
  controllers_.reset();
  destroy_vulkan_device(vulkan_);
  // instance_ last (member order does the rest).
}

Status Headset::handle_result(const char* call, XrResult result) {
  if (XR_SUCCEEDED(result)) return Status::success();
  if (result == XR_ERROR_SESSION_LOST) {
    lost_ = true;
    return Status::success();
  }
  if (result == XR_ERROR_INSTANCE_LOST) {
    instance_lost_ = true;
    exiting_ = true;
    return kInstanceLost;
  }
  return xr_error(call, result);
}

Status Headset::poll_events() {
  if (instance_lost_) return kInstanceLost;
  XrEventDataBuffer event;
  for (;;) {
    const XrResult polled = instance_->poll_event(event);
    if (polled == XR_EVENT_UNAVAILABLE) break;
    // XR_ERROR_INSTANCE_LOST once the loss has happened (after the pending event, or without it).
    if (XR_FAILED(polled)) return handle_result("xrPollEvent", polled);
    switch (event.type) {
      case XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED: {
        const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
        // Events about an earlier (lost) session may still be queued.
        if (!session_ || changed.session != session_->handle()) break;
        if (Status s = on_state_changed(changed.state); !s) return s;
        break;
      }
      case XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING:
        instance_lost_ = true;
        exiting_ = true;
        return kInstanceLost;
      case XR_TYPE_EVENT_DATA_EVENTS_LOST:
        log_warn("xr: the runtime dropped " +
                 std::to_string(reinterpret_cast<const XrEventDataEventsLost&>(event).lostEventCount) + " events");
        break;
      case XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING:
        log_info("xr: the runtime moved the reference space (recentered or new play area)");
        break;
      default: break;
    }
  }
  return Status::success();
}

Status Headset::on_state_changed(XrSessionState state) {
  log_debug(std::string("xr: session ") + state_name(state));
  state_ = state;
  switch (state) {
    case XR_SESSION_STATE_READY: {
      XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO};
      begin.primaryViewConfigurationType = params_.session.view_configuration;
      const XrResult r = xrBeginSession(session_->handle(), &begin);
      if (XR_FAILED(r)) return handle_result("xrBeginSession", r);
      running_ = true;
      break;
    }
    case XR_SESSION_STATE_STOPPING: {
      running_ = false;
      frame_begun_ = false;
      const XrResult r = xrEndSession(session_->handle());
      if (XR_FAILED(r)) return handle_result("xrEndSession", r);
      break;
    }
    case XR_SESSION_STATE_LOSS_PENDING: lost_ = true; break;
    case XR_SESSION_STATE_EXITING: exiting_ = true; break;
    default: break;
  }
  return Status::success();
}

Status Headset::recreate_session() {
  WV_ASSERT(lost_);
  log_warn("xr: the session was lost; making a new one (panels and sources stay as they are)");
  controllers_->detach();
  session_.reset();
  running_ = false;
  frame_begun_ = false;
  state_ = XR_SESSION_STATE_UNKNOWN;
  // The headset may be unplugged for a while: xrGetSystem fails until it is back.
  if (Status s = instance_->refresh_system(); !s) {
    log_debug("xr: headset not back yet: " + s.error().message);
    return Status::success();
  }
  if (Status s = make_session(); !s) return s;
  lost_ = false;
  return Status::success();
}

void Headset::request_exit() {
  if (!running_ || lost_) return;
  const XrResult r = xrRequestExitSession(session_->handle());
  if (Status s = handle_result("xrRequestExitSession", r); !s) log_warn(s.error().message);
}

Result<std::array<ControllerState, 2>> Headset::read_controllers(XrTime time) {
  std::array<ControllerState, 2> hands{};
  const char* call = "";
  const XrResult r = controllers_->read(*session_, time, hands, call);
  if (XR_FAILED(r)) {
    // A session loss leaves the hands inactive for this frame; an instance loss is an Error.
    if (Status s = handle_result(call, r); !s) return s.error();
    return std::array<ControllerState, 2>{};
  }
  return hands;
}

void Headset::pulse(size_t hand) { controllers_->pulse(*session_, hand); }

Result<FrameViews> Headset::begin_frame() {
  WV_ASSERT(running_ && !lost_);
  FrameViews frame;
  XrFrameWaitInfo wait_info{XR_TYPE_FRAME_WAIT_INFO};
  XrFrameState state{XR_TYPE_FRAME_STATE};
  XrResult r = xrWaitFrame(session_->handle(), &wait_info, &state);
  if (r == XR_SESSION_LOSS_PENDING) {  // a success code: the frame is not ours to use
    lost_ = true;
    return frame;
  }
  if (XR_FAILED(r)) {
    if (Status s = handle_result("xrWaitFrame", r); !s) return s.error();
    return frame;
  }
  XrFrameBeginInfo begin_info{XR_TYPE_FRAME_BEGIN_INFO};
  r = xrBeginFrame(session_->handle(), &begin_info);
  if (XR_FAILED(r)) {
    if (Status s = handle_result("xrBeginFrame", r); !s) return s.error();
    return frame;
  }
  frame_begun_ = true;
  frame.display_time = state.predictedDisplayTime;
  frame.display_period = state.predictedDisplayPeriod;
  frame.should_render = state.shouldRender == XR_TRUE;
  if (!frame.should_render) return frame;

  XrViewLocateInfo locate{XR_TYPE_VIEW_LOCATE_INFO};
  locate.viewConfigurationType = params_.session.view_configuration;
  locate.displayTime = frame.display_time;
  locate.space = session_->world_space();
  XrViewState view_state{XR_TYPE_VIEW_STATE};
  uint32_t count = 0;
  r = xrLocateViews(session_->handle(), &locate, &view_state, uint32_t(frame.views.size()), &count,
                    frame.views.data());
  if (XR_FAILED(r)) {
    if (Status s = handle_result("xrLocateViews", r); !s) return s.error();
    frame.should_render = false;
    return frame;
  }
  const XrViewStateFlags needed = XR_VIEW_STATE_POSITION_VALID_BIT | XR_VIEW_STATE_ORIENTATION_VALID_BIT;
  frame.views_tracked = count == frame.views.size() && (view_state.viewStateFlags & needed) == needed;
  return frame;
}

Status Headset::end_frame(const FrameViews& frame, std::span<const XrCompositionLayerBaseHeader* const> layers) {
  if (!frame_begun_ || lost_) return Status::success();
  frame_begun_ = false;
  XrFrameEndInfo end{XR_TYPE_FRAME_END_INFO};
  end.displayTime = frame.display_time;
  end.environmentBlendMode = session_->blend_mode();
  end.layerCount = uint32_t(layers.size());
  end.layers = layers.empty() ? nullptr : layers.data();
  const XrResult r = xrEndFrame(session_->handle(), &end);
  if (XR_FAILED(r)) return handle_result("xrEndFrame", r);
  return Status::success();
}

}  // namespace wv::xr
