// app/ui_surface.h — one in-world UI panel's Dear ImGui: its own ImGuiContext laid out on a
// surface of size_px pixels, fed with the pointer that hits the panel and the keyboard, and drawn
// on the CPU into a frame the panel shows as its texture (renderer/ui_raster.h). The UI is thus
// a thing in the scene, the same in the headset and on the desktop (DESIGN.md §2: app/ owns the
// UI logic, renderer/ the ImGui pass).
//
//   wv::app::UiSurface surface({640, 480});
//   wv::FramePtr frame = surface.frame(dt_s, pointer, keys, [&] { ImGui::Begin("Console"); ...; ImGui::End(); });
//   if (frame) renderer.update_texture(texture, frame);   // null: the pixels did not change
//
// A frame is drawn only when ImGui's draw lists changed (a hash of vertices, indices and clip
// rectangles), so a UI that nobody touches costs its layout and nothing else; the text cursor
// does not blink, so an idle text field does not redraw either. Frames come from a small pool and
// are reused once the renderer has let go of them.
//
// Pictures (thumbnails of frames) go in with ui_image(frame) inside `build`: a texture id for
// ImGui::Image, valid for that UI frame; a new picture in the same place redraws the surface.
//
// Threading: the render thread. Each surface switches ImGui's current context to its own for the
// call and back, so several surfaces (and tests) coexist.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "wv/frame.h"

struct ImGuiContext;

namespace wv::app {

// The pointer on a UI surface, in its pixels (+y down).
struct UiPointer {
  bool inside = false;  // a pointer ray is on the surface (or holds a press that began on it)
  glm::vec2 position_px{0.0f};
  bool down = false;    // select (trigger, left button)
  float wheel = 0.0f;   // lines to scroll this frame, + up
};

// Keys a text field needs. Held state: ImGui repeats a held key itself.
enum class UiKey { Tab, Left, Right, Up, Down, Home, End, Delete, Backspace, Enter, Escape, Count };

struct UiKeyboard {
  std::string typed;  // UTF-8 text typed since the last frame
  std::array<bool, size_t(UiKey::Count)> held{};
  bool ctrl = false, shift = false;
};

// Inside a UiSurface's `build`: the id ImGui::Image shows `frame` (RGBA8) by, in this UI frame.
// The surface holds the frame until its next UI frame.
void* ui_image(wv::FramePtr frame);

class UiSurface {
 public:
  explicit UiSurface(glm::ivec2 size_px);
  ~UiSurface();
  UiSurface(const UiSurface&) = delete;
  UiSurface& operator=(const UiSurface&) = delete;

  // One UI frame: the input goes in, `build` makes the windows (ImGui calls, with this surface's
  // context current), and out comes a new frame when the pixels changed, else null.
  wv::FramePtr frame(double dt_s, const UiPointer& pointer, const UiKeyboard& keys, const std::function<void()>& build);
  // A text field has the keyboard: typed keys belong to the UI, not to walking around.
  bool wants_text() const { return wants_text_; }
  glm::ivec2 size_px() const { return size_px_; }
  uint64_t frames_drawn() const { return frames_drawn_; }

 private:
  std::shared_ptr<wv::Frame> free_frame();

  glm::ivec2 size_px_;
  ImGuiContext* context_ = nullptr;
  const uint8_t* font_alpha_ = nullptr;  // the context's font atlas, owned by it
  glm::ivec2 font_size_{0};
  uint64_t drawn_hash_ = 0;
  bool wants_text_ = false;
  uint64_t frames_drawn_ = 0;
  std::vector<std::shared_ptr<wv::Frame>> pool_;
  std::vector<wv::FramePtr> images_;  // ui_image()'s frames of the current UI frame
};

}  // namespace wv::app
