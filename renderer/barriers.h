// renderer/barriers.h — the image layout transitions every pass records (synchronization2).
//
//   VkImageMemoryBarrier2 b = wv::renderer::image_barrier(img, VK_IMAGE_ASPECT_COLOR_BIT,
//       VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
//       VK_PIPELINE_STAGE_2_NONE, 0, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
//   wv::renderer::cmd_barriers(cmd, &b, 1);
#pragma once

#include <vulkan/vulkan.h>

namespace wv::renderer {

// A barrier over the first mip level and layer of `image`, with no queue family transfer.
inline VkImageMemoryBarrier2 image_barrier(VkImage image, VkImageAspectFlags aspect, VkImageLayout from,
                                           VkImageLayout to, VkPipelineStageFlags2 src_stage,
                                           VkAccessFlags2 src_access, VkPipelineStageFlags2 dst_stage,
                                           VkAccessFlags2 dst_access) {
  VkImageMemoryBarrier2 b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
  b.srcStageMask = src_stage;
  b.srcAccessMask = src_access;
  b.dstStageMask = dst_stage;
  b.dstAccessMask = dst_access;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {aspect, 0, 1, 0, 1};
  return b;
}

inline void cmd_barriers(VkCommandBuffer cmd, const VkImageMemoryBarrier2* barriers, uint32_t count) {
  VkDependencyInfo dep{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
  dep.imageMemoryBarrierCount = count;
  dep.pImageMemoryBarriers = barriers;
  vkCmdPipelineBarrier2(cmd, &dep);
}

}  // namespace wv::renderer
