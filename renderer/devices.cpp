#include "renderer/devices.h"

#include <string>

#include "renderer/vk_check.h"

namespace wv::renderer {
namespace {

const char* type_name(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return "discrete GPU";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return "integrated GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return "virtual GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return "CPU";
    default: return "other";
  }
}

}  // namespace

std::string api_version_string(uint32_t v) {
  return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) +
         "." + std::to_string(VK_API_VERSION_PATCH(v));
}

DeviceInfo describe_physical_device(VkPhysicalDevice device) {
  VkPhysicalDeviceProperties props{};
  vkGetPhysicalDeviceProperties(device, &props);
  DeviceInfo info;
  info.name = props.deviceName;
  info.type = type_name(props.deviceType);
  info.api_version = props.apiVersion;
  info.vendor_id = props.vendorID;
  info.device_id = props.deviceID;
  info.is_cpu = props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  if (props.apiVersion >= VK_API_VERSION_1_2) {
    VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &driver};
    vkGetPhysicalDeviceProperties2(device, &props2);
    info.driver_name = driver.driverName;
    info.driver_info = driver.driverInfo;
  }
  return info;
}

Result<std::vector<DeviceInfo>> list_vulkan_devices() {
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "worldview info";
  app.apiVersion = VK_API_VERSION_1_3;
  VkInstanceCreateInfo create{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  create.pApplicationInfo = &app;
  VkInstance instance = VK_NULL_HANDLE;
  const VkResult created = vkCreateInstance(&create, nullptr, &instance);
  if (created == VK_ERROR_INCOMPATIBLE_DRIVER)
    return Error{"no Vulkan driver found: install your GPU's Vulkan driver, or mesa-vulkan-drivers "
                 "for the CPU driver lavapipe"};
  if (created != VK_SUCCESS) return vk_error("vkCreateInstance", created, __FILE__, __LINE__);

  uint32_t count = 0;
  std::vector<VkPhysicalDevice> handles;
  VkResult listed = vkEnumeratePhysicalDevices(instance, &count, nullptr);
  if (listed == VK_SUCCESS) {
    handles.resize(count);
    listed = vkEnumeratePhysicalDevices(instance, &count, handles.data());
  }
  std::vector<DeviceInfo> devices;
  for (uint32_t i = 0; i < count && listed >= 0; ++i) devices.push_back(describe_physical_device(handles[i]));
  vkDestroyInstance(instance, nullptr);

  if (listed < 0) return vk_error("vkEnumeratePhysicalDevices", listed, __FILE__, __LINE__);
  if (devices.empty())
    return Error{"no Vulkan device: install your GPU's Vulkan driver, or mesa-vulkan-drivers for "
                 "the CPU driver lavapipe"};
  return devices;
}

}  // namespace wv::renderer
