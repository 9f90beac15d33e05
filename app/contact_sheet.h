// app/contact_sheet.h — rollouts side by side in one frame (for `worldview train`'s samples.png):
// one row per rollout, every `every`-th frame of it left to right, separated by a gap.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "wv/frame.h"

namespace wv::app {

// Rows may differ in length; frames of one sheet must share one size (asserted). `every` >= 1.
std::shared_ptr<Frame> contact_sheet(const std::vector<std::vector<FramePtr>>& rows, int32_t every, int32_t gap);

}  // namespace wv::app
