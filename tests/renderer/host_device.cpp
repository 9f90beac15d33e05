#include "host_device.h"

#include <cstring>

#include <gtest/gtest.h>

#include "renderer/context.h"

namespace wv::test {
namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL count_message(VkDebugUtilsMessageSeverityFlagBitsEXT, VkDebugUtilsMessageTypeFlagsEXT,
                                             const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  ++*static_cast<int*>(user);
  ADD_FAILURE() << "validation: " << data->pMessage;
  return VK_FALSE;
}

}  // namespace

void HostDevice::create() {
  const char* layer = "VK_LAYER_KHRONOS_validation";
  const char* extension = VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.apiVersion = VK_API_VERSION_1_3;
  VkInstanceCreateInfo instance_info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  instance_info.pApplicationInfo = &app;
  instance_info.enabledLayerCount = 1;
  instance_info.ppEnabledLayerNames = &layer;
  instance_info.enabledExtensionCount = 1;
  instance_info.ppEnabledExtensionNames = &extension;
  ASSERT_EQ(vkCreateInstance(&instance_info, nullptr, &instance), VK_SUCCESS);
  VkDebugUtilsMessengerCreateInfoEXT messenger_info{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messenger_info.messageSeverity =
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messenger_info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT;
  messenger_info.pfnUserCallback = count_message;
  messenger_info.pUserData = &messages;
  auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
  ASSERT_EQ(create_messenger(instance, &messenger_info, nullptr, &messenger), VK_SUCCESS);

  uint32_t count = 8;
  VkPhysicalDevice physical_devices[8];
  vkEnumeratePhysicalDevices(instance, &count, physical_devices);
  for (uint32_t i = 0; i < count; ++i) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(physical_devices[i], &props);
    if (std::strstr(props.deviceName, "llvmpipe")) physical = physical_devices[i];
  }
  ASSERT_NE(physical, VK_NULL_HANDLE);
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue_info.queueFamilyIndex = 0;
  queue_info.queueCount = 1;
  queue_info.pQueuePriorities = &priority;
  renderer::RequiredDeviceFeatures features;
  VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  device_info.pNext = &features.features;
  device_info.queueCreateInfoCount = 1;
  device_info.pQueueCreateInfos = &queue_info;
  ASSERT_EQ(vkCreateDevice(physical, &device_info, nullptr, &device), VK_SUCCESS);
  vkGetDeviceQueue(device, 0, 0, &queue);
}

void HostDevice::destroy() {
  if (device) vkDestroyDevice(device, nullptr);
  if (messenger) {
    auto destroy_messenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy_messenger(instance, messenger, nullptr);
  }
  if (instance) vkDestroyInstance(instance, nullptr);
  device = VK_NULL_HANDLE;
  messenger = VK_NULL_HANDLE;
  instance = VK_NULL_HANDLE;
}

}  // namespace wv::test
