// A device created outside the renderer (as an OpenXR runtime would) is used, not destroyed.
#include <cstring>

#include <gtest/gtest.h>

#include "render_fixture.h"
#include "wv/pose.h"

namespace wv::test {
namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL count_message(VkDebugUtilsMessageSeverityFlagBitsEXT,
                                             VkDebugUtilsMessageTypeFlagsEXT,
                                             const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  ++*static_cast<int*>(user);
  ADD_FAILURE() << "validation: " << data->pMessage;
  return VK_FALSE;
}

TEST(AdoptTest, RendersOnAHandedOverDeviceAndLeavesItUsable) {
  LogCounter logs;
  int messages = 0;
  // The "runtime" side: instance with validation, lavapipe, a device with the required features.
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
  VkInstance instance = VK_NULL_HANDLE;
  ASSERT_EQ(vkCreateInstance(&instance_info, nullptr, &instance), VK_SUCCESS);
  VkDebugUtilsMessengerCreateInfoEXT messenger_info{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messenger_info.messageSeverity =
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messenger_info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT;
  messenger_info.pfnUserCallback = count_message;
  messenger_info.pUserData = &messages;
  auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT"));
  auto destroy_messenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(instance, "vkDestroyDebugUtilsMessengerEXT"));
  VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
  ASSERT_EQ(create_messenger(instance, &messenger_info, nullptr, &messenger), VK_SUCCESS);

  uint32_t count = 8;
  VkPhysicalDevice physical_devices[8];
  vkEnumeratePhysicalDevices(instance, &count, physical_devices);
  VkPhysicalDevice lavapipe = VK_NULL_HANDLE;
  for (uint32_t i = 0; i < count; ++i) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(physical_devices[i], &props);
    if (std::strstr(props.deviceName, "llvmpipe")) lavapipe = physical_devices[i];
  }
  ASSERT_NE(lavapipe, VK_NULL_HANDLE);
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue_info.queueFamilyIndex = 0;  // lavapipe's only family: graphics, compute, transfer
  queue_info.queueCount = 1;
  queue_info.pQueuePriorities = &priority;
  renderer::RequiredDeviceFeatures features;
  VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  device_info.pNext = &features.features;
  device_info.queueCreateInfoCount = 1;
  device_info.pQueueCreateInfos = &queue_info;
  VkDevice device = VK_NULL_HANDLE;
  ASSERT_EQ(vkCreateDevice(lavapipe, &device_info, nullptr, &device), VK_SUCCESS);

  {  // The renderer side.
    renderer::AdoptedDevice handed{instance, lavapipe, device, 0, 0, true};
    auto ctx = renderer::Context::adopt(handed, lavapipe_params());
    ASSERT_TRUE(ctx.ok()) << ctx.error().message;
    EXPECT_FALSE((*ctx)->owns_device());
    auto target = renderer::OffscreenTarget::create(**ctx, {.width = 64, .height = 64});
    ASSERT_TRUE(target.ok());
    auto r = renderer::Renderer::create(**ctx);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const renderer::TextureId tex = (*r)->create_texture();
    (*r)->update_texture(tex, solid_frame(4, 4, {10, 200, 90, 255}));
    renderer::PanelDraw panel;
    panel.texture = tex;
    panel.T_world_panel = Pose{{0.0f, 1.6f, -1.0f}}.matrix();
    panel.size_m = {3.0f, 3.0f};
    const renderer::View view = front_view();
    auto id = (*r)->render(**target, {&view, 1}, {&panel, 1}, {}, {.capture_view = 0});
    ASSERT_TRUE(id.ok());
    auto frame = (*r)->read_capture(*id);
    ASSERT_TRUE(frame.ok());
    EXPECT_NEAR(pixel(**frame, 32, 32)[1], 200, 1);
    // The device was created without VK_EXT_external_memory_host: never assumed.
    EXPECT_FALSE((*ctx)->host_import_enabled());
    EXPECT_EQ((*r)->stats().zero_copy_uploads, 0u);
  }

  // Still usable: submit an empty batch with a fence and wait for it.
  VkQueue queue = VK_NULL_HANDLE;
  vkGetDeviceQueue(device, 0, 0, &queue);
  VkFenceCreateInfo fence_info{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VkFence fence = VK_NULL_HANDLE;
  ASSERT_EQ(vkCreateFence(device, &fence_info, nullptr, &fence), VK_SUCCESS);
  EXPECT_EQ(vkQueueSubmit(queue, 0, nullptr, fence), VK_SUCCESS);
  EXPECT_EQ(vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX), VK_SUCCESS);
  vkDestroyFence(device, fence, nullptr);
  vkDestroyDevice(device, nullptr);
  destroy_messenger(instance, messenger, nullptr);
  vkDestroyInstance(instance, nullptr);
  EXPECT_EQ(messages, 0);
  EXPECT_EQ(logs.count(), 0);
}

}  // namespace
}  // namespace wv::test
