#define XR_USE_GRAPHICS_API_VULKAN
#include "xr/instance.h"

#include <vulkan/vulkan.h>
#include <openxr/openxr_platform.h>

#include <cstdlib>
#include <cstring>

#include "xr/xr_result.h"

namespace wv::xr {
Error xr_error(const char* call, XrResult result) {
  const std::string advice = result_advice(result);
  return Error{std::string(call) + ": " + result_name(result) + (advice.empty() ? "" : ": " + advice)};
}

Result<std::unique_ptr<Instance>> Instance::create(const InstanceParams& params) {
  // Without a runtime the loader prints lines of errors of its own; we report the outcome with
  // advice instead. A user's own XR_LOADER_DEBUG setting wins.
  setenv("XR_LOADER_DEBUG", "none", /*overwrite=*/0);
  const char* vulkan_enable2 = XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME;
  XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
  std::strncpy(info.applicationInfo.applicationName, params.application_name.c_str(),
               XR_MAX_APPLICATION_NAME_SIZE - 1);
  std::strncpy(info.applicationInfo.engineName, "worldview", XR_MAX_ENGINE_NAME_SIZE - 1);
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  info.enabledExtensionCount = 1;
  info.enabledExtensionNames = &vulkan_enable2;

  std::unique_ptr<Instance> instance(new Instance());
  const XrResult created = xrCreateInstance(&info, &instance->instance_);
  // XR_ERROR_EXTENSION_NOT_PRESENT here means the runtime lacks XR_KHR_vulkan_enable2 (advice says so).
  if (XR_FAILED(created)) return xr_error("xrCreateInstance", created);

  XrInstanceProperties props{XR_TYPE_INSTANCE_PROPERTIES};
  if (check(xrGetInstanceProperties(instance->instance_, &props), "xrGetInstanceProperties"))
    instance->runtime_name_ = props.runtimeName;
  if (Status s = instance->refresh_system(); !s) return s.error();
  return instance;
}

Instance::~Instance() {
  if (instance_ != XR_NULL_HANDLE) check(xrDestroyInstance(instance_), "xrDestroyInstance");
}

Status Instance::refresh_system() {
  XrSystemGetInfo info{XR_TYPE_SYSTEM_GET_INFO};
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  const XrResult got = xrGetSystem(instance_, &info, &system_);
  if (XR_FAILED(got)) return xr_error("xrGetSystem", got);
  system_properties_ = {XR_TYPE_SYSTEM_PROPERTIES};
  const XrResult props = xrGetSystemProperties(instance_, system_, &system_properties_);
  if (XR_FAILED(props)) return xr_error("xrGetSystemProperties", props);
  return Status::success();
}

XrResult Instance::poll_event(XrEventDataBuffer& out_event) {
  out_event = {XR_TYPE_EVENT_DATA_BUFFER};
  return xrPollEvent(instance_, &out_event);
}

PFN_xrVoidFunction Instance::raw_function(const char* name) const {
  PFN_xrVoidFunction found = nullptr;
  const XrResult got = xrGetInstanceProcAddr(instance_, name, &found);
  WV_ASSERT(XR_SUCCEEDED(got) && found != nullptr);
  return found;
}

}  // namespace wv::xr
