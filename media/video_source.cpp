#include "media/video_source.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "media/video_reader.h"

namespace wv::media {
namespace {

// What a seek asks the decoding thread for: a frame index or a time on the source's timeline.
struct SeekRequest {
  bool by_time = false;
  int64_t index = 0;
  double time_s = 0.0;
};

class VideoSource final : public wv::FrameSource {
 public:
  VideoSource(std::unique_ptr<VideoReader> reader, const VideoSourceParams& params)
      : reader_(std::move(reader)), queue_(params.queue_capacity), loop_(params.loop) {
    const VideoInfo& v = reader_->info();
    info_.kind = "video";
    info_.description = std::filesystem::path(reader_->path()).filename().string();
    info_.width = v.width;
    info_.height = v.height;
    info_.fps = v.fps > 0.0 ? v.fps : 30.0;  // nominal only: frames carry their own pts_s
    info_.frame_count = loop_ ? -1 : v.frame_count;
    info_.seekable = true;
    thread_ = std::thread([this] { run(); });
  }

  ~VideoSource() override {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    queue_.close();  // wakes a thread waiting for room
    wake_.notify_all();
    thread_.join();
  }

  const SourceInfo& info() const override { return info_; }
  FrameQueue& frames() override { return queue_; }

  PumpResult pump() override {
    std::lock_guard lock(mutex_);
    if (error_) return PumpResult::Failed;
    if (produced_ != reported_) {
      reported_ = produced_;
      return PumpResult::Produced;
    }
    if (ended_) return PumpResult::Ended;
    return playing_ ? PumpResult::Full : PumpResult::Paused;
  }

  void set_playing(bool playing) override {
    {
      std::lock_guard lock(mutex_);
      playing_ = playing;
    }
    wake_.notify_all();
  }
  bool playing() const override {
    std::lock_guard lock(mutex_);
    return playing_;
  }

  Status seek(int64_t frame_index) override {
    if (frame_index < 0 || (info_.frame_count > 0 && frame_index >= info_.frame_count)) {
      return Error{reader_->path() + ": cannot seek to frame " + std::to_string(frame_index) +
                   (info_.frame_count > 0 ? ": the video has frames 0 to " + std::to_string(info_.frame_count - 1) : "")};
    }
    request({.index = frame_index});
    return Status::success();
  }

  Status seek_to_time(double source_s) override {
    if (!std::isfinite(source_s)) return Error{reader_->path() + ": cannot seek to a time that is not a number"};
    request({.by_time = true, .time_s = std::max(0.0, source_s)});
    return Status::success();
  }

  std::optional<Error> error() const override {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  void request(SeekRequest seek) {
    {
      std::lock_guard lock(mutex_);
      seek_ = seek;
      ++generation_;  // a frame being decoded now belongs to the old position
      ended_ = false;
      show_one_ = true;
      queue_.clear();
    }
    wake_.notify_all();
  }

  // The decoding thread: seeks first, then one frame at a time while playing and there is room.
  void run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      if (error_) {
        wake_.wait(lock, [&] { return stop_; });
        continue;
      }
      if (seek_) {
        const SeekRequest seek = *seek_;
        seek_.reset();
        lock.unlock();
        Status done = apply(seek);
        lock.lock();
        if (!done) error_ = done.error();
        continue;
      }
      if ((!playing_ && !show_one_) || ended_) {
        wake_.wait(lock, [&] { return stop_ || seek_ || (!ended_ && (playing_ || show_one_)); });
        continue;
      }
      if (!queue_.has_room()) {
        lock.unlock();
        queue_.wait_for_room(std::chrono::milliseconds(50));  // a seek's clear() wakes it too
        lock.lock();
        continue;
      }
      const uint64_t generation = generation_;
      lock.unlock();
      Result<FramePtr> frame = next_frame();
      lock.lock();
      if (generation != generation_) continue;  // a seek came meanwhile
      if (!frame) {
        error_ = frame.error();
      } else if (!*frame) {
        ended_ = true;
      } else if (queue_.try_push(std::move(*frame))) {  // only this thread pushes: fails only when closed
        ++produced_;
        show_one_ = false;
      }
    }
  }

  // The next frame; at the end of a looping video, the first frame of the next pass.
  Result<FramePtr> next_frame() {
    Result<FramePtr> frame = reader_->read_frame();
    if (frame && !*frame && loop_ && last_file_index_ >= 0) {
      length_known_ = true;
      ++pass_;
      set_pass(pass_);
      if (Status s = reader_->seek_to_frame(0); !s) return s.error();
      frame = reader_->read_frame();
    }
    if (frame && *frame) note((**frame));
    return frame;
  }

  // Remembers where the file's last frame is, to know a pass's length when the file ends.
  void note(const Frame& frame) {
    const int64_t file_index = frame.index - pass_ * pass_frames_;
    const double file_pts = frame.pts_s - double(pass_) * pass_length_s_;
    if (file_index == last_file_index_ + 1) previous_gap_s_ = file_pts - last_file_pts_;
    last_file_index_ = file_index;
    last_file_pts_ = file_pts;
    // Kept current until the first end: then they hold the whole file's figures.
    if (!length_known_) {
      pass_frames_ = file_index + 1;
      const double gap = previous_gap_s_ > 0.0 ? previous_gap_s_ : 1.0 / info_.fps;
      pass_length_s_ = file_pts + gap;
    }
  }

  void set_pass(int64_t pass) {
    pass_ = pass;
    reader_->set_timeline_offset(pass * pass_frames_, double(pass) * pass_length_s_);
  }

  // Runs a seek on the decoding thread. On a looping timeline a target past the first pass is
  // mapped into the file once a pass's length is known.
  Status apply(const SeekRequest& seek) {
    int64_t pass = 0;
    if (loop_ && length_known_) {
      pass = seek.by_time ? int64_t(std::floor(seek.time_s / pass_length_s_)) : seek.index / pass_frames_;
    }
    set_pass(pass);
    last_file_index_ = -1;
    if (seek.by_time) return reader_->seek_to_time(seek.time_s - double(pass) * pass_length_s_);
    const int64_t in_file = seek.index - pass * pass_frames_;
    if (Status s = reader_->seek_to_frame(in_file); s) return s;
    // Past the end of a file whose length seek() could not check (the container did not say;
    // the failed seek counted the frames): its last frame.
    const int64_t count = reader_->info().frame_count;
    return reader_->seek_to_frame(count > 0 ? std::min(in_file, count - 1) : in_file);
  }

  std::unique_ptr<VideoReader> reader_;
  SourceInfo info_;
  FrameQueue queue_;
  const bool loop_;

  // Decoding thread only.
  int64_t pass_ = 0;
  int64_t pass_frames_ = 0;     // frames in the file (so far, until length_known_)
  double pass_length_s_ = 0.0;  // the file's length on the timeline (likewise)
  bool length_known_ = false;   // a pass reached the file's end
  int64_t last_file_index_ = -1;
  double last_file_pts_ = 0.0;
  double previous_gap_s_ = 0.0;

  mutable std::mutex mutex_;  // guards what follows
  std::condition_variable wake_;
  bool stop_ = false;
  bool playing_ = true;
  bool ended_ = false;
  bool show_one_ = false;  // a seek's frame is decoded even while paused
  std::optional<SeekRequest> seek_;
  uint64_t generation_ = 0;
  uint64_t produced_ = 0;
  uint64_t reported_ = 0;
  std::optional<Error> error_;
  std::thread thread_;
};

}  // namespace

Result<std::unique_ptr<wv::FrameSource>> open_video_source(const std::string& path,
                                                           const VideoSourceParams& params) {
  auto reader = VideoReader::open(path, {.decoder_threads = params.decoder_threads});
  if (!reader) return reader.error();
  return std::unique_ptr<wv::FrameSource>(new VideoSource(std::move(*reader), params));
}

}  // namespace wv::media
