// renderer/gpu_memory.h (internal) — images and buffers with their own memory. The renderer
// allocates few, long-lived objects (targets, one image per panel texture, staging and
// readback buffers), so one allocation each is simple and well under any allocation limit.
//
//   GpuImage image;
//   if (Status s = create_image(ctx, desc, image); !s) { destroy_image(dev, image); return s; }
#pragma once

#include <cstdint>

#include <vulkan/vulkan.h>

#include "wv/result.h"

namespace wv::renderer {

class Context;

struct GpuImage {
  VkImage image = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;
};

struct ImageDesc {
  VkExtent2D extent{0, 0};
  VkFormat format = VK_FORMAT_UNDEFINED;
  VkImageUsageFlags usage = 0;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
};

// Device-local 2D image with one level and layer, and a view of it. On failure `out_image`
// holds whatever was created; destroy_image() frees it.
Status create_image(const Context& ctx, const ImageDesc& desc, GpuImage& out_image);
void destroy_image(VkDevice device, GpuImage& image);  // resets to null handles

struct GpuBuffer {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  uint8_t* mapped = nullptr;  // persistently mapped, host-coherent
  uint64_t size = 0;
};

// Host-visible, host-coherent (cached when the device offers it, for fast readback) buffer,
// mapped for its whole life.
Status create_host_buffer(const Context& ctx, uint64_t size, VkBufferUsageFlags usage,
                          bool cached, GpuBuffer& out_buffer);
void destroy_buffer(VkDevice device, GpuBuffer& buffer);  // resets to null handles

}  // namespace wv::renderer
