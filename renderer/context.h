// renderer/context.h — the Vulkan instance, device and graphics queue the renderer draws with:
// either created here, or adopted from an owner that chose them (an OpenXR runtime via
// XR_KHR_vulkan_enable2, a host app embedding worldview).
//
//   wv::renderer::ContextParams params;
//   params.enable_validation = true;            // VK_LAYER_KHRONOS_validation + messenger
//   params.preferred_device = "llvmpipe";       // substring of the device name, any case
//   auto ctx = wv::renderer::Context::create(params);
//   if (!ctx) { wv::log_error(ctx.error().message); return 1; }
//   ... render with *ctx ...
//   if ((*ctx)->validation_message_count() > 0) { ... }
//
//   // Presenting to a window (desktop mode): the windowing system's instance extensions, and
//   // a callback that makes the window's surface once the instance exists.
//   params.instance_extensions = {"VK_KHR_surface", "VK_KHR_xcb_surface"};
//   params.create_surface = [&](VkInstance i) -> wv::Result<VkSurfaceKHR> { ... glfwCreateWindowSurface ... };
//   ... (*ctx)->surface() is then the window's surface, owned by the Context ...
//
//   // Adopting: the caller keeps ownership; Context never destroys these handles.
//   wv::renderer::AdoptedDevice handed{instance, physical_device, device, family, 0};
//   handed.external_memory_host_enabled = true;  // only if the device was created with it
//   auto adopted = wv::renderer::Context::adopt(handed);
//
// Device requirements (created or adopted): Vulkan 1.3 with the dynamicRendering and
// synchronization2 features enabled, and a queue family with graphics and transfer.
// required_device_features() fills the chain a device creator must enable. Optional:
// VK_EXT_external_memory_host, which lets the renderer upload frames straight from their own
// memory (enabled here when offered; an adopted device's creator says whether it enabled it).
//
// With a surface (ContextParams::create_surface) the device must also have VK_KHR_swapchain
// (enabled here) and its graphics queue family must be able to present to the surface.
//
// Threading: a Context is used from one render thread. The queue is shared with whoever else
// submits to it (an OpenXR runtime in xrEndFrame): lock queue_mutex() around any use of queue()
// outside the renderer. Destroy every Renderer and RenderTarget before their Context.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "renderer/devices.h"
#include "wv/result.h"

namespace wv::renderer {

struct ContextParams {
  // VK_LAYER_KHRONOS_validation (with synchronization validation) and a debug-utils messenger
  // that logs each message through wv::log_warn / wv::log_error and counts them.
  bool enable_validation = false;
  // Substring of the device name (case-insensitive) to prefer, e.g. "llvmpipe" or "RTX".
  // Without it: a discrete GPU, then an integrated or virtual GPU, then a CPU device.
  std::string preferred_device;
  // Fail instead of falling back when no device matches preferred_device (tests pin lavapipe).
  bool require_preferred_device = false;
  std::string application_name = "worldview";
  // Instance extensions to enable besides the Context's own, e.g. what a windowing system needs
  // for its surfaces (glfwGetRequiredInstanceExtensions). Missing ones fail create() by name.
  std::vector<std::string> instance_extensions;
  // Set to present to a window: called once with the new instance to make the window's surface
  // (the caller keeps the window system out of renderer/). The Context then owns the surface and
  // destroys it before the instance; the window must outlive the Context.
  std::function<Result<VkSurfaceKHR>(VkInstance)> create_surface;
};

// Handles created by someone else. Context uses them and never destroys them.
struct AdoptedDevice {
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physical_device = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queue_family = 0;
  uint32_t queue_index = 0;
  // Set when the instance was created with VK_EXT_debug_utils enabled: with
  // ContextParams::enable_validation the Context then adds (and later removes) its own messenger.
  bool instance_has_debug_utils = false;
  // Set when the device was created with VK_EXT_external_memory_host enabled: the renderer then
  // imports frame memory instead of copying it into staging memory. Never assumed.
  bool external_memory_host_enabled = false;
};

// The feature chain a device must be created with (Vulkan 1.3: dynamicRendering,
// synchronization2). Pass `features.pNext`-linked into VkDeviceCreateInfo::pNext.
struct RequiredDeviceFeatures {
  VkPhysicalDeviceVulkan13Features vulkan13{};
  VkPhysicalDeviceFeatures2 features{};
  RequiredDeviceFeatures();
  RequiredDeviceFeatures(const RequiredDeviceFeatures&) = delete;  // pNext points into itself
  RequiredDeviceFeatures& operator=(const RequiredDeviceFeatures&) = delete;
};

class Context {
 public:
  static Result<std::unique_ptr<Context>> create(const ContextParams& params = {});
  static Result<std::unique_ptr<Context>> adopt(const AdoptedDevice& handed,
                                                const ContextParams& params = {});
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  VkInstance instance() const { return instance_; }
  VkPhysicalDevice physical_device() const { return physical_device_; }
  VkDevice device() const { return device_; }
  VkQueue queue() const { return queue_; }
  uint32_t queue_family() const { return queue_family_; }
  std::mutex& queue_mutex() { return queue_mutex_; }
  const DeviceInfo& device_info() const { return info_; }
  const VkPhysicalDeviceProperties& properties() const { return properties_; }
  bool owns_device() const { return owns_device_; }
  // The window's surface (ContextParams::create_surface); VK_NULL_HANDLE without one.
  VkSurfaceKHR surface() const { return surface_; }

  // Validation warnings + errors seen since creation (0 when validation is off).
  uint32_t validation_message_count() const { return validation_messages_.load(); }

  // Index of a memory type allowed by type_bits with all of `flags`; UINT32_MAX when none.
  uint32_t find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags flags) const;

  // VK_EXT_external_memory_host is enabled on the device: host memory can be imported.
  bool host_import_enabled() const { return host_import_alignment_ != 0; }
  // minImportedHostPointerAlignment (pointer and size granularity); 0 when not enabled.
  uint64_t host_import_alignment() const { return host_import_alignment_; }
  // Memory types host memory at `pointer` can be imported as; 0 when it cannot be imported.
  uint32_t host_pointer_memory_types(const void* pointer) const;

 private:
  Context() = default;
  void init_common(bool external_memory_host_enabled);
  Status create_messenger();
  static VKAPI_ATTR VkBool32 VKAPI_CALL on_debug_message(
      VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT types,
      const VkDebugUtilsMessengerCallbackDataEXT* data, void* user);

  bool owns_instance_ = false;
  bool owns_device_ = false;
  VkInstance instance_ = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
  VkSurfaceKHR surface_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_device_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t queue_family_ = 0;
  std::mutex queue_mutex_;
  DeviceInfo info_;
  VkPhysicalDeviceProperties properties_{};
  VkPhysicalDeviceMemoryProperties memory_properties_{};
  std::atomic<uint32_t> validation_messages_{0};
  uint64_t host_import_alignment_ = 0;
  PFN_vkGetMemoryHostPointerPropertiesEXT get_host_pointer_properties_ = nullptr;
};

}  // namespace wv::renderer
