// renderer/devices.h — what Vulkan devices this machine has, without creating one
// (for `worldview info` and for error messages).
//
//   auto devices = wv::renderer::list_vulkan_devices();
//   if (!devices) { wv::log_error(devices.error().message); return 1; }
//   for (const auto& d : *devices) printf("%s (%s) Vulkan %s, %s\n", d.name.c_str(),
//       d.type.c_str(), wv::renderer::api_version_string(d.api_version).c_str(), d.driver_name.c_str());
//
// Thread-safe (creates and destroys its own short-lived VkInstance).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "wv/result.h"

namespace wv::renderer {

struct DeviceInfo {
  std::string name;         // "llvmpipe (LLVM 15.0.6, 256 bits)", "NVIDIA GeForce RTX 4090"
  std::string type;         // "discrete GPU", "integrated GPU", "virtual GPU", "CPU", "other"
  uint32_t api_version = 0; // VK_MAKE_API_VERSION-encoded
  std::string driver_name;  // "llvmpipe", "NVIDIA", "radv"; empty before Vulkan 1.2 drivers
  std::string driver_info;  // "Mesa 22.3.6 (LLVM 15.0.6)"
  uint32_t vendor_id = 0;
  uint32_t device_id = 0;
  bool is_cpu = false;
};

// Every physical device the loader reports. An Error (with what to install) when there is no
// Vulkan loader, no driver (ICD), or no device.
Result<std::vector<DeviceInfo>> list_vulkan_devices();

// Name, type, versions and driver of one device (used by list_vulkan_devices and Context).
DeviceInfo describe_physical_device(VkPhysicalDevice device);

// "1.3.230"
std::string api_version_string(uint32_t api_version);

}  // namespace wv::renderer
