#include "sim_fixture.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wv::test {
namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL on_vulkan_message(VkDebugUtilsMessageSeverityFlagBitsEXT,
                                                 VkDebugUtilsMessageTypeFlagsEXT,
                                                 const VkDebugUtilsMessengerCallbackDataEXT* data,
                                                 void* user) {
  static_cast<std::vector<std::string>*>(user)->push_back(data->pMessage);
  return VK_FALSE;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

std::string XrSimTest::output_path(const std::string& suffix) const {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string(WV_TEST_OUTPUT_DIR) + "/xr_sim_" + info->test_suite_name() + "_" +
         info->name() + suffix;
}

void XrSimTest::SetUp() {
  // Read by the loader and the layer when the instance is created, so set before that.
  setenv("XR_RUNTIME_JSON", WV_XR_SIM_MANIFEST, 1);
  setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
  validation_path_ = output_path(".xr-validation.txt");
  frames_path_ = output_path(".frames.jsonl");
  std::filesystem::remove(validation_path_);
  std::filesystem::remove(frames_path_);
  setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
  setenv("XR_CORE_VALIDATION_FILE_NAME", validation_path_.c_str(), 1);
  setenv("WV_XR_SIM_FRAMES", frames_path_.c_str(), 1);
}

void XrSimTest::TearDown() {
  if (command_pool_ != VK_NULL_HANDLE) vkDestroyCommandPool(device_, command_pool_, nullptr);
  for (XrSwapchain swapchain : swapchains_) EXPECT_EQ(xrDestroySwapchain(swapchain), XR_SUCCESS);
  for (XrSpace space : spaces_) EXPECT_EQ(xrDestroySpace(space), XR_SUCCESS);
  if (session_ != XR_NULL_HANDLE) {
    EXPECT_EQ(xrDestroySession(session_), XR_SUCCESS);
  }
  if (device_ != VK_NULL_HANDLE) vkDestroyDevice(device_, nullptr);
  if (messenger_ != VK_NULL_HANDLE) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(vk_instance_, "vkDestroyDebugUtilsMessengerEXT"));
    destroy(vk_instance_, messenger_, nullptr);
  }
  if (vk_instance_ != VK_NULL_HANDLE) vkDestroyInstance(vk_instance_, nullptr);
  if (instance_ != XR_NULL_HANDLE) {
    EXPECT_EQ(xrDestroyInstance(instance_), XR_SUCCESS);
  }
  for (const std::string& message : vulkan_messages_) ADD_FAILURE() << "Vulkan validation: " << message;
  EXPECT_EQ(xr_validation_log(), "") << "OpenXR core validation wrote to " << validation_path_;
}

std::string XrSimTest::xr_validation_log() const { return read_file(validation_path_); }

void XrSimTest::start(const std::string& script) {
  const std::string script_path = output_path(".script.txt");
  std::ofstream(script_path) << script;
  setenv("WV_XR_SIM_SCRIPT", script_path.c_str(), 1);

  const char* extension = XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME;
  XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
  std::snprintf(info.applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE, "xr_sim_test");
  info.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
  info.enabledExtensionCount = 1;
  info.enabledExtensionNames = &extension;
  ASSERT_EQ(xrCreateInstance(&info, &instance_), XR_SUCCESS);
}

XrSystemId XrSimTest::system() {
  XrSystemGetInfo info{XR_TYPE_SYSTEM_GET_INFO};
  info.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
  XrSystemId id = XR_NULL_SYSTEM_ID;
  EXPECT_EQ(xrGetSystem(instance_, &info, &id), XR_SUCCESS);
  return id;
}

void XrSimTest::create_vulkan_session() {
  const XrSystemId system_id = system();
  XrGraphicsRequirementsVulkan2KHR requirements{XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR};
  ASSERT_EQ(xr_function<PFN_xrGetVulkanGraphicsRequirements2KHR>(
                "xrGetVulkanGraphicsRequirements2KHR")(instance_, system_id, &requirements),
            XR_SUCCESS);
  ASSERT_LE(requirements.minApiVersionSupported, XR_MAKE_VERSION(1, 3, 0));

  // The instance: validation layer with a messenger chained in, so creation itself is checked.
  const char* layer = "VK_LAYER_KHRONOS_validation";
  const char* extension = VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
  VkDebugUtilsMessengerCreateInfoEXT messenger_info{VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  messenger_info.messageSeverity =
      VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messenger_info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                               VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT;
  messenger_info.pfnUserCallback = on_vulkan_message;
  messenger_info.pUserData = &vulkan_messages_;
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.apiVersion = VK_API_VERSION_1_3;
  VkInstanceCreateInfo instance_info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  instance_info.pNext = &messenger_info;
  instance_info.pApplicationInfo = &app;
  instance_info.enabledLayerCount = 1;
  instance_info.ppEnabledLayerNames = &layer;
  instance_info.enabledExtensionCount = 1;
  instance_info.ppEnabledExtensionNames = &extension;
  XrVulkanInstanceCreateInfoKHR xr_instance_info{XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR};
  xr_instance_info.systemId = system_id;
  xr_instance_info.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
  xr_instance_info.vulkanCreateInfo = &instance_info;
  VkResult vk_result = VK_ERROR_UNKNOWN;
  ASSERT_EQ(xr_function<PFN_xrCreateVulkanInstanceKHR>("xrCreateVulkanInstanceKHR")(
                instance_, &xr_instance_info, &vk_instance_, &vk_result),
            XR_SUCCESS);
  ASSERT_EQ(vk_result, VK_SUCCESS);
  auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
      vkGetInstanceProcAddr(vk_instance_, "vkCreateDebugUtilsMessengerEXT"));
  ASSERT_EQ(create_messenger(vk_instance_, &messenger_info, nullptr, &messenger_), VK_SUCCESS);

  XrVulkanGraphicsDeviceGetInfoKHR device_get_info{XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR};
  device_get_info.systemId = system_id;
  device_get_info.vulkanInstance = vk_instance_;
  ASSERT_EQ(xr_function<PFN_xrGetVulkanGraphicsDevice2KHR>("xrGetVulkanGraphicsDevice2KHR")(
                instance_, &device_get_info, &physical_device_),
            XR_SUCCESS);
  VkPhysicalDeviceProperties properties;
  vkGetPhysicalDeviceProperties(physical_device_, &properties);
  EXPECT_NE(std::string(properties.deviceName).find("llvmpipe"), std::string::npos);

  uint32_t family_count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(physical_device_, &family_count, nullptr);
  std::vector<VkQueueFamilyProperties> families(family_count);
  vkGetPhysicalDeviceQueueFamilyProperties(physical_device_, &family_count, families.data());
  while (queue_family_ < family_count &&
         !(families[queue_family_].queueFlags & VK_QUEUE_GRAPHICS_BIT)) {
    ++queue_family_;
  }
  ASSERT_LT(queue_family_, family_count);
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue_info.queueFamilyIndex = queue_family_;
  queue_info.queueCount = 1;
  queue_info.pQueuePriorities = &priority;
  VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  device_info.queueCreateInfoCount = 1;
  device_info.pQueueCreateInfos = &queue_info;
  XrVulkanDeviceCreateInfoKHR xr_device_info{XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR};
  xr_device_info.systemId = system_id;
  xr_device_info.pfnGetInstanceProcAddr = vkGetInstanceProcAddr;
  xr_device_info.vulkanPhysicalDevice = physical_device_;
  xr_device_info.vulkanCreateInfo = &device_info;
  ASSERT_EQ(xr_function<PFN_xrCreateVulkanDeviceKHR>("xrCreateVulkanDeviceKHR")(
                instance_, &xr_device_info, &device_, &vk_result),
            XR_SUCCESS);
  ASSERT_EQ(vk_result, VK_SUCCESS);
  vkGetDeviceQueue(device_, queue_family_, 0, &queue_);
  VkCommandPoolCreateInfo pool_info{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool_info.queueFamilyIndex = queue_family_;
  ASSERT_EQ(vkCreateCommandPool(device_, &pool_info, nullptr, &command_pool_), VK_SUCCESS);

  XrGraphicsBindingVulkan2KHR binding{XR_TYPE_GRAPHICS_BINDING_VULKAN2_KHR};
  binding.instance = vk_instance_;
  binding.physicalDevice = physical_device_;
  binding.device = device_;
  binding.queueFamilyIndex = queue_family_;
  binding.queueIndex = 0;
  XrSessionCreateInfo session_info{XR_TYPE_SESSION_CREATE_INFO};
  session_info.next = &binding;
  session_info.systemId = system_id;
  ASSERT_EQ(xrCreateSession(instance_, &session_info, &session_), XR_SUCCESS);
}

std::vector<XrSessionState> XrSimTest::poll_states() {
  std::vector<XrSessionState> states;
  XrEventDataBuffer event{XR_TYPE_EVENT_DATA_BUFFER};
  while (xrPollEvent(instance_, &event) == XR_SUCCESS) {
    if (event.type == XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED) {
      const auto& changed = reinterpret_cast<const XrEventDataSessionStateChanged&>(event);
      EXPECT_EQ(changed.session, session_);
      states.push_back(changed.state);
    }
    event = {XR_TYPE_EVENT_DATA_BUFFER};
  }
  return states;
}

XrFrameState XrSimTest::empty_frame() {
  XrFrameState state{XR_TYPE_FRAME_STATE};
  EXPECT_EQ(xrWaitFrame(session_, nullptr, &state), XR_SUCCESS);
  EXPECT_EQ(xrBeginFrame(session_, nullptr), XR_SUCCESS);
  XrFrameEndInfo end{XR_TYPE_FRAME_END_INFO};
  end.displayTime = state.predictedDisplayTime;
  end.environmentBlendMode = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  EXPECT_EQ(xrEndFrame(session_, &end), XR_SUCCESS);
  return state;
}

void XrSimTest::begin_and_run_until(XrSessionState wanted) {
  XrSessionBeginInfo begin{XR_TYPE_SESSION_BEGIN_INFO};
  begin.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
  ASSERT_EQ(xrBeginSession(session_, &begin), XR_SUCCESS);
  for (int frame = 0; frame < 10; ++frame) {
    empty_frame();
    const std::vector<XrSessionState> states = poll_states();
    if (!states.empty() && states.back() == wanted) return;
  }
  FAIL() << "state " << wanted << " not reached in 10 frames";
}

void XrSimTest::clear_image(VkImage image, const float color[4]) {
  VkCommandBufferAllocateInfo allocate{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  allocate.commandPool = command_pool_;
  allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocate.commandBufferCount = 1;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  ASSERT_EQ(vkAllocateCommandBuffers(device_, &allocate, &commands), VK_SUCCESS);
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkBeginCommandBuffer(commands, &begin);
  // The runtime hands images over in COLOR_ATTACHMENT_OPTIMAL and wants them back so: if it did
  // not, the validation layer reports the layout mismatch at submit.
  VkImageMemoryBarrier barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
  barrier.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  barrier.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  barrier.srcQueueFamilyIndex = barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = image;
  barrier.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0, nullptr, 1, &barrier);
  VkClearColorValue clear;
  for (int i = 0; i < 4; ++i) clear.float32[i] = color[i];
  vkCmdClearColorImage(commands, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &clear, 1,
                       &barrier.subresourceRange);
  barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  barrier.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  barrier.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
  barrier.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0, nullptr, 0, nullptr, 1,
                       &barrier);
  ASSERT_EQ(vkEndCommandBuffer(commands), VK_SUCCESS);
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &commands;
  ASSERT_EQ(vkQueueSubmit(queue_, 1, &submit, VK_NULL_HANDLE), VK_SUCCESS);
  ASSERT_EQ(vkQueueWaitIdle(queue_), VK_SUCCESS);
  vkFreeCommandBuffers(device_, command_pool_, 1, &commands);
}

}  // namespace wv::test
