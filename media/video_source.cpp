#include "media/video_source.h"

#include <atomic>
#include <filesystem>
#include <mutex>

#include "media/video_reader.h"

namespace wv::media {
namespace {

class VideoSource final : public wv::FrameSource {
 public:
  VideoSource(std::unique_ptr<VideoReader> reader, size_t queue_capacity)
      : reader_(std::move(reader)), queue_(queue_capacity) {
    const VideoInfo& v = reader_->info();
    info_.kind = "video";
    info_.description = std::filesystem::path(reader_->path()).filename().string();
    info_.width = v.width;
    info_.height = v.height;
    info_.fps = v.fps > 0.0 ? v.fps : 30.0;  // nominal only: frames carry their own pts_s
    info_.frame_count = v.frame_count;
    info_.seekable = false;
  }

  const SourceInfo& info() const override { return info_; }
  FrameQueue& frames() override { return queue_; }

  PumpResult pump() override {
    if (ended_) return PumpResult::Ended;
    if (error_) return PumpResult::Failed;
    if (!playing_) return PumpResult::Paused;
    if (queue_.closed()) return PumpResult::Ended;
    if (!queue_.has_room()) return PumpResult::Full;
    Result<FramePtr> frame = reader_->read_frame();
    if (!frame) {
      std::lock_guard lock(error_mutex_);
      error_ = frame.error();
      return PumpResult::Failed;
    }
    if (!*frame) {
      ended_ = true;
      return PumpResult::Ended;
    }
    // Only this thread pushes and the queue had room: the push succeeds unless it was closed.
    return queue_.try_push(std::move(*frame)) ? PumpResult::Produced : PumpResult::Ended;
  }

  void set_playing(bool playing) override { playing_ = playing; }
  bool playing() const override { return playing_; }

  Status seek(int64_t) override { return Error{reader_->path() + ": video panels cannot seek yet"}; }

  std::optional<Error> error() const override {
    std::lock_guard lock(error_mutex_);
    return error_;
  }

 private:
  std::unique_ptr<VideoReader> reader_;  // the producer thread's alone
  SourceInfo info_;
  FrameQueue queue_;
  std::atomic<bool> playing_{true};
  bool ended_ = false;  // producer thread only
  mutable std::mutex error_mutex_;
  std::optional<Error> error_;
};

}  // namespace

Result<std::unique_ptr<wv::FrameSource>> open_video_source(const std::string& path, size_t queue_capacity) {
  auto reader = VideoReader::open(path);
  if (!reader) return reader.error();
  return std::unique_ptr<wv::FrameSource>(new VideoSource(std::move(*reader), queue_capacity));
}

}  // namespace wv::media
