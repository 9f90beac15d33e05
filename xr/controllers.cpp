#include "xr/controllers.h"

#include <cstring>
#include <string>
#include <vector>

#include "wv/log.h"
#include "xr/xr_result.h"

namespace wv::xr {
namespace {

struct Binding {
  XrAction Controllers::*action;  // filled in by create()
  const char* path;               // under /user/hand/{left,right}/
};

Result<XrAction> make_action(XrActionSet set, const char* name, const char* localized, XrActionType type,
                             const std::array<XrPath, 2>& hands) {
  XrActionCreateInfo info{XR_TYPE_ACTION_CREATE_INFO};
  std::strncpy(info.actionName, name, XR_MAX_ACTION_NAME_SIZE - 1);
  std::strncpy(info.localizedActionName, localized, XR_MAX_LOCALIZED_ACTION_NAME_SIZE - 1);
  info.actionType = type;
  info.countSubactionPaths = uint32_t(hands.size());
  info.subactionPaths = hands.data();
  XrAction action = XR_NULL_HANDLE;
  const XrResult r = xrCreateAction(set, &info, &action);
  if (XR_FAILED(r)) return xr_error("xrCreateAction", r);
  return action;
}

}  // namespace

Result<std::unique_ptr<Controllers>> Controllers::create(const Instance& instance) {
  std::unique_ptr<Controllers> c(new Controllers());
  c->instance_ = instance.handle();
  const char* hand_names[2] = {"/user/hand/left", "/user/hand/right"};
  for (size_t h = 0; h < 2; ++h) {
    const XrResult r = xrStringToPath(c->instance_, hand_names[h], &c->hands_[h]);
    if (XR_FAILED(r)) return xr_error("xrStringToPath", r);
  }
  XrActionSetCreateInfo set_info{XR_TYPE_ACTION_SET_CREATE_INFO};
  std::strncpy(set_info.actionSetName, "worldview", XR_MAX_ACTION_SET_NAME_SIZE - 1);
  std::strncpy(set_info.localizedActionSetName, "worldview", XR_MAX_LOCALIZED_ACTION_SET_NAME_SIZE - 1);
  XrResult r = xrCreateActionSet(c->instance_, &set_info, &c->set_);
  if (XR_FAILED(r)) return xr_error("xrCreateActionSet", r);

  const struct {
    XrAction Controllers::*member;
    const char* name;
    const char* localized;
    XrActionType type;
  } actions[] = {
      {&Controllers::aim_, "aim", "Point", XR_ACTION_TYPE_POSE_INPUT},
      {&Controllers::select_, "select", "Select", XR_ACTION_TYPE_BOOLEAN_INPUT},
      {&Controllers::grab_, "grab", "Grab and move", XR_ACTION_TYPE_BOOLEAN_INPUT},
      {&Controllers::thumbstick_, "thumbstick", "Scrub and speed", XR_ACTION_TYPE_VECTOR2F_INPUT},
      {&Controllers::menu_, "menu", "Menu", XR_ACTION_TYPE_BOOLEAN_INPUT},
      {&Controllers::haptic_, "haptic", "Select feedback", XR_ACTION_TYPE_VIBRATION_OUTPUT},
  };
  for (const auto& a : actions) {
    auto action = make_action(c->set_, a.name, a.localized, a.type, c->hands_);
    if (!action) return action.error();
    (*c).*a.member = *action;
  }

  // Booleans bound to a /value input are thresholded by the runtime (spec 11.4).
  const Binding common[] = {{&Controllers::aim_, "input/aim/pose"}, {&Controllers::haptic_, "output/haptic"}};
  const struct {
    const char* profile;
    std::vector<Binding> bindings;
    const char* left_only_menu;  // Touch: the right hand's menu button is the system's
  } profiles[] = {
      {"/interaction_profiles/khr/simple_controller",
       {{&Controllers::select_, "input/select/click"}, {&Controllers::menu_, "input/menu/click"}}, nullptr},
      {"/interaction_profiles/oculus/touch_controller",
       {{&Controllers::select_, "input/trigger/value"}, {&Controllers::grab_, "input/squeeze/value"},
        {&Controllers::thumbstick_, "input/thumbstick"}},
       "input/menu/click"},
      {"/interaction_profiles/valve/index_controller",
       {{&Controllers::select_, "input/trigger/click"}, {&Controllers::grab_, "input/squeeze/value"},
        {&Controllers::thumbstick_, "input/thumbstick"}, {&Controllers::menu_, "input/b/click"}},
       nullptr},
      {"/interaction_profiles/htc/vive_controller",
       {{&Controllers::select_, "input/trigger/click"}, {&Controllers::grab_, "input/squeeze/click"},
        {&Controllers::thumbstick_, "input/trackpad"}, {&Controllers::menu_, "input/menu/click"}},
       nullptr},
      {"/interaction_profiles/microsoft/motion_controller",
       {{&Controllers::select_, "input/trigger/value"}, {&Controllers::grab_, "input/squeeze/click"},
        {&Controllers::thumbstick_, "input/thumbstick"}, {&Controllers::menu_, "input/menu/click"}},
       nullptr},
  };
  for (const auto& p : profiles) {
    std::vector<XrActionSuggestedBinding> suggested;
    auto add = [&](XrAction action, const std::string& path) -> Status {
      XrPath xr_path = XR_NULL_PATH;
      const XrResult pr = xrStringToPath(c->instance_, path.c_str(), &xr_path);
      if (XR_FAILED(pr)) return xr_error("xrStringToPath", pr);
      suggested.push_back({action, xr_path});
      return Status::success();
    };
    for (const char* hand : hand_names) {
      for (const Binding& b : common)
        if (Status s = add(c.get()->*b.action, std::string(hand) + "/" + b.path); !s) return s.error();
      for (const Binding& b : p.bindings)
        if (Status s = add(c.get()->*b.action, std::string(hand) + "/" + b.path); !s) return s.error();
    }
    if (p.left_only_menu)
      if (Status s = add(c->menu_, std::string(hand_names[0]) + "/" + p.left_only_menu); !s) return s.error();
    XrInteractionProfileSuggestedBinding info{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    r = xrStringToPath(c->instance_, p.profile, &info.interactionProfile);
    if (XR_FAILED(r)) return xr_error("xrStringToPath", r);
    info.countSuggestedBindings = uint32_t(suggested.size());
    info.suggestedBindings = suggested.data();
    r = xrSuggestInteractionProfileBindings(c->instance_, &info);
    // A runtime without a profile refuses its paths; the others still work.
    if (XR_FAILED(r)) log_warn(std::string("xr: bindings for ") + p.profile + ": " + result_name(r));
  }
  return c;
}

Controllers::~Controllers() {
  detach();
  if (set_ != XR_NULL_HANDLE) check(xrDestroyActionSet(set_), "xrDestroyActionSet");
}

Status Controllers::attach(Session& session) {
  XrSessionActionSetsAttachInfo attach{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
  attach.countActionSets = 1;
  attach.actionSets = &set_;
  XrResult r = xrAttachSessionActionSets(session.handle(), &attach);
  if (XR_FAILED(r)) return xr_error("xrAttachSessionActionSets", r);
  for (size_t h = 0; h < 2; ++h) {
    XrActionSpaceCreateInfo info{XR_TYPE_ACTION_SPACE_CREATE_INFO};
    info.action = aim_;
    info.subactionPath = hands_[h];
    info.poseInActionSpace.orientation.w = 1.0f;
    r = xrCreateActionSpace(session.handle(), &info, &aim_spaces_[h]);
    if (XR_FAILED(r)) return xr_error("xrCreateActionSpace", r);
  }
  return Status::success();
}

void Controllers::detach() {
  for (XrSpace& space : aim_spaces_) {
    if (space != XR_NULL_HANDLE) check(xrDestroySpace(space), "xrDestroySpace");
    space = XR_NULL_HANDLE;
  }
}

XrResult Controllers::read(Session& session, XrTime time, std::array<ControllerState, 2>& out_hands,
                           const char*& out_call) {
  out_hands = {};
  XrActiveActionSet active{set_, XR_NULL_PATH};
  XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
  sync.countActiveActionSets = 1;
  sync.activeActionSets = &active;
  XrResult r = xrSyncActions(session.handle(), &sync);
  if (XR_FAILED(r)) {
    out_call = "xrSyncActions";
    return r;
  }
  if (r == XR_SESSION_NOT_FOCUSED) return r;
  for (size_t h = 0; h < 2; ++h) {
    ControllerState& state = out_hands[h];
    XrActionStateGetInfo get{XR_TYPE_ACTION_STATE_GET_INFO};
    get.subactionPath = hands_[h];
    const std::pair<XrAction, bool*> buttons[] = {{select_, &state.select}, {grab_, &state.grab}, {menu_, &state.menu}};
    for (const auto& [action, out] : buttons) {
      get.action = action;
      XrActionStateBoolean b{XR_TYPE_ACTION_STATE_BOOLEAN};
      r = xrGetActionStateBoolean(session.handle(), &get, &b);
      if (XR_FAILED(r)) {
        out_call = "xrGetActionStateBoolean";
        return r;
      }
      *out = b.isActive && b.currentState;
    }
    get.action = thumbstick_;
    XrActionStateVector2f stick{XR_TYPE_ACTION_STATE_VECTOR2F};
    r = xrGetActionStateVector2f(session.handle(), &get, &stick);
    if (XR_FAILED(r)) {
      out_call = "xrGetActionStateVector2f";
      return r;
    }
    if (stick.isActive) state.thumbstick = stick.currentState;
    get.action = aim_;
    XrActionStatePose pose{XR_TYPE_ACTION_STATE_POSE};
    r = xrGetActionStatePose(session.handle(), &get, &pose);
    if (XR_FAILED(r)) {
      out_call = "xrGetActionStatePose";
      return r;
    }
    if (!pose.isActive) continue;
    XrSpaceLocation location{XR_TYPE_SPACE_LOCATION};
    r = xrLocateSpace(aim_spaces_[h], session.world_space(), time, &location);
    if (XR_FAILED(r)) {
      out_call = "xrLocateSpace";
      return r;
    }
    const XrSpaceLocationFlags needed = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
    state.aim_valid = (location.locationFlags & needed) == needed;
    state.T_world_aim = location.pose;
  }
  return XR_SUCCESS;
}

void Controllers::pulse(Session& session, size_t hand) {
  XrHapticVibration vibration{XR_TYPE_HAPTIC_VIBRATION};
  vibration.duration = 20'000'000;  // 20 ms: a tick
  vibration.frequency = XR_FREQUENCY_UNSPECIFIED;
  vibration.amplitude = 0.5f;
  XrHapticActionInfo info{XR_TYPE_HAPTIC_ACTION_INFO};
  info.action = haptic_;
  info.subactionPath = hands_[hand];
  check(xrApplyHapticFeedback(session.handle(), &info, reinterpret_cast<XrHapticBaseHeader*>(&vibration)),
        "xrApplyHapticFeedback");
}

}  // namespace wv::xr
