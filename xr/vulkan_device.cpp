#include "xr/vulkan_device.h"

#define XR_USE_GRAPHICS_API_VULKAN
#include <openxr/openxr_platform.h>

#include <cstring>

#include "wv/log.h"
#include "xr/xr_result.h"

namespace wv::xr {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool has_layer(const char* name) {
  uint32_t count = 0;
  if (vkEnumerateInstanceLayerProperties(&count, nullptr) != VK_SUCCESS) return false;
  std::vector<VkLayerProperties> layers(count);
  if (vkEnumerateInstanceLayerProperties(&count, layers.data()) != VK_SUCCESS) return false;
  for (const auto& layer : layers)
    if (std::strcmp(layer.layerName, name) == 0) return true;
  return false;
}

bool device_offers(VkPhysicalDevice device, const char* name) {
  uint32_t count = 0;
  if (vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr) != VK_SUCCESS) return false;
  std::vector<VkExtensionProperties> extensions(count);
  if (vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data()) != VK_SUCCESS) return false;
  for (const auto& e : extensions)
    if (std::strcmp(e.extensionName, name) == 0) return true;
  return false;
}

uint32_t graphics_family(VkPhysicalDevice device) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  for (uint32_t i = 0; i < count; ++i)
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) return i;
  return UINT32_MAX;
}

std::string vk_failure(const char* call, VkResult result) {
  return std::string(call) + " failed in the runtime: VkResult " + std::to_string(int(result));
}

}  // namespace

bool VulkanDevice::has_device_extension(const char* name) const {
  for (const std::string& e : enabled_device_extensions)
    if (e == name) return true;
  return false;
}

Result<VulkanDevice> create_vulkan_device(const Instance& instance, const VulkanRequest& request) {
  const XrInstance xr = instance.handle();
  const XrSystemId system = instance.system();
  // Required before xrCreateSession; also tells whether the runtime can work with Vulkan 1.3.
  XrGraphicsRequirementsVulkan2KHR requirements{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
  const XrResult got = instance.function<PFN_xrGetVulkanGraphicsRequirements2KHR>(
      "xrGetVulkanGraphicsRequirements2KHR")(xr, system, &requirements);
  if (XR_FAILED(got)) return xr_error("xrGetVulkanGraphicsRequirements2KHR", got);
  const XrVersion wanted = XR_MAKE_VERSION(1, 3, 0);
  if (requirements.minApiVersionSupported > wanted)
    return Error{"the OpenXR runtime needs a Vulkan newer than 1.3, which worldview does not support yet"};

  VulkanDevice vulkan;
  std::vector<const char*> layers;
  std::vector<const char*> extensions;
  if (request.enable_validation) {
    if (!has_layer(kValidationLayer))
      return Error{"Vulkan validation requested but VK_LAYER_KHRONOS_validation is not installed: "
                   "install vulkan-validationlayers"};
    layers.push_back(kValidationLayer);
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    vulkan.debug_utils = true;
  }
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = request.application_name.c_str();
  app.pEngineName = "worldview";
  app.apiVersion = VK_API_VERSION_1_3;
  const VkValidationFeatureEnableEXT enables[] = {VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
  VkValidationFeaturesEXT validation_features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
  validation_features.enabledValidationFeatureCount = 1;
  validation_features.pEnabledValidationFeatures = enables;
  VkInstanceCreateInfo instance_info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  instance_info.pNext = request.enable_validation ? &validation_features : nullptr;
  instance_info.pApplicationInfo = &app;
  instance_info.enabledLayerCount = uint32_t(layers.size());
  instance_info.ppEnabledLayerNames = layers.data();
  instance_info.enabledExtensionCount = uint32_t(extensions.size());
  instance_info.ppEnabledExtensionNames = extensions.data();
  XrVulkanInstanceCreateInfoKHR xr_instance_info{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
  xr_instance_info.systemId = system;
  xr_instance_info.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
  xr_instance_info.vulkanCreateInfo = &instance_info;
  VkResult vk = VK_SUCCESS;
  XrResult r = instance.function<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR")(
      xr, &xr_instance_info, &vulkan.instance, &vk);
  if (XR_FAILED(r)) return xr_error("xrCreateVulkanInstanceKHR", r);
  if (vk != VK_SUCCESS) return Error{vk_failure("vkCreateInstance", vk)};

  XrVulkanGraphicsDeviceGetInfoKHR device_get{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
  device_get.systemId = system;
  device_get.vulkanInstance = vulkan.instance;
  r = instance.function<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR")(
      xr, &device_get, &vulkan.physical_device);
  if (XR_FAILED(r)) {
    destroy_vulkan_device(vulkan);
    return xr_error("xrGetVulkanGraphicsDevice2KHR", r);
  }
  vulkan.queue_family = graphics_family(vulkan.physical_device);
  if (vulkan.queue_family == UINT32_MAX) {
    destroy_vulkan_device(vulkan);
    return Error{"the Vulkan device the OpenXR runtime chose has no graphics queue"};
  }

  std::vector<const char*> device_extensions;
  for (const char* name : request.optional_device_extensions) {
    if (!device_offers(vulkan.physical_device, name)) continue;
    device_extensions.push_back(name);
    vulkan.enabled_device_extensions.emplace_back(name);
  }
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = vulkan.queue_family;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  device_info.pNext = request.device_features;
  device_info.queueCreateInfoCount = 1;
  device_info.pQueueCreateInfos = &queue;
  device_info.enabledExtensionCount = uint32_t(device_extensions.size());
  device_info.ppEnabledExtensionNames = device_extensions.data();
  XrVulkanDeviceCreateInfoKHR xr_device_info{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
  xr_device_info.systemId = system;
  xr_device_info.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
  xr_device_info.vulkanPhysicalDevice = vulkan.physical_device;
  xr_device_info.vulkanCreateInfo = &device_info;
  r = instance.function<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR")(xr, &xr_device_info,
                                                                                &vulkan.device, &vk);
  if (XR_FAILED(r) || vk != VK_SUCCESS) {
    destroy_vulkan_device(vulkan);
    return XR_FAILED(r) ? xr_error("xrCreateVulkanDeviceKHR", r) : Error{vk_failure("vkCreateDevice", vk)};
  }
  return vulkan;
}

void destroy_vulkan_device(VulkanDevice& vulkan) {
  if (vulkan.device != VK_NULL_HANDLE) vkDestroyDevice(vulkan.device, nullptr);
  if (vulkan.instance != VK_NULL_HANDLE) vkDestroyInstance(vulkan.instance, nullptr);
  vulkan.device = VK_NULL_HANDLE;
  vulkan.instance = VK_NULL_HANDLE;
}

}  // namespace wv::xr
