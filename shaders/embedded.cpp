#include "shaders/embedded.h"

namespace wv::shaders {
namespace {

const uint32_t kEnvironmentVert[] = {
#include "environment.vert.inc"
};
const uint32_t kEnvironmentFrag[] = {
#include "environment.frag.inc"
};
const uint32_t kPanelVert[] = {
#include "panel.vert.inc"
};
const uint32_t kPanelFrag[] = {
#include "panel.frag.inc"
};
const uint32_t kPanelHoleFrag[] = {
#include "panel_hole.frag.inc"
};

const uint32_t kRayVert[] = {
#include "ray.vert.inc"
};
const uint32_t kRayFrag[] = {
#include "ray.frag.inc"
};

}  // namespace

const Spirv environment_vert{kEnvironmentVert, sizeof(kEnvironmentVert)};
const Spirv environment_frag{kEnvironmentFrag, sizeof(kEnvironmentFrag)};
const Spirv panel_vert{kPanelVert, sizeof(kPanelVert)};
const Spirv panel_frag{kPanelFrag, sizeof(kPanelFrag)};
const Spirv panel_hole_frag{kPanelHoleFrag, sizeof(kPanelHoleFrag)};
const Spirv ray_vert{kRayVert, sizeof(kRayVert)};
const Spirv ray_frag{kRayFrag, sizeof(kRayFrag)};

}  // namespace wv::shaders
