// app/rollout_track.h — a workspace's rollout source as the rollout engine replays it (the
// prompt and seed tracks), and a branch of a playing rollout as a source a workspace can save.
//
//   RolloutTrack t = rollout_track(spec, model_fps);
//   params.prompt_track = t.prompts; params.seed = spec.seed; params.seed_changes = t.seed_changes;
//   RolloutSourceSpec fork = branch_source(spec, shown_frame, "a red world", std::nullopt, model_fps);
//   rollout->branch(shown_frame, {.prompt = "a red world"});   // the same frames as opening `fork`
//
// An event is steered in at frame round(at_s × fps) as "<prompt>. <event>" on the prompt in
// force (the source's, or the latest branch's); a branch sets the prompt and/or the seed from
// its frame on; at one frame the branch comes first, then events, the last of which wins.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/workspace/workspace.h"
#include "model/rollout_engine.h"

namespace wv::app {

struct RolloutTrack {
  std::vector<model::PromptChange> prompts;     // the first at frame 0, frames increasing
  std::vector<model::SeedChange> seed_changes;  // after frame 0, frames increasing
};

RolloutTrack rollout_track(const RolloutSourceSpec& spec, double fps);

// `parent` branched at `frame` (≥ 1) with a new prompt and/or seed, as the engine's branch does
// it: what the branch changes replaces the parent's changes of that kind from `frame` on (a new
// prompt drops the parent's later events and branch prompts, a new seed its later branch seeds);
// what it does not change it keeps from the parent.
RolloutSourceSpec branch_source(const RolloutSourceSpec& parent, int64_t frame, std::optional<std::string> prompt,
                                std::optional<uint64_t> seed, double fps);

}  // namespace wv::app
