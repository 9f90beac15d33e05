#define XR_USE_GRAPHICS_API_VULKAN
#include "xr/session.h"

#include <openxr/openxr_platform.h>

#include <algorithm>
#include <cmath>

#include "wv/log.h"
#include "xr/xr_result.h"

namespace wv::xr {
namespace {

XrPosef identity_pose() {
  XrPosef pose{};
  pose.orientation.w = 1.0f;
  return pose;
}

Result<XrSpace> reference_space(XrSession session, XrReferenceSpaceType type, const XrPosef& pose) {
  XrReferenceSpaceCreateInfo info{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
  info.referenceSpaceType = type;
  info.poseInReferenceSpace = pose;
  XrSpace space = XR_NULL_HANDLE;
  const XrResult r = xrCreateReferenceSpace(session, &info, &space);
  if (XR_FAILED(r)) return xr_error("xrCreateReferenceSpace", r);
  return space;
}

}  // namespace

Result<std::unique_ptr<Session>> Session::create(const Instance& instance, const VulkanDevice& vulkan,
                                                 const SessionParams& params) {
  std::unique_ptr<Session> s(new Session());
  s->params_ = params;
  XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
  binding.instance = vulkan.instance;
  binding.physicalDevice = vulkan.physical_device;
  binding.device = vulkan.device;
  binding.queueFamilyIndex = vulkan.queue_family;
  binding.queueIndex = vulkan.queue_index;
  XrSessionCreateInfo info{XR_TYPE_SESSION_CREATE_INFO};
  info.next = &binding;
  info.systemId = instance.system();
  XrResult r = xrCreateSession(instance.handle(), &info, &s->session_);
  if (XR_FAILED(r)) return xr_error("xrCreateSession", r);

  // World space: STAGE (floor-level, the play area's center) when the runtime has it.
  uint32_t count = 0;
  r = xrEnumerateReferenceSpaces(s->session_, 0, &count, nullptr);
  if (XR_FAILED(r)) return xr_error("xrEnumerateReferenceSpaces", r);
  std::vector<XrReferenceSpaceType> spaces(count);
  r = xrEnumerateReferenceSpaces(s->session_, count, &count, spaces.data());
  if (XR_FAILED(r)) return xr_error("xrEnumerateReferenceSpaces", r);
  const bool has_stage = std::find(spaces.begin(), spaces.end(), XR_REFERENCE_SPACE_TYPE_STAGE) != spaces.end();
  s->world_type_ = has_stage ? XR_REFERENCE_SPACE_TYPE_STAGE : XR_REFERENCE_SPACE_TYPE_LOCAL;
  auto reference = reference_space(s->session_, s->world_type_, identity_pose());
  if (!reference) return reference.error();
  s->reference_space_ = *reference;
  XrPosef T_reference_world = identity_pose();
  if (!has_stage) {
    T_reference_world.position.y = -params.eye_height_m;
    log_info("xr: the runtime has no STAGE space; using LOCAL with the floor " +
             std::to_string(params.eye_height_m) + " m below the starting head");
  }
  if (Status st = s->create_world_space(T_reference_world); !st) return st.error();
  auto view = reference_space(s->session_, XR_REFERENCE_SPACE_TYPE_VIEW, identity_pose());
  if (!view) return view.error();
  s->view_space_ = *view;

  // Blend mode: the runtime's first (preferred) one; worldview is meant for OPAQUE displays.
  r = xrEnumerateEnvironmentBlendModes(instance.handle(), instance.system(), params.view_configuration, 0, &count,
                                       nullptr);
  if (XR_FAILED(r)) return xr_error("xrEnumerateEnvironmentBlendModes", r);
  std::vector<XrEnvironmentBlendMode> modes(count);
  r = xrEnumerateEnvironmentBlendModes(instance.handle(), instance.system(), params.view_configuration, count,
                                       &count, modes.data());
  if (XR_FAILED(r) || modes.empty()) return xr_error("xrEnumerateEnvironmentBlendModes", r);
  s->blend_mode_ = std::find(modes.begin(), modes.end(), XR_ENVIRONMENT_BLEND_MODE_OPAQUE) != modes.end()
                       ? XR_ENVIRONMENT_BLEND_MODE_OPAQUE
                       : modes.front();

  // One swapchain per view, at the recommended size, in the preferred format.
  r = xrEnumerateViewConfigurationViews(instance.handle(), instance.system(), params.view_configuration, 0, &count,
                                        nullptr);
  if (XR_FAILED(r)) return xr_error("xrEnumerateViewConfigurationViews", r);
  std::vector<XrViewConfigurationView> views(count, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
  r = xrEnumerateViewConfigurationViews(instance.handle(), instance.system(), params.view_configuration, count,
                                        &count, views.data());
  if (XR_FAILED(r)) return xr_error("xrEnumerateViewConfigurationViews", r);
  r = xrEnumerateSwapchainFormats(s->session_, 0, &count, nullptr);
  if (XR_FAILED(r)) return xr_error("xrEnumerateSwapchainFormats", r);
  std::vector<int64_t> formats(count);
  r = xrEnumerateSwapchainFormats(s->session_, count, &count, formats.data());
  if (XR_FAILED(r)) return xr_error("xrEnumerateSwapchainFormats", r);
  const int64_t format = choose_color_format(formats);
  if (format == VK_FORMAT_UNDEFINED)
    return Error{"the OpenXR runtime offers no 8-bit RGBA or BGRA swapchain format worldview can render to"};
  if (format != VK_FORMAT_R8G8B8A8_SRGB && format != VK_FORMAT_B8G8R8A8_SRGB)
    log_warn("xr: the runtime offers no sRGB swapchain format; colors will look too dark");
  // TRANSFER_SRC as well: a view can be copied out (recording what the left eye sees).
  for (const XrViewConfigurationView& v : views) {
    auto swapchain = Swapchain::create(s->session_, {.format = format,
                                                     .width = v.recommendedImageRectWidth,
                                                     .height = v.recommendedImageRectHeight,
                                                     .usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT |
                                                              XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT});
    if (!swapchain) return swapchain.error();
    s->swapchains_.push_back(std::move(*swapchain));
  }
  return s;
}

Session::~Session() {
  swapchains_.clear();
  for (XrSpace space : {view_space_, world_space_, reference_space_})
    if (space != XR_NULL_HANDLE) check(xrDestroySpace(space), "xrDestroySpace");
  if (session_ != XR_NULL_HANDLE) check(xrDestroySession(session_), "xrDestroySession");
}

Status Session::create_world_space(const XrPosef& T_reference_world) {
  auto space = reference_space(session_, world_type_, T_reference_world);
  if (!space) return space.error();
  if (world_space_ != XR_NULL_HANDLE) check(xrDestroySpace(world_space_), "xrDestroySpace");
  world_space_ = *space;
  return Status::success();
}

Status Session::recenter(XrTime time) {
  XrSpaceLocation head{XR_TYPE_SPACE_LOCATION};
  const XrResult r = xrLocateSpace(view_space_, reference_space_, time, &head);
  if (XR_FAILED(r)) return xr_error("xrLocateSpace", r);
  const XrSpaceLocationFlags needed = XR_SPACE_LOCATION_POSITION_VALID_BIT | XR_SPACE_LOCATION_ORIENTATION_VALID_BIT;
  if ((head.locationFlags & needed) != needed) return Error{"recenter: the headset is not tracked right now"};
  // Yaw of the head's forward (-Z) direction; pitch and roll are not a place to stand in.
  const XrQuaternionf& q = head.pose.orientation;
  const float forward_x = -2.0f * (q.x * q.z + q.w * q.y);
  const float forward_z = -(1.0f - 2.0f * (q.x * q.x + q.y * q.y));
  const float yaw = std::atan2(-forward_x, -forward_z);
  XrPosef T_reference_world;
  T_reference_world.orientation = {0.0f, std::sin(yaw / 2.0f), 0.0f, std::cos(yaw / 2.0f)};
  T_reference_world.position = {head.pose.position.x, 0.0f, head.pose.position.z};
  if (world_type_ == XR_REFERENCE_SPACE_TYPE_LOCAL)
    T_reference_world.position.y = head.pose.position.y - params_.eye_height_m;
  return create_world_space(T_reference_world);
}

}  // namespace wv::xr
