// Capture: reads a released swapchain image back to the host, so the simulated compositor
// (compose.cpp) can show tests what a headset would have shown. Runs on the application's queue
// after the work it submitted before releasing the image (queue order plus a full barrier), and
// waits.
#include <utility>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

uint32_t host_memory_type(VkPhysicalDevice device, uint32_t type_bits) {
  VkPhysicalDeviceMemoryProperties props;
  vkGetPhysicalDeviceMemoryProperties(device, &props);
  const VkMemoryPropertyFlags wanted = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  for (uint32_t i = 0; i < props.memoryTypeCount; ++i)
    if ((type_bits & (1u << i)) && (props.memoryTypes[i].propertyFlags & wanted) == wanted) return i;
  return UINT32_MAX;
}

VkImageMemoryBarrier layout_barrier(VkImage image, VkImageLayout from, VkImageLayout to, VkAccessFlags src,
                                    VkAccessFlags dst) {
  VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
  b.srcAccessMask = src;
  b.dstAccessMask = dst;
  b.oldLayout = from;
  b.newLayout = to;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = image;
  b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  return b;
}

}  // namespace

bool read_image(const Swapchain& swapchain, uint32_t image_index, std::vector<uint8_t>& out_rgba) {
  const Session& session = *swapchain.session;
  VkDevice device = session.vk_device;
  const uint32_t width = swapchain.info.width;
  const uint32_t height = swapchain.info.height;
  const VkDeviceSize bytes = VkDeviceSize(width) * height * 4;
  const VkImage image = swapchain.images[image_index];

  VkBufferCreateInfo buffer_info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  buffer_info.size = bytes;
  buffer_info.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  bool ok = vkCreateBuffer(device, &buffer_info, nullptr, &buffer) == VK_SUCCESS;
  if (ok) {
    VkMemoryRequirements requirements;
    vkGetBufferMemoryRequirements(device, buffer, &requirements);
    VkMemoryAllocateInfo allocate{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    allocate.allocationSize = requirements.size;
    allocate.memoryTypeIndex = host_memory_type(session.vk_physical_device, requirements.memoryTypeBits);
    ok = allocate.memoryTypeIndex != UINT32_MAX &&
         vkAllocateMemory(device, &allocate, nullptr, &memory) == VK_SUCCESS &&
         vkBindBufferMemory(device, buffer, memory, 0) == VK_SUCCESS;
  }
  ok = ok && run_commands(session, [&](VkCommandBuffer commands) {
    const VkImageMemoryBarrier to_copy =
        layout_barrier(image, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                       VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT);
    vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr,
                         0, nullptr, 1, &to_copy);
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {width, height, 1};
    vkCmdCopyImageToBuffer(commands, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
    const VkImageMemoryBarrier back =
        layout_barrier(image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, 0,
                       VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT);
    VkBufferMemoryBarrier to_host{VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER};
    to_host.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    to_host.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    to_host.srcQueueFamilyIndex = to_host.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    to_host.buffer = buffer;
    to_host.size = VK_WHOLE_SIZE;
    vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr, 1,
                         &to_host, 1, &back);
  });
  void* mapped = nullptr;
  if (ok) ok = vkMapMemory(device, memory, 0, bytes, 0, &mapped) == VK_SUCCESS;
  if (ok) {
    const bool bgra = swapchain.info.format == VK_FORMAT_B8G8R8A8_SRGB || swapchain.info.format == VK_FORMAT_B8G8R8A8_UNORM;
    const auto* pixels = static_cast<const uint8_t*>(mapped);
    out_rgba.assign(pixels, pixels + bytes);
    if (bgra)
      for (size_t i = 0; i < out_rgba.size(); i += 4) std::swap(out_rgba[i], out_rgba[i + 2]);
    vkUnmapMemory(device, memory);
  }
  if (buffer != VK_NULL_HANDLE) vkDestroyBuffer(device, buffer, nullptr);
  if (memory != VK_NULL_HANDLE) vkFreeMemory(device, memory, nullptr);
  return ok;
}

}  // namespace wv::xr_sim
