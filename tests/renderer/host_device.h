// host_device.h — a Vulkan instance and device made outside the renderer, as an OpenXR runtime
// or a host application makes them: the validation layer with a messenger that fails the test
// on every message (and counts them), lavapipe, and a device with the renderer's required
// features and one queue of family 0 (lavapipe's only one: graphics, compute, transfer).
//
//   wv::test::HostDevice host;
//   host.create();
//   ASSERT_FALSE(HasFatalFailure());
//   ... hand host.instance, host.physical, host.device over ...
//   host.destroy();
//   EXPECT_EQ(host.messages, 0);
#pragma once

#include <vulkan/vulkan.h>

namespace wv::test {

struct HostDevice {
  int messages = 0;
  VkInstance instance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  VkQueue queue = VK_NULL_HANDLE;

  void create();   // gtest assertions: check HasFatalFailure() after
  void destroy();  // the device, the messenger, the instance
};

}  // namespace wv::test
