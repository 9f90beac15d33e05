// A device created outside the renderer (as an OpenXR runtime would) is used, not destroyed.

#include <gtest/gtest.h>

#include "host_device.h"
#include "render_fixture.h"
#include "wv/pose.h"

namespace wv::test {
namespace {

TEST(AdoptTest, RendersOnAHandedOverDeviceAndLeavesItUsable) {
  LogCounter logs;
  // The "runtime" side: instance with validation, lavapipe, a device with the required features.
  HostDevice host;
  host.create();
  ASSERT_FALSE(HasFatalFailure());
  VkInstance instance = host.instance;
  VkPhysicalDevice lavapipe = host.physical;
  VkDevice device = host.device;

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
  host.destroy();
  EXPECT_EQ(host.messages, 0);
  EXPECT_EQ(logs.count(), 0);
}

}  // namespace
}  // namespace wv::test
