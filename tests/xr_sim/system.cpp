// System: one head-mounted display (unless the script unplugs it) with a stereo view
// configuration and an opaque display.
#include <cstdio>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

XRAPI_ATTR XrResult XRAPI_CALL get_system(XrInstance handle, const XrSystemGetInfo* info,
                                          XrSystemId* out_system) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_system == nullptr || info->type != XR_TYPE_SYSTEM_GET_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->formFactor != XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY) {
    return info->formFactor == XR_FORM_FACTOR_HANDHELD_DISPLAY ? XR_ERROR_FORM_FACTOR_UNSUPPORTED
                                                               : XR_ERROR_VALIDATION_FAILURE;
  }
  if (XrResult r = instance_state(*instance); XR_FAILED(r)) return r;
  if (!instance->script.headset_present) return XR_ERROR_FORM_FACTOR_UNAVAILABLE;
  *out_system = kSystemId;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL get_system_properties(XrInstance handle, XrSystemId system,
                                                     XrSystemProperties* properties) {
  std::lock_guard lock(runtime_mutex());
  if (lookup<Instance>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (properties == nullptr || properties->type != XR_TYPE_SYSTEM_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  properties->systemId = kSystemId;
  properties->vendorId = 0;
  std::snprintf(properties->systemName, XR_MAX_SYSTEM_NAME_SIZE, "%s", "worldview simulated headset");
  properties->graphicsProperties.maxSwapchainImageWidth = kMaxSwapchainSize;
  properties->graphicsProperties.maxSwapchainImageHeight = kMaxSwapchainSize;
  properties->graphicsProperties.maxLayerCount = kMaxLayerCount;
  properties->trackingProperties.orientationTracking = XR_TRUE;
  properties->trackingProperties.positionTracking = XR_TRUE;
  return XR_SUCCESS;
}

XrResult check_system(XrInstance handle, XrSystemId system) {
  if (lookup<Instance>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL enumerate_view_configurations(XrInstance handle, XrSystemId system,
                                                             uint32_t capacity, uint32_t* count,
                                                             XrViewConfigurationType* types) {
  std::lock_guard lock(runtime_mutex());
  if (XrResult r = check_system(handle, system); XR_FAILED(r)) return r;
  const std::vector<XrViewConfigurationType> supported{XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO};
  return fill_array(supported, capacity, count, types);
}

XRAPI_ATTR XrResult XRAPI_CALL get_view_configuration_properties(
    XrInstance handle, XrSystemId system, XrViewConfigurationType type,
    XrViewConfigurationProperties* properties) {
  std::lock_guard lock(runtime_mutex());
  if (XrResult r = check_system(handle, system); XR_FAILED(r)) return r;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  if (properties == nullptr || properties->type != XR_TYPE_VIEW_CONFIGURATION_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  properties->viewConfigurationType = type;
  properties->fovMutable = XR_FALSE;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL enumerate_view_configuration_views(
    XrInstance handle, XrSystemId system, XrViewConfigurationType type, uint32_t capacity,
    uint32_t* count, XrViewConfigurationView* views) {
  std::lock_guard lock(runtime_mutex());
  if (XrResult r = check_system(handle, system); XR_FAILED(r)) return r;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *count = kViewCount;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < kViewCount) return XR_ERROR_SIZE_INSUFFICIENT;
  for (uint32_t i = 0; i < kViewCount; ++i) {
    if (views[i].type != XR_TYPE_VIEW_CONFIGURATION_VIEW) return XR_ERROR_VALIDATION_FAILURE;
    views[i].recommendedImageRectWidth = kRecommendedViewSize;
    views[i].recommendedImageRectHeight = kRecommendedViewSize;
    views[i].maxImageRectWidth = kMaxSwapchainSize;
    views[i].maxImageRectHeight = kMaxSwapchainSize;
    views[i].recommendedSwapchainSampleCount = 1;
    views[i].maxSwapchainSampleCount = 1;
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL enumerate_blend_modes(XrInstance handle, XrSystemId system,
                                                     XrViewConfigurationType type,
                                                     uint32_t capacity, uint32_t* count,
                                                     XrEnvironmentBlendMode* modes) {
  std::lock_guard lock(runtime_mutex());
  if (XrResult r = check_system(handle, system); XR_FAILED(r)) return r;
  if (type != XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO) {
    return XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED;
  }
  const std::vector<XrEnvironmentBlendMode> supported{XR_ENVIRONMENT_BLEND_MODE_OPAQUE};
  return fill_array(supported, capacity, count, modes);
}

}  // namespace

void add_system_functions(FunctionTable& table) {
  add(table, "xrGetSystem", get_system);
  add(table, "xrGetSystemProperties", get_system_properties);
  add(table, "xrEnumerateViewConfigurations", enumerate_view_configurations);
  add(table, "xrGetViewConfigurationProperties", get_view_configuration_properties);
  add(table, "xrEnumerateViewConfigurationViews", enumerate_view_configuration_views);
  add(table, "xrEnumerateEnvironmentBlendModes", enumerate_blend_modes);
}

}  // namespace wv::xr_sim
