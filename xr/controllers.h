// xr/controllers.h — the controllers as worldview uses them: per hand an aim pose, select
// (trigger), grab (grip), a thumbstick (or trackpad) and menu, plus a haptic pulse. One action
// set with suggested bindings for khr/simple_controller, oculus/touch_controller,
// valve/index_controller, htc/vive_controller and microsoft/motion_controller; the runtime
// maps whatever the user holds onto one of them.
//
//   auto controllers = wv::xr::Controllers::create(instance);   // before the first session
//   controllers->attach(session);                                // once per session
//   XrResult r = controllers->read(session, frame.display_time, hands, call);  // xrSyncActions + states
//   controllers->pulse(session, wv::xr::kRightHand);
//   controllers->detach();                                       // before the session goes
//
// Threading: the render thread.
#pragma once

#include <array>
#include <memory>

#include <openxr/openxr.h>

#include "wv/result.h"
#include "xr/instance.h"
#include "xr/session.h"

namespace wv::xr {

inline constexpr size_t kLeftHand = 0;
inline constexpr size_t kRightHand = 1;

struct ControllerState {
  bool aim_valid = false;  // aim pose located (position and orientation)
  XrPosef T_world_aim{};   // in the session's world space; the ray points along -Z
  bool select = false;
  bool grab = false;
  XrVector2f thumbstick{0.0f, 0.0f};
  bool menu = false;
};

class Controllers {
 public:
  static Result<std::unique_ptr<Controllers>> create(const Instance& instance);
  ~Controllers();  // destroys the action set and its actions
  Controllers(const Controllers&) = delete;
  Controllers& operator=(const Controllers&) = delete;

  Status attach(Session& session);
  void detach();  // the action spaces; call before the session is destroyed
  // xrSyncActions, then each hand's states and aim pose into out_hands; all hands inactive when
  // the session is not focused (another app has the input). A failed call's result is
  // returned with out_call naming it: the caller decides what a session or instance loss means.
  XrResult read(Session& session, XrTime time, std::array<ControllerState, 2>& out_hands, const char*& out_call);
  void pulse(Session& session, size_t hand);

 private:
  Controllers() = default;

  XrInstance instance_ = XR_NULL_HANDLE;
  XrActionSet set_ = XR_NULL_HANDLE;
  XrAction aim_ = XR_NULL_HANDLE, select_ = XR_NULL_HANDLE, grab_ = XR_NULL_HANDLE;
  XrAction thumbstick_ = XR_NULL_HANDLE, menu_ = XR_NULL_HANDLE, haptic_ = XR_NULL_HANDLE;
  std::array<XrPath, 2> hands_{XR_NULL_PATH, XR_NULL_PATH};
  std::array<XrSpace, 2> aim_spaces_{XR_NULL_HANDLE, XR_NULL_HANDLE};
};

}  // namespace wv::xr
