// model/rollout_scheduler.h — which rollouts the next model call computes (DESIGN.md §4): the
// focused panel first, then the emptiest queues, then the longest unserved; rollouts of the
// same model and kind (init or step) share the call when the model batches.
//
//   std::vector<size_t> batch = pick_batch(candidates, /*max_batch=*/8);  // indices into candidates
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wv::model {

struct ScheduleCandidate {
  const void* model = nullptr;  // rollouts of one model may share a call
  bool batchable = false;       // the model supports batching
  bool init = false;            // needs init (frame 0) rather than step
  bool focused = false;
  size_t queued = 0;            // frames in its queue
  uint64_t last_served = 0;     // engine clock at its last call; smaller waited longer
};

// Indices of the candidates for the next call, most urgent first; empty when there are none.
std::vector<size_t> pick_batch(const std::vector<ScheduleCandidate>& candidates, int max_batch);

}  // namespace wv::model
