// renderer/frame_copier.h — copies frames, pixel for pixel, into images someone else owns (an
// OpenXR quad layer's swapchain images), for a compositor that samples them itself.
//
//   auto copier = wv::renderer::FrameCopier::create(ctx);
//   (*copier)->add(frame, image, VK_FORMAT_R8G8B8A8_SRGB);   // one per image that changes
//   (*copier)->submit();                                      // one submission for all of them
//   ... then release the images to their owner (queue order makes the copies visible) ...
//
// Each image must be frame-sized, 2D, one layer and level, RGBA8 or BGRA8 (sRGB or UNORM: the
// bytes are copied as they are, swizzled for BGRA), created with TRANSFER_DST and
// COLOR_ATTACHMENT usage; its old contents are discarded and it is left in
// COLOR_ATTACHMENT_OPTIMAL, as OpenXR requires of a released swapchain image.
// Threading: the render thread; submits under the Context's queue mutex. Destroy it before the
// Context (the destructor waits for its copies).
#pragma once

#include <array>
#include <memory>
#include <vector>

#include <vulkan/vulkan.h>

#include "renderer/command_slot.h"
#include "renderer/gpu_memory.h"
#include "wv/frame.h"
#include "wv/result.h"

namespace wv::renderer {

class Context;

class FrameCopier {
 public:
  static Result<std::unique_ptr<FrameCopier>> create(Context& ctx);
  ~FrameCopier();
  FrameCopier(const FrameCopier&) = delete;
  FrameCopier& operator=(const FrameCopier&) = delete;

  void add(FramePtr frame, VkImage image, VkFormat format);
  // Stages and copies everything added since the last submit, in one queue submission. Waits
  // only for the submission that used the same staging slot, kSlots submissions ago.
  Status submit();
  // submit() calls that blocked on the GPU (the slot's earlier copies were still running).
  uint64_t fence_waits() const { return fence_waits_; }

 private:
  static constexpr size_t kSlots = 3;
  struct Copy {
    FramePtr frame;
    VkImage image = VK_NULL_HANDLE;
    VkFormat format = VK_FORMAT_UNDEFINED;
  };
  struct Slot : CommandSlot {
    GpuBuffer staging;  // grown to the largest batch
  };
  explicit FrameCopier(Context& ctx) : ctx_(ctx) {}
  Status stage(Slot& slot);

  Context& ctx_;
  std::array<Slot, kSlots> slots_{};
  size_t next_slot_ = 0;
  std::vector<Copy> pending_;
  uint64_t fence_waits_ = 0;
};

}  // namespace wv::renderer
