// renderer/target.h — where a frame is drawn: one color image per view behind one interface.
//
//   auto target = wv::renderer::OffscreenTarget::create(ctx, {.width = 1024, .height = 1024});
//   renderer.render(**target, views, panels, env);   // views.size() == target->view_count()
//
// Implementations: OffscreenTarget (owns its images; headless, tests) and ExternalImagesTarget
// (images someone else owns, e.g. OpenXR swapchain images: one set per view, the image to use
// chosen per frame, left in COLOR_ATTACHMENT_OPTIMAL as OpenXR requires). A window swapchain
// target (acquire before render, present after: the semaphores below) fits the same interface.
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

// The images of one view, e.g. one OpenXR swapchain's: all of one format and extent, 2D, one
// layer and level, created with COLOR_ATTACHMENT usage.
struct ExternalViewImages {
  std::vector<VkImage> images;
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkExtent2D extent{0, 0};
};

// Renders into images it does not own (it makes and owns only their image views). Before each
// render(), select(view, index) names the image of each view to draw into (the swapchain index
// just acquired). Destroy it (after the renderer's frames into it finished: wait_idle) before
// the images go away, e.g. before a lost OpenXR session's swapchains are destroyed.
class ExternalImagesTarget final : public RenderTarget {
 public:
  static Result<std::unique_ptr<ExternalImagesTarget>> create(Context& ctx, std::vector<ExternalViewImages> views);
  ~ExternalImagesTarget() override;
  ExternalImagesTarget(const ExternalImagesTarget&) = delete;
  ExternalImagesTarget& operator=(const ExternalImagesTarget&) = delete;

  void select(uint32_t view, uint32_t index);

  uint32_t view_count() const override { return uint32_t(views_.size()); }
  ViewImage view_image(uint32_t view) const override;
  VkImageLayout final_layout() const override { return VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL; }

 private:
  explicit ExternalImagesTarget(Context& ctx) : ctx_(ctx) {}

  struct View {
    ExternalViewImages images;
    std::vector<VkImageView> image_views;  // one per image
    uint32_t selected = 0;
  };
  Context& ctx_;
  std::vector<View> views_;
};

}  // namespace wv::renderer
