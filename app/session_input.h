// app/session_input.h — a session script (app/session_script.h) played as input: each action
// becomes a few frames of what a person would do, a pointer ray from the viewer's eye aimed at a
// console control (where the console drew it, app/ui_controls.h) or at a panel, the trigger or
// grip pulled and let go, keys pressed, text typed. The frames go through the same paths as a
// controller's or a mouse's: UiLayer routes the ray, the console's ImGui reacts, Interaction
// selects and grabs panels.
//
//   wv::app::SessionInput session(std::move(*script));
//   auto in = session.next(t_s, eye, ui, player);         // every frame, before ui.update()
//   if (!in) fail(in.error());                            // "demo.txt:4: click save: ..."
//   PointerInput scene = ui.update(in->pointer, in->keys, player, selected, dt_s, t_s);
//
// Macros: steer/branch TEXT = Prompt tab, the keyboard's clear, the prompt field, TEXT typed,
// Steer/Branch; save FILE = Workspace tab, the Save-as field, FILE typed, Save as; record N FILE =
// select N, Playback tab, the Record panel file field, FILE typed, the Record panel toggle
// (record view FILE: the view's field and toggle); stop-record N|view = the toggle again; rate P S
// = select P, Review tab, the S-star button; note TEXT = Review tab, the note field, TEXT typed,
// Add note; note-at U V TEXT = the pointer on that point of the console's panel, then as note
// with Add at pointer; export DIR = Review tab, the export field, DIR typed, Export.
// Threading: the render thread.
#pragma once

#include <deque>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "app/panel_player.h"
#include "app/session_script.h"
#include "app/ui_layer.h"

namespace wv::app {

struct SessionFrameInput {
  PointerInput pointer;  // the right hand: the session's controller
  UiKeyboard keys;
};

class SessionInput {
 public:
  // Frames a drag turns the pointer over (then it lets go).
  static constexpr int kDragFrames = 10;

  explicit SessionInput(SessionScript script) : script_(std::move(script)) {}

  // This frame's input at display time t_s, the pointer starting at `eye`. Errors name the
  // script's line: a control the console does not show now, a panel that does not exist.
  Result<SessionFrameInput> next(double t_s, glm::vec3 eye, const UiLayer& ui, const PanelPlayer& player);
  // Actions not started yet (e.g. timed after the end of the run).
  size_t actions_left() const { return script_.actions().size() - next_action_; }

 private:
  struct Step {
    enum class Aim { None, Control, Panel, Turn, PanelPoint };
    Aim aim = Aim::None;
    std::string control;  // Aim::Control
    size_t panel = 0;     // Aim::Panel
    glm::vec2 uv{0.5f};   // Aim::PanelPoint: on the console's panel, 0..1 from its left, top
    float turn = 0.0f;    // Aim::Turn: fraction of the drag's turn
    bool select = false, grab = false;
    std::string typed;
    std::optional<UiKey> key;
    const SessionAction* action = nullptr;
  };
  void expand(const SessionAction& action);
  void click(const std::string& control, const SessionAction& action);
  void select(size_t panel, const SessionAction& action);  // point at the panel, pull the trigger
  void type_into(const std::string& field, const std::string& text, const std::string& button, const SessionAction& action);

  SessionScript script_;
  size_t next_action_ = 0;
  std::deque<Step> steps_;
  glm::vec3 drag_direction_{0.0f, 0.0f, -1.0f};  // where the pointer aimed when the drag began
};

}  // namespace wv::app
