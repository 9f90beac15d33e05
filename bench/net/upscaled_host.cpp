#include "upscaled_host.h"

#include <algorithm>
#include <cstring>

namespace wv::bench {
namespace {

class UpscaledSource : public wv::FrameSource {
 public:
  UpscaledSource(wv::FrameSource& inner, int factor) : inner_(inner), factor_(factor), queue_(3) {
    info_ = inner.info();
    info_.width *= factor;
    info_.height *= factor;
  }
  const SourceInfo& info() const override { return info_; }
  FrameQueue& frames() override { return queue_; }
  PumpResult pump() override {
    PumpResult r = inner_.pump();
    bool moved = false;
    while (queue_.has_room()) {
      FramePtr f = inner_.frames().try_pop();
      if (!f) break;
      queue_.try_push(enlarge(*f));
      moved = true;
    }
    return moved ? PumpResult::Produced : r;
  }
  void set_playing(bool playing) override { inner_.set_playing(playing); }
  bool playing() const override { return inner_.playing(); }
  Status seek(int64_t frame_index) override {
    queue_.clear();
    return inner_.seek(frame_index);
  }
  std::optional<Error> error() const override { return inner_.error(); }

 private:
  FramePtr enlarge(const Frame& f) const {
    auto out = make_frame(f.width * factor_, f.height * factor_, f.index, f.pts_s);
    for (int32_t y = 0; y < out->height; ++y) {
      const uint8_t* src = f.row(y / factor_);
      uint8_t* dst = out->row(y);
      for (int32_t x = 0; x < out->width; ++x) std::memcpy(dst + size_t(x) * 4, src + size_t(x / factor_) * 4, 4);
    }
    return out;
  }

  wv::FrameSource& inner_;
  int factor_;
  SourceInfo info_;
  FrameQueue queue_;
};

class UpscaledRollout : public net::HostedRollout {
 public:
  UpscaledRollout(std::unique_ptr<net::HostedRollout> inner, int factor)
      : inner_(std::move(inner)), factor_(factor), source_(inner_->source(), factor) {}
  wv::FrameSource& source() override { return source_; }
  Status steer(int64_t frame_index, const std::string& text) override {
    source_.frames().flush_from(frame_index);
    return inner_->steer(frame_index, text);
  }
  Result<std::unique_ptr<net::HostedRollout>> branch(int64_t frame_index, const std::optional<std::string>& prompt,
                                                     const std::optional<uint64_t>& seed, const std::string& name) override {
    auto b = inner_->branch(frame_index, prompt, seed, name);
    if (!b) return b.error();
    return std::unique_ptr<net::HostedRollout>(std::make_unique<UpscaledRollout>(std::move(*b), factor_));
  }
  net::RolloutTracks tracks() const override { return inner_->tracks(); }
  void close() override { inner_->close(); }

 private:
  std::unique_ptr<net::HostedRollout> inner_;
  int factor_;
  UpscaledSource source_;
};

}  // namespace

Result<std::unique_ptr<net::HostedRollout>> UpscaledHost::open(const net::RolloutRequest& request) {
  auto inner = inner_.open(request);
  if (!inner) return inner.error();
  return std::unique_ptr<net::HostedRollout>(std::make_unique<UpscaledRollout>(std::move(*inner), factor_));
}

}  // namespace wv::bench
