// The C API's in-world console for Vulkan hosts (wv/worldview_vulkan.h): the host's pointers and
// keys in, the console's state out.
#include <cmath>
#include <cstring>

#include <glm/gtc/quaternion.hpp>

#include "app/ui_layer.h"
#include "capi/call_result.h"
#include "capi/handles.h"
#include "capi/host_console.h"
#include "capi/vulkan_host.h"
#include "capi/workspace_state.h"
#include "wv/worldview_vulkan.h"

using namespace wv::capi;

namespace {

bool finite(const float* v, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(v[i])) return false;
  return true;
}

// A pose from C arrays; an Error names `what` when it is not finite or not a unit rotation.
wv::Result<wv::Pose> pose_from(const float position[3], const float xyzw[4], const std::string& what) {
  if (!finite(position, 3) || !finite(xyzw, 4)) return wv::Error{what + ": not a finite number"};
  const glm::quat q(xyzw[3], xyzw[0], xyzw[1], xyzw[2]);
  if (std::abs(glm::length(q) - 1.0f) > 1e-3f) {
    return wv::Error{what + ".orientation_xyzw: not a unit quaternion (length " + std::to_string(glm::length(q)) + ")"};
  }
  return wv::Pose{glm::vec3(position[0], position[1], position[2]), glm::normalize(q)};
}

constexpr wv::app::UiKey kKeys[] = {wv::app::UiKey::Tab,    wv::app::UiKey::Left,      wv::app::UiKey::Right,
                                    wv::app::UiKey::Up,     wv::app::UiKey::Down,      wv::app::UiKey::Home,
                                    wv::app::UiKey::End,    wv::app::UiKey::Delete,    wv::app::UiKey::Backspace,
                                    wv::app::UiKey::Enter,  wv::app::UiKey::Escape};

constexpr size_t kMaxTypedBytes = 4096;

}  // namespace

extern "C" {

wv_vk_console_params wv_vk_console_default_params(void) {
  const wv::Pose pose = wv::app::console_pose(1.6f);
  wv_vk_console_params p{};
  p.position_m[0] = pose.position.x;
  p.position_m[1] = pose.position.y;
  p.position_m[2] = pose.position.z;
  p.orientation_xyzw[0] = pose.orientation.x;
  p.orientation_xyzw[1] = pose.orientation.y;
  p.orientation_xyzw[2] = pose.orientation.z;
  p.orientation_xyzw[3] = pose.orientation.w;
  return p;
}

wv_result wv_vk_console_create(wv_vk_renderer renderer, wv_workspace workspace_handle,
                               const wv_vk_console_params* params, wv_vk_console* out_console) {
  return guarded([&] {
    if (!out_console) return null_argument("wv_vk_console_create", "out_console");
    *out_console = nullptr;
    auto host = find_handle<VulkanHost>(renderer);
    if (!host) return invalid_handle("wv_vk_console_create", "renderer");
    auto workspace = find_handle<WorkspaceState>(workspace_handle);
    if (!workspace) return invalid_handle("wv_vk_console_create", "workspace");
    if (!params) return null_argument("wv_vk_console_create", "params");
    auto pose = pose_from(params->position_m, params->orientation_xyzw, "wv_vk_console_create: params");
    if (!pose) return fail(WV_ERROR_INVALID_ARGUMENT, pose.error().message);
    auto console = host->add_console(std::move(workspace), *pose);
    if (!console) return fail(WV_ERROR_INVALID_ARGUMENT, "wv_vk_console_create: " + console.error().message);
    *out_console = add_handle<wv_vk_console>(std::make_shared<ConsoleHandle>(ConsoleHandle{host, *console}));
    return WV_OK;
  });
}

wv_result wv_vk_console_destroy(wv_vk_console handle) {
  return guarded([&] {
    auto console = remove_handle<ConsoleHandle>(handle);
    if (!console) return invalid_handle("wv_vk_console_destroy", "console");
    if (auto host = console->host.lock()) host->remove_console(*console->console);
    return WV_OK;
  });
}

wv_result wv_vk_console_input(wv_vk_console handle, const wv_vk_input* input, double display_time_s,
                              wv_vk_console_state* out_state) {
  return guarded([&] {
    auto console = find_handle<ConsoleHandle>(handle);
    if (!console) return invalid_handle("wv_vk_console_input", "console");
    if (!input) return null_argument("wv_vk_console_input", "input");
    if (!std::isfinite(display_time_s)) {
      return fail(WV_ERROR_INVALID_ARGUMENT, "wv_vk_console_input: display_time_s is not a finite number");
    }
    wv::app::PointerInput pointers;
    for (size_t h = 0; h < 2; ++h) {
      const wv_vk_pointer& in = input->hands[h];
      if (!in.active) continue;
      const std::string what = "wv_vk_console_input: input->hands[" + std::to_string(h) + "]";
      auto pose = pose_from(in.position_m, in.orientation_xyzw, what);
      if (!pose) return fail(WV_ERROR_INVALID_ARGUMENT, pose.error().message);
      if (!finite(in.scroll, 2)) return fail(WV_ERROR_INVALID_ARGUMENT, what + ".scroll: not a finite number");
      wv::app::PointerState& p = pointers.hands[h];
      p.active = true;
      p.T_world_pointer = *pose;
      p.select = in.select != 0;
      p.grab = in.grab != 0;
      p.scroll = glm::clamp(glm::vec2(in.scroll[0], in.scroll[1]), -1.0f, 1.0f);
    }
    wv::app::UiKeyboard keys;
    if (input->text) {
      const size_t n = strnlen(input->text, kMaxTypedBytes + 1);
      if (n > kMaxTypedBytes) {
        return fail(WV_ERROR_INVALID_ARGUMENT, "wv_vk_console_input: input->text is longer than " +
                                                   std::to_string(kMaxTypedBytes) + " bytes");
      }
      keys.typed.assign(input->text, n);
    }
    for (size_t k = 0; k < std::size(kKeys); ++k) keys.held[size_t(kKeys[k])] = (input->keys_held >> k) & 1u;
    keys.ctrl = (input->keys_held & WV_KEY_CTRL) != 0;
    keys.shift = (input->keys_held & WV_KEY_SHIFT) != 0;

    console->console->update(pointers, keys, display_time_s);
    if (out_state) {
      const auto on = console->console->on_console();
      const wv::app::UiLayer& layer = console->console->layer();
      out_state->on_console[0] = on[0] ? 1 : 0;
      out_state->on_console[1] = on[1] ? 1 : 0;
      out_state->wants_text = layer.wants_text() ? 1 : 0;
      out_state->panel = console->console->workspace().panels().empty() ? -1 : int64_t(layer.console().target());
    }
    return WV_OK;
  });
}

wv_result wv_vk_console_control(wv_vk_console handle, const char* name, float out_position_m[3]) {
  return guarded([&] {
    auto console = find_handle<ConsoleHandle>(handle);
    if (!console) return invalid_handle("wv_vk_console_control", "console");
    if (!name) return null_argument("wv_vk_console_control", "name");
    if (!out_position_m) return null_argument("wv_vk_console_control", "out_position_m");
    const std::optional<glm::vec3> at = console->console->layer().control_position(name);
    if (!at) {
      return fail(WV_ERROR_NOT_FOUND, std::string("wv_vk_console_control: the console shows no \"") + name +
                                          "\" now (is its tab open?)");
    }
    std::memcpy(out_position_m, &at->x, sizeof(float) * 3);
    return WV_OK;
  });
}

}  // extern "C"
