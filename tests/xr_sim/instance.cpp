// Instance: extensions, create/destroy, properties, result and structure names, the event queue.
#include <openxr/openxr_reflection.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

constexpr const char* kRuntimeName = "worldview simulated runtime";

struct Extension {
  const char* name;
  uint32_t version;
};
constexpr Extension kExtensions[] = {
    {XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_KHR_vulkan_enable2_SPEC_VERSION},
};

XRAPI_ATTR XrResult XRAPI_CALL enumerate_extensions(const char* layer_name, uint32_t capacity,
                                                    uint32_t* count,
                                                    XrExtensionProperties* properties) {
  if (layer_name != nullptr) return XR_ERROR_API_LAYER_NOT_PRESENT;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const uint32_t n = uint32_t(std::size(kExtensions));
  *count = n;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < n) return XR_ERROR_SIZE_INSUFFICIENT;
  for (uint32_t i = 0; i < n; ++i) {
    if (properties[i].type != XR_TYPE_EXTENSION_PROPERTIES) return XR_ERROR_VALIDATION_FAILURE;
    std::snprintf(properties[i].extensionName, XR_MAX_EXTENSION_NAME_SIZE, "%s", kExtensions[i].name);
    properties[i].extensionVersion = kExtensions[i].version;
  }
  return XR_SUCCESS;
}

bool extension_supported(const char* name) {
  for (const Extension& e : kExtensions) {
    if (std::strcmp(e.name, name) == 0) return true;
  }
  return false;
}

XRAPI_ATTR XrResult XRAPI_CALL create_instance(const XrInstanceCreateInfo* info,
                                               XrInstance* out_instance) {
  if (info == nullptr || out_instance == nullptr || info->type != XR_TYPE_INSTANCE_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (XR_VERSION_MAJOR(info->applicationInfo.apiVersion) != 1) {
    return XR_ERROR_API_VERSION_UNSUPPORTED;
  }
  for (uint32_t i = 0; i < info->enabledExtensionCount; ++i) {
    if (!extension_supported(info->enabledExtensionNames[i])) return XR_ERROR_EXTENSION_NOT_PRESENT;
  }
  auto* instance = new Instance;
  std::string error;
  if (!load_script_from_environment(instance->script, error)) {
    // Test code: stderr is where a test author looks when the instance will not come up.
    std::fprintf(stderr, "wv_xr_sim: WV_XR_SIM_SCRIPT: %s\n", error.c_str());
    delete instance;
    return XR_ERROR_RUNTIME_FAILURE;
  }
  std::lock_guard lock(runtime_mutex());
  live_objects<Instance>().insert(instance);
  *out_instance = to_handle<XrInstance>(instance);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL destroy_instance(XrInstance handle) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  // Destroying a handle destroys its children (spec 2.9 "Object Handle Types").
  while (!instance->sessions.empty()) destroy_session(instance->sessions.back());
  while (!instance->action_sets.empty()) destroy_action_set(instance->action_sets.back());
  live_objects<Instance>().erase(instance);
  delete instance;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL get_instance_properties(XrInstance handle,
                                                       XrInstanceProperties* properties) {
  std::lock_guard lock(runtime_mutex());
  if (lookup<Instance>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (properties == nullptr || properties->type != XR_TYPE_INSTANCE_PROPERTIES) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  properties->runtimeVersion = XR_MAKE_VERSION(0, 1, 0);
  std::snprintf(properties->runtimeName, XR_MAX_RUNTIME_NAME_SIZE, "%s", kRuntimeName);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL poll_event(XrInstance handle, XrEventDataBuffer* event) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (event == nullptr || event->type != XR_TYPE_EVENT_DATA_BUFFER) return XR_ERROR_VALIDATION_FAILURE;
  // Queued events still come out (the loss-pending one among them); then the loss shows.
  if (instance->events.empty()) {
    return XR_FAILED(instance_state(*instance)) ? XR_ERROR_INSTANCE_LOST : XR_EVENT_UNAVAILABLE;
  }
  *event = instance->events.front();
  instance->events.pop_front();
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL result_to_string(XrInstance handle, XrResult value,
                                                char buffer[XR_MAX_RESULT_STRING_SIZE]) {
  {
    std::lock_guard lock(runtime_mutex());
    if (lookup<Instance>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  }
  switch (value) {
#define WV_SIM_RESULT_NAME(name, number)                                     \
  case name:                                                                  \
    std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "%s", #name);            \
    return XR_SUCCESS;
    XR_LIST_ENUM_XrResult(WV_SIM_RESULT_NAME)
#undef WV_SIM_RESULT_NAME
    default: break;
  }
  // The spec's names for values this runtime does not know.
  std::snprintf(buffer, XR_MAX_RESULT_STRING_SIZE, "XR_%s_%d",
                value < 0 ? "UNKNOWN_FAILURE" : "UNKNOWN_SUCCESS", int(value));
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL structure_type_to_string(
    XrInstance handle, XrStructureType value, char buffer[XR_MAX_STRUCTURE_NAME_SIZE]) {
  {
    std::lock_guard lock(runtime_mutex());
    if (lookup<Instance>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  }
  switch (value) {
#define WV_SIM_TYPE_NAME(name, number)                                    \
  case name:                                                               \
    std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "%s", #name);        \
    return XR_SUCCESS;
    XR_LIST_ENUM_XrStructureType(WV_SIM_TYPE_NAME)
#undef WV_SIM_TYPE_NAME
    default: break;
  }
  std::snprintf(buffer, XR_MAX_STRUCTURE_NAME_SIZE, "XR_UNKNOWN_STRUCTURE_TYPE_%d", int(value));
  return XR_SUCCESS;
}

}  // namespace

void push_event(Instance& instance, const XrEventDataBuffer& event) {
  instance.events.push_back(event);
}

void add_instance_functions(FunctionTable& table) {
  add(table, "xrEnumerateInstanceExtensionProperties", enumerate_extensions);
  add(table, "xrCreateInstance", create_instance);
  add(table, "xrDestroyInstance", destroy_instance);
  add(table, "xrGetInstanceProperties", get_instance_properties);
  add(table, "xrPollEvent", poll_event);
  add(table, "xrResultToString", result_to_string);
  add(table, "xrStructureTypeToString", structure_type_to_string);
}

}  // namespace wv::xr_sim
