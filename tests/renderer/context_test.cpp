// Device listing and Context creation errors.
#include <gtest/gtest.h>

#include "render_fixture.h"
#include "renderer/devices.h"
#include "renderer/vk_check.h"

namespace wv::test {
namespace {

TEST(DevicesTest, ListsLavapipeWithoutCreatingADevice) {
  auto devices = renderer::list_vulkan_devices();
  ASSERT_TRUE(devices.ok()) << devices.error().message;
  bool found = false;
  for (const auto& d : *devices) {
    EXPECT_FALSE(d.name.empty());
    EXPECT_GE(d.api_version, VK_API_VERSION_1_0);
    if (d.name.find("llvmpipe") != std::string::npos) {
      found = true;
      EXPECT_TRUE(d.is_cpu);
      EXPECT_EQ(d.type, "CPU");
      EXPECT_FALSE(d.driver_info.empty());
    }
  }
  EXPECT_TRUE(found) << "lavapipe (mesa-vulkan-drivers) is expected on test machines";
  EXPECT_EQ(renderer::api_version_string(VK_MAKE_API_VERSION(0, 1, 3, 230)), "1.3.230");
}

TEST(ContextTest, MissingRequiredDeviceIsAnErrorThatSaysWhatToDo) {
  renderer::ContextParams params = lavapipe_params();
  params.preferred_device = "no such device 1234";
  auto ctx = renderer::Context::create(params);
  ASSERT_FALSE(ctx.ok());
  EXPECT_NE(ctx.error().message.find("no such device 1234"), std::string::npos) << ctx.error().message;
}

TEST(ContextTest, CreatesValidatedLavapipeContext) {
  LogCounter logs;
  {
    auto ctx = renderer::Context::create(lavapipe_params());
    ASSERT_TRUE(ctx.ok()) << ctx.error().message;
    EXPECT_NE((*ctx)->device_info().name.find("llvmpipe"), std::string::npos);
    EXPECT_TRUE((*ctx)->owns_device());
    EXPECT_NE((*ctx)->queue(), VK_NULL_HANDLE);
    EXPECT_EQ((*ctx)->validation_message_count(), 0u);
  }
  EXPECT_EQ(logs.count(), 0);
}

TEST(VkCheckTest, NamesResults) {
  EXPECT_STREQ(renderer::vk_result_name(VK_ERROR_DEVICE_LOST), "VK_ERROR_DEVICE_LOST");
  EXPECT_STREQ(renderer::vk_result_name(VkResult(-12345)), "VkResult(-12345)");
  LogCounter logs;  // vk_error logs: swallow into the counter
  const Error e = renderer::vk_error("vkQueueSubmit(q)", VK_ERROR_OUT_OF_DEVICE_MEMORY, "a/b/c.cpp", 7);
  EXPECT_EQ(e.message, "vkQueueSubmit(q) failed: VK_ERROR_OUT_OF_DEVICE_MEMORY (c.cpp:7)");
  EXPECT_EQ(logs.count(), 1);
}

}  // namespace
}  // namespace wv::test
