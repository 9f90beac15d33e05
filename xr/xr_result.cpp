#include "xr/xr_result.h"

#include <openxr/openxr_reflection.h>

#include "wv/log.h"

namespace wv::xr {

std::string result_name(XrResult result) {
  switch (result) {
#define WV_XR_RESULT_CASE(name, value) \
  case name: return #name;
    XR_LIST_ENUM_XrResult(WV_XR_RESULT_CASE)
#undef WV_XR_RESULT_CASE
    default: return "XrResult(" + std::to_string(int(result)) + ")";
  }
}

std::string result_advice(XrResult result) {
  switch (result) {
    case XR_ERROR_RUNTIME_UNAVAILABLE:
      return "no OpenXR runtime is active: install and start one, e.g. Monado or SteamVR, "
             "or point XR_RUNTIME_JSON at its manifest";
    case XR_ERROR_RUNTIME_FAILURE:
      return "the OpenXR runtime failed to start: check that its service is running";
    case XR_ERROR_FORM_FACTOR_UNAVAILABLE:
      return "the runtime is active but no headset is connected: connect and wake the headset";
    case XR_ERROR_FORM_FACTOR_UNSUPPORTED:
      return "the active runtime does not support head-mounted displays";
    case XR_ERROR_EXTENSION_NOT_PRESENT:
      return "the runtime lacks a required extension (worldview needs XR_KHR_vulkan_enable2)";
    case XR_ERROR_API_VERSION_UNSUPPORTED:
      return "the runtime does not support OpenXR 1.0: update it";
    case XR_ERROR_API_LAYER_NOT_PRESENT:
      return "a requested API layer is not installed (see XR_ENABLE_API_LAYERS)";
    default: return "";
  }
}

bool check(XrResult result, const char* call) {
  if (XR_SUCCEEDED(result)) return true;
  wv::log_warn(std::string(call) + ": " + result_name(result));
  return false;
}

}  // namespace wv::xr
