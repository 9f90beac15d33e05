// XR_KHR_vulkan_enable2: the runtime states its Vulkan needs, creates the application's instance
// and device through the application's own vkGetInstanceProcAddr, and picks the physical device.
//
// A compositor in another process would need external-memory extensions; this one composes
// nothing across processes, so it adds nothing to what the application asks for — which also
// keeps tests honest: whatever the application forgets to enable stays disabled.
#include <cstring>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

XRAPI_ATTR XrResult XRAPI_CALL get_graphics_requirements(
    XrInstance handle, XrSystemId system, XrGraphicsRequirementsVulkanKHR* requirements) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (requirements == nullptr || requirements->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  requirements->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
  requirements->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
  instance->graphics_requirements_queried = true;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL create_vulkan_instance(XrInstance handle,
                                                      const XrVulkanInstanceCreateInfoKHR* info,
                                                      VkInstance* out_instance, VkResult* out_result) {
  std::lock_guard lock(runtime_mutex());
  if (lookup<Instance>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_instance == nullptr || out_result == nullptr ||
      info->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR || info->createFlags != 0 ||
      info->pfnGetInstanceProcAddr == nullptr || info->vulkanCreateInfo == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  auto create = reinterpret_cast<PFN_vkCreateInstance>(
      info->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
  if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  // A Vulkan failure is the application's to read in out_result; the call itself succeeded.
  *out_result = create(info->vulkanCreateInfo, info->vulkanAllocator, out_instance);
  return XR_SUCCESS;
}

// Lavapipe when present (this project's test device), otherwise the first device.
XRAPI_ATTR XrResult XRAPI_CALL get_graphics_device(XrInstance handle,
                                                   const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                                   VkPhysicalDevice* out_device) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_device == nullptr ||
      info->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR ||
      info->vulkanInstance == VK_NULL_HANDLE) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  uint32_t count = 0;
  if (vkEnumeratePhysicalDevices(info->vulkanInstance, &count, nullptr) != VK_SUCCESS || count == 0) {
    return XR_ERROR_RUNTIME_FAILURE;
  }
  std::vector<VkPhysicalDevice> devices(count);
  if (vkEnumeratePhysicalDevices(info->vulkanInstance, &count, devices.data()) < 0) {
    return XR_ERROR_RUNTIME_FAILURE;
  }
  VkPhysicalDevice chosen = devices[0];
  for (VkPhysicalDevice device : devices) {
    VkPhysicalDeviceProperties properties;
    vkGetPhysicalDeviceProperties(device, &properties);
    if (std::strstr(properties.deviceName, "llvmpipe") != nullptr) chosen = device;
  }
  instance->vulkan_instance = info->vulkanInstance;
  instance->vulkan_physical_device = chosen;
  *out_device = chosen;
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL create_vulkan_device(XrInstance handle,
                                                    const XrVulkanDeviceCreateInfoKHR* info,
                                                    VkDevice* out_device, VkResult* out_result) {
  std::lock_guard lock(runtime_mutex());
  Instance* instance = lookup<Instance>(handle);
  if (instance == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_device == nullptr || out_result == nullptr ||
      info->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR || info->createFlags != 0 ||
      info->pfnGetInstanceProcAddr == nullptr || info->vulkanCreateInfo == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  // The spec requires the device xrGetVulkanGraphicsDevice2KHR returned.
  if (info->vulkanPhysicalDevice == VK_NULL_HANDLE ||
      info->vulkanPhysicalDevice != instance->vulkan_physical_device) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  // The create info names no VkInstance: use the one the physical device was picked from.
  auto create = reinterpret_cast<PFN_vkCreateDevice>(
      info->pfnGetInstanceProcAddr(instance->vulkan_instance, "vkCreateDevice"));
  if (create == nullptr) return XR_ERROR_RUNTIME_FAILURE;
  *out_result = create(info->vulkanPhysicalDevice, info->vulkanCreateInfo, info->vulkanAllocator,
                       out_device);
  return XR_SUCCESS;
}

}  // namespace

bool run_commands(const Session& session, const std::function<void(VkCommandBuffer)>& record) {
  VkDevice device = session.vk_device;
  VkCommandPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool_info.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool_info.queueFamilyIndex = session.queue_family;
  VkCommandPool pool = VK_NULL_HANDLE;
  if (vkCreateCommandPool(device, &pool_info, nullptr, &pool) != VK_SUCCESS) return false;
  VkCommandBufferAllocateInfo allocate_info{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  allocate_info.commandPool = pool;
  allocate_info.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocate_info.commandBufferCount = 1;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;
  VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  bool ok = vkAllocateCommandBuffers(device, &allocate_info, &commands) == VK_SUCCESS &&
            vkCreateFence(device, &fence_info, nullptr, &fence) == VK_SUCCESS &&
            vkBeginCommandBuffer(commands, &begin) == VK_SUCCESS;
  if (ok) {
    record(commands);
    ok = vkEndCommandBuffer(commands) == VK_SUCCESS;
  }
  if (ok) {
    VkQueue queue = VK_NULL_HANDLE;
    vkGetDeviceQueue(device, session.queue_family, session.queue_index, &queue);
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &commands;
    ok = vkQueueSubmit(queue, 1, &submit, fence) == VK_SUCCESS &&
         vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX) == VK_SUCCESS;
  }
  if (fence != VK_NULL_HANDLE) vkDestroyFence(device, fence, nullptr);
  vkDestroyCommandPool(device, pool, nullptr);  // frees `commands`
  return ok;
}

void add_vulkan_functions(FunctionTable& table) {
  add(table, "xrGetVulkanGraphicsRequirements2KHR", get_graphics_requirements);
  add(table, "xrCreateVulkanInstanceKHR", create_vulkan_instance);
  add(table, "xrGetVulkanGraphicsDevice2KHR", get_graphics_device);
  add(table, "xrCreateVulkanDeviceKHR", create_vulkan_device);
}

}  // namespace wv::xr_sim
