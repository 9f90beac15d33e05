#include "model/toyworld/source.h"

#include <algorithm>
#include <mutex>

#include "model/toyworld/raster.h"
#include "model/toyworld/simulator.h"
#include "model/toyworld/text.h"

namespace wv::toyworld {

namespace {

constexpr int32_t kMinSide = 16, kMaxSide = 2048;
constexpr size_t kMaxQueueCapacity = 256;

struct ScheduledEvent {
  int64_t frame = 0;
  Event event;
};

std::string word_list(const std::vector<std::string>& words) {
  std::string list;
  for (const std::string& w : words) list += (list.empty() ? "'" : ", '") + w + "'";
  return list;
}

class ToyworldSource final : public FrameSource {
 public:
  ToyworldSource(const SourceParams& params, const Scene& scene,
                 std::vector<ScheduledEvent> events)
      : queue_(params.queue_capacity),
        events_(std::move(events)),
        dt_s_(1.0 / params.fps) {
    info_.kind = "toyworld";
    info_.description = params.scene;
    info_.width = params.width;
    info_.height = params.height;
    info_.fps = params.fps;
    info_.frame_count = params.frame_count;
    info_.seekable = true;
    next_ = make_world(scene, params.seed, params.width, params.height);
    apply_events_of(next_);
    checkpoints_.push_back(next_);
  }

  const SourceInfo& info() const override { return info_; }
  FrameQueue& frames() override { return queue_; }

  PumpResult pump() override {
    for (;;) {
      WorldState world;
      uint64_t generation = 0;
      {
        std::lock_guard lock(mutex_);
        if (!playing_) return PumpResult::Paused;
        if (info_.frame_count >= 0 && next_.frame >= info_.frame_count) return PumpResult::Ended;
        if (queue_.closed()) return PumpResult::Ended;
        if (!queue_.has_room()) return PumpResult::Full;
        world = next_;
        generation = generation_;
      }
      // Rendering (the costly part at large sizes) runs without the lock, so seek() and
      // set_playing() never wait for it.
      auto frame = make_frame(info_.width, info_.height, world.frame,
                              double(world.frame) / info_.fps);
      render_world(world, *frame);

      std::lock_guard lock(mutex_);
      // A seek() while rendering made this frame stale: drop it and render the new target.
      if (generation != generation_) continue;
      if (!queue_.try_push(std::move(frame))) {
        return queue_.closed() ? PumpResult::Ended : PumpResult::Full;
      }
      advance();
      return PumpResult::Produced;
    }
  }

  void set_playing(bool playing) override {
    std::lock_guard lock(mutex_);
    playing_ = playing;
  }

  bool playing() const override {
    std::lock_guard lock(mutex_);
    return playing_;
  }

  Status seek(int64_t frame_index) override {
    if (frame_index < 0 || (info_.frame_count >= 0 && frame_index >= info_.frame_count)) {
      return Error{"toyworld " + quote_text(info_.description) + ": cannot seek to frame " +
                   std::to_string(frame_index) + (info_.frame_count >= 0
                       ? " (it has frames 0 to " + std::to_string(info_.frame_count - 1) + ")"
                       : " (frames start at 0)")};
    }
    std::lock_guard lock(mutex_);
    ++generation_;
    // Checkpoint k holds frame k * kCheckpointInterval; re-simulate from the nearest one below.
    const size_t k = std::min(size_t(frame_index / kCheckpointInterval), checkpoints_.size() - 1);
    next_ = checkpoints_[k];
    while (next_.frame < frame_index) advance();
    queue_.clear();
    return Status::success();
  }

  std::optional<Error> error() const override { return std::nullopt; }

 private:
  // Applies the events scheduled for world.frame, in the order given.
  void apply_events_of(WorldState& world) const {
    auto it = std::lower_bound(events_.begin(), events_.end(), world.frame,
                               [](const ScheduledEvent& e, int64_t f) { return e.frame < f; });
    for (; it != events_.end() && it->frame == world.frame; ++it) apply_event(world, it->event);
  }

  // next_ becomes the following frame; called with mutex_ held.
  void advance() {
    step_world(next_, dt_s_);
    apply_events_of(next_);
    if (next_.frame % kCheckpointInterval == 0 &&
        size_t(next_.frame / kCheckpointInterval) == checkpoints_.size()) {
      checkpoints_.push_back(next_);
    }
  }

  SourceInfo info_;
  FrameQueue queue_;
  const std::vector<ScheduledEvent> events_;  // sorted by frame, stable
  const double dt_s_;

  mutable std::mutex mutex_;
  WorldState next_;                        // the world of the next frame pump() produces
  std::vector<WorldState> checkpoints_;    // [k]: world of frame k * kCheckpointInterval
  uint64_t generation_ = 0;                // bumped by seek(); marks frames rendered before it
  bool playing_ = true;
};

}  // namespace

Result<std::unique_ptr<FrameSource>> make_source(const SourceParams& params) {
  if (params.width < kMinSide || params.width > kMaxSide || params.height < kMinSide ||
      params.height > kMaxSide) {
    return Error{"toyworld: frame size " + std::to_string(params.width) + "x" +
                 std::to_string(params.height) + " is out of range (each side 16 to 2048)"};
  }
  if (!(params.fps > 0.0 && params.fps <= 1000.0)) {
    return Error{"toyworld: fps " + std::to_string(params.fps) + " is out of range (0, 1000]"};
  }
  if (params.frame_count < -1 || params.frame_count == 0) {
    return Error{"toyworld: frame_count " + std::to_string(params.frame_count) +
                 " must be -1 (endless) or positive"};
  }
  if (params.queue_capacity < 1 || params.queue_capacity > kMaxQueueCapacity) {
    return Error{"toyworld: queue capacity " + std::to_string(params.queue_capacity) +
                 " is out of range (1 to 256)"};
  }
  auto scene = parse_scene(params.scene);
  if (!scene) return scene.error();
  if (!scene->unknown_words.empty()) {
    return Error{"toyworld scene " + quote_text(params.scene) + ": unknown words " +
                 word_list(scene->unknown_words)};
  }
  std::vector<ScheduledEvent> events;
  for (const TimedEvent& timed : params.events) {
    if (timed.frame < 0) {
      return Error{"toyworld event " + quote_text(timed.text) + " at frame " +
                   std::to_string(timed.frame) + ": frames start at 0"};
    }
    auto event = parse_event(timed.text);
    if (!event) return Error{event.error().message + " (at frame " + std::to_string(timed.frame) + ")"};
    if (!event->unknown_words.empty()) {
      return Error{"toyworld event " + quote_text(timed.text) + " at frame " +
                   std::to_string(timed.frame) + ": unknown words " +
                   word_list(event->unknown_words)};
    }
    events.push_back({timed.frame, std::move(event->event)});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const ScheduledEvent& a, const ScheduledEvent& b) { return a.frame < b.frame; });
  return std::unique_ptr<FrameSource>(
      std::make_unique<ToyworldSource>(params, scene->scene, std::move(events)));
}

}  // namespace wv::toyworld
