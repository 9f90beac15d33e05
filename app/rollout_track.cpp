#include "app/rollout_track.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/latent/episodes.h"
#include "wv/result.h"

namespace wv::app {
namespace {

int64_t frame_of(const TimedText& event, double fps) { return std::max<int64_t>(0, std::llround(event.at_s * fps)); }

}  // namespace

RolloutTrack rollout_track(const RolloutSourceSpec& spec, double fps) {
  RolloutTrack track;
  track.prompts.push_back({0, spec.prompt});
  std::string base = spec.prompt;  // what events are appended to
  auto set_prompt = [&](int64_t frame, std::string text) {
    // Changes at one frame: the last one wins, as it would have replaced the others at once.
    if (track.prompts.back().frame == frame) track.prompts.back().text = std::move(text);
    else track.prompts.push_back({frame, std::move(text)});
  };
  size_t next_event = 0;
  auto events_before = [&](int64_t frame) {
    for (; next_event < spec.events.size() && frame_of(spec.events[next_event], fps) < frame; ++next_event)
      set_prompt(frame_of(spec.events[next_event], fps), model::latent::prompt_with_event(base, spec.events[next_event].text));
  };
  for (const RolloutBranch& branch : spec.branches) {
    events_before(branch.frame);
    if (branch.prompt) base = *branch.prompt, set_prompt(branch.frame, base);
    if (branch.seed) track.seed_changes.push_back({branch.frame, *branch.seed});
  }
  events_before(std::numeric_limits<int64_t>::max());
  return track;
}

RolloutSourceSpec branch_source(const RolloutSourceSpec& parent, int64_t frame, std::optional<std::string> prompt,
                                std::optional<uint64_t> seed, double fps) {
  WV_ASSERT(frame >= 1 && (prompt || seed));
  RolloutSourceSpec out = parent;
  if (prompt) std::erase_if(out.events, [&](const TimedText& e) { return frame_of(e, fps) >= frame; });
  RolloutBranch branch{.frame = frame, .prompt = std::move(prompt), .seed = seed};
  std::vector<RolloutBranch> before, after;
  for (RolloutBranch& b : out.branches) {
    if (b.frame < frame) {
      before.push_back(std::move(b));
      continue;
    }
    // What the new branch changes replaces the parent's changes from its frame on.
    if (branch.prompt) b.prompt.reset();
    if (branch.seed) b.seed.reset();
    if (b.frame == frame) {
      if (b.prompt) branch.prompt = std::move(b.prompt);
      if (b.seed) branch.seed = b.seed;
    } else if (b.prompt || b.seed) {
      after.push_back(std::move(b));
    }
  }
  out.branches = std::move(before);
  out.branches.push_back(std::move(branch));
  out.branches.insert(out.branches.end(), after.begin(), after.end());
  return out;
}

}  // namespace wv::app
