#include "renderer/vk_check.h"

#include <cstdio>
#include <cstring>

#include "wv/log.h"

namespace wv::renderer {

const char* vk_result_name(VkResult result) {
  switch (result) {
#define WV_VK_RESULT_CASE(name) \
  case name: return #name;
    WV_VK_RESULT_CASE(VK_SUCCESS)
    WV_VK_RESULT_CASE(VK_NOT_READY)
    WV_VK_RESULT_CASE(VK_TIMEOUT)
    WV_VK_RESULT_CASE(VK_EVENT_SET)
    WV_VK_RESULT_CASE(VK_EVENT_RESET)
    WV_VK_RESULT_CASE(VK_INCOMPLETE)
    WV_VK_RESULT_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
    WV_VK_RESULT_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    WV_VK_RESULT_CASE(VK_ERROR_INITIALIZATION_FAILED)
    WV_VK_RESULT_CASE(VK_ERROR_DEVICE_LOST)
    WV_VK_RESULT_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    WV_VK_RESULT_CASE(VK_ERROR_LAYER_NOT_PRESENT)
    WV_VK_RESULT_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    WV_VK_RESULT_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
    WV_VK_RESULT_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    WV_VK_RESULT_CASE(VK_ERROR_TOO_MANY_OBJECTS)
    WV_VK_RESULT_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    WV_VK_RESULT_CASE(VK_ERROR_FRAGMENTED_POOL)
    WV_VK_RESULT_CASE(VK_ERROR_UNKNOWN)
    WV_VK_RESULT_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
    WV_VK_RESULT_CASE(VK_ERROR_INVALID_EXTERNAL_HANDLE)
    WV_VK_RESULT_CASE(VK_ERROR_FRAGMENTATION)
    WV_VK_RESULT_CASE(VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS)
    WV_VK_RESULT_CASE(VK_PIPELINE_COMPILE_REQUIRED)
    WV_VK_RESULT_CASE(VK_ERROR_SURFACE_LOST_KHR)
    WV_VK_RESULT_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
    WV_VK_RESULT_CASE(VK_SUBOPTIMAL_KHR)
    WV_VK_RESULT_CASE(VK_ERROR_OUT_OF_DATE_KHR)
    WV_VK_RESULT_CASE(VK_ERROR_VALIDATION_FAILED_EXT)
#undef WV_VK_RESULT_CASE
    default: break;
  }
  // Unknown codes: a per-thread buffer keeps the returned pointer valid without allocation.
  thread_local char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "VkResult(%d)", int(result));
  return buffer;
}

Error vk_error(const char* call, VkResult result, const char* file, int line) {
  const char* slash = std::strrchr(file, '/');
  char message[512];
  std::snprintf(message, sizeof(message), "%s failed: %s (%s:%d)", call, vk_result_name(result),
                slash ? slash + 1 : file, line);
  log_error(message);
  return Error{message};
}

}  // namespace wv::renderer
