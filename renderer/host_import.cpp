#include "renderer/host_import.h"

#include <string>
#include <utility>

#include "renderer/context.h"
#include "renderer/vk_check.h"
#include "wv/log.h"

namespace wv::renderer {
namespace {

constexpr VkExternalMemoryHandleTypeFlagBits kHostAllocation = VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT;

// Imports `size` bytes at `pixels` into `out_buffer` (partially filled on failure).
Status import_memory(const Context& ctx, const uint8_t* pixels, uint64_t size, GpuBuffer& out_buffer) {
  VkDevice device = ctx.device();
  VkExternalMemoryBufferCreateInfo external{VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO};
  external.handleTypes = kHostAllocation;
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO, &external};
  info.size = size;
  info.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  WV_VK_TRY(vkCreateBuffer(device, &info, nullptr, &out_buffer.buffer));
  out_buffer.size = size;

  VkMemoryRequirements needs{};
  vkGetBufferMemoryRequirements(device, out_buffer.buffer, &needs);
  // Coherent memory: the frame's pixels were written before the submission, which makes host
  // writes to coherent memory visible to the device without a flush.
  const uint32_t types = needs.memoryTypeBits & ctx.host_pointer_memory_types(pixels);
  const VkMemoryPropertyFlags coherent = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  VkImportMemoryHostPointerInfoEXT host{VK_STRUCTURE_TYPE_IMPORT_MEMORY_HOST_POINTER_INFO_EXT};
  host.handleType = kHostAllocation;
  // Vulkan takes a non-const pointer; the device only reads it (TRANSFER_SRC).
  host.pHostPointer = const_cast<uint8_t*>(pixels);
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, &host};
  alloc.allocationSize = size;
  alloc.memoryTypeIndex = ctx.find_memory_type(types, coherent);
  if (alloc.memoryTypeIndex == UINT32_MAX || needs.size > size)
    return Error{"no host-coherent memory type can import this frame"};
  WV_VK_TRY(vkAllocateMemory(device, &alloc, nullptr, &out_buffer.memory));
  WV_VK_TRY(vkBindBufferMemory(device, out_buffer.buffer, out_buffer.memory, 0));
  return Status::success();
}

}  // namespace

FrameImporter::FrameImporter(const Context& ctx, DeletionQueue& deletions, bool enabled)
    : ctx_(ctx), deletions_(deletions), enabled_(enabled && ctx.host_import_enabled()) {}

bool FrameImporter::importable(const Frame& frame) const {
  const uint64_t alignment = ctx_.host_import_alignment();
  // Whole pages of the frame are valid memory (wv/frame.h), so the imported range, rounded to
  // the device's granularity, stays inside the allocation when that granularity divides a page.
  // The stride needs no check: bufferRowLength is stride / 4 texels, and strides are whole texels.
  return kPixelAlignment % alignment == 0 && reinterpret_cast<uintptr_t>(frame.pixels.data()) % alignment == 0;
}

VkBuffer FrameImporter::import(const FramePtr& frame, uint64_t frame_id, RendererStats& stats) {
  if (!enabled_ || !importable(*frame)) return VK_NULL_HANDLE;
  if (DeletionQueue::Entry* live = deletions_.find_frame(frame.get())) {
    live->last_frame = frame_id;
    return live->buffer.buffer;
  }
  DeletionQueue::Entry entry;
  entry.last_frame = frame_id;
  entry.frame = frame;
  if (Status s = import_memory(ctx_, frame->pixels.data(), pixel_allocation_size(frame->byte_size()), entry.buffer);
      !s) {
    destroy_buffer(ctx_.device(), entry.buffer);
    // Not fatal: the staging ring still works. Some platforms refuse some imports.
    if (!failure_logged_) log_info("renderer: importing frame memory failed (" + s.error().message +
                                   "); copying those frames through staging memory");
    failure_logged_ = true;
    return VK_NULL_HANDLE;
  }
  const VkBuffer buffer = entry.buffer.buffer;
  deletions_.retire(std::move(entry));
  stats.frame_imports++;
  return buffer;
}

}  // namespace wv::renderer
