// renderer/vk_check.h — the one check every Vulkan call goes through.
//
//   WV_VK_TRY(vkCreateFence(device, &info, nullptr, &fence));   // in a function returning
//                                                               // wv::Status or wv::Result<T>
//
// On failure it logs "vkCreateFence(...) failed: VK_ERROR_OUT_OF_DEVICE_MEMORY (file:line)"
// through wv::log_error and returns that message as a wv::Error from the enclosing function.
#pragma once

#include <string>

#include <vulkan/vulkan.h>

#include "wv/result.h"

namespace wv::renderer {

// "VK_ERROR_DEVICE_LOST" for VK_ERROR_DEVICE_LOST; "VkResult(-1234)" for unknown values.
const char* vk_result_name(VkResult result);

// Logs and returns the error for a failed call (what WV_VK_TRY expands to).
Error vk_error(const char* call, VkResult result, const char* file, int line);

}  // namespace wv::renderer

#define WV_VK_TRY(call)                                                                 \
  do {                                                                                  \
    const VkResult wv_vk_result_ = (call);                                              \
    if (wv_vk_result_ != VK_SUCCESS)                                                    \
      return ::wv::renderer::vk_error(#call, wv_vk_result_, __FILE__, __LINE__);        \
  } while (0)
