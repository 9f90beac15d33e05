// The runtime's one exported symbol and its function table: the loader negotiates an interface
// version, then finds every other entry point through xrGetInstanceProcAddr.
#include <cstring>

#include "loader_interface.h"
#include "runtime.h"

namespace wv::xr_sim {
namespace {

const FunctionTable& function_table() {
  static const FunctionTable table = [] {
    FunctionTable t;
    add_instance_functions(t);
    add_system_functions(t);
    add_vulkan_functions(t);
    add_session_functions(t);
    add_space_functions(t);
    add_swapchain_functions(t);
    add_frame_functions(t);
    add_action_functions(t);
    return t;
  }();
  return table;
}

XRAPI_ATTR XrResult XRAPI_CALL get_instance_proc_addr(XrInstance instance, const char* name,
                                                      PFN_xrVoidFunction* function) {
  if (name == nullptr || function == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  *function = nullptr;
  // Without an instance the spec allows only the functions that create one.
  if (instance == XR_NULL_HANDLE) {
    const bool allowed = std::strcmp(name, "xrEnumerateInstanceExtensionProperties") == 0 ||
                         std::strcmp(name, "xrEnumerateApiLayerProperties") == 0 ||
                         std::strcmp(name, "xrCreateInstance") == 0;
    if (!allowed) return XR_ERROR_HANDLE_INVALID;
  } else {
    std::lock_guard lock(runtime_mutex());
    if (lookup<Instance>(instance) == nullptr) return XR_ERROR_HANDLE_INVALID;
  }
  if (std::strcmp(name, "xrGetInstanceProcAddr") == 0) {
    *function = reinterpret_cast<PFN_xrVoidFunction>(get_instance_proc_addr);
    return XR_SUCCESS;
  }
  const auto it = function_table().find(name);
  if (it == function_table().end()) return XR_ERROR_FUNCTION_UNSUPPORTED;
  *function = it->second;
  return XR_SUCCESS;
}

}  // namespace

std::mutex& runtime_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace wv::xr_sim

extern "C" __attribute__((visibility("default"))) XrResult XRAPI_CALL
xrNegotiateLoaderRuntimeInterface(const XrNegotiateLoaderInfo* loader_info,
                                  XrNegotiateRuntimeRequest* runtime_request) {
  if (loader_info == nullptr || runtime_request == nullptr ||
      loader_info->structType != XR_LOADER_INTERFACE_STRUCT_LOADER_INFO ||
      loader_info->structVersion != kLoaderInfoStructVersion ||
      loader_info->structSize != sizeof(XrNegotiateLoaderInfo) ||
      runtime_request->structType != XR_LOADER_INTERFACE_STRUCT_RUNTIME_REQUEST ||
      runtime_request->structVersion != kRuntimeInfoStructVersion ||
      runtime_request->structSize != sizeof(XrNegotiateRuntimeRequest)) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  const XrVersion api_version = XR_MAKE_VERSION(1, 0, 0);
  if (loader_info->minInterfaceVersion > kLoaderRuntimeVersion ||
      loader_info->maxInterfaceVersion < kLoaderRuntimeVersion ||
      XR_VERSION_MAJOR(loader_info->minApiVersion) > 1 ||
      XR_VERSION_MAJOR(loader_info->maxApiVersion) < 1) {
    return XR_ERROR_INITIALIZATION_FAILED;
  }
  runtime_request->runtimeInterfaceVersion = kLoaderRuntimeVersion;
  runtime_request->runtimeApiVersion = api_version;
  runtime_request->getInstanceProcAddr = wv::xr_sim::get_instance_proc_addr;
  return XR_SUCCESS;
}
