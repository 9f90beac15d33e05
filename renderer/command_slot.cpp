#include "renderer/command_slot.h"

#include "renderer/vk_check.h"

namespace wv::renderer {

Status create_command_slot(Context& ctx, CommandSlot& slot, bool signaled) {
  VkCommandPoolCreateInfo pool{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pool.queueFamilyIndex = ctx.queue_family();
  WV_VK_TRY(vkCreateCommandPool(ctx.device(), &pool, nullptr, &slot.pool));
  VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = slot.pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  WV_VK_TRY(vkAllocateCommandBuffers(ctx.device(), &alloc, &slot.cmd));
  VkFenceCreateInfo fence{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  if (signaled) fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;
  WV_VK_TRY(vkCreateFence(ctx.device(), &fence, nullptr, &slot.fence));
  return {};
}

void destroy_command_slot(VkDevice device, CommandSlot& slot) {
  if (slot.fence) vkDestroyFence(device, slot.fence, nullptr);
  if (slot.pool) vkDestroyCommandPool(device, slot.pool, nullptr);  // frees its command buffer
  slot = {};
}

}  // namespace wv::renderer
