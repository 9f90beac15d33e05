// xr/swapchain.h — one OpenXR swapchain of Vulkan color images, and format negotiation.
//
//   int64_t format = wv::xr::choose_color_format(runtime_formats);   // sRGB preferred
//   auto swapchain = wv::xr::Swapchain::create(session, {.format = format, .width = w, .height = h});
//   uint32_t index = *(*swapchain)->acquire();     // acquire + wait: the image may be written
//   ... render into (*swapchain)->images()[index], left in COLOR_ATTACHMENT_OPTIMAL ...
//   (*swapchain)->release();
//
// Threading: the render thread. Destroy before the session (the destructor calls
// xrDestroySwapchain); the GPU must be done with the images first.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <openxr/openxr.h>
#include <vulkan/vulkan.h>

#include "wv/result.h"

namespace wv::xr {

struct SwapchainParams {
  int64_t format = VK_FORMAT_R8G8B8A8_SRGB;
  uint32_t width = 0;
  uint32_t height = 0;
  XrSwapchainUsageFlags usage = XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT;
};

class Swapchain {
 public:
  static Result<std::unique_ptr<Swapchain>> create(XrSession session, const SwapchainParams& params);
  ~Swapchain();
  Swapchain(const Swapchain&) = delete;
  Swapchain& operator=(const Swapchain&) = delete;

  XrSwapchain handle() const { return swapchain_; }
  const std::vector<VkImage>& images() const { return images_; }
  const SwapchainParams& params() const { return params_; }

  // xrAcquireSwapchainImage + xrWaitSwapchainImage: the image index that may be written now.
  // Failures return the XrResult (a lost session shows here as XR_ERROR_SESSION_LOST).
  XrResult acquire(uint32_t& out_index);
  XrResult release();

 private:
  Swapchain() = default;
  XrSwapchain swapchain_ = XR_NULL_HANDLE;
  SwapchainParams params_;
  std::vector<VkImage> images_;
};

// The runtime's first-listed (preferred) format among the 8-bit RGBA/BGRA sRGB formats the
// renderer draws with; failing those, the first of their UNORM twins (colors then come out too
// dark, which is logged); VK_FORMAT_UNDEFINED when the runtime offers none of them.
int64_t choose_color_format(std::span<const int64_t> runtime_formats);

}  // namespace wv::xr
