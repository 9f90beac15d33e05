// renderer/renderer.h — draws the environment, the panels and pointer rays into every view of a target,
// streams panel textures, and reads views back.
//
//   auto ctx = wv::renderer::Context::create({.enable_validation = false});
//   auto target = wv::renderer::OffscreenTarget::create(**ctx, {.width = 1024, .height = 1024});
//   auto renderer = wv::renderer::Renderer::create(**ctx);
//   wv::renderer::TextureId tex = (*renderer)->create_texture();
//   (*renderer)->update_texture(tex, frame);                    // uploaded at the next render
//   wv::renderer::View view{glm::inverse(head.matrix()),
//                           glm::perspective(glm::radians(90.f), 1.f, 0.05f, 100.f)};
//   wv::renderer::PanelDraw panel{.texture = tex, .T_world_panel = pose.matrix()};
//   auto id = (*renderer)->render(**target, {&view, 1}, {&panel, 1}, wv::renderer::Environment{},
//                                 {.capture_view = 0});
//   wv::Result<wv::FramePtr> image = (*renderer)->read_capture(*id);   // waits for that frame
//
// Pipelined capture: render frame N+1 before read_capture(N); read each capture before
// frames_in_flight more frames are rendered (asserted).
//
// Conventions: View::T_view_world maps world to view coordinates (viewer looks along -Z);
// View::projection maps view coordinates to Vulkan clip space (y down, depth 0..1), e.g.
// perspective_vk() below (glm::perspective flips y relative to Vulkan's viewport).
// Panels follow wv/pose.h: front face along local +Z, centered, +Y up. Colors are sRGB-correct:
// textures are sampled as sRGB, blending happens in linear light, attachments are sRGB.
//
// Threading and ownership: one render thread calls everything. update_texture keeps a reference
// to the frame until its upload has finished on the GPU: with VK_EXT_external_memory_host the
// GPU copies straight from frame->pixels (zero-copy; RendererStats::zero_copy_uploads), after
// the render() that records the upload returns. So a frame must not be written once handed to
// update_texture (FramePtr points to const; wv/frame.h); make a new frame instead. Without the
// extension, frames are copied into a staging ring at the next render(). The Renderer owns
// its textures, pipelines and staging memory; destroy it before its Context. Targets outlive
// the frames rendered into them (or call wait_idle() first).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "renderer/context.h"
#include "renderer/target.h"
#include "wv/frame.h"
#include "wv/result.h"

namespace wv::renderer {

using TextureId = uint32_t;
constexpr TextureId kNoTexture = 0;

struct View {
  glm::mat4 T_view_world{1.0f};  // world -> view
  glm::mat4 projection{1.0f};    // view -> Vulkan clip space (depth 0..1)
};

// A right-handed perspective projection for Vulkan clip space (y down, depth 0..1).
glm::mat4 perspective_vk(float vertical_fov_rad, float aspect, float near_m, float far_m);
// An off-axis one from the tangents of the half-angles (OpenXR's XrFovf: left/down negative).
glm::mat4 perspective_vk_fov(float tan_left, float tan_right, float tan_down, float tan_up,
                             float near_m, float far_m);

struct PanelDraw {
  TextureId texture = kNoTexture;  // kNoTexture or not yet uploaded: a dark placeholder
  glm::mat4 T_world_panel{1.0f};   // panel -> world
  glm::vec2 size_m{1.6f, 0.9f};    // width, height in meters (arc length when curved)
  float curve_radius_m = 0.0f;     // 0: flat; > 0: cylinder about local Y, edges toward +Z
  float opacity = 1.0f;            // < 1: blended, drawn after opaque panels, back to front
  // A panel shown by a layer beneath this image (an OpenXR quad layer): its front face is cut
  // out of the image as a hole of alpha 0 that still hides what lies behind it; the texture is
  // not drawn. Flat panels only. Nearer panels cover the hole as they would cover the panel.
  bool hole = false;
};

// A thin straight beam (a pointer ray): a quad from `from` to `to` turned to face each view,
// drawn after the panels, depth-tested against them and the floor, blended, writing no depth.
// It is never thinner than about 1.5 pixels, so it stays visible far away.
struct RayDraw {
  glm::vec3 from_world{0.0f};
  glm::vec3 to_world{0.0f, 0.0f, -1.0f};
  float width_m = 0.005f;
  glm::vec4 color{1.0f};  // sRGB-encoded, straight alpha
};

// Colors are sRGB-encoded (as picked in an image editor), 0..1.
struct Environment {
  glm::vec3 sky_zenith{0.102f, 0.118f, 0.149f};
  glm::vec3 sky_horizon{0.235f, 0.259f, 0.298f};
  glm::vec3 ground{0.086f, 0.094f, 0.110f};
  glm::vec3 grid{0.55f, 0.60f, 0.68f};
  float floor_height_m = 0.0f;    // world y of the floor
  float grid_intensity = 0.25f;   // 0 hides the grid
  float grid_fade_m = 18.0f;      // lines fade out over about this distance
};

struct RendererParams {
  uint32_t frames_in_flight = 2;
  // 1 (off) or 4. 4x MSAA smooths panel edges; on lavapipe it costs fill rate (see bench).
  uint32_t msaa_samples = 1;
  // Staging memory per frame in flight; grows when one frame alone needs more.
  uint64_t staging_bytes_per_frame = 16ull << 20;
  uint32_t curve_segments = 48;  // columns of a curved panel's mesh
  // Upload frames straight from their own memory when the device has VK_EXT_external_memory_host
  // enabled (Context::host_import_enabled()); false: always copy through the staging ring.
  bool import_frame_memory = true;
};

struct RenderOptions {
  int32_t capture_view = -1;  // >= 0: copy this view's image for read_capture()
  glm::vec4 clear_color{0.0f, 0.0f, 0.0f, 1.0f};  // only visible where the sky is off-screen
  std::span<const RayDraw> rays;  // drawn into every view; the caller keeps them alive until render() returns
};

struct RendererStats {
  uint64_t frames = 0;
  uint64_t textures_uploaded = 0;
  uint64_t bytes_uploaded = 0;
  uint64_t uploads_deferred = 0;  // frames whose upload waited for staging room
  uint64_t textures_recreated = 0;
  uint64_t zero_copy_uploads = 0;  // of textures_uploaded: copied from imported frame memory
  uint64_t frame_imports = 0;      // imports behind them; a frame uploaded again reuses its import
  uint64_t fence_waits = 0;        // render() calls that blocked: the slot's earlier frame was still on the GPU
};

class Renderer {
 public:
  static Result<std::unique_ptr<Renderer>> create(Context& ctx, const RendererParams& params = {});
  ~Renderer();  // waits for the device to finish its frames
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Texture ids are never kNoTexture. A destroyed id's image is freed once frames using it end.
  TextureId create_texture();
  void destroy_texture(TextureId id);
  // Latest frame wins; uploaded at the next render(). Any size; a size change recreates the image.
  void update_texture(TextureId id, FramePtr frame);

  // Records and submits one frame: views.size() must equal target.view_count(). Waits only for
  // the frame that used this slot frames_in_flight frames ago. Returns the frame's id.
  Result<uint64_t> render(RenderTarget& target, std::span<const View> views,
                          std::span<const PanelDraw> panels, const Environment& environment,
                          const RenderOptions& options = {});

  // The captured view of frame `frame_id` (rendered with capture_view >= 0) as a tightly packed
  // RGBA8 sRGB frame; waits for that frame's GPU work only.
  Result<FramePtr> read_capture(uint64_t frame_id);

  Status wait_idle();
  const RendererStats& stats() const;
  // Render-thread CPU seconds (thread CPU clock) of the last render(), excluding fence waits.
  double last_render_cpu_s() const;

  struct Impl;

 private:
  explicit Renderer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wv::renderer
