// capi/source.h — one source as the C API hands it out (wv_source): a panel's FrameSource (local
// rollout, tethered rollout or video), the host's playback clock over it, the frame last
// acquired, the host's frame callback, and the source's spec as a workspace saves it, kept in
// step with every steer and branch (as app/panel_control.h does for the program's panels).
//
// Host display time → source time: the clock starts at the first acquire (source time 0, or
// where a seek put it) and runs at its speed (1x unless set) while playing; a pause freezes it at the display time of
// the last acquire, and playing again resumes from there at the next acquire.
//
// Threading: every method may be called from any thread (one mutex; the callback has its own,
// held while it runs, so clearing it waits for a running call). pump() is the producer thread's.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/workspace/workspace.h"
#include "wv/frame_source.h"
#include "wv/result.h"
#include "wv/worldview.h"

namespace wv::model {
class Rollout;
}
namespace wv::net {
class RemoteRollout;
}

namespace wv::capi {

class Engine;

struct Acquired {
  wv::FramePtr frame;  // null: none (the result says why)
  bool is_new = false;
  wv_result result = WV_OK;
};

class Source {
 public:
  // Frames are due when their pts is at most the clock's time plus this: a frame due exactly at
  // a display time must not be missed to rounding.
  static constexpr double kDueSlack_s = 1e-6;

  // `source` is a model::Rollout, a net::RemoteRollout or any other (non-steerable) FrameSource.
  Source(std::shared_ptr<wv::FrameSource> source, app::SourceSpec spec, std::string name);

  const std::string& name() const { return name_; }
  wv_source_kind kind() const;
  void set_handle(wv_source handle) { handle_ = handle; }
  wv_source handle() const { return handle_; }
  // The engine that pumps it (Engine::adopt); it outlives the source while open.
  void set_engine(Engine* engine) { engine_ = engine; }
  // The clock's first acquire shows source time source_s (a branch starts at its branch frame).
  void start_clock_at(double source_s);
  Engine* engine() const { return engine_; }

  // The producer thread: pump once; calls the frame callback when a frame arrived. Returns what
  // the source reported, Ended or Failed once: after that it rests (Paused) until a seek.
  wv::PumpResult pump();

  Acquired acquire(double display_time_s);
  // The next frame in order, waiting up to timeout_ms.
  Acquired wait_next(int32_t timeout_ms);

  Status steer(int64_t frame_index, const std::string& text);
  // The branch's source; Error for sources that cannot branch.
  Result<std::shared_ptr<Source>> branch(int64_t frame_index, const std::optional<std::string>& prompt,
                                         const std::optional<uint64_t>& seed);
  bool steerable() const { return local_ || remote_; }

  void set_playing(bool playing);
  bool playing() const;
  // The clock's rate while playing (> 0; 1: real time), from the next acquire on.
  void set_speed(double speed);
  double speed() const;
  // Where the clock is at display time display_time_s (source seconds), without moving it.
  double position_s(double display_time_s) const;
  Status seek(int64_t frame_index);
  void set_callback(wv_frame_ready_fn callback, void* user_data);
  void close();  // stops production; the callback is never called again
  bool closed() const { return closed_; }

  wv_source_status status() const;
  std::string error_message() const;
  std::vector<std::string> unknown_words() const;
  app::SourceSpec spec() const;
  wv::FramePtr last_frame() const;  // the frame acquired last; null: none yet
  // Rollouts: the prompt in force at frame_index as the spec replays it.
  std::string prompt_at(int64_t frame_index) const;
  const wv::FrameSource& frame_source() const { return *source_; }

 private:
  double source_time_locked(double display_time_s);  // mutex_ held
  Acquired take_locked(wv::FramePtr frame);           // mutex_ held

  const std::shared_ptr<wv::FrameSource> source_;
  const std::shared_ptr<model::Rollout> local_;
  const std::shared_ptr<net::RemoteRollout> remote_;
  const std::string name_;
  wv_source handle_ = nullptr;
  Engine* engine_ = nullptr;

  mutable std::mutex mutex_;
  app::SourceSpec spec_;
  std::optional<double> anchor_display_s_;  // the clock: at this display time ...
  double anchor_source_s_ = 0.0;            // ... it showed this source time
  double last_display_s_ = 0.0;
  bool playing_ = true;
  double speed_ = 1.0;
  wv::FramePtr last_;
  bool finished_ = false;  // ended or failed: nothing more to pump
  std::atomic<int64_t> produced_{0};  // frames pump() reported (sources without their own count)

  std::recursive_mutex callback_mutex_;  // held while the callback runs (it may call back in)
  wv_frame_ready_fn callback_ = nullptr;
  void* callback_user_ = nullptr;
  std::atomic<bool> closed_{false};
};

}  // namespace wv::capi
