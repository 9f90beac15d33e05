#include "app/ui_surface.h"

#include <imgui.h>

#include <cfloat>
#include <cstring>

#include "renderer/ui_raster.h"
#include "wv/result.h"

namespace wv::app {
namespace {

// Behind the windows (only where no window covers the surface).
constexpr std::array<uint8_t, 4> kClear{20, 22, 27, 255};
// The atlas's texture id: any non-null value; images (ui_image) count on from the next one.
const ImTextureID kFontTexture = reinterpret_cast<ImTextureID>(uintptr_t(1));

ImTextureID image_id(size_t index) { return reinterpret_cast<ImTextureID>(uintptr_t(2 + index)); }

// Switches to a context for one scope and back to whatever was current.
class ContextScope {
 public:
  explicit ContextScope(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) { ImGui::SetCurrentContext(context); }
  ~ContextScope() { ImGui::SetCurrentContext(previous_); }

 private:
  ImGuiContext* previous_;
};

uint64_t mix(uint64_t h, uint64_t word) {
  h ^= word;
  h *= 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

uint64_t hash_bytes(uint64_t h, const void* data, size_t size) {
  const auto* bytes = static_cast<const uint8_t*>(data);
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    h = mix(h, word);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, bytes + i, size - i);
  return mix(h, tail ^ size);
}

// Everything that decides the pixels: vertices, indices and commands' clip rectangles and ranges.
uint64_t hash_draw_data(const ImDrawData& data) {
  uint64_t h = 0x51ED2701u;
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImDrawList& list = *data.CmdLists[l];
    h = hash_bytes(h, list.VtxBuffer.Data, size_t(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    h = hash_bytes(h, list.IdxBuffer.Data, size_t(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      h = hash_bytes(h, &cmd.ClipRect, sizeof(cmd.ClipRect));
      h = mix(h, (uint64_t(cmd.IdxOffset) << 32) ^ cmd.ElemCount ^ (uint64_t(cmd.VtxOffset) << 48));
    }
  }
  return h;
}

}  // namespace

void* ui_image(wv::FramePtr frame) {
  WV_ASSERT(frame && frame->format == wv::PixelFormat::Rgba8Srgb);
  // The current context's surface keeps its images' list as the context's user data.
  auto* images = static_cast<std::vector<wv::FramePtr>*>(ImGui::GetIO().UserData);
  WV_ASSERT(images);
  images->push_back(std::move(frame));
  return image_id(images->size() - 1);
}

UiSurface::UiSurface(glm::ivec2 size_px) : size_px_(size_px) {
  WV_ASSERT(size_px.x > 0 && size_px.y > 0);
  ContextScope scope(context_ = ImGui::CreateContext());
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini next to the user's files: the layout is the program's
  io.LogFilename = nullptr;
  io.UserData = &images_;
  io.DisplaySize = ImVec2(float(size_px.x), float(size_px.y));
  io.ConfigInputTextCursorBlink = false;  // an idle text field would otherwise redraw twice a second
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  io.KeyMap[ImGuiKey_Tab] = int(UiKey::Tab);
  io.KeyMap[ImGuiKey_LeftArrow] = int(UiKey::Left);
  io.KeyMap[ImGuiKey_RightArrow] = int(UiKey::Right);
  io.KeyMap[ImGuiKey_UpArrow] = int(UiKey::Up);
  io.KeyMap[ImGuiKey_DownArrow] = int(UiKey::Down);
  io.KeyMap[ImGuiKey_Home] = int(UiKey::Home);
  io.KeyMap[ImGuiKey_End] = int(UiKey::End);
  io.KeyMap[ImGuiKey_Delete] = int(UiKey::Delete);
  io.KeyMap[ImGuiKey_Backspace] = int(UiKey::Backspace);
  io.KeyMap[ImGuiKey_Enter] = int(UiKey::Enter);
  io.KeyMap[ImGuiKey_KeyPadEnter] = int(UiKey::Enter);
  io.KeyMap[ImGuiKey_Escape] = int(UiKey::Escape);
  ImGui::StyleColorsDark();
  ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 1.0f;  // opaque: nothing shows through a panel
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  io.Fonts->SetTexID(kFontTexture);
  font_alpha_ = pixels;
  font_size_ = {width, height};
}

UiSurface::~UiSurface() { ImGui::DestroyContext(context_); }

std::shared_ptr<wv::Frame> UiSurface::free_frame() {
  // A frame only the pool holds is one the renderer has finished with.
  for (auto& frame : pool_)
    if (frame.use_count() == 1) return frame;
  pool_.push_back(wv::make_frame(size_px_.x, size_px_.y, 0, 0.0));
  return pool_.back();
}

wv::FramePtr UiSurface::frame(double dt_s, const UiPointer& pointer, const UiKeyboard& keys,
                              const std::function<void()>& build) {
  ContextScope scope(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = float(std::max(dt_s, 1e-4));
  io.MousePos = pointer.inside ? ImVec2(pointer.position_px.x, pointer.position_px.y) : ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = pointer.inside && pointer.down;
  io.MouseWheel = pointer.inside ? pointer.wheel : 0.0f;
  for (size_t k = 0; k < keys.held.size(); ++k) io.KeysDown[k] = keys.held[k];
  io.KeyCtrl = keys.ctrl;
  io.KeyShift = keys.shift;
  if (!keys.typed.empty()) io.AddInputCharactersUTF8(keys.typed.c_str());

  images_.clear();
  ImGui::NewFrame();
  build();
  ImGui::Render();
  wants_text_ = io.WantTextInput;

  const ImDrawData& data = *ImGui::GetDrawData();
  uint64_t hash = hash_draw_data(data);
  std::vector<renderer::UiImage> images;
  for (size_t i = 0; i < images_.size(); ++i) {
    // Another picture in the same place changes the pixels, not the draw lists.
    hash = mix(hash, uint64_t(reinterpret_cast<uintptr_t>(images_[i].get())) ^ uint64_t(images_[i]->index));
    images.push_back({.id = image_id(i), .frame = images_[i].get()});
  }
  if (frames_drawn_ > 0 && hash == drawn_hash_) return nullptr;
  std::shared_ptr<wv::Frame> out = free_frame();
  renderer::rasterize_ui(data, {.alpha = font_alpha_, .width = font_size_.x, .height = font_size_.y, .id = kFontTexture},
                         kClear, *out, images);
  out->index = int64_t(frames_drawn_++);
  drawn_hash_ = hash;
  return out;
}

}  // namespace wv::app
