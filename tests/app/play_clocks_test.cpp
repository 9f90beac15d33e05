// Panels of a synchronized group share one clock: pause, speed and seek act on every member at
// the same display time; panels outside the group keep their own.
#include "app/play_clocks.h"

#include <gtest/gtest.h>

namespace wv::app {
namespace {

TEST(PlayClocks, AGroupPausesSeeksAndChangesSpeedTogether) {
  PlayClocks clocks({"", "cmp", "other", "cmp"});
  EXPECT_EQ(clocks.members(1), (std::vector<size_t>{1, 3}));
  EXPECT_EQ(clocks.members(3), (std::vector<size_t>{1, 3}));
  EXPECT_EQ(clocks.members(0), (std::vector<size_t>{0}));
  EXPECT_EQ(clocks.members(2), (std::vector<size_t>{2}));
  for (size_t i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(clocks.position_s(i, 2.0), 2.0);

  clocks.set_speed(3, 0.0, 2.0);  // pause panel 3: panel 1 pauses with it
  EXPECT_DOUBLE_EQ(clocks.position_s(1, 5.0), 2.0);
  EXPECT_DOUBLE_EQ(clocks.position_s(3, 5.0), 2.0);
  EXPECT_DOUBLE_EQ(clocks.speed(1), 0.0);
  EXPECT_DOUBLE_EQ(clocks.position_s(0, 5.0), 5.0);  // the others play on
  EXPECT_DOUBLE_EQ(clocks.position_s(2, 5.0), 5.0);

  clocks.set_position(1, 10.0, 5.0);  // seek panel 1 while paused: panel 3 goes there too
  EXPECT_DOUBLE_EQ(clocks.position_s(3, 6.0), 10.0);
  clocks.set_speed(1, 2.0, 6.0);  // play at double speed
  EXPECT_DOUBLE_EQ(clocks.position_s(1, 7.0), 12.0);
  EXPECT_DOUBLE_EQ(clocks.position_s(3, 7.0), 12.0);
  EXPECT_DOUBLE_EQ(clocks.speed(3), 2.0);
  EXPECT_DOUBLE_EQ(clocks.position_s(0, 7.0), 7.0);
}

}  // namespace
}  // namespace wv::app
