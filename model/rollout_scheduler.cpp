#include "model/rollout_scheduler.h"

#include <algorithm>
#include <numeric>

namespace wv::model {

std::vector<size_t> pick_batch(const std::vector<ScheduleCandidate>& candidates, int max_batch) {
  std::vector<size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const ScheduleCandidate& x = candidates[a];
    const ScheduleCandidate& y = candidates[b];
    if (x.focused != y.focused) return x.focused;
    if (x.queued != y.queued) return x.queued < y.queued;
    return x.last_served < y.last_served;
  });
  std::vector<size_t> batch;
  if (order.empty()) return batch;
  const ScheduleCandidate& lead = candidates[order.front()];
  const size_t limit = lead.batchable ? size_t(std::max(max_batch, 1)) : 1;
  for (size_t i : order) {
    if (batch.size() == limit) break;
    if (candidates[i].model == lead.model && candidates[i].init == lead.init) batch.push_back(i);
  }
  return batch;
}

}  // namespace wv::model
