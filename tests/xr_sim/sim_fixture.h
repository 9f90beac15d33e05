// sim_fixture.h — drives the simulated runtime through the real OpenXR loader with the core
// validation layer on, and Vulkan on lavapipe with its validation layer on. Any message from
// either layer fails the test. The core validation layer opens its log file once per process,
// so run one test per process (ctest does, through gtest_discover_tests).
//
//   TEST_F(XrSimTest, Something) {
//     start(R"(pose 0 0 1.6 0 0 0 0 1)");   // script text; starts the instance
//     create_vulkan_session();
//     run_until(XR_SESSION_STATE_FOCUSED);
//   }
#pragma once

#define XR_USE_GRAPHICS_API_VULKAN
#include <vulkan/vulkan.h>
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wv::test {

class XrSimTest : public ::testing::Test {
 protected:
  void SetUp() override;     // points the loader at the runtime and the layer at a log file
  void TearDown() override;  // destroys everything, then fails on any validation message

  // Writes the script, then creates an XrInstance with XR_KHR_vulkan_enable2.
  void start(const std::string& script = "");
  XrSystemId system();  // asserts that xrGetSystem succeeds
  // Vulkan instance and device through the runtime, then an XrSession bound to them.
  void create_vulkan_session();

  // Drains the event queue; returns the session states in order.
  std::vector<XrSessionState> poll_states();
  // xrWaitFrame + xrBeginFrame + xrEndFrame with no layers; returns xrWaitFrame's frame state.
  XrFrameState empty_frame();
  // xrBeginSession, then empty frames until `state` is reached (asserts it is, in 10 frames).
  void begin_and_run_until(XrSessionState state);

  // Records and submits a clear of `image` to `color` on the session's queue, and waits.
  void clear_image(VkImage image, const float color[4]);

  // The text the core validation layer wrote so far (empty when all was well).
  std::string xr_validation_log() const;

  template <class F>
  F xr_function(const char* name) {
    PFN_xrVoidFunction function = nullptr;
    EXPECT_EQ(xrGetInstanceProcAddr(instance_, name, &function), XR_SUCCESS) << name;
    return reinterpret_cast<F>(function);
  }

  std::string output_path(const std::string& suffix) const;

  XrInstance instance_ = XR_NULL_HANDLE;
  XrSession session_ = XR_NULL_HANDLE;
  std::vector<XrSwapchain> swapchains_;  // destroyed before the session
  std::vector<XrSpace> spaces_;
  VkInstance vk_instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_device_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  uint32_t queue_family_ = 0;
  VkQueue queue_ = VK_NULL_HANDLE;
  VkCommandPool command_pool_ = VK_NULL_HANDLE;
  std::vector<std::string> vulkan_messages_;
  std::string frames_path_;
  std::string validation_path_;
};

}  // namespace wv::test
