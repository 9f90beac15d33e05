/* examples/vulkan_host/glfw_host.c — a minimal Vulkan host of libworldview: it owns its window
 * (GLFW), instance, device and swapchain, and lets the library render two generated worlds as
 * panels straight into its swapchain images (wv/worldview_vulkan.h), with worldview's in-world
 * console below them. One of them is steered halfway through. The mouse is a pointer ray from
 * the eye through the cursor (left button: select or press; Shift + left button: grab and move);
 * typed text and editing keys go to the console's text fields.
 *
 *   glfw_host [--frames N] [--validate]     (N: frames to show, default 0 = until closed)
 *
 * --validate turns on VK_LAYER_KHRONOS_validation; any message makes the exit code 4.
 * Per frame: acquire a swapchain image (waiting on a fence), wv_vk_render into it, then the
 * host's own command buffer moves it to PRESENT_SRC and present. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include "wv/worldview_vulkan.h"

#define MAX_IMAGES 8

static int g_validation_messages = 0;

/* Text typed since the last frame (UTF-8), for the console. */
static char g_typed[256];
static size_t g_typed_length = 0;

static void on_char(GLFWwindow* window, unsigned int codepoint) {
  (void)window;
  char utf8[4];
  size_t n = 0;
  if (codepoint < 0x80) utf8[n++] = (char)codepoint;
  else if (codepoint < 0x800) utf8[n++] = (char)(0xC0 | (codepoint >> 6)), utf8[n++] = (char)(0x80 | (codepoint & 0x3F));
  else if (codepoint < 0x10000)
    utf8[n++] = (char)(0xE0 | (codepoint >> 12)), utf8[n++] = (char)(0x80 | ((codepoint >> 6) & 0x3F)),
    utf8[n++] = (char)(0x80 | (codepoint & 0x3F));
  else
    utf8[n++] = (char)(0xF0 | (codepoint >> 18)), utf8[n++] = (char)(0x80 | ((codepoint >> 12) & 0x3F)),
    utf8[n++] = (char)(0x80 | ((codepoint >> 6) & 0x3F)), utf8[n++] = (char)(0x80 | (codepoint & 0x3F));
  if (g_typed_length + n >= sizeof g_typed) return;
  memcpy(g_typed + g_typed_length, utf8, n);
  g_typed_length += n;
  g_typed[g_typed_length] = 0;
}

static VKAPI_ATTR VkBool32 VKAPI_CALL on_validation(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                                    VkDebugUtilsMessageTypeFlagsEXT types,
                                                    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user) {
  (void)severity, (void)types, (void)user;
  ++g_validation_messages;
  fprintf(stderr, "glfw_host: validation: %s\n", data->pMessage);
  return VK_FALSE;
}

#define VK_OK(call)                                                      \
  do {                                                                   \
    VkResult vk_result_ = (call);                                        \
    if (vk_result_ != VK_SUCCESS) {                                      \
      fprintf(stderr, "glfw_host: %s failed (%d)\n", #call, vk_result_); \
      exit(1);                                                           \
    }                                                                    \
  } while (0)

#define WV_OK_OR_EXIT(call)                                           \
  do {                                                                \
    if ((call) != WV_OK) {                                            \
      fprintf(stderr, "glfw_host: %s: %s\n", #call, wv_last_error()); \
      exit(1);                                                        \
    }                                                                 \
  } while (0)

typedef struct Host {
  GLFWwindow* window;
  VkInstance instance;
  VkDebugUtilsMessengerEXT messenger;
  VkSurfaceKHR surface;
  VkPhysicalDevice physical;
  uint32_t family;
  VkDevice device;
  VkQueue queue;
  VkSwapchainKHR swapchain;
  VkFormat format;
  VkExtent2D extent;
  uint32_t image_count;
  VkImage images[MAX_IMAGES];
  VkSemaphore presentable[MAX_IMAGES]; /* per image: its present waits on it */
  VkCommandPool pool;
  VkCommandBuffer commands;
  VkFence acquired, submitted;
} Host;

static void create_instance(Host* h, int validate) {
  uint32_t glfw_count = 0;
  const char** glfw_extensions = glfwGetRequiredInstanceExtensions(&glfw_count);
  const char* extensions[16];
  uint32_t count = 0;
  for (uint32_t i = 0; i < glfw_count && count < 15; ++i) extensions[count++] = glfw_extensions[i];
  if (validate) extensions[count++] = VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
  const char* layer = "VK_LAYER_KHRONOS_validation";
  VkApplicationInfo app = {VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "glfw_host";
  app.apiVersion = VK_API_VERSION_1_3;
  VkInstanceCreateInfo info = {VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pApplicationInfo = &app;
  info.enabledExtensionCount = count;
  info.ppEnabledExtensionNames = extensions;
  info.enabledLayerCount = validate ? 1 : 0;
  info.ppEnabledLayerNames = &layer;
  VK_OK(vkCreateInstance(&info, NULL, &h->instance));
  if (validate) {
    VkDebugUtilsMessengerCreateInfoEXT m = {VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
    m.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    m.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT;
    m.pfnUserCallback = on_validation;
    PFN_vkCreateDebugUtilsMessengerEXT create =
        (PFN_vkCreateDebugUtilsMessengerEXT)vkGetInstanceProcAddr(h->instance, "vkCreateDebugUtilsMessengerEXT");
    VK_OK(create(h->instance, &m, NULL, &h->messenger));
  }
}

/* The first device with a queue family that draws and presents to the window. */
static void pick_device(Host* h) {
  uint32_t count = 8;
  VkPhysicalDevice devices[8];
  vkEnumeratePhysicalDevices(h->instance, &count, devices);
  for (uint32_t d = 0; d < count; ++d) {
    uint32_t families = 16;
    VkQueueFamilyProperties props[16];
    vkGetPhysicalDeviceQueueFamilyProperties(devices[d], &families, props);
    for (uint32_t f = 0; f < families; ++f) {
      VkBool32 present = VK_FALSE;
      vkGetPhysicalDeviceSurfaceSupportKHR(devices[d], f, h->surface, &present);
      if (present && (props[f].queueFlags & VK_QUEUE_GRAPHICS_BIT)) {
        h->physical = devices[d];
        h->family = f;
        return;
      }
    }
  }
  fprintf(stderr, "glfw_host: no Vulkan device can draw to this window\n");
  exit(1);
}

/* The device with what libworldview needs (Vulkan 1.3 dynamic rendering, synchronization2) and
 * the swapchain extension the host needs. */
static void create_device(Host* h) {
  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queue = {VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queue.queueFamilyIndex = h->family;
  queue.queueCount = 1;
  queue.pQueuePriorities = &priority;
  VkPhysicalDeviceVulkan13Features v13 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  v13.dynamicRendering = VK_TRUE;
  v13.synchronization2 = VK_TRUE;
  VkPhysicalDeviceFeatures2 features = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, &v13};
  const char* extension = VK_KHR_SWAPCHAIN_EXTENSION_NAME;
  VkDeviceCreateInfo info = {VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO, &features};
  info.queueCreateInfoCount = 1;
  info.pQueueCreateInfos = &queue;
  info.enabledExtensionCount = 1;
  info.ppEnabledExtensionNames = &extension;
  VK_OK(vkCreateDevice(h->physical, &info, NULL, &h->device));
  vkGetDeviceQueue(h->device, h->family, 0, &h->queue);
}

static void create_swapchain(Host* h) {
  VkSurfaceCapabilitiesKHR caps;
  VK_OK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(h->physical, h->surface, &caps));
  uint32_t count = 32;
  VkSurfaceFormatKHR formats[32];
  VK_OK(vkGetPhysicalDeviceSurfaceFormatsKHR(h->physical, h->surface, &count, formats));
  h->format = VK_FORMAT_UNDEFINED;
  for (uint32_t i = 0; i < count; ++i) {
    if (formats[i].format == VK_FORMAT_B8G8R8A8_SRGB || formats[i].format == VK_FORMAT_R8G8B8A8_SRGB) {
      h->format = formats[i].format;
      break;
    }
  }
  if (h->format == VK_FORMAT_UNDEFINED) {
    fprintf(stderr, "glfw_host: the window offers no 8-bit sRGB format\n");
    exit(1);
  }
  int width, height;
  glfwGetFramebufferSize(h->window, &width, &height);
  h->extent = caps.currentExtent.width != UINT32_MAX ? caps.currentExtent : (VkExtent2D){(uint32_t)width, (uint32_t)height};
  VkSwapchainCreateInfoKHR info = {VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = h->surface;
  info.minImageCount = caps.maxImageCount == 0 || caps.minImageCount + 1 <= caps.maxImageCount ? caps.minImageCount + 1
                                                                                               : caps.minImageCount;
  info.imageFormat = h->format;
  info.imageColorSpace = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  info.imageExtent = h->extent;
  info.imageArrayLayers = 1;
  info.imageUsage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT; /* what libworldview draws with */
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
  info.presentMode = VK_PRESENT_MODE_FIFO_KHR;
  info.clipped = VK_TRUE;
  VK_OK(vkCreateSwapchainKHR(h->device, &info, NULL, &h->swapchain));
  h->image_count = MAX_IMAGES;
  VK_OK(vkGetSwapchainImagesKHR(h->device, h->swapchain, &h->image_count, h->images));
  VkSemaphoreCreateInfo semaphore = {VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
  for (uint32_t i = 0; i < h->image_count; ++i) VK_OK(vkCreateSemaphore(h->device, &semaphore, NULL, &h->presentable[i]));
}

static void create_commands(Host* h) {
  VkCommandPoolCreateInfo pool = {VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  pool.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
  pool.queueFamilyIndex = h->family;
  VK_OK(vkCreateCommandPool(h->device, &pool, NULL, &h->pool));
  VkCommandBufferAllocateInfo alloc = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  alloc.commandPool = h->pool;
  alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  alloc.commandBufferCount = 1;
  VK_OK(vkAllocateCommandBuffers(h->device, &alloc, &h->commands));
  VkFenceCreateInfo fence = {VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
  VK_OK(vkCreateFence(h->device, &fence, NULL, &h->acquired));
  fence.flags = VK_FENCE_CREATE_SIGNALED_BIT;
  VK_OK(vkCreateFence(h->device, &fence, NULL, &h->submitted));
}

/* The host's part after the library drew into `image`: to PRESENT_SRC, then present. */
static int present(Host* h, uint32_t index) {
  VK_OK(vkWaitForFences(h->device, 1, &h->submitted, VK_TRUE, UINT64_MAX));
  VK_OK(vkResetFences(h->device, 1, &h->submitted));
  VK_OK(vkResetCommandBuffer(h->commands, 0));
  VkCommandBufferBeginInfo begin = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  VK_OK(vkBeginCommandBuffer(h->commands, &begin));
  VkImageMemoryBarrier barrier = {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
  barrier.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  barrier.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  barrier.newLayout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  barrier.srcQueueFamilyIndex = barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = h->images[index];
  barrier.subresourceRange = (VkImageSubresourceRange){VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  vkCmdPipelineBarrier(h->commands, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT,
                       0, 0, NULL, 0, NULL, 1, &barrier);
  VK_OK(vkEndCommandBuffer(h->commands));
  VkSubmitInfo submit = {VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &h->commands;
  submit.signalSemaphoreCount = 1;
  submit.pSignalSemaphores = &h->presentable[index];
  VK_OK(vkQueueSubmit(h->queue, 1, &submit, h->submitted));
  VkPresentInfoKHR info = {VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &h->presentable[index];
  info.swapchainCount = 1;
  info.pSwapchains = &h->swapchain;
  info.pImageIndices = &index;
  const VkResult r = vkQueuePresentKHR(h->queue, &info);
  return r == VK_SUCCESS || r == VK_SUBOPTIMAL_KHR;
}

/* The console's input: the mouse as the right hand's ray from the eye (at eye_m, looking along
 * -Z with a vertical field of view fov_rad) through the cursor, and the keyboard. */
static wv_vk_input read_input(Host* h, const float eye_m[3], float fov_rad) {
  wv_vk_input in;
  memset(&in, 0, sizeof in);
  double cx = 0.0, cy = 0.0;
  glfwGetCursorPos(h->window, &cx, &cy);
  const float t = tanf(fov_rad / 2.0f), aspect = (float)h->extent.width / (float)h->extent.height;
  float d[3] = {(2.0f * (float)cx / (float)h->extent.width - 1.0f) * t * aspect,
                -(2.0f * (float)cy / (float)h->extent.height - 1.0f) * t, -1.0f};
  const float len = sqrtf(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
  for (int i = 0; i < 3; ++i) d[i] /= len;
  /* The rotation taking -Z to d: axis (0,0,-1) x d, angle acos(-d.z), as a half-way quaternion. */
  float q[4] = {d[1], -d[0], 0.0f, 1.0f - d[2]};
  const float qlen = sqrtf(q[0] * q[0] + q[1] * q[1] + q[3] * q[3]);
  wv_vk_pointer* mouse = &in.hands[1];
  mouse->active = glfwGetWindowAttrib(h->window, GLFW_HOVERED);
  memcpy(mouse->position_m, eye_m, sizeof mouse->position_m);
  for (int i = 0; i < 4; ++i) mouse->orientation_xyzw[i] = q[i] / qlen;
  const int left = glfwGetMouseButton(h->window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
  const int shift = glfwGetKey(h->window, GLFW_KEY_LEFT_SHIFT) == GLFW_PRESS;
  mouse->select = left && !shift;
  mouse->grab = left && shift;
  static const int keys[][2] = {{GLFW_KEY_TAB, WV_KEY_TAB},       {GLFW_KEY_LEFT, WV_KEY_LEFT},
                                {GLFW_KEY_RIGHT, WV_KEY_RIGHT},   {GLFW_KEY_UP, WV_KEY_UP},
                                {GLFW_KEY_DOWN, WV_KEY_DOWN},     {GLFW_KEY_HOME, WV_KEY_HOME},
                                {GLFW_KEY_END, WV_KEY_END},       {GLFW_KEY_DELETE, WV_KEY_DELETE},
                                {GLFW_KEY_BACKSPACE, WV_KEY_BACKSPACE}, {GLFW_KEY_ENTER, WV_KEY_ENTER},
                                {GLFW_KEY_ESCAPE, WV_KEY_ESCAPE}, {GLFW_KEY_LEFT_CONTROL, WV_KEY_CTRL},
                                {GLFW_KEY_LEFT_SHIFT, WV_KEY_SHIFT}};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; ++i)
    if (glfwGetKey(h->window, keys[i][0]) == GLFW_PRESS) in.keys_held |= (uint32_t)keys[i][1];
  in.text = g_typed_length > 0 ? g_typed : NULL;
  return in;
}

static void destroy(Host* h) {
  vkDestroyFence(h->device, h->submitted, NULL);
  vkDestroyFence(h->device, h->acquired, NULL);
  vkDestroyCommandPool(h->device, h->pool, NULL);
  for (uint32_t i = 0; i < h->image_count; ++i) vkDestroySemaphore(h->device, h->presentable[i], NULL);
  vkDestroySwapchainKHR(h->device, h->swapchain, NULL);
  vkDestroyDevice(h->device, NULL);
  vkDestroySurfaceKHR(h->instance, h->surface, NULL);
  if (h->messenger) {
    PFN_vkDestroyDebugUtilsMessengerEXT destroy_messenger =
        (PFN_vkDestroyDebugUtilsMessengerEXT)vkGetInstanceProcAddr(h->instance, "vkDestroyDebugUtilsMessengerEXT");
    destroy_messenger(h->instance, h->messenger, NULL);
  }
  vkDestroyInstance(h->instance, NULL);
  glfwDestroyWindow(h->window);
  glfwTerminate();
}

int main(int argc, char** argv) {
  int frames = 0, validate = 0;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = atoi(argv[++i]);
    else if (strcmp(argv[i], "--validate") == 0) validate = 1;
    else {
      fprintf(stderr, "usage: glfw_host [--frames N] [--validate]\n");
      return 2;
    }
  }
  if (!glfwInit() || !glfwVulkanSupported()) {
    fprintf(stderr, "glfw_host: no window system with Vulkan here (is DISPLAY set?)\n");
    return 5;
  }
  Host h;
  memset(&h, 0, sizeof h);
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  h.window = glfwCreateWindow(640, 360, "libworldview in a Vulkan host", NULL, NULL);
  if (!h.window) return 5;
  create_instance(&h, validate);
  VK_OK(glfwCreateWindowSurface(h.instance, h.window, NULL, &h.surface));
  pick_device(&h);
  create_device(&h);
  create_swapchain(&h);
  create_commands(&h);

  /* libworldview: two generated worlds in a workspace, drawn on the host's device. */
  wv_engine_params ep = wv_engine_default_params();
  wv_engine engine;
  WV_OK_OR_EXIT(wv_engine_create(&ep, &engine));
  wv_rollout_params rp = wv_rollout_default_params();
  rp.prompt = "three red balls in a dark blue room";
  wv_source a, b;
  WV_OK_OR_EXIT(wv_rollout_open(engine, &rp, &a));
  rp.prompt = "two green balls and a yellow box in a black room";
  WV_OK_OR_EXIT(wv_rollout_open(engine, &rp, &b));
  wv_workspace workspace;
  WV_OK_OR_EXIT(wv_workspace_create(engine, &workspace));
  WV_OK_OR_EXIT(wv_workspace_add_panel(workspace, a, 1.2f));
  WV_OK_OR_EXIT(wv_workspace_add_panel(workspace, b, 1.2f));
  wv_vk_device device = {h.instance, h.physical, h.device, h.family, 0, 0};
  wv_vk_renderer_params params = wv_vk_renderer_default_params();
  wv_vk_renderer renderer;
  WV_OK_OR_EXIT(wv_vk_renderer_create(&device, &params, &renderer));
  /* The console, 1 m ahead and below the eyes, acting on the workspace. */
  const float eye_m[3] = {0.0f, 1.5f, 0.0f}, fov_rad = 1.0f;
  wv_vk_console_params cp = wv_vk_console_default_params();
  cp.position_m[1] = eye_m[1] - 0.38f;
  wv_vk_console console;
  WV_OK_OR_EXIT(wv_vk_console_create(renderer, workspace, &cp, &console));
  glfwSetCharCallback(h.window, on_char);

  /* The viewer at eye height (1.5 m) looking along -Z, where the layout puts the panels. */
  wv_vk_view view;
  memset(&view, 0, sizeof view);
  for (int i = 0; i < 4; ++i) view.T_view_world[i * 5] = 1.0f;
  view.T_view_world[13] = -1.5f; /* world → view: the eye is 1.5 m up */
  wv_vk_perspective(fov_rad, (float)h.extent.width / (float)h.extent.height, 0.05f, 100.0f, view.projection);
  view.target.format = h.format;
  view.target.width = h.extent.width;
  view.target.height = h.extent.height;

  int shown = 0, ok = 1;
  while (ok && !glfwWindowShouldClose(h.window) && (frames == 0 || shown < frames)) {
    glfwPollEvents();
    uint32_t index = 0;
    VkResult r = vkAcquireNextImageKHR(h.device, h.swapchain, UINT64_MAX, VK_NULL_HANDLE, h.acquired, &index);
    if (r != VK_SUCCESS && r != VK_SUBOPTIMAL_KHR) break;
    VK_OK(vkWaitForFences(h.device, 1, &h.acquired, VK_TRUE, UINT64_MAX));
    VK_OK(vkResetFences(h.device, 1, &h.acquired));
    const double display_time_s = glfwGetTime();
    if (shown == frames / 2) wv_rollout_steer(a, 1, "three red balls in a dark blue room. gravity flips");
    view.target.image = h.images[index];
    const wv_vk_input input = read_input(&h, eye_m, fov_rad);
    if (wv_vk_console_input(console, &input, display_time_s, NULL) != WV_OK) {
      fprintf(stderr, "glfw_host: %s\n", wv_last_error());
      ok = 0;
      break;
    }
    g_typed_length = 0;
    if (wv_vk_render(renderer, workspace, display_time_s, &view, 1) != WV_OK) {
      fprintf(stderr, "glfw_host: %s\n", wv_last_error());
      ok = 0;
      break;
    }
    ok = present(&h, index);
    ++shown;
  }
  VK_OK(vkDeviceWaitIdle(h.device));
  WV_OK_OR_EXIT(wv_vk_console_destroy(console));
  WV_OK_OR_EXIT(wv_vk_renderer_destroy(renderer));
  /* Panels the console added (branches, Add panel, Open) are the host's to close. */
  size_t panels = 0;
  WV_OK_OR_EXIT(wv_workspace_panel_count(workspace, &panels));
  for (size_t i = 2; i < panels; ++i) {
    wv_panel_info info;
    WV_OK_OR_EXIT(wv_workspace_panel(workspace, i, &info));
    if (info.source) WV_OK_OR_EXIT(wv_source_close(info.source));
  }
  WV_OK_OR_EXIT(wv_workspace_destroy(workspace));
  WV_OK_OR_EXIT(wv_source_close(a));
  WV_OK_OR_EXIT(wv_source_close(b));
  WV_OK_OR_EXIT(wv_engine_destroy(engine));
  destroy(&h);
  printf("glfw_host: %d frames shown, %d validation messages\n", shown, g_validation_messages);
  if (!ok) return 1;
  return g_validation_messages > 0 ? 4 : 0;
}
