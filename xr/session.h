// xr/session.h — one OpenXR session and what lives exactly as long as it: the world space
// (STAGE where the runtime has it, else LOCAL lowered to the floor), the VIEW space, and one
// color swapchain per view of the stereo view configuration.
//
//   auto session = wv::xr::Session::create(instance, vulkan, {.eye_height_m = 1.5f});
//   XrSpace world = (*session)->world_space();     // panels, views and layers live in it
//   (*session)->view_swapchain(0).acquire(index);
//
// The state machine (begin/end, loss, exit) is the Headset's (xr/headset.h); a lost session is
// destroyed and a new one made, so nothing here survives a loss. Threading: the render thread.
#pragma once

#include <memory>
#include <vector>

#include <openxr/openxr.h>

#include "wv/result.h"
#include "xr/instance.h"
#include "xr/swapchain.h"
#include "xr/vulkan_device.h"

namespace wv::xr {

struct SessionParams {
  // With LOCAL (origin at the head when the app started) the world is lowered by this much, so
  // the workspace's floor-based coordinates stay right. STAGE needs no guess.
  float eye_height_m = 1.5f;
  XrViewConfigurationType view_configuration = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO;
};

class Session {
 public:
  static Result<std::unique_ptr<Session>> create(const Instance& instance, const VulkanDevice& vulkan,
                                                 const SessionParams& params = {});
  ~Session();  // swapchains, spaces, then the session
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  XrSession handle() const { return session_; }
  const SessionParams& params() const { return params_; }
  XrSpace world_space() const { return world_space_; }
  XrReferenceSpaceType world_space_type() const { return world_type_; }
  XrSpace view_space() const { return view_space_; }
  XrEnvironmentBlendMode blend_mode() const { return blend_mode_; }
  uint32_t view_count() const { return uint32_t(swapchains_.size()); }
  Swapchain& view_swapchain(uint32_t view) { return *swapchains_.at(view); }

  // Moves the world origin under the head at `time`, turned to where the head looks (yaw only),
  // floor kept: what "recenter" means to a person standing among panels.
  Status recenter(XrTime time);

 private:
  Session() = default;
  Status create_world_space(const XrPosef& T_reference_world);

  SessionParams params_;
  XrSession session_ = XR_NULL_HANDLE;
  XrReferenceSpaceType world_type_ = XR_REFERENCE_SPACE_TYPE_STAGE;
  XrSpace world_space_ = XR_NULL_HANDLE;
  XrSpace reference_space_ = XR_NULL_HANDLE;  // the world space's reference, un-offset
  XrSpace view_space_ = XR_NULL_HANDLE;
  XrEnvironmentBlendMode blend_mode_ = XR_ENVIRONMENT_BLEND_MODE_OPAQUE;
  std::vector<std::unique_ptr<Swapchain>> swapchains_;
};

}  // namespace wv::xr
