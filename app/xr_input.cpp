#include "app/xr_input.h"

namespace wv::app {

PointerInput pointer_input(const std::array<xr::ControllerState, 2>& controllers) {
  PointerInput input;
  for (size_t h = 0; h < controllers.size(); ++h) {
    const xr::ControllerState& c = controllers[h];
    PointerState& p = input.hands[h];
    p.active = c.aim_valid;
    const XrPosef& aim = c.T_world_aim;
    p.T_world_pointer = {{aim.position.x, aim.position.y, aim.position.z},
                         glm::quat(aim.orientation.w, aim.orientation.x, aim.orientation.y, aim.orientation.z)};
    p.select = c.select;
    p.grab = c.grab;
    p.scroll = {c.thumbstick.x, c.thumbstick.y};
    p.menu = c.menu;
  }
  return input;
}

}  // namespace wv::app
