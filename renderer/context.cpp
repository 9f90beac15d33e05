#include "renderer/context.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "renderer/vk_check.h"
#include "wv/log.h"

namespace wv::renderer {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";

bool has_layer(const char* name) {
  uint32_t count = 0;
  if (vkEnumerateInstanceLayerProperties(&count, nullptr) != VK_SUCCESS) return false;
  std::vector<VkLayerProperties> layers(count);
  if (vkEnumerateInstanceLayerProperties(&count, layers.data()) != VK_SUCCESS) return false;
  for (const auto& layer : layers)
    if (std::strcmp(layer.layerName, name) == 0) return true;
  return false;
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int type_rank(VkPhysicalDeviceType type) {
  switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return 1;
    default: return 0;
  }
}

bool has_device_extension(VkPhysicalDevice device, const char* name) {
  uint32_t count = 0;
  if (vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr) != VK_SUCCESS) return false;
  std::vector<VkExtensionProperties> extensions(count);
  if (vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data()) != VK_SUCCESS) return false;
  for (const auto& extension : extensions)
    if (std::strcmp(extension.extensionName, name) == 0) return true;
  return false;
}

// The first queue family with graphics (which implies transfer); UINT32_MAX when none.
uint32_t graphics_family(VkPhysicalDevice device) {
  uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  for (uint32_t i = 0; i < count; ++i)
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) return i;
  return UINT32_MAX;
}

bool has_instance_extension(const std::string& name) {
  uint32_t count = 0;
  if (vkEnumerateInstanceExtensionProperties(nullptr, &count, nullptr) != VK_SUCCESS) return false;
  std::vector<VkExtensionProperties> extensions(count);
  if (vkEnumerateInstanceExtensionProperties(nullptr, &count, extensions.data()) != VK_SUCCESS) return false;
  for (const auto& extension : extensions)
    if (name == extension.extensionName) return true;
  return false;
}

// Why the device cannot be used, or empty when it can. With a surface it must also present to it.
std::string unsuitable_reason(VkPhysicalDevice device, VkSurfaceKHR surface = VK_NULL_HANDLE) {
  VkPhysicalDeviceProperties props{};
  vkGetPhysicalDeviceProperties(device, &props);
  if (props.apiVersion < VK_API_VERSION_1_3) return "supports Vulkan " + api_version_string(props.apiVersion) + ", needs 1.3";
  VkPhysicalDeviceVulkan13Features v13{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &v13};
  vkGetPhysicalDeviceFeatures2(device, &features);
  if (!v13.dynamicRendering || !v13.synchronization2) return "lacks dynamicRendering or synchronization2";
  const uint32_t family = graphics_family(device);
  if (family == UINT32_MAX) return "has no graphics queue";
  if (surface != VK_NULL_HANDLE) {
    if (!has_device_extension(device, VK_KHR_SWAPCHAIN_EXTENSION_NAME)) return "lacks VK_KHR_swapchain";
    VkBool32 presents = VK_FALSE;
    if (vkGetPhysicalDeviceSurfaceSupportKHR(device, family, surface, &presents) != VK_SUCCESS || !presents)
      return "cannot present to the window from its graphics queue";
  }
  return {};
}

}  // namespace

RequiredDeviceFeatures::RequiredDeviceFeatures() {
  vulkan13.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES;
  vulkan13.dynamicRendering = VK_TRUE;
  vulkan13.synchronization2 = VK_TRUE;
  features.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
  features.pNext = &vulkan13;
}

VKAPI_ATTR VkBool32 VKAPI_CALL Context::on_debug_message(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  auto* self = static_cast<Context*>(user);
  self->validation_messages_.fetch_add(1);
  const std::string message = std::string("vulkan: ") + (data && data->pMessage ? data->pMessage : "");
  if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT)
    log_error(message);
  else
    log_warn(message);
  return VK_FALSE;
}

Result<std::unique_ptr<Context>> Context::create(const ContextParams& params) {
  std::unique_ptr<Context> ctx(new Context());
  ctx->owns_instance_ = true;
  ctx->owns_device_ = true;

  std::vector<const char*> layers;
  std::vector<const char*> extensions;
  if (params.enable_validation) {
    if (!has_layer(kValidationLayer))
      return Error{"Vulkan validation requested but VK_LAYER_KHRONOS_validation is not installed: "
                   "install vulkan-validationlayers"};
    layers.push_back(kValidationLayer);
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  for (const std::string& name : params.instance_extensions) {
    if (!has_instance_extension(name))
      return Error{"the Vulkan driver lacks the instance extension " + name +
                   " (needed to show a window); update the Vulkan loader and driver"};
    extensions.push_back(name.c_str());
  }
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = params.application_name.c_str();
  app.pEngineName = "worldview";
  app.apiVersion = VK_API_VERSION_1_3;
  // Synchronization validation catches missing barriers, the commonest silent Vulkan bug.
  const VkValidationFeatureEnableEXT enables[] = {VK_VALIDATION_FEATURE_ENABLE_SYNCHRONIZATION_VALIDATION_EXT};
  VkValidationFeaturesEXT validation_features{VK_STRUCTURE_TYPE_VALIDATION_FEATURES_EXT};
  validation_features.enabledValidationFeatureCount = 1;
  validation_features.pEnabledValidationFeatures = enables;
  VkInstanceCreateInfo create{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  create.pNext = params.enable_validation ? &validation_features : nullptr;
  create.pApplicationInfo = &app;
  create.enabledLayerCount = uint32_t(layers.size());
  create.ppEnabledLayerNames = layers.data();
  create.enabledExtensionCount = uint32_t(extensions.size());
  create.ppEnabledExtensionNames = extensions.data();
  const VkResult created = vkCreateInstance(&create, nullptr, &ctx->instance_);
  if (created == VK_ERROR_INCOMPATIBLE_DRIVER)
    return Error{"no Vulkan driver found: install your GPU's Vulkan driver, or mesa-vulkan-drivers "
                 "for the CPU driver lavapipe"};
  WV_VK_TRY(created);
  // Right after the instance, so device creation and destruction are validated too.
  if (params.enable_validation)
    if (Status s = ctx->create_messenger(); !s) return s.error();
  if (params.create_surface) {
    auto surface = params.create_surface(ctx->instance_);
    if (!surface) return surface.error();
    ctx->surface_ = *surface;
  }

  uint32_t count = 0;
  WV_VK_TRY(vkEnumeratePhysicalDevices(ctx->instance_, &count, nullptr));
  std::vector<VkPhysicalDevice> devices(count);
  WV_VK_TRY(vkEnumeratePhysicalDevices(ctx->instance_, &count, devices.data()));
  if (devices.empty())
    return Error{"no Vulkan device: install your GPU's Vulkan driver, or mesa-vulkan-drivers for "
                 "the CPU driver lavapipe"};

  // Preferred name first, then by type (discrete GPU ... CPU); unsuitable devices never.
  const std::string wanted = lower(params.preferred_device);
  VkPhysicalDevice best = VK_NULL_HANDLE;
  int best_score = -1;
  bool preferred_found = false;
  std::string rejected;
  for (VkPhysicalDevice device : devices) {
    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(device, &props);
    const std::string why = unsuitable_reason(device, ctx->surface_);
    if (!why.empty()) {
      rejected += std::string(" ") + props.deviceName + " " + why + ";";
      continue;
    }
    const bool preferred = !wanted.empty() && lower(props.deviceName).find(wanted) != std::string::npos;
    preferred_found = preferred_found || preferred;
    const int score = type_rank(props.deviceType) + (preferred ? 100 : 0);
    if (score > best_score) {
      best_score = score;
      best = device;
    }
  }
  if (best == VK_NULL_HANDLE)
    return Error{"no usable Vulkan device:" + rejected + " update the driver (Mesa >= 22 for lavapipe)"};
  if (params.require_preferred_device && !preferred_found)
    return Error{"no usable Vulkan device named like \"" + params.preferred_device +
                 "\" (for \"llvmpipe\": install mesa-vulkan-drivers)"};

  ctx->physical_device_ = best;
  ctx->queue_family_ = graphics_family(best);
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = ctx->queue_family_;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  RequiredDeviceFeatures features;
  // Optional: uploads straight from frame memory instead of a copy on the render thread.
  const bool external_memory_host = has_device_extension(best, VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME);
  std::vector<const char*> device_extensions;
  if (external_memory_host) device_extensions.push_back(VK_EXT_EXTERNAL_MEMORY_HOST_EXTENSION_NAME);
  if (ctx->surface_ != VK_NULL_HANDLE) device_extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  device_info.pNext = &features.features;
  device_info.queueCreateInfoCount = 1;
  device_info.pQueueCreateInfos = &queue;
  device_info.enabledExtensionCount = uint32_t(device_extensions.size());
  device_info.ppEnabledExtensionNames = device_extensions.data();
  WV_VK_TRY(vkCreateDevice(best, &device_info, nullptr, &ctx->device_));
  vkGetDeviceQueue(ctx->device_, ctx->queue_family_, 0, &ctx->queue_);

  ctx->init_common(external_memory_host);
  log_info("renderer: using " + ctx->info_.name + " (" + ctx->info_.type + ", Vulkan " +
           api_version_string(ctx->info_.api_version) + ")");
  return ctx;
}

Result<std::unique_ptr<Context>> Context::adopt(const AdoptedDevice& handed, const ContextParams& params) {
  WV_ASSERT(handed.instance != VK_NULL_HANDLE && handed.physical_device != VK_NULL_HANDLE &&
            handed.device != VK_NULL_HANDLE);
  if (const std::string why = unsuitable_reason(handed.physical_device); !why.empty())
    return Error{"the Vulkan device handed over " + why};
  std::unique_ptr<Context> ctx(new Context());
  ctx->instance_ = handed.instance;
  ctx->physical_device_ = handed.physical_device;
  ctx->device_ = handed.device;
  ctx->queue_family_ = handed.queue_family;
  vkGetDeviceQueue(handed.device, handed.queue_family, handed.queue_index, &ctx->queue_);
  if (params.enable_validation && handed.instance_has_debug_utils)
    if (Status s = ctx->create_messenger(); !s) return s.error();
  ctx->init_common(handed.external_memory_host_enabled);
  return ctx;
}

void Context::init_common(bool external_memory_host_enabled) {
  vkGetPhysicalDeviceProperties(physical_device_, &properties_);
  vkGetPhysicalDeviceMemoryProperties(physical_device_, &memory_properties_);
  info_ = describe_physical_device(physical_device_);
  if (external_memory_host_enabled) {
    VkPhysicalDeviceExternalMemoryHostPropertiesEXT host{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_MEMORY_HOST_PROPERTIES_EXT};
    VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &host};
    vkGetPhysicalDeviceProperties2(physical_device_, &props);
    get_host_pointer_properties_ = reinterpret_cast<PFN_vkGetMemoryHostPointerPropertiesEXT>(
        vkGetDeviceProcAddr(device_, "vkGetMemoryHostPointerPropertiesEXT"));
    // The renderer imports frames as transfer-source buffers: the device must say it can.
    VkPhysicalDeviceExternalBufferInfo buffer{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO};
    buffer.usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
    buffer.handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT;
    VkExternalBufferProperties external{VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES};
    vkGetPhysicalDeviceExternalBufferProperties(physical_device_, &buffer, &external);
    const bool importable =
        external.externalMemoryProperties.externalMemoryFeatures & VK_EXTERNAL_MEMORY_FEATURE_IMPORTABLE_BIT;
    if (get_host_pointer_properties_ && importable) host_import_alignment_ = host.minImportedHostPointerAlignment;
  }
}

uint32_t Context::host_pointer_memory_types(const void* pointer) const {
  WV_ASSERT(host_import_enabled());
  VkMemoryHostPointerPropertiesEXT props{VK_STRUCTURE_TYPE_MEMORY_HOST_POINTER_PROPERTIES_EXT};
  if (get_host_pointer_properties_(device_, VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT, pointer,
                                   &props) != VK_SUCCESS)
    return 0;
  // lavapipe in Mesa 22.x returns VK_SUCCESS without writing memoryTypeBits; it imports any
  // pointer as its one (host-visible, coherent) memory type, which later Mesa reports.
  if (props.memoryTypeBits == 0 && info_.driver_name == "llvmpipe")
    return memory_properties_.memoryTypeCount >= 32 ? ~0u : (1u << memory_properties_.memoryTypeCount) - 1;
  return props.memoryTypeBits;
}

Status Context::create_messenger() {
  auto create_fn = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(instance_, "vkCreateDebugUtilsMessengerEXT"));
  if (!create_fn) return Error{"VK_EXT_debug_utils is not available on this instance"};
  VkDebugUtilsMessengerCreateInfoEXT info{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  info.messageSeverity =
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                     VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  info.pfnUserCallback = &Context::on_debug_message;
  info.pUserData = this;
  WV_VK_TRY(create_fn(instance_, &info, nullptr, &messenger_));
  return Status::success();
}

Context::~Context() {
  if (owns_device_ && device_ != VK_NULL_HANDLE) vkDestroyDevice(device_, nullptr);
  if (surface_ != VK_NULL_HANDLE) vkDestroySurfaceKHR(instance_, surface_, nullptr);
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy_messenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
    destroy_messenger(instance_, messenger_, nullptr);
  }
  if (owns_instance_ && instance_ != VK_NULL_HANDLE) vkDestroyInstance(instance_, nullptr);
}

uint32_t Context::find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags flags) const {
  for (uint32_t i = 0; i < memory_properties_.memoryTypeCount; ++i)
    if ((type_bits & (1u << i)) && (memory_properties_.memoryTypes[i].propertyFlags & flags) == flags) return i;
  return UINT32_MAX;
}

}  // namespace wv::renderer
