#include "app/prompt_panels.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace wv::app {
namespace {

struct Steer {
  size_t panel = 0;  // 1-based; 0: every prompt panel
  TimedText event;
};

Result<Steer> parse_steer(const std::string& text, size_t prompt_count) {
  const auto bad = [&](const std::string& why) {
    return Error{"--steer \"" + text + "\": " + why + " (expected [PANEL@]SECONDS:TEXT, e.g. 4:gravity flips)"};
  };
  Steer steer;
  std::string_view rest = text;
  if (const size_t at = rest.find('@'); at != std::string_view::npos && at < rest.find(':')) {
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + at, steer.panel);
    if (ec != std::errc() || end != rest.data() + at || steer.panel == 0) return bad("PANEL is not a whole number ≥ 1");
    if (steer.panel > prompt_count)
      return bad("there " + std::string(prompt_count == 1 ? "is 1 prompt panel" : "are " + std::to_string(prompt_count) + " prompt panels"));
    rest.remove_prefix(at + 1);
  }
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return bad("no ':' between the time and the text");
  const std::string seconds(rest.substr(0, colon));
  char* end = nullptr;
  steer.event.at_s = std::strtod(seconds.c_str(), &end);
  if (seconds.empty() || end != seconds.c_str() + seconds.size() || !std::isfinite(steer.event.at_s) ||
      steer.event.at_s < 0.0 || steer.event.at_s > workspace_limits::kMaxEventTime_s)
    return bad("SECONDS is not a time from 0 to 86400");
  steer.event.text = std::string(rest.substr(colon + 1));
  if (steer.event.text.empty()) return bad("empty TEXT");
  if (steer.event.text.size() > workspace_limits::kMaxTextBytes) return bad("TEXT is longer than 4096 bytes");
  return steer;
}

}  // namespace

Status add_prompt_panels(Workspace& workspace, const std::vector<std::string>& prompts,
                         const std::vector<std::string>& steers, const std::string& model, uint64_t first_seed) {
  if (!steers.empty() && prompts.empty()) return Error{"--steer needs at least one --prompt panel to steer"};
  if (workspace.panels.size() + prompts.size() > workspace_limits::kMaxPanels)
    return Error{"too many panels (at most " + std::to_string(workspace_limits::kMaxPanels) + ")"};
  if (!is_model_id(model)) return Error{"--model \"" + model + "\" is not a model id (see `worldview info`)"};
  const size_t first = workspace.panels.size();
  for (size_t i = 0; i < prompts.size(); ++i) {
    if (prompts[i].empty() || prompts[i].size() > workspace_limits::kMaxTextBytes)
      return Error{"--prompt " + std::to_string(i + 1) + ": a prompt is 1 to 4096 bytes"};
    PanelSpec panel;
    panel.source.kind = SourceSpec::Kind::Rollout;
    panel.source.rollout = {.model = model, .prompt = prompts[i], .seed = first_seed + i};
    workspace.panels.push_back(std::move(panel));
  }
  for (const std::string& text : steers) {
    auto steer = parse_steer(text, prompts.size());
    if (!steer) return steer.error();
    for (size_t i = 0; i < prompts.size(); ++i) {
      if (steer->panel != 0 && steer->panel != i + 1) continue;
      auto& events = workspace.panels[first + i].source.rollout.events;
      // Kept in time order, as a workspace's events are.
      events.insert(std::upper_bound(events.begin(), events.end(), steer->event,
                                     [](const TimedText& a, const TimedText& b) { return a.at_s < b.at_s; }),
                    steer->event);
    }
  }
  return {};
}

}  // namespace wv::app
