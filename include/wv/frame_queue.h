// wv/frame_queue.h — bounded, thread-safe queue of frames ordered by presentation time; the
// hand-over between a producer (rollout worker, decoder, network) and the render thread.
//
//   wv::FrameQueue queue(/*capacity=*/4);
//   // producer thread                         // render thread, once per displayed frame
//   if (queue.has_room()) queue.try_push(f);    if (auto f = queue.take_for_time(t)) show(f);
//   // steering: drop lookahead from frame 120 on
//   queue.flush_from(120);
//
// Producers never block the consumer: try_push fails when full. take_for_time never waits.
// wait_for_room lets a producer sleep until the consumer frees a slot (or close() is called).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

#include "wv/frame.h"

namespace wv {

class FrameQueue {
 public:
  explicit FrameQueue(size_t capacity);
  FrameQueue(const FrameQueue&) = delete;
  FrameQueue& operator=(const FrameQueue&) = delete;

  size_t capacity() const { return capacity_; }
  size_t size() const;
  bool has_room() const;
  bool closed() const;

  // Inserts in presentation-time order. Returns false (and drops nothing) when full or closed.
  bool try_push(FramePtr frame);

  // The newest frame with pts_s <= display_time_s; it and every older frame leave the queue.
  // Returns nullptr when no queued frame is due yet.
  FramePtr take_for_time(double display_time_s);

  // The oldest frame, removed; nullptr when empty.
  FramePtr try_pop();

  // The oldest frame without removing it; nullptr when empty.
  FramePtr peek() const;

  // Removes every frame whose index is >= first_index (lookahead computed under an old prompt).
  // Returns how many frames were removed.
  size_t flush_from(int64_t first_index);

  // Removes everything.
  void clear();

  // Sleeps until there is room, the queue is closed, or the timeout passes. True when there is room.
  bool wait_for_room(std::chrono::milliseconds timeout);

  // Sleeps until a frame is queued, the queue is closed, or the timeout passes. True when non-empty.
  bool wait_for_frame(std::chrono::milliseconds timeout);

  // Wakes every waiter; later pushes fail. Frames already queued can still be taken.
  void close();

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<FramePtr> frames_;  // sorted by pts_s, oldest first
  bool closed_ = false;
};

}  // namespace wv
