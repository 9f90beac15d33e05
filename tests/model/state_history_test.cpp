// StateHistory: recent states plus doubling checkpoints stay within their bound and always
// give the newest saved state at or before a frame.
#include "model/state_history.h"

#include <gtest/gtest.h>

namespace wv::model {
namespace {

TEST(StateHistory, StaysWithinItsBoundAndKeepsFrameZero) {
  StateHistory<int64_t> history(/*recent=*/5, /*checkpoint_interval=*/4, /*max_checkpoints=*/3);
  for (int64_t i = 0; i < 10000; ++i) {
    history.put(i, i * 10);
    ASSERT_LE(history.size(), history.bound()) << "after frame " << i;
  }
  EXPECT_EQ(history.bound(), 8u);
  EXPECT_GT(history.checkpoint_interval(), 4);  // it doubled
  EXPECT_EQ(history.at_or_before(0)->second, 0);
  EXPECT_EQ(history.at_or_before(9999)->first, 9999);
  EXPECT_EQ(history.at_or_before(9995)->first, 9995);  // the oldest recent one
  const auto older = history.at_or_before(9994);
  ASSERT_TRUE(older.has_value());
  EXPECT_EQ(older->first % history.checkpoint_interval(), 0);  // a checkpoint
  EXPECT_EQ(older->second, older->first * 10);
}

TEST(StateHistory, DropFromForgetsLaterStatesOnly) {
  StateHistory<int64_t> history(4, 2, 8);
  for (int64_t i = 0; i < 10; ++i) history.put(i, i);
  history.drop_from(7);
  EXPECT_EQ(history.at_or_before(100)->first, 6);
  EXPECT_EQ(history.at_or_before(5)->first, 4);  // recent holds 6; checkpoints 0,2,4,6
  history.put(7, 70);                           // recomputed under a new prompt
  EXPECT_EQ(history.at_or_before(9)->second, 70);
  EXPECT_FALSE(history.at_or_before(-1).has_value());
}

TEST(StateHistory, ReplacingAnIndexKeepsOneEntry) {
  StateHistory<int64_t> history(3, 100, 2);
  history.put(1, 1);
  history.put(1, 2);
  EXPECT_EQ(history.size(), 1u);
  EXPECT_EQ(history.at_or_before(1)->second, 2);
  const auto before = history.before(2);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before.at(1), 2);
}

}  // namespace
}  // namespace wv::model
