// renderer/swapchain_target.cpp — a window's swapchain as a RenderTarget (renderer/target.h).
#include <algorithm>

#include "renderer/context.h"
#include "renderer/target.h"
#include "renderer/vk_check.h"
#include "wv/log.h"

namespace wv::renderer {
namespace {

// sRGB formats first: the renderer writes linear light into sRGB attachments (renderer.h).
constexpr VkFormat kPreferredFormats[] = {VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB};

}  // namespace

Result<std::unique_ptr<SwapchainTarget>> SwapchainTarget::create(Context& ctx, const SwapchainParams& params) {
  WV_ASSERT(ctx.surface() != VK_NULL_HANDLE && params.frames_in_flight >= 1);
  std::unique_ptr<SwapchainTarget> target(new SwapchainTarget(ctx, params));
  if (Status s = target->choose_formats(); !s) return s.error();
  target->acquired_semaphores_.resize(params.frames_in_flight + 1, VK_NULL_HANDLE);
  for (VkSemaphore& semaphore : target->acquired_semaphores_) {
    VkSemaphoreCreateInfo info{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    WV_VK_TRY(vkCreateSemaphore(ctx.device(), &info, nullptr, &semaphore));
  }
  return target;
}

SwapchainTarget::~SwapchainTarget() {
  {
    std::lock_guard lock(ctx_.queue_mutex());
    vkQueueWaitIdle(ctx_.queue());
  }
  destroy_images();
  if (swapchain_ != VK_NULL_HANDLE) vkDestroySwapchainKHR(ctx_.device(), swapchain_, nullptr);
  for (VkSemaphore semaphore : acquired_semaphores_)
    if (semaphore != VK_NULL_HANDLE) vkDestroySemaphore(ctx_.device(), semaphore, nullptr);
}

Status SwapchainTarget::choose_formats() {
  VkPhysicalDevice gpu = ctx_.physical_device();
  VkSurfaceKHR surface = ctx_.surface();
  uint32_t count = 0;
  WV_VK_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface, &count, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(count);
  WV_VK_TRY(vkGetPhysicalDeviceSurfaceFormatsKHR(gpu, surface, &count, formats.data()));
  if (formats.empty()) return Error{"the window's surface offers no image format"};
  surface_format_ = formats.front();
  bool srgb = false;
  for (VkFormat wanted : kPreferredFormats) {
    auto it = std::find_if(formats.begin(), formats.end(), [&](const VkSurfaceFormatKHR& f) {
      return f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
    });
    if (it != formats.end()) {
      surface_format_ = *it;
      srgb = true;
      break;
    }
  }
  if (!srgb) log_warn("renderer: the window offers no sRGB BGRA8/RGBA8 format; colors will look off");
  format_ = surface_format_.format;

  WV_VK_TRY(vkGetPhysicalDeviceSurfacePresentModesKHR(gpu, surface, &count, nullptr));
  std::vector<VkPresentModeKHR> modes(count);
  WV_VK_TRY(vkGetPhysicalDeviceSurfacePresentModesKHR(gpu, surface, &count, modes.data()));
  const bool mailbox = std::find(modes.begin(), modes.end(), VK_PRESENT_MODE_MAILBOX_KHR) != modes.end();
  present_mode_ = params_.prefer_mailbox && mailbox ? VK_PRESENT_MODE_MAILBOX_KHR : VK_PRESENT_MODE_FIFO_KHR;
  return Status::success();
}

void SwapchainTarget::destroy_images() {
  for (auto it = rendered_.rbegin(); it != rendered_.rend(); ++it) vkDestroySemaphore(ctx_.device(), *it, nullptr);
  for (auto it = image_views_.rbegin(); it != image_views_.rend(); ++it)
    vkDestroyImageView(ctx_.device(), *it, nullptr);
  rendered_.clear();
  image_views_.clear();
  images_.clear();
}

Result<bool> SwapchainTarget::recreate(VkExtent2D window_extent) {
  VkDevice device = ctx_.device();
  {
    // Earlier frames and presents still use the old images and their semaphores.
    std::lock_guard lock(ctx_.queue_mutex());
    WV_VK_TRY(vkQueueWaitIdle(ctx_.queue()));
  }
  VkSurfaceCapabilitiesKHR caps{};
  WV_VK_TRY(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(ctx_.physical_device(), ctx_.surface(), &caps));
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == UINT32_MAX) {  // the surface takes the swapchain's size
    extent.width = std::clamp(window_extent.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp(window_extent.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  if (extent.width == 0 || extent.height == 0) return false;

  // One image more than the minimum, so acquire never waits for the display to let one go.
  uint32_t image_count = caps.minImageCount + 1;
  if (caps.maxImageCount > 0) image_count = std::min(image_count, caps.maxImageCount);
  transfer_src_ = params_.capturable && (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT);
  VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = ctx_.surface();
  info.minImageCount = image_count;
  info.imageFormat = surface_format_.format;
  info.imageColorSpace = surface_format_.colorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | (transfer_src_ ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT : 0);
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = (caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR)
                            ? VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR
                            : VkCompositeAlphaFlagBitsKHR(caps.supportedCompositeAlpha & -caps.supportedCompositeAlpha);
  info.presentMode = present_mode_;
  info.clipped = VK_TRUE;
  info.oldSwapchain = swapchain_;
  VkSwapchainKHR created = VK_NULL_HANDLE;
  WV_VK_TRY(vkCreateSwapchainKHR(device, &info, nullptr, &created));
  destroy_images();
  if (swapchain_ != VK_NULL_HANDLE) {
    vkDestroySwapchainKHR(device, swapchain_, nullptr);
    ++recreations_;
  }
  swapchain_ = created;
  extent_ = extent;
  requested_extent_ = window_extent;
  stale_ = false;

  uint32_t count = 0;
  WV_VK_TRY(vkGetSwapchainImagesKHR(device, swapchain_, &count, nullptr));
  images_.resize(count);
  WV_VK_TRY(vkGetSwapchainImagesKHR(device, swapchain_, &count, images_.data()));
  for (VkImage image : images_) {
    VkImageViewCreateInfo view_info{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    view_info.image = image;
    view_info.viewType = VK_IMAGE_VIEW_TYPE_2D;
    view_info.format = format_;
    view_info.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView view = VK_NULL_HANDLE;
    WV_VK_TRY(vkCreateImageView(device, &view_info, nullptr, &view));
    image_views_.push_back(view);
    // Per image, not per frame: an image is only acquired again once its present (which waits
    // on this semaphore) has been processed.
    VkSemaphoreCreateInfo semaphore_info{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore semaphore = VK_NULL_HANDLE;
    WV_VK_TRY(vkCreateSemaphore(device, &semaphore_info, nullptr, &semaphore));
    rendered_.push_back(semaphore);
  }
  return true;
}

Result<bool> SwapchainTarget::acquire(VkExtent2D window_extent) {
  WV_ASSERT(!acquired_);  // render() and present() the previous acquire first
  if (window_extent.width == 0 || window_extent.height == 0) return false;  // minimized
  const bool resized =
      window_extent.width != requested_extent_.width || window_extent.height != requested_extent_.height;
  if (swapchain_ == VK_NULL_HANDLE || stale_ || resized) {
    auto made = recreate(window_extent);
    if (!made || !*made) return made;
  }
  // The renderer waited for frame frame_ - 1 - frames_in_flight before submitting the last
  // frame, so the submission that waited on this semaphore last has finished.
  VkSemaphore semaphore = acquired_semaphores_[frame_ % acquired_semaphores_.size()];
  for (int attempt = 0; attempt < 2; ++attempt) {
    const VkResult r =
        vkAcquireNextImageKHR(ctx_.device(), swapchain_, UINT64_MAX, semaphore, VK_NULL_HANDLE, &image_index_);
    if (r == VK_SUCCESS || r == VK_SUBOPTIMAL_KHR) {
      stale_ = r == VK_SUBOPTIMAL_KHR;  // still usable: draw it, recreate next time
      acquired_ = true;
      return true;
    }
    if (r != VK_ERROR_OUT_OF_DATE_KHR) return vk_error("vkAcquireNextImageKHR", r, __FILE__, __LINE__);
    auto made = recreate(window_extent);
    if (!made || !*made) return made;
  }
  return false;
}

Status SwapchainTarget::present() {
  WV_ASSERT(acquired_);
  acquired_ = false;
  ++frame_;
  VkPresentInfoKHR info{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &rendered_[image_index_];
  info.swapchainCount = 1;
  info.pSwapchains = &swapchain_;
  info.pImageIndices = &image_index_;
  VkResult r;
  {
    std::lock_guard lock(ctx_.queue_mutex());
    r = vkQueuePresentKHR(ctx_.queue(), &info);
  }
  if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) {
    stale_ = true;
    return Status::success();
  }
  WV_VK_TRY(r);
  return Status::success();
}

ViewImage SwapchainTarget::view_image(uint32_t view) const {
  WV_ASSERT(view == 0 && acquired_);
  return ViewImage{images_[image_index_], image_views_[image_index_], format_, extent_, transfer_src_};
}

VkSemaphore SwapchainTarget::wait_semaphore() const {
  WV_ASSERT(acquired_);
  return acquired_semaphores_[frame_ % acquired_semaphores_.size()];
}

VkSemaphore SwapchainTarget::signal_semaphore() const {
  WV_ASSERT(acquired_);
  return rendered_[image_index_];
}

}  // namespace wv::renderer
