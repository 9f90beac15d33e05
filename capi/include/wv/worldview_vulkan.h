/* wv/worldview_vulkan.h — rendering for hosts that use Vulkan (libworldview): the host hands
 * over its instance, device and queue; the library draws a workspace's panels, each showing its
 * source's frame due at the host's display time, into the host's images for the host's views.
 * Separate from wv/worldview.h so that hosts without Vulkan need no vulkan.h.
 *
 *   wv_vk_device device = {instance, physical_device, vk_device, queue_family, 0};
 *   wv_vk_renderer_params rp = wv_vk_renderer_default_params();
 *   wv_vk_renderer renderer;
 *   if (wv_vk_renderer_create(&device, &rp, &renderer) != WV_OK) { ... wv_last_error() ... }
 *   // each frame, on the host's render thread:
 *   wv_vk_view view = {.target = {image, VK_FORMAT_B8G8R8A8_SRGB, width, height}};
 *   memcpy(view.T_view_world, my_view_matrix, sizeof view.T_view_world);   // column-major
 *   memcpy(view.projection, my_projection, sizeof view.projection);         // Vulkan clip space
 *   wv_vk_render(renderer, workspace, display_time_s, &view, 1);
 *   // then: a barrier from COLOR_ATTACHMENT_OPTIMAL (src stage COLOR_ATTACHMENT_OUTPUT, access
 *   // COLOR_ATTACHMENT_WRITE) to what the host does next (present, sample, copy)
 *   wv_vk_renderer_destroy(renderer);   // before the host destroys its device
 *
 * The device: Vulkan 1.3 with the dynamicRendering and synchronization2 features enabled, the
 * queue family with graphics and transfer. Optional: VK_EXT_external_memory_host enabled on the
 * device (then say so in wv_vk_device): frames are uploaded from their own memory, no copy.
 *
 * Target images: 2D, one layer and level, an 8-bit RGBA or BGRA sRGB format, created with
 * COLOR_ATTACHMENT usage. Their contents are replaced (any previous layout is fine); they are
 * left in VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL. wv_vk_render submits to the handed queue and
 * returns without waiting for the GPU, so the host's later submissions to the same queue see the
 * finished image after the barrier above. Pass the same image again in later frames freely; the
 * library keeps an image view per image until wv_vk_renderer_forget_images or destroy.
 *
 * Ownership: the library never destroys what it was handed (instance, device, queue, images).
 * It owns its textures, pipelines and staging memory, freed by wv_vk_renderer_destroy (which
 * waits for its own work on the GPU). Threading: one host render thread calls these functions;
 * while wv_vk_render runs, nothing else may submit to the queue.
 */
#ifndef WV_WORLDVIEW_VULKAN_H
#define WV_WORLDVIEW_VULKAN_H

#include <vulkan/vulkan.h>

#include "wv/worldview.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wv_vk_renderer_t* wv_vk_renderer;

/* What the host hands over; the library uses it and never destroys it. */
typedef struct wv_vk_device {
  VkInstance instance;
  VkPhysicalDevice physical_device;
  VkDevice device;
  uint32_t queue_family_index;
  uint32_t queue_index;
  int32_t external_memory_host_enabled; /* the device was created with VK_EXT_external_memory_host */
} wv_vk_device;

typedef struct wv_vk_renderer_params {
  uint32_t msaa_samples; /* 1 (default) or 4: smoother panel edges for more fill rate */
} wv_vk_renderer_params;

WV_API wv_vk_renderer_params wv_vk_renderer_default_params(void);
/* Errors: NULL handles, a device without the features above, pipelines that cannot be made. */
WV_API wv_result wv_vk_renderer_create(const wv_vk_device* device, const wv_vk_renderer_params* params,
                                       wv_vk_renderer* out_renderer);
WV_API wv_result wv_vk_renderer_destroy(wv_vk_renderer renderer);

typedef struct wv_vk_image {
  VkImage image;
  VkFormat format;
  uint32_t width, height;
} wv_vk_image;

typedef struct wv_vk_view {
  float T_view_world[16]; /* world → view (the inverse of the eye's pose), column-major */
  float projection[16];   /* view → Vulkan clip space (y down, depth 0..1), column-major */
  wv_vk_image target;     /* where this view is drawn */
} wv_vk_view;

/* A perspective projection for wv_vk_view.projection: vertical field of view in radians. */
WV_API void wv_vk_perspective(float vertical_fov_rad, float aspect, float near_m, float far_m, float out_matrix[16]);

/* Draws the room (sky, floor, grid) and every panel of `workspace` into every view: each panel
 * shows its source's frame due at display_time_s (wv_source_acquire_frame's rule), a dark
 * placeholder before its first frame and when its source failed or was closed. */
WV_API wv_result wv_vk_render(wv_vk_renderer renderer, wv_workspace workspace, double display_time_s,
                              const wv_vk_view* views, uint32_t view_count);

/* Drops the library's image views of the host's images (before the host destroys them, e.g. on
 * swapchain recreation). Waits for the library's work on the GPU. */
WV_API wv_result wv_vk_renderer_forget_images(wv_vk_renderer renderer);

#ifdef __cplusplus
}
#endif

#endif /* WV_WORLDVIEW_VULKAN_H */
