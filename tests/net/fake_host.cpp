#include "tests/net/fake_host.h"

#include <algorithm>
#include <mutex>
#include <thread>

namespace wv::net::testing {
namespace {

uint32_t text_hash(const std::string& s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

template <typename T>
const T& in_force(const std::vector<T>& track, int64_t index) {
  const T* found = &track.front();
  for (const T& e : track) {
    if (e.frame <= index) found = &e;
  }
  return *found;
}

class FakeSource : public wv::FrameSource {
 public:
  FakeSource(const FakeHostOptions& o, std::vector<PromptEntry> prompts, std::vector<SeedEntry> seeds, int64_t frame_count)
      : options_(o), prompts_(std::move(prompts)), seeds_(std::move(seeds)), queue_(3) {
    info_.kind = "fake";
    info_.width = o.width;
    info_.height = o.height;
    info_.fps = o.fps;
    info_.frame_count = frame_count;
    info_.seekable = true;
  }
  const SourceInfo& info() const override { return info_; }
  FrameQueue& frames() override { return queue_; }
  PumpResult pump() override {
    std::lock_guard lock(mutex_);
    if (closed_) return PumpResult::Ended;
    if (!playing_) return PumpResult::Paused;
    if (info_.frame_count > 0 && next_ >= info_.frame_count) return PumpResult::Ended;
    if (!queue_.has_room()) return PumpResult::Full;
    if (options_.step_time.count() > 0) std::this_thread::sleep_for(options_.step_time);
    auto f = make_frame(info_.width, info_.height, next_, double(next_) / info_.fps);
    const auto px = expected_frame(options_, prompts_, seeds_, next_);
    std::copy(px.begin(), px.end(), f->pixels.begin());
    queue_.try_push(std::move(f));
    ++next_;
    return PumpResult::Produced;
  }
  void set_playing(bool playing) override { playing_ = playing; }
  bool playing() const override { return playing_; }
  Status seek(int64_t frame_index) override {
    std::lock_guard lock(mutex_);
    if (frame_index < 0 || (info_.frame_count > 0 && frame_index >= info_.frame_count)) return Error{"fake: bad seek"};
    queue_.clear();
    next_ = frame_index;
    return {};
  }
  std::optional<Error> error() const override { return std::nullopt; }

  Status steer(int64_t frame, const std::string& text) {
    std::lock_guard lock(mutex_);
    std::erase_if(prompts_, [&](const PromptEntry& e) { return e.frame >= frame && e.frame > 0; });
    if (frame == 0) prompts_.front().text = text;
    else prompts_.push_back({frame, text});
    queue_.flush_from(frame);
    next_ = std::min(next_, frame);
    return {};
  }
  RolloutTracks tracks() const {
    std::lock_guard lock(mutex_);
    return {prompts_, seeds_};
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }

 private:
  FakeHostOptions options_;
  SourceInfo info_;
  mutable std::mutex mutex_;
  std::vector<PromptEntry> prompts_;
  std::vector<SeedEntry> seeds_;
  FrameQueue queue_;
  int64_t next_ = 0;
  std::atomic<bool> playing_{true};
  bool closed_ = false;
};

class FakeRollout : public HostedRollout {
 public:
  FakeRollout(const FakeHostOptions& o, std::vector<PromptEntry> p, std::vector<SeedEntry> s, int64_t count)
      : options_(o), source_(o, std::move(p), std::move(s), count) {}
  wv::FrameSource& source() override { return source_; }
  Status steer(int64_t frame_index, const std::string& text) override { return source_.steer(frame_index, text); }
  Result<std::unique_ptr<HostedRollout>> branch(int64_t frame_index, const std::optional<std::string>& prompt,
                                                const std::optional<uint64_t>& seed, const std::string&) override {
    RolloutTracks t = source_.tracks();
    if (prompt) {
      std::erase_if(t.prompt_track, [&](const PromptEntry& e) { return e.frame >= frame_index && e.frame > 0; });
      if (frame_index == 0) t.prompt_track.front().text = *prompt;
      else t.prompt_track.push_back({frame_index, *prompt});
    }
    if (seed) {
      std::erase_if(t.seed_track, [&](const SeedEntry& e) { return e.frame >= frame_index && e.frame > 0; });
      if (frame_index == 0) t.seed_track.front().seed = *seed;
      else t.seed_track.push_back({frame_index, *seed});
    }
    auto branch = std::make_unique<FakeRollout>(options_, t.prompt_track, t.seed_track, source_.info().frame_count);
    if (Status s = branch->source().seek(frame_index); !s) return s.error();
    return std::unique_ptr<HostedRollout>(std::move(branch));
  }
  RolloutTracks tracks() const override { return source_.tracks(); }
  void close() override { source_.close(); }

 private:
  FakeHostOptions options_;
  FakeSource source_;
};

}  // namespace

std::vector<uint8_t> expected_frame(const FakeHostOptions& o, const std::vector<PromptEntry>& prompts,
                                    const std::vector<SeedEntry>& seeds, int64_t index) {
  const uint32_t h = text_hash(in_force(prompts, index).text) ^ uint32_t(in_force(seeds, index).seed * 2654435761u);
  // Smooth ramps (the H.264 tests compare within a tolerance) that differ per prompt, seed and frame.
  std::vector<uint8_t> px(size_t(o.width) * size_t(o.height) * 4);
  for (int32_t y = 0; y < o.height; ++y) {
    for (int32_t x = 0; x < o.width; ++x) {
      uint8_t* p = px.data() + (size_t(y) * size_t(o.width) + size_t(x)) * 4;
      for (int c = 0; c < 3; ++c) p[c] = uint8_t(((h >> (c * 8)) % 128) + uint32_t(index % 32) * 2 + uint32_t(x + y) / 8);
      p[3] = 255;
    }
  }
  return px;
}

std::vector<std::string> FakeHost::models() const {
  if (options_.load_time.count() > 0) return {"fake", "fake-slow"};
  return {"fake"};
}

Result<std::unique_ptr<HostedRollout>> FakeHost::open(const RolloutRequest& request) {
  const auto offered = models();
  if (std::find(offered.begin(), offered.end(), request.model) == offered.end()) {
    return Error{request.name + ": unknown model \"" + request.model + "\""};
  }
  if (request.model == "fake-slow") {
    ++loading;
    std::this_thread::sleep_for(options_.load_time);
    --loading;
  }
  ++opened;
  return std::unique_ptr<HostedRollout>(
      std::make_unique<FakeRollout>(options_, request.prompt_track, request.seed_track, request.frame_count));
}

}  // namespace wv::net::testing
