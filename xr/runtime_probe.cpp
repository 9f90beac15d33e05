#include "xr/runtime_probe.h"

#include <openxr/openxr.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "xr/xr_result.h"

namespace wv::xr {
namespace {

std::string version_string(XrVersion v) {
  return std::to_string(XR_VERSION_MAJOR(v)) + "." + std::to_string(XR_VERSION_MINOR(v)) + "." +
         std::to_string(XR_VERSION_PATCH(v));
}

bool runtime_has_extension(const char* name) {
  uint32_t count = 0;
  if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, 0, &count, nullptr))) return false;
  std::vector<XrExtensionProperties> props(count, {XR_TYPE_EXTENSION_PROPERTIES});
  if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, count, &count, props.data()))) {
    return false;
  }
  for (const auto& p : props) {
    if (std::strcmp(p.extensionName, name) == 0) return true;
  }
  return false;
}

void record(RuntimeProbe& probe, XrResult result) {
  probe.result_name = result_name(result);
  probe.advice = result_advice(result);
}

}  // namespace

RuntimeProbe probe_runtime() {
  // Without a runtime the loader prints five lines of errors to stderr; the probe reports the
  // outcome itself, with advice. Must happen before the loader's first call creates its logger;
  // a user's own XR_LOADER_DEBUG setting wins.
  setenv("XR_LOADER_DEBUG", "none", /*overwrite=*/0);
  RuntimeProbe probe;
  probe.loader_api_version = version_string(XR_CURRENT_API_VERSION);

  XrInstanceCreateInfo create_info{XR_TYPE_INSTANCE_CREATE_INFO};
  std::strncpy(create_info.applicationInfo.applicationName, "worldview",
               XR_MAX_APPLICATION_NAME_SIZE - 1);
  std::strncpy(create_info.applicationInfo.engineName, "worldview", XR_MAX_ENGINE_NAME_SIZE - 1);
  create_info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);

  XrInstance instance = XR_NULL_HANDLE;
  XrResult result = xrCreateInstance(&create_info, &instance);
  record(probe, result);
  if (XR_FAILED(result)) return probe;
  probe.runtime_available = true;
  probe.vulkan_enable2 = runtime_has_extension("XR_KHR_vulkan_enable2");

  XrInstanceProperties instance_props{XR_TYPE_INSTANCE_PROPERTIES};
  if (XR_SUCCEEDED(xrGetInstanceProperties(instance, &instance_props))) {
    probe.runtime_name = instance_props.runtimeName;
    probe.runtime_version = version_string(instance_props.runtimeVersion);
  }

  XrSystemGetInfo system_info{XR_TYPE_SYSTEM_GET_INFO};
  system_info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId system = XR_NULL_SYSTEM_ID;
  result = xrGetSystem(instance, &system_info, &system);
  record(probe, result);
  if (XR_SUCCEEDED(result)) {
    probe.headset_available = true;
    XrSystemProperties props{XR_TYPE_SYSTEM_PROPERTIES};
    if (XR_SUCCEEDED(xrGetSystemProperties(instance, system, &props))) {
      probe.system_name = props.systemName;
      probe.vendor_id = props.vendorId;
      probe.max_swapchain_width = props.graphicsProperties.maxSwapchainImageWidth;
      probe.max_swapchain_height = props.graphicsProperties.maxSwapchainImageHeight;
      probe.orientation_tracking = props.trackingProperties.orientationTracking == XR_TRUE;
      probe.position_tracking = props.trackingProperties.positionTracking == XR_TRUE;
    }
  }
  xrDestroyInstance(instance);
  return probe;
}

}  // namespace wv::xr
