// shaders/embedded.h — the renderer's SPIR-V, compiled from this folder at build time.
//
//   VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
//   info.codeSize = wv::shaders::panel_vert.size_bytes;
//   info.pCode = wv::shaders::panel_vert.words;
#pragma once

#include <cstddef>
#include <cstdint>

namespace wv::shaders {

struct Spirv {
  const uint32_t* words;
  size_t size_bytes;
};

extern const Spirv environment_vert;  // full-screen triangle; world rays for the fragment stage
extern const Spirv environment_frag;  // sky gradient, horizon, floor grid; writes floor depth
extern const Spirv panel_vert;        // flat or curved panel mesh from gl_VertexIndex
extern const Spirv panel_frag;        // texture * opacity, anti-aliased edges, dark back face
extern const Spirv panel_hole_frag;   // transparent hole (alpha 0) where a quad layer shows the panel
extern const Spirv ray_vert;          // a pointer ray: a view-facing quad at least ~1.5 px wide
extern const Spirv ray_frag;          // ...in one flat color

}  // namespace wv::shaders
