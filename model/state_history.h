// model/state_history.h — a rollout's saved model states, bounded however long it runs: the
// states of the most recently computed frames plus sparse checkpoints.
//
//   StateHistory<State> history(/*recent=*/64, /*checkpoint_interval=*/64, /*max_checkpoints=*/32);
//   history.put(i, state_after_frame_i);
//   if (auto saved = history.at_or_before(f - 1)) resume_from(saved->first, saved->second);
//
// Bound: size() <= recent + max_checkpoints. Checkpoints sit at multiples of an interval that
// doubles (dropping every other checkpoint) whenever there would be more than max_checkpoints,
// so they always span the whole run, ever more sparsely; frame 0 always stays. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <utility>

#include "wv/result.h"

namespace wv::model {

template <typename State>
class StateHistory {
 public:
  StateHistory(size_t recent, int64_t checkpoint_interval, size_t max_checkpoints)
      : recent_cap_(recent), interval_(checkpoint_interval), max_checkpoints_(max_checkpoints) {
    WV_ASSERT(recent >= 1 && checkpoint_interval >= 1 && max_checkpoints >= 2);
  }

  size_t bound() const { return recent_cap_ + max_checkpoints_; }
  size_t size() const { return recent_.size() + checkpoints_.size(); }
  int64_t checkpoint_interval() const { return interval_; }

  // Saves the state after frame `index`, replacing one saved for the same index.
  void put(int64_t index, const State& state) {
    if (recent_.erase(index) > 0) std::erase(order_, index);
    recent_.emplace(index, state);
    order_.push_back(index);
    if (recent_.size() > recent_cap_) {
      recent_.erase(order_.front());
      order_.pop_front();
    }
    if (index % interval_ == 0) {
      checkpoints_[index] = state;
      while (checkpoints_.size() > max_checkpoints_) thin_checkpoints();
    }
  }

  // The saved state with the largest index <= index.
  std::optional<std::pair<int64_t, State>> at_or_before(int64_t index) const {
    std::optional<std::pair<int64_t, State>> best;
    for (const auto* states : {&recent_, &checkpoints_}) {
      auto it = states->upper_bound(index);
      if (it == states->begin()) continue;
      --it;
      if (!best || it->first > best->first) best = *it;
    }
    return best;
  }

  // Forgets the states of frames >= index (computed under a prompt that no longer holds).
  void drop_from(int64_t index) {
    recent_.erase(recent_.lower_bound(index), recent_.end());
    std::erase_if(order_, [&](int64_t i) { return i >= index; });
    checkpoints_.erase(checkpoints_.lower_bound(index), checkpoints_.end());
  }

  // Every saved state with index < index (what a branch at `index` shares), in index order.
  std::map<int64_t, State> before(int64_t index) const {
    std::map<int64_t, State> out(checkpoints_.begin(), checkpoints_.lower_bound(index));
    out.insert(recent_.begin(), recent_.lower_bound(index));
    return out;
  }

  void clear() {
    recent_.clear();
    order_.clear();
    checkpoints_.clear();
  }

 private:
  void thin_checkpoints() {
    interval_ *= 2;
    std::erase_if(checkpoints_, [&](const auto& entry) { return entry.first % interval_ != 0; });
  }

  const size_t recent_cap_;
  int64_t interval_;
  const size_t max_checkpoints_;
  std::map<int64_t, State> recent_;  // by frame index
  std::deque<int64_t> order_;        // recent_'s indices, oldest insertion first
  std::map<int64_t, State> checkpoints_;
};

}  // namespace wv::model
