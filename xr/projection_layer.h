// xr/projection_layer.h — the stereo projection layer of one frame: each view's pose and field
// of view as located for the frame, and the whole of that view's swapchain image.
//
//   wv::xr::ProjectionLayer layer;
//   layer.fill(session, frame, false);                // after rendering and releasing the images
//   const XrCompositionLayerBaseHeader* layers[] = {layer.header()};
//   headset.end_frame(frame, layers);
//
// Holds the structs xrEndFrame reads, so it must live until end_frame returns.
#pragma once

#include <array>

#include <openxr/openxr.h>

#include "xr/headset.h"
#include "xr/session.h"

namespace wv::xr {

class ProjectionLayer {
 public:
  // layers_beneath: quad layers are submitted before this one and show through its alpha.
  void fill(Session& session, const FrameViews& frame, bool layers_beneath);
  const XrCompositionLayerBaseHeader* header() const {
    return reinterpret_cast<const XrCompositionLayerBaseHeader*>(&layer_);
  }

 private:
  std::array<XrCompositionLayerProjectionView, 2> views_{};
  XrCompositionLayerProjection layer_{XR_TYPE_COMPOSITION_LAYER_PROJECTION};
};

}  // namespace wv::xr
