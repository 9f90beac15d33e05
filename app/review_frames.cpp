#include "app/review_frames.h"

#include <thread>

namespace wv::app {

Result<std::vector<FramePtr>> frames_at(FrameSource& source, const std::vector<int64_t>& indices, const std::string& name,
                                        std::chrono::seconds timeout) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  std::vector<FramePtr> out;
  source.set_playing(true);
  int64_t next = 0;  // the index the source produces next (it starts at its first frame)
  for (const int64_t wanted : indices) {
    // Jump where the source can (a video seeks); a rollout that cannot skip ahead plays on.
    if (wanted != next && source.seek(wanted)) next = wanted;
    FramePtr found;
    while (!found) {
      if (Clock::now() > deadline)
        return Error{name + ": frame " + std::to_string(wanted) + " did not come within " +
                     std::to_string(timeout.count()) + " s"};
      if (FramePtr f = source.frames().try_pop()) {
        next = f->index + 1;
        if (f->index == wanted) found = std::move(f);
        else if (f->index > wanted) return Error{name + ": frame " + std::to_string(wanted) + " was skipped by the source"};
        continue;
      }
      const PumpResult pumped = source.pump();
      if (pumped == PumpResult::Failed)
        return Error{name + ": " + (source.error() ? source.error()->message : "the source failed")};
      if (pumped == PumpResult::Ended && source.frames().size() == 0)
        return Error{name + ": the source ends before frame " + std::to_string(wanted)};
      if (pumped != PumpResult::Produced) source.frames().wait_for_frame(std::chrono::milliseconds(20));
    }
    out.push_back(std::move(found));
  }
  source.set_playing(false);
  return out;
}

}  // namespace wv::app
