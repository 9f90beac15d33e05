#include "app/xr_quad_panels.h"

#include <algorithm>

#include "wv/log.h"
#include "xr/quad_layer.h"

namespace wv::app {

Result<std::unique_ptr<XrQuadPanels>> XrQuadPanels::create(renderer::Context& ctx, renderer::Renderer& renderer) {
  auto copier = renderer::FrameCopier::create(ctx);
  if (!copier) return copier.error();
  return std::unique_ptr<XrQuadPanels>(new XrQuadPanels(ctx, renderer, std::move(*copier)));
}

void XrQuadPanels::reset() { quads_.clear(); }

Status XrQuadPanels::ensure_swapchain(xr::Headset& headset, size_t panel, const Frame& frame) {
  Quad& quad = quads_[panel];
  if (quad.swapchain && quad.swapchain->params().width == uint32_t(frame.width) &&
      quad.swapchain->params().height == uint32_t(frame.height))
    return Status::success();
  if (quad.swapchain) {
    // A new size: the old images may still be copied into.
    ++idle_waits_;
    if (Status s = renderer_.wait_idle(); !s) return s;
    quad.swapchain.reset();
    quad.copied.reset();
  }
  xr::Session& session = headset.session();
  // The format negotiated for the views (sRGB preferred): the frames are sRGB too.
  const xr::SwapchainParams params{
      .format = session.view_swapchain(0).params().format,
      .width = uint32_t(frame.width),
      .height = uint32_t(frame.height),
      .usage = XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT | XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT};
  auto swapchain = xr::Swapchain::create(session.handle(), params);
  if (!swapchain) return swapchain.error();
  quad.swapchain = std::move(*swapchain);
  return Status::success();
}

Status XrQuadPanels::update(xr::Headset& headset, PanelPlayer& player) {
  if (player.replacements() != replacements_seen_) {
    // Another workspace's panels: the swapchains were of the old ones (the GPU may still copy).
    replacements_seen_ = player.replacements();
    ++idle_waits_;
    if (Status s = renderer_.wait_idle(); !s) return s;
    reset();
  }
  quads_.resize(player.size());
  // One layer stays for the projection.
  size_t budget = headset.instance().system_properties().graphicsProperties.maxLayerCount - 1;
  acquired_.clear();
  for (size_t i = 0; i < player.size(); ++i) {
    if (!player.panel(i).quad) continue;
    if (budget == 0) {
      if (!warned_layer_limit_)
        log_warn("xr: the runtime composites at most " +
                 std::to_string(headset.instance().system_properties().graphicsProperties.maxLayerCount) +
                 " layers: " + player.panel(i).name + " and later quad panels are drawn in the projection layer");
      warned_layer_limit_ = true;
      continue;
    }
    --budget;
    const FramePtr& frame = player.shown(i);
    if (!frame || frame == quads_[i].copied) continue;
    if (Status s = ensure_swapchain(headset, i, *frame); !s) return s;
    xr::Swapchain& swapchain = *quads_[i].swapchain;
    uint32_t index = 0;
    if (Status s = headset.handle_result("xrAcquireSwapchainImage", swapchain.acquire(index)); !s) return s;
    if (headset.session_lost()) return Status::success();
    copier_->add(frame, swapchain.images()[index], VkFormat(swapchain.params().format));
    quads_[i].copied = frame;
    acquired_.push_back(i);
  }
  if (Status s = copier_->submit(); !s) return s;
  for (size_t i : acquired_) {
    // The copies were submitted first: queue order makes them visible to the compositor.
    std::lock_guard lock(ctx_.queue_mutex());
    if (Status s = headset.handle_result("xrReleaseSwapchainImage", quads_[i].swapchain->release()); !s) return s;
    if (headset.session_lost()) return Status::success();
  }
  for (size_t i = 0; i < player.size(); ++i) player.set_hole(i, quads_[i].copied != nullptr);
  return Status::success();
}

std::span<const XrCompositionLayerBaseHeader* const> XrQuadPanels::layers(XrSpace space, const PanelPlayer& player,
                                                                          glm::vec3 head_world) {
  order_.clear();
  for (size_t i = 0; i < quads_.size(); ++i)
    if (quads_[i].copied) order_.push_back(i);
  auto distance2 = [&](size_t i) {
    const glm::vec3 d = player.panel(i).T_world_panel.position - head_world;
    return glm::dot(d, d);
  };
  std::sort(order_.begin(), order_.end(), [&](size_t a, size_t b) { return distance2(a) > distance2(b); });
  layers_.clear();
  headers_.clear();
  for (size_t i : order_) {
    const wv::Pose& T_world_panel = player.panel(i).T_world_panel;
    const glm::quat& q = T_world_panel.orientation;
    const XrPosef pose{{q.x, q.y, q.z, q.w},
                       {T_world_panel.position.x, T_world_panel.position.y, T_world_panel.position.z}};
    const glm::vec2 size_m = player.draws()[i].size_m;  // hover grows it, as for projection panels
    layers_.push_back(xr::quad_layer(space, *quads_[i].swapchain, pose, {size_m.x, size_m.y}));
  }
  for (const XrCompositionLayerQuad& layer : layers_) headers_.push_back(xr::as_header(layer));
  return headers_;
}

}  // namespace wv::app
