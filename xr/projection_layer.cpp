#include "xr/projection_layer.h"

namespace wv::xr {

void ProjectionLayer::fill(Session& session, const FrameViews& frame, bool layers_beneath) {
  WV_ASSERT(session.view_count() == views_.size());
  for (uint32_t i = 0; i < views_.size(); ++i) {
    const SwapchainParams& image = session.view_swapchain(i).params();
    XrCompositionLayerProjectionView& v = views_[i];
    v = {XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW};
    v.pose = frame.views[i].pose;
    v.fov = frame.views[i].fov;
    v.subImage.swapchain = session.view_swapchain(i).handle();
    v.subImage.imageRect = {{0, 0}, {int32_t(image.width), int32_t(image.height)}};
    v.subImage.imageArrayIndex = 0;
  }
  layer_ = {XR_TYPE_COMPOSITION_LAYER_PROJECTION};
  // The sky covers every pixel with alpha 1 except the holes left for quad layers beneath
  // (xr/quad_layer.h); the image is premultiplied (a hole is 0, 0, 0, 0). Without layers
  // beneath there is nothing to blend with.
  layer_.layerFlags = layers_beneath ? XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT : 0;
  layer_.space = session.world_space();
  layer_.viewCount = uint32_t(views_.size());
  layer_.views = views_.data();
}

}  // namespace wv::xr
