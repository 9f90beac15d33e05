// Swapchains: Vulkan images created on the application's device, and the acquire -> wait ->
// release order the spec (10.1 "Swapchain Image Management") requires.
//
// XR_KHR_vulkan_enable requires an acquired color image to be in COLOR_ATTACHMENT_OPTIMAL, so
// new images are moved out of UNDEFINED once, on the session's queue, before anyone sees them;
// the application hands them back in the same layout.
#include <algorithm>

#include "runtime.h"

namespace wv::xr_sim {
namespace {

constexpr uint32_t kImageCount = 3;

// The order is the runtime's preference; sRGB first, as the spec recommends for color.
const std::vector<int64_t> kFormats{VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB,
                                    VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_B8G8R8A8_UNORM};

VkImageUsageFlags vulkan_usage(XrSwapchainUsageFlags usage) {
  VkImageUsageFlags flags = 0;
  if (usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) flags |= VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT) flags |= VK_IMAGE_USAGE_STORAGE_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT) flags |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT) flags |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_SAMPLED_BIT) flags |= VK_IMAGE_USAGE_SAMPLED_BIT;
  if (usage & XR_SWAPCHAIN_USAGE_INPUT_ATTACHMENT_BIT_KHR) flags |= VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT;
  return flags;
}

bool create_image(Swapchain& swapchain, VkFormat format) {
  const Session& session = *swapchain.session;
  const XrSwapchainCreateInfo& info = swapchain.info;
  VkImageCreateInfo image_info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
  if (info.usageFlags & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT) {
    image_info.flags |= VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
  }
  image_info.imageType = VK_IMAGE_TYPE_2D;
  image_info.format = format;
  image_info.extent = {info.width, info.height, 1};
  image_info.mipLevels = info.mipCount;
  image_info.arrayLayers = info.arraySize;
  image_info.samples = VK_SAMPLE_COUNT_1_BIT;
  image_info.tiling = VK_IMAGE_TILING_OPTIMAL;
  // A compositor reads what it shows: here by copying (capture.cpp).
  image_info.usage = vulkan_usage(info.usageFlags) | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  image_info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  image_info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImage image = VK_NULL_HANDLE;
  if (vkCreateImage(session.vk_device, &image_info, nullptr, &image) != VK_SUCCESS) return false;
  swapchain.images.push_back(image);

  VkMemoryRequirements requirements;
  vkGetImageMemoryRequirements(session.vk_device, image, &requirements);
  VkPhysicalDeviceMemoryProperties memory_properties;
  vkGetPhysicalDeviceMemoryProperties(session.vk_physical_device, &memory_properties);
  uint32_t type = UINT32_MAX;
  for (uint32_t i = 0; i < memory_properties.memoryTypeCount && type == UINT32_MAX; ++i) {
    if ((requirements.memoryTypeBits & (1u << i)) &&
        (memory_properties.memoryTypes[i].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT)) {
      type = i;
    }
  }
  if (type == UINT32_MAX) return false;
  VkMemoryAllocateInfo allocate_info{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  allocate_info.allocationSize = requirements.size;
  allocate_info.memoryTypeIndex = type;
  VkDeviceMemory memory = VK_NULL_HANDLE;
  if (vkAllocateMemory(session.vk_device, &allocate_info, nullptr, &memory) != VK_SUCCESS) {
    return false;
  }
  swapchain.memory.push_back(memory);
  return vkBindImageMemory(session.vk_device, image, memory, 0) == VK_SUCCESS;
}

// UNDEFINED -> COLOR_ATTACHMENT_OPTIMAL for every image, waited for before returning.
bool transition_to_color_attachment(const Swapchain& swapchain) {
  return run_commands(*swapchain.session, [&](VkCommandBuffer commands) {
    std::vector<VkImageMemoryBarrier> barriers;
    for (VkImage image : swapchain.images) {
      VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
      barrier.dstAccessMask =
          VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
      barrier.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
      barrier.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
      barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      barrier.image = image;
      barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, VK_REMAINING_MIP_LEVELS, 0,
                                  VK_REMAINING_ARRAY_LAYERS};
      barriers.push_back(barrier);
    }
    vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT,
                         VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0, nullptr, 0, nullptr,
                         uint32_t(barriers.size()), barriers.data());
  });
}

XRAPI_ATTR XrResult XRAPI_CALL enumerate_formats(XrSession handle, uint32_t capacity,
                                                 uint32_t* count, int64_t* formats) {
  std::lock_guard lock(runtime_mutex());
  if (lookup<Session>(handle) == nullptr) return XR_ERROR_HANDLE_INVALID;
  return fill_array(kFormats, capacity, count, formats);
}

XRAPI_ATTR XrResult XRAPI_CALL create_swapchain(XrSession handle, const XrSwapchainCreateInfo* info,
                                                XrSwapchain* out_swapchain) {
  std::lock_guard lock(runtime_mutex());
  Session* session = lookup<Session>(handle);
  if (session == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || out_swapchain == nullptr || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (XrResult r = session_state(*session); XR_FAILED(r)) return r;
  if (std::find(kFormats.begin(), kFormats.end(), info->format) == kFormats.end()) {
    return XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED;
  }
  if (info->width == 0 || info->height == 0 || info->width > kMaxSwapchainSize ||
      info->height > kMaxSwapchainSize || info->mipCount == 0 || info->arraySize == 0 ||
      info->sampleCount != 1 || info->faceCount != 1 ||
      (info->usageFlags & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT)) {
    return XR_ERROR_FEATURE_UNSUPPORTED;  // sizes, multisampling, cubes or depth it does not offer
  }
  auto* swapchain = new Swapchain;
  swapchain->session = session;
  swapchain->serial = session->instance->next_swapchain_serial++;
  swapchain->info = *info;
  swapchain->info.next = nullptr;
  const bool is_static = info->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;
  bool ok = true;
  for (uint32_t i = 0; i < (is_static ? 1 : kImageCount) && ok; ++i) {
    ok = create_image(*swapchain, VkFormat(info->format));
  }
  ok = ok && transition_to_color_attachment(*swapchain);
  session->swapchains.push_back(swapchain);
  live_objects<Swapchain>().insert(swapchain);
  if (!ok) {
    destroy_swapchain(swapchain);
    return XR_ERROR_RUNTIME_FAILURE;
  }
  *out_swapchain = to_handle<XrSwapchain>(swapchain);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL destroy_swapchain_entry(XrSwapchain handle) {
  std::lock_guard lock(runtime_mutex());
  Swapchain* swapchain = lookup<Swapchain>(handle);
  if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
  destroy_swapchain(swapchain);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL enumerate_images(XrSwapchain handle, uint32_t capacity,
                                                uint32_t* count,
                                                XrSwapchainImageBaseHeader* images) {
  std::lock_guard lock(runtime_mutex());
  Swapchain* swapchain = lookup<Swapchain>(handle);
  if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (count == nullptr) return XR_ERROR_VALIDATION_FAILURE;
  const uint32_t n = uint32_t(swapchain->images.size());
  *count = n;
  if (capacity == 0) return XR_SUCCESS;
  if (capacity < n) return XR_ERROR_SIZE_INSUFFICIENT;
  auto* vulkan_images = reinterpret_cast<XrSwapchainImageVulkan2KHR*>(images);
  for (uint32_t i = 0; i < n; ++i) {
    if (vulkan_images[i].type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR) {
      return XR_ERROR_VALIDATION_FAILURE;
    }
    vulkan_images[i].image = swapchain->images[i];
  }
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL acquire_image(XrSwapchain handle,
                                             const XrSwapchainImageAcquireInfo* info,
                                             uint32_t* index) {
  std::lock_guard lock(runtime_mutex());
  Swapchain* swapchain = lookup<Swapchain>(handle);
  if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
  if ((info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO) || index == nullptr) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (XrResult r = session_state(*swapchain->session); XR_FAILED(r)) return r;
  const size_t held = swapchain->acquired.size() + (swapchain->waited ? 1 : 0);
  const bool is_static = swapchain->info.createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;
  // All images out, or a static swapchain's one image already acquired once.
  if (held == swapchain->images.size() || (is_static && swapchain->next_index > 0)) {
    return XR_ERROR_CALL_ORDER_INVALID;
  }
  *index = swapchain->next_index % uint32_t(swapchain->images.size());
  ++swapchain->next_index;
  swapchain->acquired.push_back(*index);
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL wait_image(XrSwapchain handle, const XrSwapchainImageWaitInfo* info) {
  std::lock_guard lock(runtime_mutex());
  Swapchain* swapchain = lookup<Swapchain>(handle);
  if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info == nullptr || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (XrResult r = session_state(*swapchain->session); XR_FAILED(r)) return r;
  // Nothing acquired to wait for, or a waited image not yet released.
  if (swapchain->acquired.empty() || swapchain->waited) return XR_ERROR_CALL_ORDER_INVALID;
  // Nothing reads the images while the application holds them, so they are ready at once.
  swapchain->waited = swapchain->acquired.front();
  swapchain->acquired.pop_front();
  return XR_SUCCESS;
}

XRAPI_ATTR XrResult XRAPI_CALL release_image(XrSwapchain handle,
                                             const XrSwapchainImageReleaseInfo* info) {
  std::lock_guard lock(runtime_mutex());
  Swapchain* swapchain = lookup<Swapchain>(handle);
  if (swapchain == nullptr) return XR_ERROR_HANDLE_INVALID;
  if (info != nullptr && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) {
    return XR_ERROR_VALIDATION_FAILURE;
  }
  if (XrResult r = session_state(*swapchain->session); XR_FAILED(r)) return r;
  if (!swapchain->waited) return XR_ERROR_CALL_ORDER_INVALID;
  swapchain->released = swapchain->waited;
  swapchain->waited.reset();
  return XR_SUCCESS;
}

}  // namespace

void destroy_swapchain(Swapchain* swapchain) {
  VkDevice device = swapchain->session->vk_device;
  for (VkImage image : swapchain->images) vkDestroyImage(device, image, nullptr);
  for (VkDeviceMemory memory : swapchain->memory) vkFreeMemory(device, memory, nullptr);
  std::erase(swapchain->session->swapchains, swapchain);
  live_objects<Swapchain>().erase(swapchain);
  delete swapchain;
}

void add_swapchain_functions(FunctionTable& table) {
  add(table, "xrEnumerateSwapchainFormats", enumerate_formats);
  add(table, "xrCreateSwapchain", create_swapchain);
  add(table, "xrDestroySwapchain", destroy_swapchain_entry);
  add(table, "xrEnumerateSwapchainImages", enumerate_images);
  add(table, "xrAcquireSwapchainImage", acquire_image);
  add(table, "xrWaitSwapchainImage", wait_image);
  add(table, "xrReleaseSwapchainImage", release_image);
}

}  // namespace wv::xr_sim
