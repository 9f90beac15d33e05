// renderer/target.h — where a frame is drawn: one color image per view behind one interface.
//
//   auto target = wv::renderer::OffscreenTarget::create(ctx, {.width = 1024, .height = 1024});
//   renderer.render(**target, views, panels, env);   // views.size() == target->view_count()
//
// Implementations: OffscreenTarget (owns its images; headless, tests) and ExternalImagesTarget
// (images someone else owns, e.g. OpenXR swapchain images: one set per view, the image to use
// chosen per frame, left in COLOR_ATTACHMENT_OPTIMAL as OpenXR requires) and SwapchainTarget (a
// window's swapchain: acquire before render, present after, ordered by the semaphores below).
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
  bool transfer_src = false;  // the images were made with TRANSFER_SRC usage: they can be captured
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

struct SwapchainParams {
  // The Renderer's RendererParams::frames_in_flight (or more): how many acquire semaphores the
  // target rotates through (one more than that), so one is never reused while a submission
  // still waits on it.
  uint32_t frames_in_flight = 2;
  // FIFO (the default, offered everywhere) waits for the display: no tearing, and the render
  // thread sleeps instead of spinning, leaving the CPU to inference. MAILBOX, where the surface
  // offers it, never waits (newest frame wins): lower latency, more work; benchmarks use it.
  bool prefer_mailbox = false;
  // Ask for TRANSFER_SRC usage (where the surface allows it) so presented images can be
  // captured (Renderer::read_capture), e.g. for a snapshot of the window.
  bool capturable = true;
};

// A window's swapchain on Context::surface(). Per frame:
//
//   if (*target->acquire(window_extent)) {             // false: nothing to draw now
//     renderer.render(*target, {&view, 1}, panels, env);
//     target->present();
//   }
//
// acquire() takes the window's framebuffer size in pixels. A zero size (minimized) draws
// nothing and keeps the swapchain. A new size, VK_ERROR_OUT_OF_DATE_KHR or VK_SUBOPTIMAL_KHR
// (from acquire or present) recreate the swapchain at the next acquire(), after waiting for the
// queue, so the old images and semaphores are idle when they are destroyed. Formats: an sRGB
// BGRA8 or RGBA8 one where the surface offers it (else its first, with a warning: colors are
// then off). After a successful acquire() the caller must render() into the target and
// present() before the next acquire(): the acquire semaphore is only consumed by that frame.
class SwapchainTarget final : public RenderTarget {
 public:
  static Result<std::unique_ptr<SwapchainTarget>> create(Context& ctx, const SwapchainParams& params = {});
  ~SwapchainTarget() override;  // waits for the queue
  SwapchainTarget(const SwapchainTarget&) = delete;
  SwapchainTarget& operator=(const SwapchainTarget&) = delete;

  // Acquires the next image to draw into. False (and nothing acquired) when the window has no
  // area or the surface could not give an image even after recreating the swapchain.
  Result<bool> acquire(VkExtent2D window_extent);
  // Queues the acquired image for display once the frame rendered into it has finished.
  Status present();

  VkFormat format() const { return format_; }
  VkExtent2D extent() const { return extent_; }
  VkPresentModeKHR present_mode() const { return present_mode_; }
  uint64_t recreations() const { return recreations_; }  // swapchains made after the first

  uint32_t view_count() const override { return 1; }
  ViewImage view_image(uint32_t view) const override;
  VkImageLayout final_layout() const override { return VK_IMAGE_LAYOUT_PRESENT_SRC_KHR; }
  VkSemaphore wait_semaphore() const override;
  VkSemaphore signal_semaphore() const override;

 private:
  SwapchainTarget(Context& ctx, const SwapchainParams& params) : ctx_(ctx), params_(params) {}
  Status choose_formats();
  // Waits for the queue, then replaces the swapchain; false when the surface has no area now.
  Result<bool> recreate(VkExtent2D window_extent);
  void destroy_images();

  Context& ctx_;
  SwapchainParams params_;
  VkSurfaceFormatKHR surface_format_{};
  VkFormat format_ = VK_FORMAT_UNDEFINED;
  VkPresentModeKHR present_mode_ = VK_PRESENT_MODE_FIFO_KHR;
  VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
  VkExtent2D extent_{0, 0};            // of the swapchain's images
  VkExtent2D requested_extent_{0, 0};  // the window size it was made for
  bool transfer_src_ = false;
  std::vector<VkImage> images_;                 // owned by the swapchain
  std::vector<VkImageView> image_views_;        // one per image
  std::vector<VkSemaphore> rendered_;           // one per image: the frame into it finished
  std::vector<VkSemaphore> acquired_semaphores_;  // frames_in_flight + 1, rotated per frame
  uint64_t frame_ = 0;                          // frames presented
  uint32_t image_index_ = 0;
  bool acquired_ = false;  // an image is acquired and not yet presented
  bool stale_ = false;     // out of date or suboptimal: recreate at the next acquire
  uint64_t recreations_ = 0;
};

}  // namespace wv::renderer
