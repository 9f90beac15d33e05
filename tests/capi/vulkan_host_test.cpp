// The Vulkan host path of the C API (wv/worldview_vulkan.h): a host that owns its instance
// (validation on), device and image hands them over; the library renders a workspace's panels
// (a generated world and a video) into the host's image, which the host reads back and compares
// with a golden image; no validation message; everything handed over is still the host's after.
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include <glm/gtc/type_ptr.hpp>
#include <gtest/gtest.h>

#include "../renderer/golden.h"
#include "../renderer/host_device.h"
#include "renderer/context.h"
#include "wv/pose.h"
#include "wv/worldview_vulkan.h"

namespace {

constexpr uint32_t kSide = 192;

// What a Vulkan host owns: its instance and device (validation on, ../renderer/host_device.h),
// a color image and a readback buffer.
struct Host : wv::test::HostDevice {
  VkImage image = VK_NULL_HANDLE;
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory image_memory = VK_NULL_HANDLE, buffer_memory = VK_NULL_HANDLE;
  VkCommandPool pool = VK_NULL_HANDLE;

  uint32_t memory_type(uint32_t bits, VkMemoryPropertyFlags flags) const {
    VkPhysicalDeviceMemoryProperties props;
    vkGetPhysicalDeviceMemoryProperties(physical, &props);
    for (uint32_t i = 0; i < props.memoryTypeCount; ++i) {
      if ((bits & (1u << i)) && (props.memoryTypes[i].propertyFlags & flags) == flags) return i;
    }
    return UINT32_MAX;
  }

  void create() {
    HostDevice::create();
    if (::testing::Test::HasFatalFailure()) return;
    VkImageCreateInfo image_info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    image_info.imageType = VK_IMAGE_TYPE_2D;
    image_info.format = VK_FORMAT_R8G8B8A8_SRGB;
    image_info.extent = {kSide, kSide, 1};
    image_info.mipLevels = 1;
    image_info.arrayLayers = 1;
    image_info.samples = VK_SAMPLE_COUNT_1_BIT;
    image_info.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    ASSERT_EQ(vkCreateImage(device, &image_info, nullptr, &image), VK_SUCCESS);
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(device, image, &req);
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    ASSERT_EQ(vkAllocateMemory(device, &alloc, nullptr, &image_memory), VK_SUCCESS);
    ASSERT_EQ(vkBindImageMemory(device, image, image_memory, 0), VK_SUCCESS);

    VkBufferCreateInfo buffer_info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    buffer_info.size = VkDeviceSize(kSide) * kSide * 4;
    buffer_info.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    ASSERT_EQ(vkCreateBuffer(device, &buffer_info, nullptr, &buffer), VK_SUCCESS);
    vkGetBufferMemoryRequirements(device, buffer, &req);
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                                                VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
    ASSERT_EQ(vkAllocateMemory(device, &alloc, nullptr, &buffer_memory), VK_SUCCESS);
    ASSERT_EQ(vkBindBufferMemory(device, buffer, buffer_memory, 0), VK_SUCCESS);
    VkCommandPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pool_info.queueFamilyIndex = 0;
    ASSERT_EQ(vkCreateCommandPool(device, &pool_info, nullptr, &pool), VK_SUCCESS);
  }

  // The host's own work after the library's: the image, left in COLOR_ATTACHMENT_OPTIMAL, copied
  // into the readback buffer on the same queue.
  std::shared_ptr<wv::Frame> read_back() {
    VkCommandBufferAllocateInfo cb_info{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cb_info.commandPool = pool;
    cb_info.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cb_info.commandBufferCount = 1;
    VkCommandBuffer cb = VK_NULL_HANDLE;
    EXPECT_EQ(vkAllocateCommandBuffers(device, &cb_info, &cb), VK_SUCCESS);
    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    vkBeginCommandBuffer(cb, &begin);
    VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    barrier.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
    barrier.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    barrier.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    barrier.srcQueueFamilyIndex = barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    barrier.image = image;
    barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &barrier);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {kSide, kSide, 1};
    vkCmdCopyImageToBuffer(cb, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
    vkEndCommandBuffer(cb);
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &cb;
    EXPECT_EQ(vkQueueSubmit(queue, 1, &submit, VK_NULL_HANDLE), VK_SUCCESS);
    EXPECT_EQ(vkQueueWaitIdle(queue), VK_SUCCESS);
    vkFreeCommandBuffers(device, pool, 1, &cb);
    auto frame = wv::make_frame(int32_t(kSide), int32_t(kSide), 0, 0.0);
    void* mapped = nullptr;
    EXPECT_EQ(vkMapMemory(device, buffer_memory, 0, VK_WHOLE_SIZE, 0, &mapped), VK_SUCCESS);
    std::memcpy(frame->pixels.data(), mapped, frame->byte_size());
    vkUnmapMemory(device, buffer_memory);
    return frame;
  }

  void destroy() {
    if (!device) return;
    vkDestroyCommandPool(device, pool, nullptr);
    vkDestroyBuffer(device, buffer, nullptr);
    vkFreeMemory(device, buffer_memory, nullptr);
    vkDestroyImage(device, image, nullptr);
    vkFreeMemory(device, image_memory, nullptr);
    HostDevice::destroy();
  }
};

#define EXPECT_WV_OK(call) EXPECT_EQ((call), WV_OK) << wv_last_error()

TEST(CapiVulkanHost, RendersPanelsIntoTheHostsImageOnTheHostsDevice) {
  Host host;
  host.create();
  ASSERT_FALSE(HasFatalFailure());

  wv_engine_params ep = wv_engine_default_params();
  ep.exact = 1;  // frame 0 of the rollout is the same on every run (the golden)
  wv_engine engine;
  ASSERT_EQ(wv_engine_create(&ep, &engine), WV_OK) << wv_last_error();
  wv_rollout_params rp = wv_rollout_default_params();
  rp.prompt = "three red balls in a dark blue room";
  rp.seed = 7;
  wv_source rollout, clip;
  ASSERT_EQ(wv_rollout_open(engine, &rp, &rollout), WV_OK) << wv_last_error();
  // A clip of its own (FFmpeg's test pattern), in this test's folder.
  const std::string folder = std::string(WV_TEST_OUTPUT_DIR) + "/capi_vulkan_host";
  const std::string video = folder + "/clip.mp4";
  std::filesystem::create_directories(folder);
  ASSERT_EQ(std::system(("ffmpeg -v error -nostdin -y -f lavfi -i testsrc=size=64x48:rate=10 -frames:v 10 "
                         "-pix_fmt yuv420p " + video).c_str()), 0);
  ASSERT_EQ(wv_video_open(engine, video.c_str(), 0, &clip), WV_OK) << wv_last_error();
  wv_workspace workspace;
  EXPECT_WV_OK(wv_workspace_create(engine, &workspace));
  EXPECT_WV_OK(wv_workspace_add_panel(workspace, rollout, 1.0f));
  EXPECT_WV_OK(wv_workspace_add_panel(workspace, clip, 1.0f));

  wv_vk_device device{host.instance, host.physical, host.device, 0, 0, 0};
  wv_vk_renderer_params params = wv_vk_renderer_default_params();
  wv_vk_renderer renderer;
  ASSERT_EQ(wv_vk_renderer_create(&device, &params, &renderer), WV_OK) << wv_last_error();

  // A viewer at the layout's eye height looking at the two panels (the arc, 2.2 m ahead).
  wv_vk_view view{};
  const glm::mat4 T_view_world = glm::inverse(wv::Pose{{0.0f, 1.5f, 0.0f}}.matrix());
  std::memcpy(view.T_view_world, glm::value_ptr(T_view_world), sizeof view.T_view_world);
  wv_vk_perspective(glm::radians(60.0f), 1.0f, 0.05f, 100.0f, view.projection);
  view.target = {host.image, VK_FORMAT_R8G8B8A8_SRGB, kSide, kSide};

  // Display time 0 shows frame 0 of both; render until both have it (the model and the decoder
  // take a moment), at the same display time, so the picture is fixed.
  for (int tries = 0; tries < 600; ++tries) {
    EXPECT_WV_OK(wv_vk_render(renderer, workspace, 0.0, &view, 1));
    wv_source_status a{}, b{};
    EXPECT_WV_OK(wv_source_status_get(rollout, &a));
    EXPECT_WV_OK(wv_source_status_get(clip, &b));
    if (a.last_frame_index == 0 && b.last_frame_index == 0) break;
    ASSERT_EQ(vkQueueWaitIdle(host.queue), VK_SUCCESS);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_WV_OK(wv_vk_render(renderer, workspace, 0.0, &view, 1));
  const auto frame = host.read_back();
  wv::test::expect_matches_golden("capi_host_device", *frame);

  EXPECT_WV_OK(wv_vk_renderer_destroy(renderer));
  EXPECT_EQ(wv_vk_renderer_destroy(renderer), WV_ERROR_INVALID_HANDLE);
  EXPECT_WV_OK(wv_workspace_destroy(workspace));
  EXPECT_WV_OK(wv_source_close(rollout));
  EXPECT_WV_OK(wv_source_close(clip));
  EXPECT_WV_OK(wv_engine_destroy(engine));
  // Still the host's: its device, queue and image are intact (validation would name any object
  // of the library's left on the device when the host destroys it).
  EXPECT_EQ(vkDeviceWaitIdle(host.device), VK_SUCCESS);
  host.destroy();
  EXPECT_EQ(host.messages, 0);
}

TEST(CapiVulkanHost, RefusesBadArguments) {
  wv_vk_renderer_params params = wv_vk_renderer_default_params();
  wv_vk_renderer renderer = nullptr;
  EXPECT_EQ(wv_vk_renderer_create(nullptr, &params, &renderer), WV_ERROR_INVALID_ARGUMENT);
  wv_vk_device empty{};
  EXPECT_EQ(wv_vk_renderer_create(&empty, &params, &renderer), WV_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(wv_last_error()).find("instance"), std::string::npos);
  EXPECT_EQ(renderer, nullptr);
  wv_vk_view view{};
  EXPECT_EQ(wv_vk_render(nullptr, nullptr, 0.0, &view, 1), WV_ERROR_INVALID_HANDLE);
  EXPECT_EQ(wv_vk_renderer_destroy(nullptr), WV_ERROR_INVALID_HANDLE);
  EXPECT_EQ(wv_vk_renderer_forget_images(nullptr), WV_ERROR_INVALID_HANDLE);
}

}  // namespace
