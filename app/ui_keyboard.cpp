#include "app/ui_keyboard.h"

#include <imgui.h>

#include <cctype>

namespace wv::app {
namespace {

constexpr const char* kRows[] = {"1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm,.?"};  // session_script.cpp too
constexpr float kKey = 34.0f;  // pixels: a key a ray can hit at arm's length

void drop_last_character(std::string& text) {
  // Back over UTF-8 continuation bytes (10xxxxxx) to the start of the last character.
  size_t end = text.size();
  while (end > 0 && (uint8_t(text[end - 1]) & 0xC0) == 0x80) --end;
  text.resize(end > 0 ? end - 1 : 0);
}

}  // namespace

KeyboardAction virtual_keyboard(std::string& text, size_t max_bytes, UiControls* controls) {
  static_assert(sizeof(kRows) / sizeof(kRows[0]) == 4);
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID caps_id = ImGui::GetID("caps");
  bool caps = storage->GetBool(caps_id, false);
  KeyboardAction action = KeyboardAction::None;
  ImGui::PushID("keyboard");
  for (const char* row : kRows) {
    for (const char* c = row; *c; ++c) {
      if (c != row) ImGui::SameLine();
      const char key = caps ? char(std::toupper(uint8_t(*c))) : *c;
      const char label[2] = {key, 0};
      if (ImGui::Button(label, ImVec2(kKey, kKey)) && text.size() < max_bytes) {
        text.push_back(key);
        action = KeyboardAction::Edited;
      }
      const char name[5] = {'k', 'b', ':', *c, 0};  // by its lower-case character: "kb:r"
      mark_control(controls, name);
    }
  }
  if (ImGui::Button(caps ? "CAPS" : "caps", ImVec2(2 * kKey, kKey))) storage->SetBool(caps_id, !caps);
  mark_control(controls, "kb:caps");
  ImGui::SameLine();
  if (ImGui::Button("space", ImVec2(4 * kKey, kKey)) && text.size() < max_bytes) {
    text.push_back(' ');
    action = KeyboardAction::Edited;
  }
  mark_control(controls, "kb:space");
  ImGui::SameLine();
  if (ImGui::Button("<-", ImVec2(kKey * 1.5f, kKey)) && !text.empty()) {
    drop_last_character(text);
    action = KeyboardAction::Edited;
  }
  mark_control(controls, "kb:back");
  ImGui::SameLine();
  if (ImGui::Button("clear", ImVec2(kKey * 1.5f, kKey)) && !text.empty()) {
    text.clear();
    action = KeyboardAction::Edited;
  }
  mark_control(controls, "kb:clear");
  ImGui::SameLine();
  if (ImGui::Button("enter", ImVec2(kKey * 2.0f, kKey))) action = KeyboardAction::Enter;
  mark_control(controls, "kb:enter");
  ImGui::PopID();
  return action;
}

}  // namespace wv::app
