#include "app/desktop_window.h"

// Vulkan first: GLFW declares glfwCreateWindowSurface only when it sees Vulkan's header.
#include <vulkan/vulkan.h>
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>

#include "renderer/vk_check.h"

namespace wv::app {
namespace {

// GLFW reports errors through a callback; the last one says why a call failed.
std::string g_last_error;

void on_glfw_error(int code, const char* description) {
  g_last_error = std::string(description ? description : "unknown error") + " (GLFW error " + std::to_string(code) + ")";
}

std::optional<Key> key_of(int glfw_key) {
  switch (glfw_key) {
    case GLFW_KEY_W: return Key::W;
    case GLFW_KEY_A: return Key::A;
    case GLFW_KEY_S: return Key::S;
    case GLFW_KEY_D: return Key::D;
    case GLFW_KEY_Q: return Key::Q;
    case GLFW_KEY_E: return Key::E;
    case GLFW_KEY_LEFT_SHIFT:
    case GLFW_KEY_RIGHT_SHIFT: return Key::Shift;
    case GLFW_KEY_ESCAPE: return Key::Escape;
    case GLFW_KEY_BACKSPACE: return Key::Backspace;
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER: return Key::Enter;
    case GLFW_KEY_LEFT: return Key::Left;
    case GLFW_KEY_RIGHT: return Key::Right;
    case GLFW_KEY_HOME: return Key::Home;
    case GLFW_KEY_END: return Key::End;
    case GLFW_KEY_DELETE: return Key::Delete;
    case GLFW_KEY_TAB: return Key::Tab;
    default: return std::nullopt;
  }
}

DesktopWindow& self(GLFWwindow* window) { return *static_cast<DesktopWindow*>(glfwGetWindowUserPointer(window)); }

}  // namespace

Result<std::unique_ptr<DesktopWindow>> DesktopWindow::create(const WindowParams& params) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    const bool no_display = !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY");
    return Error{no_display ? "no display: neither DISPLAY nor WAYLAND_DISPLAY is set (run it in a desktop "
                              "session, or under xvfb-run)"
                            : "the window system could not start: " + g_last_error};
  }
  if (!glfwVulkanSupported()) {
    glfwTerminate();
    return Error{"GLFW found no Vulkan loader able to show windows: install libvulkan1 and a Vulkan driver"};
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);  // Vulkan draws, not OpenGL
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(params.width, params.height, params.title.c_str(), nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return Error{"could not create a " + std::to_string(params.width) + "x" + std::to_string(params.height) +
                 " window: " + g_last_error};
  }
  std::unique_ptr<DesktopWindow> out(new DesktopWindow(window));
  glfwSetWindowUserPointer(window, out.get());
  glfwSetKeyCallback(window, on_key);
  glfwSetCharCallback(window, on_char);
  glfwSetMouseButtonCallback(window, on_button);
  glfwSetScrollCallback(window, on_scroll);
  glfwSetCursorPosCallback(window, on_cursor);
  out->poll();
  return out;
}

DesktopWindow::~DesktopWindow() {
  glfwDestroyWindow(window_);
  glfwTerminate();
}

std::vector<std::string> DesktopWindow::vulkan_instance_extensions() const {
  uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  return std::vector<std::string>(names, names + count);
}

Result<VkSurfaceKHR> DesktopWindow::create_surface(VkInstance instance) {
  VkSurfaceKHR surface = VK_NULL_HANDLE;
  const VkResult r = glfwCreateWindowSurface(instance, window_, nullptr, &surface);
  if (r != VK_SUCCESS)
    return Error{std::string("could not make a Vulkan surface for the window: ") + renderer::vk_result_name(r) +
                 (g_last_error.empty() ? "" : " (" + g_last_error + ")")};
  return surface;
}

void DesktopWindow::poll() {
  glfwPollEvents();
  int width = 0, height = 0;
  glfwGetWindowSize(window_, &width, &height);
  input_.window_size = {float(width), float(height)};
}

void DesktopWindow::wait(double timeout_s) { glfwWaitEventsTimeout(timeout_s); }

bool DesktopWindow::should_close() const { return glfwWindowShouldClose(window_); }

void DesktopWindow::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

VkExtent2D DesktopWindow::framebuffer_extent() const {
  if (minimized()) return {0, 0};
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  return {uint32_t(std::max(width, 0)), uint32_t(std::max(height, 0))};
}

bool DesktopWindow::minimized() const { return glfwGetWindowAttrib(window_, GLFW_ICONIFIED) == GLFW_TRUE; }

void DesktopWindow::move_cursor(glm::vec2 cursor) {
  // A real pointer warp (its motion event reports the same place) and the state at once, so
  // the next frame sees it whether or not the window has the pointer's focus.
  glfwSetCursorPos(window_, double(cursor.x), double(cursor.y));
  input_.cursor = cursor;
}

void DesktopWindow::set_size(int width, int height) { glfwSetWindowSize(window_, width, height); }
void DesktopWindow::minimize() { glfwIconifyWindow(window_); }
void DesktopWindow::restore() { glfwRestoreWindow(window_); }

void DesktopWindow::on_key(GLFWwindow* window, int key, int, int action, int) {
  if (action == GLFW_REPEAT) return;
  if (const auto k = key_of(key)) self(window).input_.set(*k, action == GLFW_PRESS);
}

void DesktopWindow::on_char(GLFWwindow* window, unsigned int codepoint) {
  // As UTF-8, the encoding of every text the program keeps.
  std::string& typed = self(window).input_.typed;
  if (codepoint < 0x80) {
    typed += char(codepoint);
  } else if (codepoint < 0x800) {
    typed += char(0xC0 | (codepoint >> 6)), typed += char(0x80 | (codepoint & 0x3F));
  } else if (codepoint < 0x10000) {
    typed += char(0xE0 | (codepoint >> 12)), typed += char(0x80 | ((codepoint >> 6) & 0x3F));
    typed += char(0x80 | (codepoint & 0x3F));
  } else if (codepoint < 0x110000) {
    typed += char(0xF0 | (codepoint >> 18)), typed += char(0x80 | ((codepoint >> 12) & 0x3F));
    typed += char(0x80 | ((codepoint >> 6) & 0x3F)), typed += char(0x80 | (codepoint & 0x3F));
  }
}

void DesktopWindow::on_button(GLFWwindow* window, int button, int action, int) {
  MouseKeyboard& input = self(window).input_;
  if (button == GLFW_MOUSE_BUTTON_LEFT) input.left_button = action == GLFW_PRESS;
  if (button == GLFW_MOUSE_BUTTON_RIGHT) input.right_button = action == GLFW_PRESS;
}

void DesktopWindow::on_scroll(GLFWwindow* window, double, double y) { self(window).input_.wheel_notches += float(y); }

void DesktopWindow::on_cursor(GLFWwindow* window, double x, double y) { self(window).input_.cursor = {float(x), float(y)}; }

}  // namespace wv::app
