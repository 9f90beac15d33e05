// xr/quad_layer.h — a flat panel the compositor draws itself from its own swapchain
// (XrCompositionLayerQuad, OpenXR 1.0 §10.5.3): sharper than drawing the panel into the
// projection layer (one resampling instead of two) and no rendering work for us.
//
//   XrCompositionLayerQuad quad = wv::xr::quad_layer(session.world_space(), swapchain, T_world_panel, size);
//   wv::xr::ProjectionLayer projection;
//   projection.fill(session, frame, /*layers_beneath=*/true);
//   const XrCompositionLayerBaseHeader* layers[] = {as_header(quad), projection.header()};
//
// Layers are composited in submission order (painter's order), so quads go beneath the
// projection layer, sorted far to near, and the projection layer leaves a hole of alpha 0
// where each quad panel is visible (renderer::PanelDraw::hole): nearer panels of either kind
// cover farther ones, as depth would.
#pragma once

#include <openxr/openxr.h>

#include "xr/swapchain.h"

namespace wv::xr {

// The whole of `swapchain`'s last released image on a quad of `size_m` (width, height) centered
// at `T_space_quad`, front face toward its +Z, seen by both eyes. The images hold straight
// (unpremultiplied) alpha, as worldview's frames do; opaque video has alpha 1 everywhere.
XrCompositionLayerQuad quad_layer(XrSpace space, const Swapchain& swapchain, const XrPosef& T_space_quad,
                                  XrExtent2Df size_m);

inline const XrCompositionLayerBaseHeader* as_header(const XrCompositionLayerQuad& quad) {
  return reinterpret_cast<const XrCompositionLayerBaseHeader*>(&quad);
}

}  // namespace wv::xr
