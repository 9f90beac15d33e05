// Actions: paths, action sets and actions, suggested bindings, attachment, xrSyncActions and
// action states from the script's controllers, haptics (recorded with the next frame).
//
// The simulated controllers present themselves as an Oculus Touch pair when the application
// suggested bindings for it, else as the Khronos simple controller. An action's state for a
// hand comes from the scripted input its binding names (trigger/select -> "trigger",
// squeeze -> "squeeze", thumbstick/trackpad -> "thumbstick", menu/b -> "menu"), sampled at the
// display time of the frame last waited for when xrSyncActions ran.
#include <algorithm>
#include <cstring>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

constexpr const char* kTouch = "/interaction_profiles/oculus/touch_controller";
constexpr const char* kSimple = "/interaction_profiles/khr/simple_controller";
constexpr const char* kHands[2] = {"/user/hand/left", "/user/hand/right"};

XrPath find_path(const Instance& instance, const std::string& text) {
  const auto it = std::find(instance.paths.begin(), instance.paths.end(), text);
  return it == instance.paths.end() ? XR_NULL_PATH : XrPath(it - instance.paths.begin() + 1);
}

// The scripted input behind a binding path's component, or "" for none.
std::string input_name(const std::string& component) {
  if (component == "input/trigger/value" || component == "input/trigger/click" || component == "input/select/click")
    return "trigger";
  if (component == "input/squeeze/value" || component == "input/squeeze/click") return "squeeze";
  if (component == "input/thumbstick" || component == "input/trackpad") return "thumbstick";
  if (component == "input/menu/click" || component == "input/b/click") return "menu";
  if (component == "input/aim/pose") return "aim";
  return "";
}

// What `action` is bound to on `hand` in the current profile ("" when unbound).
std::string bound_input(const Session& session, const Action* action, int hand) {
  const Instance& instance = *session.instance;
  const auto it = instance.bindings.find(session.interaction_profile);
  if (it == instance.bindings.end()) return "";
  const std::string prefix = std::string(kHands[hand]) + "/";
  for (const auto& [bound, path] : it->second) {
    const std::string text = path_string(instance, path);
    if (bound == action && text.rfind(prefix, 0) == 0) return input_name(text.substr(prefix.size()));
  }
  return "";
}

double seconds(XrTime time) { return double(time - kFirstDisplayTime) * 1e-9; }

XRAPI_ATTR XrResult XRAPI_CALL string_to_path(XrInstance handle, const char* text, XrPath* out_path) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (text == nullptr || out_path == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (text[0] != '/' || std::strlen(text) >= XR_MAX_PATH_LENGTH) return XR_ERROR_PATH_FORMAT_INVALID;
  *out_path = find_path(*instance, text);
  if (*out_path == XR_NULL_PATH) {
    instance->paths.emplace_back(text);
    *out_path = XrPath(instance->paths.size());
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL path_to_string(XrInstance handle, XrPath path, uint32_t capacity, uint32_t* count,
                                              char* buffer) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (path == XR_NULL_PATH || path > instance->paths.size()) return XR_ERROR_PATH_INVALID;
  const std::string& text = instance->paths[path - 1];
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count = uint32_t(text.size() + 1);
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < *count) return XR_ERROR_SIZE_INSUFFICIENT;
  std::memcpy(buffer, text.c_str(), *count);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL create_action_set(XrInstance handle, const XrActionSetCreateInfo* info,
                                                 XrActionSet* out_set) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_set == nullptr || info->type != XR_TYPE_ACTION_SET_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  auto* set = new ActionSet{instance};
  instance->action_sets.push_back(set);
  live_objects<ActionSet>().insert(set);
  *out_set = to_handle<XrActionSet>(set);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL destroy_action_set_entry(XrActionSet handle) {
  std::lock_guard lock(runtime_mutex());
  ActionSet* set = lookup<ActionSet>(handle);
  if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
  destroy_action_set(set);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL create_action(XrActionSet handle, const XrActionCreateInfo* info, XrAction* out) {
  std::lock_guard lock(runtime_mutex());
  ActionSet* set = lookup<ActionSet>(handle);
  if (set == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out == nullptr || info->type != XR_TYPE_ACTION_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  for (const Session* session : set->instance->sessions)
    if (session->actions_attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
  auto* action = new Action{set, info->actionType};
  live_objects<Action>().insert(action);
  *out = to_handle<XrAction>(action);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL destroy_action(XrAction handle) {
  std::lock_guard lock(runtime_mutex());
  Action* action = lookup<Action>(handle);
  if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
  live_objects<Action>().erase(action);
  delete action;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL suggest_bindings(XrInstance handle, const XrInteractionProfileSuggestedBinding* info) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || info->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING ||
      info->suggestedBindings == nullptr || info->countSuggestedBindings == 0) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (path_string(*instance, info->interactionProfile).rfind("/interaction_profiles/", 0) != 0) {
    return XR_ERROR_PATH_UNSUPPORTED;
  }
  std::vector<std::pair<Action*, XrPath>> bindings;
  for (uint32_t i = 0; i < info->countSuggestedBindings; ++i) {
    Action* action = lookup<Action>(info->suggestedBindings[i].action);
    if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
    if (path_string(*instance, info->suggestedBindings[i].binding).rfind("/user/hand/", 0) != 0) {
      return XR_ERROR_PATH_UNSUPPORTED;
    }
    bindings.emplace_back(action, info->suggestedBindings[i].binding);
  }
  instance->bindings[info->interactionProfile] = bindings;  // a later suggestion replaces
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL attach_action_sets(XrSession handle, const XrSessionActionSetsAttachInfo* info) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (session->actions_attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
  session->actions_attached = true;
  const XrPath touch = find_path(*session->instance, kTouch);
  const bool touch_suggested = touch != XR_NULL_PATH && session->instance->bindings.count(touch);
  session->interaction_profile = touch_suggested ? touch : find_path(*session->instance, kSimple);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL sync_actions(XrSession handle, const XrActionsSyncInfo* info) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || info->type != XR_TYPE_ACTIONS_SYNC_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (!session->actions_attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  if (XrResult r = session_state(*session); XR_FAILED(r)) return r;
  if (session->state != XR_SESSION_STATE_FOCUSED) {
    session->synced_time = 0;
    return XR_SESSION_NOT_FOCUSED;
  }
  session->synced_time = session->instance->next_display_time - kDisplayPeriod;
  return XR_SUCCESS;
}

// The hands a state query covers: one, or both for XR_NULL_PATH.
XrResult query_hands(const Session& session, const XrActionStateGetInfo* info, XrActionType type, Action*& action,
                     std::vector<int>& hands) {
  if (info == nullptr || info->type != XR_TYPE_ACTION_STATE_GET_INFO) return XR_ERROR_VALIDATION_FAILURE;
  action = lookup<Action>(info->action);
  if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (action->type != type) return XR_ERROR_ACTION_TYPE_MISMATCH;
  if (!session.actions_attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  if (info->subactionPath == XR_NULL_PATH) {
    hands = {0, 1};
    return XR_SUCCESS;
  }
  const std::string hand = path_string(*session.instance, info->subactionPath);
  for (int h = 0; h < 2; ++h)
    if (hand == kHands[h]) hands = {h};
  return hands.empty() ? XR_ERROR_PATH_UNSUPPORTED : XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL get_boolean(XrSession handle, const XrActionStateGetInfo* info,
                                           XrActionStateBoolean* state) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (state == nullptr || state->type != XR_TYPE_ACTION_STATE_BOOLEAN) return XR_ERROR_VALIDATION_FAILURE;
  Action* action = nullptr;
  std::vector<int> hands;
  if (XrResult r = query_hands(*session, info, XR_ACTION_TYPE_BOOLEAN_INPUT, action, hands); XR_FAILED(r)) return r;
  state->isActive = XR_FALSE;
  state->currentState = XR_FALSE;
  state->changedSinceLastSync = XR_FALSE;
  state->lastChangeTime = 0;
  if (session->synced_time == 0) return XR_SUCCESS;
  for (int h : hands) {
    const std::string input = bound_input(*session, action, h);
    if (input.empty() || input == "aim" || input == "thumbstick") continue;
    state->isActive = XR_TRUE;
    if (input_at(session->instance->script.hands[h], input, seconds(session->synced_time)).x >= 0.5f)
      state->currentState = XR_TRUE;
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL get_vector2(XrSession handle, const XrActionStateGetInfo* info,
                                           XrActionStateVector2f* state) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (state == nullptr || state->type != XR_TYPE_ACTION_STATE_VECTOR2F) return XR_ERROR_VALIDATION_FAILURE;
  Action* action = nullptr;
  std::vector<int> hands;
  if (XrResult r = query_hands(*session, info, XR_ACTION_TYPE_VECTOR2F_INPUT, action, hands); XR_FAILED(r)) return r;
  state->isActive = XR_FALSE;
  state->currentState = {0.0f, 0.0f};
  state->changedSinceLastSync = XR_FALSE;
  state->lastChangeTime = 0;
  if (session->synced_time == 0) return XR_SUCCESS;
  for (int h : hands) {
    if (bound_input(*session, action, h) != "thumbstick") continue;
    state->isActive = XR_TRUE;
    state->currentState = input_at(session->instance->script.hands[h], "thumbstick", seconds(session->synced_time));
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL get_pose(XrSession handle, const XrActionStateGetInfo* info, XrActionStatePose* state) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (state == nullptr || state->type != XR_TYPE_ACTION_STATE_POSE) return XR_ERROR_VALIDATION_FAILURE;
  Action* action = nullptr;
  std::vector<int> hands;
  if (XrResult r = query_hands(*session, info, XR_ACTION_TYPE_POSE_INPUT, action, hands); XR_FAILED(r)) return r;
  state->isActive = XR_FALSE;
  if (session->synced_time == 0) return XR_SUCCESS;
  for (int h : hands)
    if (bound_input(*session, action, h) == "aim" && !session->instance->script.hands[h].poses.empty())
      state->isActive = XR_TRUE;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL apply_haptic(XrSession handle, const XrHapticActionInfo* info,
                                            const XrHapticBaseHeader* haptic) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || haptic == nullptr || info->type != XR_TYPE_HAPTIC_ACTION_INFO ||
      haptic->type != XR_TYPE_HAPTIC_VIBRATION) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* action = lookup<Action>(info->action);
  if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (action->type != XR_ACTION_TYPE_VIBRATION_OUTPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  if (!session->actions_attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  const std::string hand = path_string(*session->instance, info->subactionPath);
  session->haptics.push_back(hand == kHands[0] ? "left" : hand == kHands[1] ? "right" : "both");
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL stop_haptic(XrSession handle, const XrHapticActionInfo* info) {
  std::lock_guard lock(runtime_mutex());
  if (lookup<Session>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || lookup<Action>(info->action) == nullptr) return XR_ERROR_HANDLE_INVALID;
  return XR_SUCCESS;
}

}  // namespace

std::string path_string(const Instance& instance, XrPath path) {
  return path == XR_NULL_PATH || path > instance.paths.size() ? "" : instance.paths[path - 1];
}

std::optional<XrPosef> stage_from_aim(const Session& session, int hand, XrTime time) {
  const auto& keys = session.instance->script.hands[hand].poses;
  if (keys.empty()) return std::nullopt;
  return pose_at(keys, seconds(time));
}

void destroy_action_set(ActionSet* set) {
  std::vector<Action*> actions;
  for (Action* action : live_objects<Action>())
    if (action->set == set) actions.push_back(action);
  for (Action* action : actions) {
    live_objects<Action>().erase(action);
    delete action;
  }
  std::erase(set->instance->action_sets, set);
  live_objects<ActionSet>().erase(set);
  delete set;
}

void add_action_functions(FunctionTable& table) {
  add(table, "xrStringToPath", string_to_path);
  add(table, "xrPathToString", path_to_string);
  add(table, "xrCreateActionSet", create_action_set);
  add(table, "xrDestroyActionSet", destroy_action_set_entry);
  add(table, "xrCreateAction", create_action);
  add(table, "xrDestroyAction", destroy_action);
  add(table, "xrSuggestInteractionProfileBindings", suggest_bindings);
  add(table, "xrAttachSessionActionSets", attach_action_sets);
  add(table, "xrSyncActions", sync_actions);
  add(table, "xrGetActionStateBoolean", get_boolean);
  add(table, "xrGetActionStateVector2f", get_vector2);
  add(table, "xrGetActionStatePose", get_pose);
  add(table, "xrApplyHapticFeedback", apply_haptic);
  add(table, "xrStopHapticFeedback", stop_haptic);
}

}  // namespace wv::xr_sim
