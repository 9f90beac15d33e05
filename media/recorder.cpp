#include "media/recorder.h"

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "media/mp4_encoder.h"
#include "wv/log.h"

namespace wv::media {

struct Recorder::Impl {
  RecorderParams params;
  std::unique_ptr<Mp4Encoder> encoder;  // used by the encoding thread only
  std::thread thread;

  std::mutex mutex;
  std::condition_variable changed;  // queue, closing or error changed
  std::deque<FramePtr> queue;
  bool closing = false;
  std::optional<Error> error;  // the first error
  bool finished = false;       // finish() ran (owner thread only)

  std::atomic<int64_t> encoded{0};
  std::atomic<int64_t> dropped{0};

  // Encoding-thread state for RecorderTiming::FramePts.
  double first_pts_s = 0.0;
  int64_t last_pts = -1;

  void fail(Error e) {
    {
      std::lock_guard lock(mutex);
      if (!error) error = std::move(e);
      queue.clear();
    }
    changed.notify_all();
  }

  // The frame's slot in 1/fps units, or nothing if it must be dropped (FramePts timing only).
  std::optional<int64_t> slot_for(const Frame& frame) {
    if (params.timing == RecorderTiming::FrameCount) return last_pts + 1;
    if (last_pts < 0) first_pts_s = frame.pts_s;
    const int64_t pts = std::llround((frame.pts_s - first_pts_s) * params.fps);
    if (pts <= last_pts) return std::nullopt;
    return pts;
  }

  void run() {
    for (;;) {
      FramePtr frame;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || closing; });
        if (queue.empty()) break;
        frame = std::move(queue.front());
        queue.pop_front();
      }
      changed.notify_all();  // a writer may be waiting for room
      const std::optional<int64_t> pts = slot_for(*frame);
      if (!pts) {
        ++dropped;
        continue;
      }
      if (Status s = encoder->encode(*frame, *pts); !s) {
        fail(s.error());
        break;
      }
      last_pts = *pts;
      ++encoded;
    }
    bool ok = false;
    {
      std::lock_guard lock(mutex);
      ok = !error.has_value();
    }
    if (ok) {
      if (Status s = encoder->finish(); !s) fail(s.error());
    }
    encoder.reset();  // closes the file (without a trailer after an error)
  }
};

Recorder::Recorder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<Recorder>> Recorder::open(const RecorderParams& params) {
  WV_ASSERT(params.queue_frames > 0);
  Result<std::unique_ptr<Mp4Encoder>> encoder = Mp4Encoder::open(params);
  if (!encoder) return encoder.error();
  auto impl = std::make_unique<Impl>();
  impl->params = params;
  impl->encoder = std::move(*encoder);
  impl->thread = std::thread([raw = impl.get()] { raw->run(); });
  return std::unique_ptr<Recorder>(new Recorder(std::move(impl)));
}

Recorder::~Recorder() {
  if (impl_->finished) return;
  if (Status s = finish(); !s) log_error(s.error().message);
}

Status Recorder::write(FramePtr frame) {
  WV_ASSERT(frame && frame->format == PixelFormat::Rgba8Srgb);
  {
    std::unique_lock lock(impl_->mutex);
    impl_->changed.wait(lock, [&] {
      return impl_->queue.size() < size_t(impl_->params.queue_frames) || impl_->error ||
             impl_->closing;
    });
    if (impl_->error) return *impl_->error;
    if (impl_->closing) return Error{impl_->params.path + ": recording already finished"};
    impl_->queue.push_back(std::move(frame));
  }
  impl_->changed.notify_all();
  return {};
}

bool Recorder::try_write(FramePtr frame) {
  WV_ASSERT(frame && frame->format == PixelFormat::Rgba8Srgb);
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->error || impl_->closing) return false;
    if (impl_->queue.size() >= size_t(impl_->params.queue_frames)) {
      ++impl_->dropped;
      return false;
    }
    impl_->queue.push_back(std::move(frame));
  }
  impl_->changed.notify_all();
  return true;
}

Status Recorder::finish() {
  if (!impl_->finished) {
    impl_->finished = true;
    {
      std::lock_guard lock(impl_->mutex);
      impl_->closing = true;
    }
    impl_->changed.notify_all();
    impl_->thread.join();
  }
  std::lock_guard lock(impl_->mutex);
  if (impl_->error) return *impl_->error;
  return {};
}

const RecorderParams& Recorder::params() const { return impl_->params; }
int64_t Recorder::frames_encoded() const { return impl_->encoded.load(); }
int64_t Recorder::frames_dropped() const { return impl_->dropped.load(); }

}  // namespace wv::media
