// Frame loop: xrWaitFrame on a simulated 90 Hz display clock, xrBeginFrame, and xrEndFrame,
// which checks the submitted layers against the spec and records them, one JSON line per frame,
// in the file named by WV_XR_SIM_FRAMES (tests read it back to see what was shown).
//
// Submitted frames also drive the session forward: each ended frame steps a running session one
// state up, READY -> SYNCHRONIZED -> VISIBLE -> FOCUSED, as a compositor would once it has
// frames to show.
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

using nlohmann::json;

const char* space_name(XrReferenceSpaceType type) {
  switch (type) {
    case XR_REFERENCE_SPACE_TYPE_VIEW: return "VIEW";
    case XR_REFERENCE_SPACE_TYPE_LOCAL: return "LOCAL";
    default: return "STAGE";
  }
}

json pose_json(const XrPosef& p) {
  return {{"position", {p.position.x, p.position.y, p.position.z}},
          {"orientation", {p.orientation.x, p.orientation.y, p.orientation.z, p.orientation.w}}};
}

bool unit_quaternion(const XrQuaternionf& q) {
  const float length2 = q.x * q.x + q.y * q.y + q.z * q.z + q.w * q.w;
  return length2 > 0.99f && length2 < 1.01f;
}

// Checks a layer's image and describes it; the swapchain must have a released image (the one
// the layer shows) and the rectangle must lie inside the image.
XrResult check_sub_image(const Session& session, const XrSwapchainSubImage& sub, json& out) {
  const Swapchain* swapchain = lookup<Swapchain>(sub.swapchain);
  if (swapchain == nullptr || swapchain->session != &session) return XR_ERROR_HANDLE_INVALID;
  if (!swapchain->released) return XR_ERROR_LAYER_INVALID;
  const XrRect2Di& r = sub.imageRect;
  if (r.offset.x < 0 || r.offset.y < 0 || r.extent.width <= 0 || r.extent.height <= 0 ||
      uint32_t(r.offset.x + r.extent.width) > swapchain->info.width ||
      uint32_t(r.offset.y + r.extent.height) > swapchain->info.height) {
    return XR_ERROR_SWAPCHAIN_RECT_INVALID;
  }
  if (sub.imageArrayIndex >= swapchain->info.arraySize) return XR_ERROR_VALIDATION_FAILURE;
  out["swapchain"] = swapchain->serial;
  out["image"] = *swapchain->released;
  out["rect"] = {r.offset.x, r.offset.y, r.extent.width, r.extent.height};
  out["array_index"] = sub.imageArrayIndex;
  return XR_SUCCESS;
}

XrResult check_layer(const Session& session, const XrCompositionLayerBaseHeader* layer, json& out) {
  if (layer == nullptr) return XR_ERROR_LAYER_INVALID;
  const Space* space = lookup<Space>(layer->space);
  if (space == nullptr || space->session != &session) return XR_ERROR_HANDLE_INVALID;
  out["space"] = space_name(space->type);
  out["flags"] = layer->layerFlags;
  if (layer->type == XR_TYPE_COMPOSITION_LAYER_PROJECTION) {
    const auto* projection = reinterpret_cast<const XrCompositionLayerProjection*>(layer);
    if (projection->viewCount != kViewCount || projection->views == nullptr) {
      return XR_ERROR_VALIDATION_FAILURE;
    }
    out["type"] = "projection";
    out["views"] = json::array();
    for (uint32_t i = 0; i < kViewCount; ++i) {
      const XrCompositionLayerProjectionView& view = projection->views[i];
      if (view.type != XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
      if (!unit_quaternion(view.pose.orientation)) return XR_ERROR_POSE_INVALID;
      json v{{"pose", pose_json(view.pose)},
             {"fov", {view.fov.angleLeft, view.fov.angleRight, view.fov.angleUp, view.fov.angleDown}}};
      if (XrResult r = check_sub_image(session, view.subImage, v); XR_FAILED(r)) return r;
      out["views"].push_back(v);
    }
    return XR_SUCCESS;
  }
  if (layer->type == XR_TYPE_COMPOSITION_LAYER_QUAD) {
    const auto* quad = reinterpret_cast<const XrCompositionLayerQuad*>(layer);
    if (!unit_quaternion(quad->pose.orientation)) return XR_ERROR_POSE_INVALID;
    out["type"] = "quad";
    out["eye"] = quad->eyeVisibility == XR_EYE_VISIBILITY_BOTH   ? "both"
                 : quad->eyeVisibility == XR_EYE_VISIBILITY_LEFT ? "left"
                                                                 : "right";
    out["pose"] = pose_json(quad->pose);
    out["size"] = {quad->size.width, quad->size.height};
    return check_sub_image(session, quad->subImage, out);
  }
  return XR_ERROR_LAYER_INVALID;  // layer types of extensions this runtime does not offer
}

void record_frame(const json& frame) {
  const char* path = std::getenv("WV_XR_SIM_FRAMES");
  if (path == nullptr || *path == '\0') return;
  std::ofstream file(path, std::ios::app);
  file << frame.dump() << '\n';
}

XRAPI_ATTR XrResult XRAPI_CALL wait_frame(XrSession handle, const XrFrameWaitInfo* info,
                                          XrFrameState* state) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if ((info != nullptr && info->type != XR_TYPE_FRAME_WAIT_INFO) || state == nullptr ||
      state->type != XR_TYPE_FRAME_STATE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (XrResult r = session_state(*session); XR_FAILED(r)) return r;
  if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
  // The spec makes a second xrWaitFrame block until xrBeginFrame; with one test thread that
  // would hang forever, so the runtime refuses it instead.
  if (session->waited_frame) return XR_ERROR_CALL_ORDER_INVALID;
  const XrTime predicted = session->instance->next_display_time;
  session->instance->next_display_time += kDisplayPeriod;
  session->waited_frame = predicted;
  apply_script(*session, predicted);
  state->predictedDisplayTime = predicted;
  state->predictedDisplayPeriod = kDisplayPeriod;
  state->shouldRender = session->state == XR_SESSION_STATE_VISIBLE ||
                        session->state == XR_SESSION_STATE_FOCUSED;
  return session->lost ? XR_SESSION_LOSS_PENDING : XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL begin_frame(XrSession handle, const XrFrameBeginInfo* info) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info != nullptr && info->type != XR_TYPE_FRAME_BEGIN_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (XrResult r = session_state(*session); XR_FAILED(r)) return r;
  if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (!session->waited_frame) return XR_ERROR_CALL_ORDER_INVALID;
  // A frame begun and never ended is dropped in favor of this one.
  const bool discarded = session->begun_frame.has_value();
  session->begun_frame = session->waited_frame;
  session->waited_frame.reset();
  return discarded ? XR_FRAME_DISCARDED : XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL end_frame(XrSession handle, const XrFrameEndInfo* info) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || info->type != XR_TYPE_FRAME_END_INFO) return XR_ERROR_VALIDATION_FAILURE;
  if (XrResult r = session_state(*session); XR_FAILED(r)) return r;
  if (!session->running) return XR_ERROR_SESSION_NOT_RUNNING;
  if (!session->begun_frame) return XR_ERROR_CALL_ORDER_INVALID;
  if (info->displayTime != *session->begun_frame) return XR_ERROR_TIME_INVALID;
  if (info->environmentBlendMode != XR_ENVIRONMENT_BLEND_MODE_OPAQUE) {
    return XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED;
  }
  if (info->layerCount > kMaxLayerCount) return XR_ERROR_LAYER_LIMIT_EXCEEDED;
  if (info->layerCount > 0 && info->layers == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  json frame{{"frame", session->frames_ended},
             {"display_time", info->displayTime},
             {"layers", json::array()},
             {"haptics", session->haptics}};
  for (uint32_t i = 0; i < info->layerCount; ++i) {
    json layer;
    if (XrResult r = check_layer(*session, info->layers[i], layer); XR_FAILED(r)) return r;
    frame["layers"].push_back(layer);
  }
  if (!capture_eyes(*session, *info)) return XR_ERROR_RUNTIME_FAILURE;
  session->begun_frame.reset();
  session->haptics.clear();
  record_frame(frame);
  ++session->frames_ended;
  if (!session->exit_requested) {
    const XrTime now = info->displayTime;
    switch (session->state) {
      case XR_SESSION_STATE_READY: set_session_state(*session, XR_SESSION_STATE_SYNCHRONIZED, now); break;
      case XR_SESSION_STATE_SYNCHRONIZED: set_session_state(*session, XR_SESSION_STATE_VISIBLE, now); break;
      case XR_SESSION_STATE_VISIBLE: set_session_state(*session, XR_SESSION_STATE_FOCUSED, now); break;
      default: break;
    }
  }
  return XR_SUCCESS;
}

}  // namespace

void add_frame_functions(FunctionTable& table) {
  add(table, "xrWaitFrame", wait_frame);
  add(table, "xrBeginFrame", begin_frame);
  add(table, "xrEndFrame", end_frame);
}

}  // namespace wv::xr_sim
