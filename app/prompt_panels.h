// app/prompt_panels.h — panels from the command line: `--prompt TEXT` (a generated world each)
// and `--steer [PANEL@]SECONDS:TEXT` (an event steered into one of them, or into all).
//
//   auto added = wv::app::add_prompt_panels(workspace, {"two red balls"}, {"4:gravity flips"},
//                                           "toyworld-latent-v1", /*first_seed=*/1);
//   if (!added) { wv::log_error(added.error().message); return 1; }   // names the bad --steer
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/workspace/workspace.h"
#include "wv/result.h"

namespace wv::app {

// Appends one rollout panel per prompt to `workspace` (placed by its layout); seeds count up
// from first_seed. Each steer applies to the prompt panel PANEL (1-based, in --prompt order) or,
// without "PANEL@", to every prompt panel. Errors name the steer and what is wrong with it.
Status add_prompt_panels(Workspace& workspace, const std::vector<std::string>& prompts,
                         const std::vector<std::string>& steers, const std::string& model, uint64_t first_seed);

}  // namespace wv::app
