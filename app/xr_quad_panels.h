// app/xr_quad_panels.h — xr mode's quad-layer panels (PanelSpec::Layer::Quad): one swapchain per
// panel, sized like its frames (recreated when the size changes), filled by copying each new
// frame — nothing happens while a panel's frame stays the same — and their quad layers.
//
//   auto quads = wv::app::XrQuadPanels::create(ctx, renderer);
//   (*quads)->update(headset, player);          // each frame, after show_latest, before rendering
//   auto layers = (*quads)->layers(session.world_space(), player, head_position);
//   // submit `layers` (far to near), then the projection layer, whose holes show them
//   session lost: renderer.wait_idle(); (*quads)->reset();
//
// Depth: the compositor draws layers in submission order, so quads go first, farthest first,
// and each visible quad panel is cut out of the projection layer as a hole (PanelDraw::hole)
// that still hides what lies behind it. So a projection panel in front of a quad covers it,
// a quad in front of a projection panel shows, and quads cover one another far to near.
// When the player's panels are replaced (another workspace opened) every swapchain goes.
// Panels beyond the runtime's layer limit (maxLayerCount - 1 quads) stay in the projection.
// A quad panel has no back face (it vanishes from behind) and is hovered like the others:
// 4% larger. Threading: the render thread.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include <openxr/openxr.h>

#include "app/panel_player.h"
#include "renderer/frame_copier.h"
#include "renderer/renderer.h"
#include "xr/headset.h"
#include "xr/swapchain.h"

namespace wv::app {

class XrQuadPanels {
 public:
  static Result<std::unique_ptr<XrQuadPanels>> create(renderer::Context& ctx, renderer::Renderer& renderer);

  // Copies the quad panels' new frames into their swapchains and marks the panels that have a
  // quad image as holes in `player`. A session loss shows as headset.session_lost().
  Status update(xr::Headset& headset, PanelPlayer& player);
  // The quad layers of the panels with an image, farthest from `head_world` first. Valid until
  // the next call.
  std::span<const XrCompositionLayerBaseHeader* const> layers(XrSpace space, const PanelPlayer& player,
                                                              glm::vec3 head_world);
  // Times the render thread blocked here on something other than the runtime (GPU fences).
  uint64_t waits() const { return copier_->fence_waits() + idle_waits_; }
  // Lets go of every swapchain (the GPU must be done with them: wait_idle first).
  void reset();

 private:
  XrQuadPanels(renderer::Context& ctx, renderer::Renderer& renderer, std::unique_ptr<renderer::FrameCopier> copier)
      : ctx_(ctx), renderer_(renderer), copier_(std::move(copier)) {}
  Status ensure_swapchain(xr::Headset& headset, size_t panel, const Frame& frame);

  struct Quad {
    std::unique_ptr<xr::Swapchain> swapchain;
    FramePtr copied;  // the frame its last released image holds; null: none released yet
  };
  renderer::Context& ctx_;
  renderer::Renderer& renderer_;
  std::unique_ptr<renderer::FrameCopier> copier_;
  std::vector<Quad> quads_;  // per panel; empty members for projection panels
  std::vector<size_t> acquired_;
  std::vector<size_t> order_;
  std::vector<XrCompositionLayerQuad> layers_;
  std::vector<const XrCompositionLayerBaseHeader*> headers_;
  bool warned_layer_limit_ = false;
  uint64_t idle_waits_ = 0;  // wait_idle before replacing a swapchain of another size (or all of them)
  uint64_t replacements_seen_ = 0;  // PanelPlayer::replacements() the quads are of
};

}  // namespace wv::app
