#include "renderer/gpu_memory.h"

#include "renderer/context.h"
#include "renderer/vk_check.h"

namespace wv::renderer {

Status create_image(const Context& ctx, const ImageDesc& desc, GpuImage& out_image) {
  VkDevice device = ctx.device();
  VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = desc.format;
  info.extent = {desc.extent.width, desc.extent.height, 1};
  info.mipLevels = 1;
  info.arrayLayers = 1;
  info.samples = desc.samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = desc.usage;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  WV_VK_TRY(vkCreateImage(device, &info, nullptr, &out_image.image));

  VkMemoryRequirements needs{};
  vkGetImageMemoryRequirements(device, out_image.image, &needs);
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = needs.size;
  alloc.memoryTypeIndex = ctx.find_memory_type(needs.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  if (alloc.memoryTypeIndex == UINT32_MAX)
    alloc.memoryTypeIndex = ctx.find_memory_type(needs.memoryTypeBits, 0);
  WV_VK_TRY(vkAllocateMemory(device, &alloc, nullptr, &out_image.memory));
  WV_VK_TRY(vkBindImageMemory(device, out_image.image, out_image.memory, 0));

  VkImageViewCreateInfo view{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  view.image = out_image.image;
  view.viewType = VK_IMAGE_VIEW_TYPE_2D;
  view.format = desc.format;
  view.subresourceRange = {desc.aspect, 0, 1, 0, 1};
  WV_VK_TRY(vkCreateImageView(device, &view, nullptr, &out_image.view));
  return Status::success();
}

void destroy_image(VkDevice device, GpuImage& image) {
  if (image.view) vkDestroyImageView(device, image.view, nullptr);
  if (image.image) vkDestroyImage(device, image.image, nullptr);
  if (image.memory) vkFreeMemory(device, image.memory, nullptr);
  image = GpuImage{};
}

Status create_host_buffer(const Context& ctx, uint64_t size, VkBufferUsageFlags usage, bool cached,
                          GpuBuffer& out_buffer) {
  VkDevice device = ctx.device();
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  WV_VK_TRY(vkCreateBuffer(device, &info, nullptr, &out_buffer.buffer));
  out_buffer.size = size;

  VkMemoryRequirements needs{};
  vkGetBufferMemoryRequirements(device, out_buffer.buffer, &needs);
  const VkMemoryPropertyFlags coherent = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = needs.size;
  alloc.memoryTypeIndex = UINT32_MAX;
  if (cached)
    alloc.memoryTypeIndex = ctx.find_memory_type(needs.memoryTypeBits, coherent | VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
  if (alloc.memoryTypeIndex == UINT32_MAX) alloc.memoryTypeIndex = ctx.find_memory_type(needs.memoryTypeBits, coherent);
  if (alloc.memoryTypeIndex == UINT32_MAX) return Error{"Vulkan device has no host-coherent memory"};
  WV_VK_TRY(vkAllocateMemory(device, &alloc, nullptr, &out_buffer.memory));
  WV_VK_TRY(vkBindBufferMemory(device, out_buffer.buffer, out_buffer.memory, 0));
  void* mapped = nullptr;
  WV_VK_TRY(vkMapMemory(device, out_buffer.memory, 0, VK_WHOLE_SIZE, 0, &mapped));
  out_buffer.mapped = static_cast<uint8_t*>(mapped);
  return Status::success();
}

void destroy_buffer(VkDevice device, GpuBuffer& buffer) {
  if (buffer.buffer) vkDestroyBuffer(device, buffer.buffer, nullptr);
  if (buffer.memory) vkFreeMemory(device, buffer.memory, nullptr);  // unmaps implicitly
  buffer = GpuBuffer{};
}

}  // namespace wv::renderer
