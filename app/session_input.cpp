#include "app/session_input.h"

#include <glm/gtc/quaternion.hpp>

namespace wv::app {
namespace {

std::optional<UiKey> ui_key(const std::string& name) {
  constexpr std::pair<const char*, UiKey> kKeys[] = {
      {"enter", UiKey::Enter}, {"backspace", UiKey::Backspace}, {"delete", UiKey::Delete},
      {"left", UiKey::Left},   {"right", UiKey::Right},         {"home", UiKey::Home},
      {"end", UiKey::End},     {"tab", UiKey::Tab},             {"escape", UiKey::Escape}};
  for (const auto& [key_name, key] : kKeys)
    if (name == key_name) return key;
  return std::nullopt;
}

}  // namespace

void SessionInput::click(const std::string& control, const SessionAction& action) {
  // Hover first, as a hand comes to a button before pressing it; ImGui acts on the release.
  steps_.push_back({.aim = Step::Aim::Control, .control = control, .action = &action});
  steps_.push_back({.aim = Step::Aim::Control, .control = control, .select = true, .action = &action});
  steps_.push_back({.aim = Step::Aim::Control, .control = control, .action = &action});
}

void SessionInput::select(size_t panel, const SessionAction& action) {
  steps_.push_back({.aim = Step::Aim::Panel, .panel = panel, .action = &action});
  steps_.push_back({.aim = Step::Aim::Panel, .panel = panel, .select = true, .action = &action});
  steps_.push_back({.aim = Step::Aim::Panel, .panel = panel, .action = &action});
}

void SessionInput::type_into(const std::string& field, const std::string& text, const std::string& button,
                             const SessionAction& action) {
  click(field, action);
  steps_.push_back({.typed = text, .action = &action});
  click(button, action);
}

void SessionInput::expand(const SessionAction& a) {
  using Kind = SessionAction::Kind;
  switch (a.kind) {
    case Kind::Click: click(a.text, a); break;
    case Kind::Tab: click("tab:" + a.text, a); break;
    case Kind::Type: steps_.push_back({.typed = a.text, .action = &a}); break;
    case Kind::Key:
      steps_.push_back({.key = ui_key(a.text), .action = &a});
      steps_.push_back({.action = &a});
      break;
    case Kind::Select: select(a.panel, a); break;
    case Kind::Drag:
      steps_.push_back({.aim = Step::Aim::Panel, .panel = a.panel, .action = &a});
      steps_.push_back({.aim = Step::Aim::Panel, .panel = a.panel, .grab = true, .action = &a});
      for (int k = 1; k <= kDragFrames; ++k)
        steps_.push_back({.aim = Step::Aim::Turn, .turn = float(k) / kDragFrames, .grab = true, .action = &a});
      steps_.push_back({.aim = Step::Aim::Turn, .turn = 1.0f, .action = &a});
      break;
    case Kind::Steer:
    case Kind::Branch:
      click("tab:prompt", a);
      click("kb:clear", a);
      type_into("prompt", a.text, a.kind == Kind::Steer ? "steer" : "branch", a);
      break;
    case Kind::Save:
      click("tab:workspace", a);
      type_into("save-as-name", a.text, "save-as", a);
      break;
    case Kind::Open:
      click("tab:workspace", a);
      type_into("open-path", a.text, "open", a);
      break;
    case Kind::Rate:
      select(a.panel, a);
      click("tab:review", a);
      click("rate:" + std::to_string(a.stars), a);
      break;
    case Kind::Note:
      click("tab:review", a);
      type_into("note-text", a.text, "add-note", a);
      break;
    case Kind::NoteAt:
      // The console remembers where the pointer last met a panel; the note is pinned there.
      steps_.push_back({.aim = Step::Aim::PanelPoint, .uv = {a.u, a.v}, .action = &a});
      click("tab:review", a);
      type_into("note-text", a.text, "add-note-at-point", a);
      break;
    case Kind::Export:
      click("tab:review", a);
      type_into("export-folder", a.text, "export", a);
      break;
    case Kind::Record:
    case Kind::StopRecord: {
      if (!a.view) select(a.panel, a);
      click("tab:playback", a);
      const std::string toggle = a.view ? "record-view" : "record-panel";
      if (a.kind == Kind::Record) {
        click(toggle + "-file", a);
        steps_.push_back({.typed = a.text, .action = &a});
      }
      click(toggle, a);
      break;
    }
  }
}

Result<SessionFrameInput> SessionInput::next(double t_s, glm::vec3 eye, const UiLayer& ui, const PanelPlayer& player) {
  const auto& actions = script_.actions();
  if (steps_.empty() && next_action_ < actions.size() && actions[next_action_].at_s <= t_s)
    expand(actions[next_action_++]);
  SessionFrameInput in;
  if (steps_.empty()) return in;
  const Step step = std::move(steps_.front());
  steps_.pop_front();
  const auto bad = [&](const std::string& why) {
    return Error{script_.name() + ":" + std::to_string(step.action->line) + ": " + why};
  };

  in.keys.typed = step.typed;
  if (step.key) in.keys.held[size_t(*step.key)] = true;
  if (step.aim == Step::Aim::None) return in;
  glm::vec3 direction = drag_direction_;
  if (step.aim == Step::Aim::Control) {
    const std::optional<glm::vec3> at = ui.control_position(step.control);
    if (!at) return bad("the console shows no \"" + step.control + "\" now (is its tab open, its panel a rollout?)");
    direction = glm::normalize(*at - eye);
  } else if (step.aim == Step::Aim::Panel) {
    if (step.panel >= player.size())
      return bad("there is no panel " + std::to_string(step.panel) +
                 (player.size() == 0 ? std::string(" (there are none)")
                                     : " (the panels are 0 to " + std::to_string(player.size() - 1) + ")"));
    direction = glm::normalize(player.panel(step.panel).T_world_panel.position - eye);
    drag_direction_ = direction;
  } else if (step.aim == Step::Aim::PanelPoint) {
    const size_t target = ui.console().target();
    if (target >= player.size()) return bad("there is no panel to point at");
    const Panel& panel = player.panel(target);
    const glm::vec3 local{(step.uv.x - 0.5f) * panel.size_m.x, (0.5f - step.uv.y) * panel.size_m.y, 0.0f};
    direction = glm::normalize(panel.T_world_panel.position + panel.T_world_panel.orientation * local - eye);
  } else {  // Turn: the drag's aim, turned right (about up) and up (about the aim's right)
    const SessionAction& a = *step.action;
    const glm::vec3 up{0.0f, 1.0f, 0.0f};
    const glm::vec3 right = glm::normalize(glm::cross(drag_direction_, up));
    const glm::quat turn = glm::angleAxis(glm::radians(-a.yaw_deg * step.turn), up) *
                           glm::angleAxis(glm::radians(a.pitch_deg * step.turn), right);
    direction = turn * drag_direction_;
  }
  PointerState& hand = in.pointer.hands[kRight];
  hand.active = true;
  hand.T_world_pointer = wv::look_at(eye, eye + direction);
  hand.select = step.select;
  hand.grab = step.grab;
  return in;
}

}  // namespace wv::app
