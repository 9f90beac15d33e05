// The C API for Vulkan hosts (wv/worldview_vulkan.h): rendering panels into the host's images.
#include <cstring>

#include <glm/gtc/type_ptr.hpp>

#include "capi/call_result.h"
#include "capi/handles.h"
#include "capi/vulkan_host.h"
#include "capi/workspace_state.h"
#include "wv/worldview_vulkan.h"

using namespace wv::capi;

namespace {

constexpr uint32_t kMaxViews = 16;
constexpr uint32_t kMaxImageSide = 16384;

}  // namespace

extern "C" {

wv_vk_renderer_params wv_vk_renderer_default_params(void) {
  wv_vk_renderer_params p{};
  p.msaa_samples = 1;
  return p;
}

wv_result wv_vk_renderer_create(const wv_vk_device* device, const wv_vk_renderer_params* params,
                                wv_vk_renderer* out_renderer) {
  return guarded([&] {
    if (!device) return null_argument("wv_vk_renderer_create", "device");
    if (!params) return null_argument("wv_vk_renderer_create", "params");
    if (!out_renderer) return null_argument("wv_vk_renderer_create", "out_renderer");
    *out_renderer = nullptr;
    if (!device->instance || !device->physical_device || !device->device) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_vk_renderer_create: the instance, physical device and device are needed");
    }
    wv::renderer::AdoptedDevice handed;
    handed.instance = device->instance;
    handed.physical_device = device->physical_device;
    handed.device = device->device;
    handed.queue_family = device->queue_family_index;
    handed.queue_index = device->queue_index;
    handed.external_memory_host_enabled = device->external_memory_host_enabled != 0;
    auto host = VulkanHost::create(handed, params->msaa_samples);
    if (!host) return fail(WV_ERROR_BAD_INPUT, "wv_vk_renderer_create: " + host.error().message);
    *out_renderer = add_handle<wv_vk_renderer>(std::shared_ptr<VulkanHost>(std::move(*host)));
    return WV_OK;
  });
}

wv_result wv_vk_renderer_destroy(wv_vk_renderer handle) {
  return guarded([&] {
    auto host = find_handle<VulkanHost>(handle);
    if (!host) return invalid_handle("wv_vk_renderer_destroy", "renderer");
    if (host->has_consoles()) {
      return fail(WV_ERROR_WRONG_ORDER, "wv_vk_renderer_destroy: a console of it exists (wv_vk_console_destroy first)");
    }
    if (!remove_handle<VulkanHost>(handle)) return invalid_handle("wv_vk_renderer_destroy", "renderer");
    return WV_OK;
  });
}

void wv_vk_perspective(float vertical_fov_rad, float aspect, float near_m, float far_m, float out_matrix[16]) {
  if (!out_matrix) return;
  const glm::mat4 m = wv::renderer::perspective_vk(vertical_fov_rad, aspect, near_m, far_m);
  std::memcpy(out_matrix, glm::value_ptr(m), sizeof(float) * 16);
}

wv_result wv_vk_render(wv_vk_renderer handle, wv_workspace workspace_handle, double display_time_s,
                       const wv_vk_view* views, uint32_t view_count) {
  return guarded([&] {
    auto host = find_handle<VulkanHost>(handle);
    if (!host) return invalid_handle("wv_vk_render", "renderer");
    auto workspace = find_handle<WorkspaceState>(workspace_handle);
    if (!workspace) return invalid_handle("wv_vk_render", "workspace");
    if (!views) return null_argument("wv_vk_render", "views");
    if (view_count == 0 || view_count > kMaxViews) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_vk_render: view_count " + std::to_string(view_count) +
                                                 " is outside 1.." + std::to_string(kMaxViews));
    }
    std::vector<HostView> host_views;
    for (uint32_t i = 0; i < view_count; ++i) {
      const wv_vk_view& v = views[i];
      const std::string which = "wv_vk_render: views[" + std::to_string(i) + "]";
      if (!v.target.image) return fail(WV_ERROR_INVALID_ARGUMENT, which + ".target.image is VK_NULL_HANDLE");
      if (v.target.width == 0 || v.target.height == 0 || v.target.width > kMaxImageSide ||
          v.target.height > kMaxImageSide) {
        return fail(WV_ERROR_INVALID_ARGUMENT, which + ".target size " + std::to_string(v.target.width) + "x" +
                                                   std::to_string(v.target.height) + " is out of range");
      }
      if (v.target.format != VK_FORMAT_R8G8B8A8_SRGB && v.target.format != VK_FORMAT_B8G8R8A8_SRGB) {
        return fail(WV_ERROR_INVALID_ARGUMENT, which + ".target.format " + std::to_string(int(v.target.format)) +
                                                   ": expected VK_FORMAT_R8G8B8A8_SRGB or VK_FORMAT_B8G8R8A8_SRGB");
      }
      HostView hv;
      hv.view.T_view_world = glm::make_mat4(v.T_view_world);
      hv.view.projection = glm::make_mat4(v.projection);
      hv.image = v.target.image;
      hv.format = v.target.format;
      hv.extent = {v.target.width, v.target.height};
      host_views.push_back(hv);
    }
    return from_status(host->render(*workspace, display_time_s, host_views), WV_ERROR_BAD_INPUT);
  });
}

wv_result wv_vk_renderer_forget_images(wv_vk_renderer handle) {
  return guarded([&] {
    auto host = find_handle<VulkanHost>(handle);
    if (!host) return invalid_handle("wv_vk_renderer_forget_images", "renderer");
    return from_status(host->forget_images(), WV_ERROR_BAD_INPUT);
  });
}

}  // extern "C"
