// app/desktop_window.h — desktop mode's GLFW window: made (or refused with the reason, e.g. no
// display), the Vulkan instance extensions and the surface it needs, and its mouse and keyboard
// as a MouseKeyboard (app/desktop_input.h).
//
//   auto window = wv::app::DesktopWindow::create({.width = 1280, .height = 720, .title = "worldview"});
//   if (!window) { print(window.error().message); return kExitNoWindow; }   // "no display: ..."
//   params.instance_extensions = (*window)->vulkan_instance_extensions();
//   params.create_surface = [&](VkInstance i) { return (*window)->create_surface(i); };
//   while (!(*window)->should_close()) { (*window)->poll(); ... (*window)->input() ... }
//
// One window per process (GLFW is process-global). Destroy the Vulkan Context (which owns the
// surface) before the window. Threading: the main thread only (GLFW's rule).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "app/desktop_input.h"
#include "wv/result.h"

struct GLFWwindow;

namespace wv::app {

struct WindowParams {
  int width = 1280;  // window coordinates (screen pixels)
  int height = 720;
  std::string title = "worldview";
};

class DesktopWindow {
 public:
  // Errors say why no window can be made here (no display, no Vulkan-capable windowing).
  static Result<std::unique_ptr<DesktopWindow>> create(const WindowParams& params);
  ~DesktopWindow();
  DesktopWindow(const DesktopWindow&) = delete;
  DesktopWindow& operator=(const DesktopWindow&) = delete;

  std::vector<std::string> vulkan_instance_extensions() const;
  Result<VkSurfaceKHR> create_surface(VkInstance instance);

  // Handles pending window events (input callbacks write input()). Never waits.
  void poll();
  // Sleeps until an event arrives or timeout_s passes (while minimized: nothing to draw).
  void wait(double timeout_s);
  bool should_close() const;
  void request_close();
  // The size to render at, in pixels; zero while minimized.
  VkExtent2D framebuffer_extent() const;
  bool minimized() const;
  // What the user holds and scrolled; the cursor and window size are refreshed by poll().
  MouseKeyboard& input() { return input_; }

  // For input scripts and tests: what a user or the window manager would do.
  void move_cursor(glm::vec2 cursor);  // window coordinates
  void set_size(int width, int height);
  void minimize();
  void restore();

 private:
  explicit DesktopWindow(GLFWwindow* window) : window_(window) {}
  static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
  static void on_char(GLFWwindow* window, unsigned int codepoint);
  static void on_button(GLFWwindow* window, int button, int action, int mods);
  static void on_scroll(GLFWwindow* window, double x, double y);
  static void on_cursor(GLFWwindow* window, double x, double y);

  GLFWwindow* window_;
  MouseKeyboard input_;
};

}  // namespace wv::app
