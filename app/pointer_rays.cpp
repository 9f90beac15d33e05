#include "app/pointer_rays.h"

namespace wv::app {

void pointer_rays(const PointerInput& input, const InteractionEffects& fx, std::vector<renderer::RayDraw>& out) {
  out.clear();
  for (size_t hand = 0; hand < input.hands.size(); ++hand) {
    const PointerState& p = input.hands[hand];
    if (!p.active) continue;
    const bool hovering = fx.hovered[hand].has_value();
    const float length_m = hovering ? fx.hit_distance_m[hand] : kMissLength_m;
    const glm::vec3 direction = p.T_world_pointer.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    renderer::RayDraw ray;
    ray.from_world = p.T_world_pointer.position;
    ray.to_world = ray.from_world + length_m * direction;
    ray.color = hovering ? kRayHoverColor : kRayColor;
    out.push_back(ray);
  }
}

}  // namespace wv::app
