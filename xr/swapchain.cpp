#define XR_USE_GRAPHICS_API_VULKAN
#include "xr/swapchain.h"

#include <openxr/openxr_platform.h>

#include <algorithm>

#include "xr/instance.h"
#include "xr/xr_result.h"

namespace wv::xr {

int64_t choose_color_format(std::span<const int64_t> runtime_formats) {
  const int64_t srgb[] = {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB};
  const int64_t unorm[] = {VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM};
  for (std::span<const int64_t> accepted : {std::span<const int64_t>(srgb), std::span<const int64_t>(unorm)})
    for (int64_t f : runtime_formats)
      if (std::find(accepted.begin(), accepted.end(), f) != accepted.end()) return f;
  return VK_FORMAT_UNDEFINED;
}

Result<std::unique_ptr<Swapchain>> Swapchain::create(XrSession session, const SwapchainParams& params) {
  WV_ASSERT(params.width > 0 && params.height > 0);
  std::unique_ptr<Swapchain> swapchain(new Swapchain());
  swapchain->params_ = params;
  XrSwapchainCreateInfo info{XR_TYPE_SWAPCHAIN_CREATE_INFO};
  info.usageFlags = params.usage;
  info.format = params.format;
  info.sampleCount = 1;
  info.width = params.width;
  info.height = params.height;
  info.faceCount = 1;
  info.arraySize = 1;
  info.mipCount = 1;
  XrResult r = xrCreateSwapchain(session, &info, &swapchain->swapchain_);
  if (XR_FAILED(r)) return xr_error("xrCreateSwapchain", r);
  uint32_t count = 0;
  r = xrEnumerateSwapchainImages(swapchain->swapchain_, 0, &count, nullptr);
  if (XR_FAILED(r)) return xr_error("xrEnumerateSwapchainImages", r);
  std::vector<XrSwapchainImageVulkan2KHR> images(count, {XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR});
  r = xrEnumerateSwapchainImages(swapchain->swapchain_, count, &count,
                                 reinterpret_cast<XrSwapchainImageBaseHeader*>(images.data()));
  if (XR_FAILED(r)) return xr_error("xrEnumerateSwapchainImages", r);
  for (const auto& image : images) swapchain->images_.push_back(image.image);
  return swapchain;
}

Swapchain::~Swapchain() {
  if (swapchain_ != XR_NULL_HANDLE) check(xrDestroySwapchain(swapchain_), "xrDestroySwapchain");
}

XrResult Swapchain::acquire(uint32_t& out_index) {
  XrSwapchainImageAcquireInfo acquire{XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO};
  const XrResult r = xrAcquireSwapchainImage(swapchain_, &acquire, &out_index);
  if (XR_FAILED(r)) return r;
  XrSwapchainImageWaitInfo wait{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
  wait.timeout = XR_INFINITE_DURATION;
  return xrWaitSwapchainImage(swapchain_, &wait);
}

XrResult Swapchain::release() {
  XrSwapchainImageReleaseInfo release{XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO};
  return xrReleaseSwapchainImage(swapchain_, &release);
}

}  // namespace wv::xr
