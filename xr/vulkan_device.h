// xr/vulkan_device.h — the Vulkan instance and device, created through the OpenXR runtime
// (XR_KHR_vulkan_enable2): the runtime adds what its compositor needs and picks the physical
// device that drives the headset. The renderer then adopts these handles.
//
//   wv::xr::VulkanRequest request;
//   request.device_features = &required.features;   // e.g. renderer::RequiredDeviceFeatures
//   request.optional_device_extensions = {VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME};
//   auto vulkan = wv::xr::create_vulkan_device(instance, request);
//   ... renderer::Context::adopt({vulkan->instance, vulkan->physical_device, vulkan->device, ...})
//   wv::xr::destroy_vulkan_device(*vulkan);          // after everything that used it
//
// Ownership: the application owns the handles (the spec says so); destroy_vulkan_device is
// their one destruction site. Threading: the render thread.
#pragma once

#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "wv/result.h"
#include "xr/instance.h"

namespace wv::xr {

struct VulkanRequest {
  // VK_LAYER_KHRONOS_validation (with synchronization validation) and VK_EXT_debug_utils.
  bool enable_validation = false;
  // Chained into VkDeviceCreateInfo::pNext: the features the renderer needs. Not owned.
  const void* device_features = nullptr;
  // Enabled when the chosen device offers them; VulkanDevice says which were.
  std::vector<const char*> optional_device_extensions;
  std::string application_name = "worldview";
};

struct VulkanDevice {
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physical_device = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queue_family = 0;
  uint32_t queue_index = 0;
  bool debug_utils = false;  // the instance has VK_EXT_debug_utils (validation requested)
  std::vector<std::string> enabled_device_extensions;

  bool has_device_extension(const char* name) const;
};

Result<VulkanDevice> create_vulkan_device(const Instance& instance, const VulkanRequest& request);
void destroy_vulkan_device(VulkanDevice& vulkan);

}  // namespace wv::xr
