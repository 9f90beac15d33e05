#include "xr/quad_layer.h"

namespace wv::xr {

XrCompositionLayerQuad quad_layer(XrSpace space, const Swapchain& swapchain, const XrPosef& T_space_quad,
                                  XrExtent2Df size_m) {
  XrCompositionLayerQuad quad{XR_TYPE_COMPOSITION_LAYER_QUAD};
  // Blend by the image's alpha, which is straight: without UNPREMULTIPLIED the compositor would
  // take color * alpha as already applied and brighten translucent pixels.
  quad.layerFlags = XR_COMPOSITION_LAYER_BLEND_TEXTURE_SOURCE_ALPHA_BIT | XR_COMPOSITION_LAYER_UNPREMULTIPLIED_ALPHA_BIT;
  quad.space = space;
  quad.eyeVisibility = XR_EYE_VISIBILITY_BOTH;
  quad.subImage.swapchain = swapchain.handle();
  quad.subImage.imageRect = {{0, 0}, {int32_t(swapchain.params().width), int32_t(swapchain.params().height)}};
  quad.subImage.imageArrayIndex = 0;
  quad.pose = T_space_quad;
  quad.size = size_m;
  return quad;
}

}  // namespace wv::xr
