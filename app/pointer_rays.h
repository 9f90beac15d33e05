// app/pointer_rays.h — what the user sees of each active pointer: a ray from the pointer to the
// point where it meets its hovered panel, or kMissLength_m ahead when it meets none, so the
// user sees where they point before anything highlights. XR now; desktop mode draws no rays
// for the mouse (the cursor is the pointer there).
//
//   wv::app::InteractionEffects fx = interaction.update(input, shapes, dt_s);
//   wv::app::pointer_rays(input, fx, rays);
//   renderer.render(target, views, panels, env, {.rays = rays});
//
// Threading: the render thread.
#pragma once

#include <vector>

#include "app/interaction.h"
#include "app/pointer_input.h"
#include "renderer/renderer.h"

namespace wv::app {

constexpr float kMissLength_m = 3.0f;
// sRGB: a light blue that reads against the dark room and the panels; brighter while hovering.
constexpr glm::vec4 kRayColor{0.25f, 0.75f, 1.0f, 0.5f};
constexpr glm::vec4 kRayHoverColor{0.25f, 0.75f, 1.0f, 0.9f};

// Replaces `out` with one ray per active hand.
void pointer_rays(const PointerInput& input, const InteractionEffects& fx, std::vector<renderer::RayDraw>& out);

}  // namespace wv::app
