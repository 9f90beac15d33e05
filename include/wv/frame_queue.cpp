#include "wv/frame_queue.h"

#include <algorithm>

#include "wv/result.h"

namespace wv {

FrameQueue::FrameQueue(size_t capacity) : capacity_(capacity) { WV_ASSERT(capacity > 0); }

size_t FrameQueue::size() const {
  std::lock_guard lock(mutex_);
  return frames_.size();
}

bool FrameQueue::has_room() const {
  std::lock_guard lock(mutex_);
  return !closed_ && frames_.size() < capacity_;
}

bool FrameQueue::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

bool FrameQueue::try_push(FramePtr frame) {
  WV_ASSERT(frame != nullptr);
  {
    std::lock_guard lock(mutex_);
    if (closed_ || frames_.size() >= capacity_) return false;
    // Producers almost always append; upper_bound keeps equal timestamps in arrival order.
    auto at = std::upper_bound(frames_.begin(), frames_.end(), frame->pts_s,
                               [](double pts, const FramePtr& f) { return pts < f->pts_s; });
    frames_.insert(at, std::move(frame));
  }
  changed_.notify_all();
  return true;
}

FramePtr FrameQueue::take_for_time(double display_time_s) {
  FramePtr due;
  {
    std::lock_guard lock(mutex_);
    while (!frames_.empty() && frames_.front()->pts_s <= display_time_s) {
      due = std::move(frames_.front());
      frames_.pop_front();
    }
  }
  if (due) changed_.notify_all();
  return due;
}

FramePtr FrameQueue::try_pop() {
  FramePtr oldest;
  {
    std::lock_guard lock(mutex_);
    if (frames_.empty()) return nullptr;
    oldest = std::move(frames_.front());
    frames_.pop_front();
  }
  changed_.notify_all();
  return oldest;
}

FramePtr FrameQueue::peek() const {
  std::lock_guard lock(mutex_);
  return frames_.empty() ? nullptr : frames_.front();
}

size_t FrameQueue::flush_from(int64_t first_index) {
  size_t removed = 0;
  {
    std::lock_guard lock(mutex_);
    const auto before = frames_.size();
    std::erase_if(frames_, [&](const FramePtr& f) { return f->index >= first_index; });
    removed = before - frames_.size();
  }
  if (removed > 0) changed_.notify_all();
  return removed;
}

void FrameQueue::clear() {
  {
    std::lock_guard lock(mutex_);
    frames_.clear();
  }
  changed_.notify_all();
}

bool FrameQueue::wait_for_room(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return closed_ || frames_.size() < capacity_; });
  return !closed_ && frames_.size() < capacity_;
}

bool FrameQueue::wait_for_frame(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return closed_ || !frames_.empty(); });
  return !frames_.empty();
}

void FrameQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

}  // namespace wv
