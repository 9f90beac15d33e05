// renderer/command_slot.h — (internal to renderer/) one command buffer with its own pool and
// the fence of its last submission: the unit that frames in flight and frame copies rotate
// through.
//
//   CommandSlot slot;
//   if (Status s = create_command_slot(ctx, slot, /*signaled=*/true); !s) return s;  // first wait passes
//   ... vkWaitForFences(slot.fence), vkResetCommandPool(slot.pool), record slot.cmd, submit ...
//   destroy_command_slot(ctx.device(), slot);   // after its fence signalled
#pragma once

#include <vulkan/vulkan.h>

#include "renderer/context.h"
#include "wv/result.h"

namespace wv::renderer {

struct CommandSlot {
  VkCommandPool pool = VK_NULL_HANDLE;  // transient, owns `cmd`
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkFence fence = VK_NULL_HANDLE;
};

Status create_command_slot(Context& ctx, CommandSlot& slot, bool signaled);
// Null handles are skipped, so a half-created slot can be destroyed.
void destroy_command_slot(VkDevice device, CommandSlot& slot);

}  // namespace wv::renderer
