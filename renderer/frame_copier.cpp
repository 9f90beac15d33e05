#include "renderer/frame_copier.h"

#include <cstring>

#include "renderer/barriers.h"
#include "renderer/context.h"
#include "renderer/vk_check.h"

namespace wv::renderer {

Result<std::unique_ptr<FrameCopier>> FrameCopier::create(Context& ctx) {
  std::unique_ptr<FrameCopier> copier(new FrameCopier(ctx));
  for (Slot& slot : copier->slots_) {
    // Signaled: the first wait on a slot passes.
    if (Status s = create_command_slot(ctx, slot, /*signaled=*/true); !s) return s.error();
  }
  return copier;
}

FrameCopier::~FrameCopier() {
  VkDevice device = ctx_.device();
  for (auto slot = slots_.rbegin(); slot != slots_.rend(); ++slot) {
    if (slot->fence != VK_NULL_HANDLE) vkWaitForFences(device, 1, &slot->fence, VK_TRUE, UINT64_MAX);
    destroy_buffer(device, slot->staging);
    destroy_command_slot(device, *slot);
  }
}

void FrameCopier::add(FramePtr frame, VkImage image, VkFormat format) {
  WV_ASSERT(frame && frame->format == PixelFormat::Rgba8Srgb);
  pending_.push_back({std::move(frame), image, format});
}

// Copies the pending frames' rows into the slot's staging buffer, tightly packed, swizzled to
// the image's byte order.
Status FrameCopier::stage(Slot& slot) {
  uint64_t bytes = 0;
  for (const Copy& c : pending_) bytes += uint64_t(c.frame->width) * uint64_t(c.frame->height) * 4;
  if (bytes > slot.staging.size) {
    destroy_buffer(ctx_.device(), slot.staging);  // its last use finished: the slot's fence
    if (Status s = create_host_buffer(ctx_, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, false, slot.staging); !s)
      return s;
  }
  uint8_t* out = slot.staging.mapped;
  for (const Copy& c : pending_) {
    const bool bgra = c.format == VK_FORMAT_B8G8R8A8_SRGB || c.format == VK_FORMAT_B8G8R8A8_UNORM;
    const size_t row_bytes = size_t(c.frame->width) * 4;
    for (int32_t y = 0; y < c.frame->height; ++y, out += row_bytes) {
      const uint8_t* in = c.frame->row(y);
      if (!bgra) {
        std::memcpy(out, in, row_bytes);
        continue;
      }
      for (size_t x = 0; x < row_bytes; x += 4) {
        out[x + 0] = in[x + 2];
        out[x + 1] = in[x + 1];
        out[x + 2] = in[x + 0];
        out[x + 3] = in[x + 3];
      }
    }
  }
  return Status::success();
}

Status FrameCopier::submit() {
  if (pending_.empty()) return Status::success();
  Slot& slot = slots_[next_slot_];
  VkDevice device = ctx_.device();
  if (vkGetFenceStatus(device, slot.fence) == VK_NOT_READY) ++fence_waits_;
  WV_VK_TRY(vkWaitForFences(device, 1, &slot.fence, VK_TRUE, UINT64_MAX));
  if (Status s = stage(slot); !s) return s;
  WV_VK_TRY(vkResetCommandPool(device, slot.pool, 0));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  WV_VK_TRY(vkBeginCommandBuffer(slot.cmd, &begin));
  std::vector<VkImageMemoryBarrier2> barriers;
  barriers.reserve(pending_.size());
  // Old contents are discarded (UNDEFINED); the compositor's earlier reads of the image ended
  // before it was handed back to us by xrWaitSwapchainImage.
  for (const Copy& c : pending_)
    barriers.push_back(image_barrier(c.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE,
                                     VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT));
  cmd_barriers(slot.cmd, barriers.data(), uint32_t(barriers.size()));
  VkDeviceSize offset = 0;
  for (const Copy& c : pending_) {
    VkBufferImageCopy region{};
    region.bufferOffset = offset;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {uint32_t(c.frame->width), uint32_t(c.frame->height), 1};
    vkCmdCopyBufferToImage(slot.cmd, slot.staging.buffer, c.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    offset += VkDeviceSize(c.frame->width) * VkDeviceSize(c.frame->height) * 4;
  }
  barriers.clear();
  for (const Copy& c : pending_)
    barriers.push_back(image_barrier(c.image, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                     VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT,
                                     VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                                     VK_ACCESS_2_MEMORY_READ_BIT));
  cmd_barriers(slot.cmd, barriers.data(), uint32_t(barriers.size()));
  WV_VK_TRY(vkEndCommandBuffer(slot.cmd));

  VkCommandBufferSubmitInfo cmd_info{VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO};
  cmd_info.commandBuffer = slot.cmd;
  VkSubmitInfo2 submit{VK_STRUCTURE_TYPE_SUBMIT_INFO_2};
  submit.commandBufferInfoCount = 1;
  submit.pCommandBufferInfos = &cmd_info;
  WV_VK_TRY(vkResetFences(device, 1, &slot.fence));
  {
    std::lock_guard lock(ctx_.queue_mutex());
    WV_VK_TRY(vkQueueSubmit2(ctx_.queue(), 1, &submit, slot.fence));
  }
  pending_.clear();  // the staging buffer holds the pixels now: the frames may go
  next_slot_ = (next_slot_ + 1) % kSlots;
  return Status::success();
}

}  // namespace wv::renderer
