// renderer/target.h — where a frame is drawn: one color image per view behind one interface.
//
//   auto target = wv::renderer::OffscreenTarget::create(ctx, {.width = 1024, .height = 1024});
//   renderer.render(**target, views, panels, env);   // views.size() == target->view_count()
//
// Implementations: OffscreenTarget (owns its images; headless, tests) now. A window swapchain
// target (acquire before render, present after: the semaphores below) and an external-image
// target (XR swapchain images handed over as VkImage + format + extent, left in
// COLOR_ATTACHMENT_OPTIMAL as OpenXR requires) fit the same interface.
//
// The renderer treats the image contents as undefined at the start of every frame (it clears),
// renders view i into view_image(i), and leaves it in final_layout().
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include <vulkan/vulkan.h>

#include "renderer/gpu_memory.h"
#include "wv/result.h"

namespace wv::renderer {

class Context;

struct ViewImage {
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;  // 2D color view of one layer/level
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{0, 0};
  bool transfer_src = false;  // created with TRANSFER_SRC usage: can be captured
};

class RenderTarget {
 public:
  virtual ~RenderTarget() = default;
  virtual uint32_t view_count() const = 0;
  // The image for `view` in the frame being recorded (a swapchain acquires before render()).
  virtual ViewImage view_image(uint32_t view) const = 0;
  // Layout each image is left in after the frame.
  virtual VkImageLayout final_layout() const = 0;
  // Binary semaphores the frame's submission waits on / signals; VK_NULL_HANDLE for none.
  virtual VkSemaphore wait_semaphore() const { return VK_NULL_HANDLE; }
  virtual VkSemaphore signal_semaphore() const { return VK_NULL_HANDLE; }
};

struct OffscreenParams {
  uint32_t width = 1024;
  uint32_t height = 1024;
  uint32_t view_count = 1;  // 2 for stereo: one image per eye
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;  // must be an sRGB RGBA8 format to be captured
};

// Images owned by the target, left in TRANSFER_SRC_OPTIMAL for capture.
class OffscreenTarget final : public RenderTarget {
 public:
  static Result<std::unique_ptr<OffscreenTarget>> create(Context& ctx, const OffscreenParams& params);
  ~OffscreenTarget() override;
  OffscreenTarget(const OffscreenTarget&) = delete;
  OffscreenTarget& operator=(const OffscreenTarget&) = delete;

  uint32_t view_count() const override { return uint32_t(views_.size()); }
  ViewImage view_image(uint32_t view) const override;
  VkImageLayout final_layout() const override { return VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL; }

 private:
  explicit OffscreenTarget(Context& ctx) : ctx_(ctx) {}

  Context& ctx_;
  OffscreenParams params_;
  std::vector<GpuImage> views_;  // destroyed last to first
};

}  // namespace wv::renderer
