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

// Throw std::runtime_error naming the model when an output breaks the contract: a frame not
// [batch, 3, H, W] float, a state tensor without `batch` in dim 0, an embedding not [1, ...].
// Also the loader's smoke check (torchscript_model.cpp).
void check_model_output(const ModelInfo& info, const ModelOutput& out, int64_t batch, const char* method);
void check_prompt_embedding(const ModelInfo& info, const at::Tensor& embedding);

// Items all need init, or all need step, from the same model. A throwing model fails every
// item of that call (item.error); items of other calls are unaffected.
BatchCalls compute_items(WorldModel& model, const ModelInfo& info, std::vector<WorkItem>& items);

}  // namespace wv::model
