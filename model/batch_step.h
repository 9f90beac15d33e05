// model/batch_step.h — one scheduled model call: encodes missing prompts, draws each rollout's
// frame noise, stacks the rollouts' inputs along dim 0, calls init or step, checks and splits the
// outputs, and converts frames to wv::Frame. Runs on an inference worker, without the engine lock.
//
//   BatchCalls calls = compute_items(model, info, items);   // fills each item's results
#pragma once

#include <cstdint>
#include <vector>

#include "model/rollout_impl.h"

namespace wv::model {

struct BatchCalls {
  int64_t calls = 0;          // forward calls made (items of unequal shapes go in separate calls)
  int64_t batched_calls = 0;  // calls with more than one item
  int64_t largest = 0;
};

// Items all need init, or all need step, from the same model. A throwing model fails every
// item of that call (item.error); items of other calls are unaffected.
BatchCalls compute_items(WorldModel& model, const ModelInfo& info, std::vector<WorkItem>& items);

}  // namespace wv::model
