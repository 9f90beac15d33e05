// app/xr_input.h — XR controllers as the pointer input interaction runs on (pointer_input.h).
//
//   wv::app::PointerInput input = wv::app::pointer_input(*headset->read_controllers(time));
#pragma once

#include <array>

#include "app/pointer_input.h"
#include "xr/controllers.h"

namespace wv::app {

PointerInput pointer_input(const std::array<xr::ControllerState, 2>& controllers);

}  // namespace wv::app
