// xr/runtime_probe.h — is an OpenXR runtime active, and is a headset there? For `worldview info`
// and for the start-up fallback (xr, then desktop, then headless).
//
//   wv::xr::RuntimeProbe p = wv::xr::probe_runtime();
//   if (!p.runtime_available) printf("OpenXR: %s: %s\n", p.result_name.c_str(), p.advice.c_str());
//
// Creates a bare OpenXR instance and destroys it again; takes milliseconds without a runtime and
// up to a second or two when a runtime service has to answer.
#pragma once

#include <cstdint>
#include <string>

namespace wv::xr {

struct RuntimeProbe {
  std::string loader_api_version;  // the OpenXR version this build was compiled against
  bool runtime_available = false;  // xrCreateInstance succeeded
  bool headset_available = false;  // xrGetSystem found a head-mounted display
  bool vulkan_enable2 = false;     // the runtime offers XR_KHR_vulkan_enable2
  std::string result_name;         // the last OpenXR result that decided the outcome
  std::string advice;              // what to do about it, for people
  std::string runtime_name;        // e.g. "Monado(XRT) by Collabora et al"
  std::string runtime_version;
  std::string system_name;         // the headset, when one was found
  uint32_t vendor_id = 0;
  uint32_t max_swapchain_width = 0;
  uint32_t max_swapchain_height = 0;
  bool orientation_tracking = false;
  bool position_tracking = false;
};

RuntimeProbe probe_runtime();

}  // namespace wv::xr
