// The scheduler's order: focused first, then emptiest queue, then longest unserved; a batch holds
// only rollouts of the leader's model and kind, up to max_batch, and one when it cannot batch.
#include "model/rollout_scheduler.h"

#include <gtest/gtest.h>

namespace wv::model {
namespace {

const int kModelA = 0, kModelB = 0;

TEST(RolloutScheduler, FocusedFirstThenEmptiestQueueThenLongestWaiting) {
  std::vector<ScheduleCandidate> c = {
      {.model = &kModelA, .queued = 0, .last_served = 9},
      {.model = &kModelA, .focused = true, .queued = 3, .last_served = 9},
      {.model = &kModelA, .queued = 0, .last_served = 2},
      {.model = &kModelA, .queued = 1, .last_served = 1},
  };
  EXPECT_EQ(pick_batch(c, 1), std::vector<size_t>{1});
  EXPECT_EQ(pick_batch(c, 8), std::vector<size_t>{1});  // not batchable
  for (auto& x : c) x.batchable = true;
  EXPECT_EQ(pick_batch(c, 8), (std::vector<size_t>{1, 2, 0, 3}));
  EXPECT_EQ(pick_batch(c, 2), (std::vector<size_t>{1, 2}));
}

TEST(RolloutScheduler, BatchesOnlyTheLeadersModelAndKind) {
  const std::vector<ScheduleCandidate> c = {
      {.model = &kModelB, .batchable = true, .queued = 0},
      {.model = &kModelA, .batchable = true, .queued = 1},
      {.model = &kModelB, .batchable = true, .init = true, .queued = 1},
      {.model = &kModelB, .batchable = true, .queued = 2},
  };
  EXPECT_EQ(pick_batch(c, 8), (std::vector<size_t>{0, 3}));
  EXPECT_TRUE(pick_batch({}, 8).empty());
}

}  // namespace
}  // namespace wv::model
