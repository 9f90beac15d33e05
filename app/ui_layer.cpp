#include "app/ui_layer.h"

#include <ctime>

namespace wv::app {
namespace {

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

}  // namespace

wv::Pose console_pose(float eye_height_m) {
  const glm::vec3 eye{0.0f, eye_height_m, 0.0f};
  const glm::vec3 position{0.0f, eye_height_m - 0.42f, -1.0f};
  // look_at turns -Z toward its target: aim it away from the eye so the front (+Z) faces the eye.
  return wv::look_at(position, position + (position - eye));
}

UiLayer::UiLayer(renderer::Renderer& renderer, PanelActions& actions, const wv::Pose& T_world_console)
    : renderer_(renderer),
      actions_(actions),
      surface_(kConsolePixels),
      console_(actions),
      shape_{T_world_console, kConsoleSize_m},
      texture_(renderer.create_texture()) {}

UiLayer::~UiLayer() { renderer_.destroy_texture(texture_); }

PointerInput UiLayer::update(const PointerInput& input, const UiKeyboard& keys, std::span<const PanelShape> scene,
                             std::optional<size_t> selected, double dt_s, double t_s) {
  const double start = thread_cpu_s();
  const glm::ivec2 size_px = surface_.size_px();
  routing_ = router_.route(input, {&shape_, 1}, {&size_px, 1}, scene, dt_s);
  const InteractionEffects fx = grab_.update(routing_.ui_grab, {&shape_, 1}, dt_s);
  for (const auto& [surface, pose] : fx.moved) shape_.T_world_panel = pose;

  // The point a note can be pinned to: where a hand's ray (the right one first) meets a panel.
  for (const size_t hand : {kLeft, kRight}) {
    const PointerState& p = routing_.scene.hands[hand];
    if (!p.active) continue;
    const glm::vec3 direction = p.T_world_pointer.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    if (const auto hit = pick_panel(p.T_world_pointer.position, direction, scene))
      console_.pointer_hit({.panel = hit->panel, .uv = hit->uv});
  }
  if (selected) console_.set_target(*selected);
  actions_.update(t_s);
  const UiPointer pointer = routing_.surface ? routing_.pointer : UiPointer{};
  if (wv::FramePtr frame = surface_.frame(dt_s, pointer, keys, [&] { console_.build(t_s); }))
    renderer_.update_texture(texture_, std::move(frame));
  last_cpu_s_ = thread_cpu_s() - start;
  return routing_.scene;
}

std::optional<glm::vec3> UiLayer::control_position(const std::string& name) const {
  const auto it = console_.controls().find(name);
  if (it == console_.controls().end()) return std::nullopt;
  // The control's center, from surface pixels to the console's face in the world.
  const glm::vec2 px{(it->second.x + it->second.z) / 2.0f, (it->second.y + it->second.w) / 2.0f};
  const glm::vec3 local{(px.x / float(kConsolePixels.x) - 0.5f) * kConsoleSize_m.x,
                        (0.5f - px.y / float(kConsolePixels.y)) * kConsoleSize_m.y, 0.0f};
  return shape_.T_world_panel.position + shape_.T_world_panel.orientation * local;
}

std::span<const renderer::PanelDraw> UiLayer::draws(std::span<const renderer::PanelDraw> panels) {
  draws_.assign(panels.begin(), panels.end());
  draws_.push_back({.texture = texture_, .T_world_panel = shape_.T_world_panel.matrix(), .size_m = shape_.size_m});
  return draws_;
}

}  // namespace wv::app
