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
#include "host_image.h"
#include "renderer/context.h"
#include "wv/pose.h"
#include "wv/worldview_vulkan.h"

namespace {

using wv::test::Host;
using wv::test::kSide;

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
  rp.model = "toyworld-latent-v1";  // the model the golden was drawn from
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
