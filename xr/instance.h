// xr/instance.h — the OpenXR instance (with XR_KHR_vulkan_enable2) and the head-mounted system.
//
//   auto instance = wv::xr::Instance::create({.application_name = "worldview"});
//   if (!instance) { wv::log_error(instance.error().message); ... }  // names the XrResult + advice
//   XrEventDataBuffer event;
//   while ((*instance)->poll_event(event) == XR_SUCCESS) handle(event);
//
// Errors name the failing call, the result and what to do ("xrCreateInstance:
// XR_ERROR_RUNTIME_UNAVAILABLE: no OpenXR runtime is active: install and start one, ...").
// Threading: one thread (the render thread) uses an Instance and everything made from it.
#pragma once

#include <memory>
#include <string>

#include <openxr/openxr.h>

#include "wv/result.h"

namespace wv::xr {

struct InstanceParams {
  std::string application_name = "worldview";
};

class Instance {
 public:
  static Result<std::unique_ptr<Instance>> create(const InstanceParams& params = {});
  ~Instance();  // xrDestroyInstance: destroys every session and space made from it
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  XrInstance handle() const { return instance_; }
  XrSystemId system() const { return system_; }
  const XrSystemProperties& system_properties() const { return system_properties_; }
  const std::string& runtime_name() const { return runtime_name_; }

  // Asks the runtime for the headset again (after a session loss the headset may be gone).
  Status refresh_system();

  // xrPollEvent: XR_SUCCESS with the next event, XR_EVENT_UNAVAILABLE when the queue is empty,
  // or the failure (XR_ERROR_INSTANCE_LOST once the runtime has gone away).
  XrResult poll_event(XrEventDataBuffer& out_event);

  // An extension function; asserts that it exists (only enabled extensions' functions are used).
  template <class F>
  F function(const char* name) const {
    return reinterpret_cast<F>(raw_function(name));
  }

 private:
  Instance() = default;
  PFN_xrVoidFunction raw_function(const char* name) const;

  XrInstance instance_ = XR_NULL_HANDLE;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  XrSystemProperties system_properties_{XR_TYPE_SYSTEM_PROPERTIES};
  std::string runtime_name_;
};

// "xrCall: XR_ERROR_...: advice" for a failed call (advice left out when there is none).
Error xr_error(const char* call, XrResult result);

}  // namespace wv::xr
