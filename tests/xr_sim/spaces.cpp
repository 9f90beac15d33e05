// Spaces: the LOCAL, STAGE and VIEW reference spaces, xrLocateSpace and xrLocateViews.
//
// Everything is located through STAGE (the floor, origin at the play area's center): the script
// gives T_stage_head over time, LOCAL is STAGE raised to a standing eye height, and the eyes sit
// half an IPD either side of the head with a fixed symmetric field of view.
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

constexpr float kLocalHeight = 1.6f;   // meters above the STAGE floor
constexpr float kIpd = 0.064f;         // meters
constexpr float kHalfFov = 0.785398f;  // 45 degrees, in radians, on every side

struct Transform {
  glm::vec3 t{0.0f};
  glm::quat r{1.0f, 0.0f, 0.0f, 0.0f};
};

Transform from_pose(const XrPosef& p) {
  return {{p.position.x, p.position.y, p.position.z},
          glm::quat(p.orientation.w, p.orientation.x, p.orientation.y, p.orientation.z)};
}

XrPosef to_pose(const Transform& x) {
  const glm::quat r = glm::normalize(x.r);
  XrPosef pose;
  pose.orientation = {r.x, r.y, r.z, r.w};
  pose.position = {x.t.x, x.t.y, x.t.z};
  return pose;
}

// T_a_c = T_a_b * T_b_c
Transform compose(const Transform& T_a_b, const Transform& T_b_c) {
  return {T_a_b.t + T_a_b.r * T_b_c.t, T_a_b.r * T_b_c.r};
}

Transform inverse(const Transform& T_a_b) {
  const glm::quat r = glm::conjugate(T_a_b.r);
  return {-(r * T_a_b.t), r};
}

Transform stage_from_head(const Session& session, XrTime time) {
  return from_pose(head_pose_at(session.instance->script, double(time - kFirstDisplayTime) * 1e-9));
}

Transform stage_from_space(const Space& space, XrTime time) {
  if (space.action != nullptr) {
    const std::optional<XrPosef> aim = stage_from_aim(*space.session, space.hand, time);
    return compose(from_pose(aim.value_or(XrPosef{{0, 0, 0, 1}, {0, 0, 0}})), from_pose(space.pose_in_reference));
  }
  Transform T_stage_reference;
  switch (space.type) {
    case XR_REFERENCE_SPACE_TYPE_LOCAL: T_stage_reference.t.y = kLocalHeight; break;
    case XR_REFERENCE_SPACE_TYPE_VIEW: T_stage_reference = stage_from_head(*space.session, time); break;
    default: break;  // STAGE
  }
  return compose(T_stage_reference, from_pose(space.pose_in_reference));
}

// View 0 is the left eye.
Transform head_from_eye(uint32_t view) {
  Transform T_head_eye;
  T_head_eye.t.x = (view == 0 ? -0.5f : 0.5f) * kIpd;
  return T_head_eye;
}

bool valid_pose(const XrPosef& pose) {
  const XrQuaternionf& q = pose.orientation;
  const float length2 = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
  return length2 > 0.99f && length2 < 1.01f;  // the spec's "unit quaternion" with some slack
}

constexpr XrSpaceLocationFlags kAllTracked =
    XR_SPACE_LOCATION_ORIENTATION_VALID_BIT | XR_SPACE_LOCATION_POSITION_VALID_BIT |
    XR_SPACE_LOCATION_ORIENTATION_TRACKED_BIT | XR_SPACE_LOCATION_POSITION_TRACKED_BIT;

XRAPI_ATTR XrResult XRAPI_CALL enumerate_reference_spaces(XrSession handle, uint32_t capacity,
                                                          uint32_t* count,
                                                          XrReferenceSpaceType* types) {
  std::lock_guard lock(runtime_mutex());
  if (lookup<Session>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  const std::vector<XrReferenceSpaceType> supported{
      XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL, XR_REFERENCE_SPACE_TYPE_STAGE};
  return fill_array(supported, capacity, count, types);
}

XRAPI_ATTR XrResult XRAPI_CALL create_reference_space(XrSession handle,
                                                      const XrReferenceSpaceCreateInfo* info,
                                                      XrSpace* out_space) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_space == nullptr || info->type != XR_TYPE_REFERENCE_SPACE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_VIEW &&
      info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_LOCAL &&
      info->referenceSpaceType != XR_REFERENCE_SPACE_TYPE_STAGE) {
    return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  }
  if (!valid_pose(info->poseInReferenceSpace)) return XR_ERROR_POSE_INVALID;
  auto* space = new Space{session, info->referenceSpaceType, info->poseInReferenceSpace};
  session->spaces.push_back(space);
  live_objects<Space>().insert(space);
  *out_space = to_handle<XrSpace>(space);
  return XR_SUCCESS;
}

// A 3 m x 3 m play area centered on the STAGE origin.
XRAPI_ATTR XrResult XRAPI_CALL get_bounds(XrSession handle, XrReferenceSpaceType type,
                                          XrExtent2Df* bounds) {
  std::lock_guard lock(runtime_mutex());
  if (lookup<Session>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (bounds == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  if (type != XR_REFERENCE_SPACE_TYPE_VIEW && type != XR_REFERENCE_SPACE_TYPE_LOCAL &&
      type != XR_REFERENCE_SPACE_TYPE_STAGE) {
    return XR_ERROR_REFERENCE_SPACE_UNSUPPORTED;
  }
  if (type != XR_REFERENCE_SPACE_TYPE_STAGE) {
    *bounds = {0.0f, 0.0f};
    return XR_SPACE_BOUNDS_UNAVAILABLE;
  }
  *bounds = {3.0f, 3.0f};
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL destroy_space(XrSpace handle) {
  std::lock_guard lock(runtime_mutex());
  Space* space = lookup<Space>(handle);
  if (space == nullptr) return XR_ERROR_HANDLE_INVALID;
  auto& siblings = space->session->spaces;
  std::erase(siblings, space);
  live_objects<Space>().erase(space);
  delete space;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL locate_space(XrSpace space_handle, XrSpace base_handle, XrTime time,
                                            XrSpaceLocation* location) {
  std::lock_guard lock(runtime_mutex());
  Space* space = lookup<Space>(space_handle);
  Space* base = lookup<Space>(base_handle);
  if (space == nullptr || base == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (location == nullptr || location->type != XR_TYPE_SPACE_LOCATION) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (time <= 0) return XR_ERROR_TIME_INVALID;
  const Transform T_base_space =
      compose(inverse(stage_from_space(*base, time)), stage_from_space(*space, time));
  location->pose = to_pose(T_base_space);
  const auto tracked = [&](const Space& s) {
    return s.action == nullptr || stage_from_aim(*s.session, s.hand, time).has_value();
  };
  location->locationFlags = tracked(*space) && tracked(*base) ? kAllTracked : 0;
  // Velocities are not simulated: say so when the application asks for them.
  for (auto* next = static_cast<XrBaseOutStructure*>(location->next); next != nullptr;
       next = next->next) {
    if (next->type == XR_TYPE_SPACE_VELOCITY) {
      reinterpret_cast<XrSpaceVelocity*>(next)->velocityFlags = 0;
    }
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL locate_views(XrSession handle, const XrViewLocateInfo* info,
                                            XrViewState* state, uint32_t capacity,
                                            uint32_t* count, XrView* views) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || state == nullptr || count == nullptr ||
      info->type != XR_TYPE_VIEW_LOCATE_INFO || state->type != XR_TYPE_VIEW_STATE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Space* base = lookup<Space>(info->space);
  if (base == nullptr || base->session != session) return XR_ERROR_HANDLE_INVALID;
  if (info->viewConfigurationType != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  if (info->displayTime <= 0) return XR_ERROR_TIME_INVALID;
  *count = kViewCount;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < kViewCount) return XR_ERROR_SIZE_INSUFFICIENT;
  const Transform T_base_head = compose(inverse(stage_from_space(*base, info->displayTime)),
                                        stage_from_head(*session, info->displayTime));
  for (uint32_t i = 0; i < kViewCount; ++i) {
    if (views[i].type != XR_TYPE_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    views[i].pose = to_pose(compose(T_base_head, head_from_eye(i)));
    views[i].fov = eye_fov();
  }
  state->viewStateFlags = XR_VIEW_STATE_ORIENTATION_VALID_BIT | XR_VIEW_STATE_POSITION_VALID_BIT |
                          XR_VIEW_STATE_ORIENTATION_TRACKED_BIT | XR_VIEW_STATE_POSITION_TRACKED_BIT;
  return XR_SUCCESS;
}

}  // namespace

XRAPI_ATTR XrResult XRAPI_CALL create_action_space(XrSession handle, const XrActionSpaceCreateInfo* info,
                                                   XrSpace* out_space) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_space == nullptr || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  Action* action = lookup<Action>(info->action);
  if (action == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (action->type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
  if (!session->actions_attached) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
  if (!valid_pose(info->poseInActionSpace)) return XR_ERROR_POSE_INVALID;
  const std::string hand = path_string(*session->instance, info->subactionPath);
  if (hand != "/user/hand/left" && hand != "/user/hand/right") return XR_ERROR_PATH_UNSUPPORTED;
  auto* space = new Space{session, XR_REFERENCE_SPACE_TYPE_STAGE, info->poseInActionSpace, action,
                          hand == "/user/hand/left" ? 0 : 1};
  session->spaces.push_back(space);
  live_objects<Space>().insert(space);
  *out_space = to_handle<XrSpace>(space);
  return XR_SUCCESS;
}

XrPosef stage_from_space_pose(const Space& space, XrTime time) { return to_pose(stage_from_space(space, time)); }

XrPosef stage_from_eye(const Session& session, uint32_t view, XrTime time) {
  return to_pose(compose(stage_from_head(session, time), head_from_eye(view)));
}

XrFovf eye_fov() { return {-kHalfFov, kHalfFov, kHalfFov, -kHalfFov}; }

void add_space_functions(FunctionTable& table) {
  add(table, "xrCreateActionSpace", create_action_space);
  add(table, "xrEnumerateReferenceSpaces", enumerate_reference_spaces);
  add(table, "xrCreateReferenceSpace", create_reference_space);
  add(table, "xrGetReferenceSpaceBoundsRect", get_bounds);
  add(table, "xrDestroySpace", destroy_space);
  add(table, "xrLocateSpace", locate_space);
  add(table, "xrLocateViews", locate_views);
}

}  // namespace wv::xr_sim
