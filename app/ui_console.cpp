#include "app/ui_console.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "app/ui_keyboard.h"
#include "model/rollout_engine.h"
#include "wv/log.h"

namespace wv::app {
namespace {

// Prompts to start from (the built-in model's vocabulary: colors, counts, shapes, rooms).
constexpr const char* kPresets[] = {
    "three red balls in a dark blue room",
    "two green balls and a yellow box in a black room",
    "one white ball in a grey room",
    "four blue boxes in a dark red room",
};

const ImVec4 kErrorColor{1.0f, 0.45f, 0.4f, 1.0f};
const ImVec4 kQuietColor{0.65f, 0.68f, 0.72f, 1.0f};

// A disabled control that says why when hovered.
void disabled_reason(bool disabled, const char* why) {
  if (disabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", why);
}

}  // namespace

void UiConsole::set_target(size_t panel) {
  if (panel == target_ || panel >= control_.size()) return;
  target_ = panel;
  prompt_for_target_ = false;  // the field follows the new panel's prompt
  status_at_s_ = -1.0;
}

void UiConsole::report(const Status& s, const std::string& done) {
  message_is_error_ = !s;
  message_ = s ? done : s.error().message;
  // The log keeps what the user did from inside the scene (and scripted runs can be checked).
  if (s) wv::log_info("console: " + message_);
  else wv::log_warn("console: " + message_);
}

UiRecordControls::Report UiConsole::reporter() {
  return [this](const Status& s, const std::string& done) { report(s, done); };
}

void UiConsole::follow_opened_workspace() {
  // Another workspace's panels: what the console held per panel was of the old ones.
  opens_seen_ = control_.opens();
  target_ = 0;
  prompt_for_target_ = false;
  status_at_s_ = -1.0;
  thumbnails_ = {};
  pointer_hit_.reset();
}

void UiConsole::build(double t_s) {
  if (control_.opens() != opens_seen_) follow_opened_workspace();
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("worldview", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  controls_.clear();
  if (control_.size() == 0) {
    // The Workspace tab alone: Open brings panels into an empty room.
    ImGui::TextWrapped("No panels. Open a workspace or a video below, or start with --prompt TEXT, --open FILE or "
                       "--workspace FILE.");
    if (ImGui::BeginTabBar("tabs")) {
      workspace_tab(t_s);
      ImGui::EndTabBar();
    }
    ImGui::End();
    return;
  }
  target_ = std::min(target_, control_.size() - 1);
  for (size_t i = 0; i < control_.size(); ++i) thumbnails_.add(i, control_.shown(i));
  target_list();
  status_lines(t_s);
  if (ImGui::BeginTabBar("tabs")) {
    // Each tab's rectangle is marked whether or not it is the open one.
    const bool prompt_open = ImGui::BeginTabItem("Prompt");
    mark_control(&controls_, "tab:prompt");
    if (prompt_open) {
      prompt_tab(t_s);
      ImGui::EndTabItem();
    }
    const bool playback_open = ImGui::BeginTabItem("Playback");
    mark_control(&controls_, "tab:playback");
    if (playback_open) {
      playback_tab(t_s);
      ImGui::EndTabItem();
    }
    workspace_tab(t_s);
    const bool review_open = ImGui::BeginTabItem("Review");
    mark_control(&controls_, "tab:review");
    if (review_open) {
      const auto report_action = [this](const Status& s, const std::string& done) { report(s, done); };
      if (const auto picked = review_tab_.build(control_, target_, pointer_hit_, t_s, report_action, controls_))
        set_target(*picked);
      message_line();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void UiConsole::workspace_tab(double t_s) {
  const bool open = ImGui::BeginTabItem("Workspace");
  mark_control(&controls_, "tab:workspace");
  if (!open) return;
  if (const auto added = workspace_tab_.build(control_, prompt_, target_, t_s, reporter(), controls_))
    set_target(*added);
  if (control_.opens() != opens_seen_) follow_opened_workspace();
  message_line();
  ImGui::EndTabItem();
}

void UiConsole::target_list() {
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::BeginCombo("##panel", control_.name(target_).c_str())) {
    for (size_t i = 0; i < control_.size(); ++i)
      if (ImGui::Selectable(control_.name(i).c_str(), i == target_)) set_target(i);
    ImGui::EndCombo();
  }
}

void UiConsole::status_lines(double t_s) {
  if (status_at_s_ < 0.0 || t_s - status_at_s_ >= kStatusRefresh_s) {
    shown_status_ = control_.status(target_);
    status_at_s_ = t_s;
  }
  const PanelStatus& s = shown_status_;
  char latency[32] = "none yet";
  if (s.steer_latency_ms >= 0.0) std::snprintf(latency, sizeof latency, "%.0f ms", s.steer_latency_ms);
  ImGui::Text("%s%s%s | frame %lld | %.1f fps | speed %s", s.kind.c_str(), s.model.empty() ? "" : " ",
              s.model.c_str(), (long long)s.frame, s.shown_fps, s.speed > 0.0 ? "" : "paused");
  if (s.speed > 0.0) {
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::Text("%.2fx", s.speed);
  }
  // Always a line, so the controls below stay where they are whatever the panel shows.
  if (s.kind == "rollout")
    ImGui::TextColored(kQuietColor, "lookahead %zu/%zu | last steer %s", s.lookahead, s.lookahead_capacity, latency);
  else
    ImGui::TextColored(kQuietColor, "lookahead n/a | steering n/a (not a rollout computed here)");
  if (!s.error.empty()) ImGui::TextColored(kErrorColor, "error: %s", s.error.c_str());
  record_.indicator(control_.recordings(), target_, t_s, reporter());
}

void UiConsole::steer() {
  if (prompt_.empty()) {
    report(Error{"nothing to steer with: type a prompt"}, "");
    return;
  }
  const Status s = control_.steer(target_, prompt_);
  report(s, "steered " + control_.name(target_) + " to \"" + prompt_ + "\"");
  if (!s) return;
  remember(prompt_);
  status_at_s_ = -1.0;
}

void UiConsole::message_line() const {
  if (message_.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, message_is_error_ ? kErrorColor : kQuietColor);
  ImGui::TextWrapped("%s", message_.c_str());
  ImGui::PopStyleColor();
}

void UiConsole::remember(const std::string& prompt) {
  std::erase(history_, prompt);
  history_.insert(history_.begin(), prompt);
  if (history_.size() > kMaxHistory) history_.resize(kMaxHistory);
}

void UiConsole::branch(double t_s) {
  if (prompt_.empty()) {
    report(Error{"nothing to branch with: type a prompt"}, "");
    return;
  }
  const Result<size_t> fork =
      control_.branch(target_, prompt_, branch_seed_ ? std::optional<uint64_t>(uint64_t(seed_)) : std::nullopt, t_s);
  if (!fork) {
    report(fork.error(), "");
    return;
  }
  report(Status::success(), "branched " + control_.name(target_) + " into " + control_.name(*fork) +
                                (branch_seed_ ? " with seed " + std::to_string(seed_) : ""));
  remember(prompt_);
  set_target(*fork);  // the console follows the new panel
}

void UiConsole::prompt_tab(double t_s) {
  const bool steerable = control_.steerable(target_);
  if (!prompt_for_target_ && !shown_status_.prompt.empty()) {
    prompt_ = shown_status_.prompt;
    prompt_for_target_ = true;
  }
  ImGui::SetNextItemWidth(-1.0f);
  const bool entered =
      ImGui::InputTextWithHint("##prompt", "a prompt for the panel", &prompt_, ImGuiInputTextFlags_EnterReturnsTrue);
  mark_control(&controls_, "prompt");
  if (entered && steerable) steer();
  if (prompt_.size() > model::kMaxPromptBytes) prompt_.resize(model::kMaxPromptBytes);

  ImGui::BeginDisabled(!steerable);
  if (ImGui::Button("Steer", ImVec2(120, 0))) steer();
  ImGui::EndDisabled();
  mark_control(&controls_, "steer");
  disabled_reason(!steerable, "only rollouts computed here can be steered");
  ImGui::SameLine();
  ImGui::BeginDisabled(!steerable);
  if (ImGui::Button("Branch", ImVec2(90, 0))) branch(t_s);
  ImGui::EndDisabled();
  mark_control(&controls_, "branch");
  disabled_reason(!steerable, "only rollouts computed here can be branched");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(160.0f);
  if (ImGui::BeginCombo("##presets", "presets")) {
    for (const char* preset : kPresets)
      if (ImGui::Selectable(preset)) prompt_ = preset;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::BeginDisabled(history_.empty());
  if (ImGui::BeginCombo("##history", "history")) {
    for (const std::string& old : history_)
      if (ImGui::Selectable(old.c_str())) prompt_ = old;
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();

  message_line();
  if (!shown_status_.unknown_words.empty()) {
    std::string words;
    for (const std::string& w : shown_status_.unknown_words) words += (words.empty() ? "" : ", ") + w;
    ImGui::TextColored(kErrorColor, "the model does not know: %s", words.c_str());
  }
  ImGui::Checkbox("branch with seed", &branch_seed_);
  mark_control(&controls_, "branch-seed");
  ImGui::SameLine();
  ImGui::BeginDisabled(!branch_seed_);
  ImGui::SetNextItemWidth(120.0f);
  ImGui::InputInt("##branch_seed", &seed_);
  seed_ = std::max(seed_, 0);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::Checkbox("keyboard", &keyboard_);
  if (keyboard_ && virtual_keyboard(prompt_, model::kMaxPromptBytes, &controls_) == KeyboardAction::Enter && steerable)
    steer();
}

void UiConsole::playback_tab(double t_s) {
  const size_t i = target_;
  const bool playing = control_.playing(i);
  if (ImGui::Button(playing ? "Pause" : "Play", ImVec2(90, 0))) control_.set_playing(i, !playing, t_s);
  mark_control(&controls_, "play");
  ImGui::SameLine();
  if (ImGui::Button("Restart", ImVec2(90, 0))) control_.restart(i, t_s);
  mark_control(&controls_, "restart");
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(90, 0))) control_.step(i, t_s);
  mark_control(&controls_, "step");

  float speed = float(playing ? shown_status_.speed : 1.0);
  ImGui::SetNextItemWidth(-60.0f);
  if (ImGui::SliderFloat("speed", &speed, 0.25f, 4.0f, "%.2fx", ImGuiSliderFlags_Logarithmic))
    control_.set_speed(i, std::max(speed, 0.25f), t_s);

  // Over the frames computed so far: seeking there needs no waiting for the model.
  if (scrub_bar_.build(control_, thumbnails_, i, shown_status_.frame, t_s, reporter(), controls_)) status_at_s_ = -1.0;
  ImGui::Separator();
  record_.build(control_.recordings(), i, control_.name(i), t_s, reporter(), controls_);
  message_line();
}

}  // namespace wv::app
