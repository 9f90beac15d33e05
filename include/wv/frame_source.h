// wv/frame_source.h — what a panel shows: a local rollout, a remote rollout, a video file or an
// image sequence. The renderer and the app never know which one it is.
//
//   std::unique_ptr<wv::FrameSource> src = ...;       // e.g. model::make_toyworld_source(...)
//   // producer thread (owned by app/):
//   while (running) if (src->pump() != wv::PumpResult::Produced) sleep_a_little();
//   // render thread:
//   if (auto f = src->frames().take_for_time(t)) streamer.upload(panel, f);
//
// Threading: pump() is called by one producer thread at a time. frames() is safe from any thread
// (FrameQueue is). set_playing(), seek() and error() may be called from any thread.
// Production is on demand: pump() produces nothing while the queue is full or the source is
// paused, so paused or hidden panels cost nothing.
// Sources computed on their own workers (model rollouts, model/rollout_engine.h) never compute
// in pump(): their workers push into frames() while it has room, and pump() only reports —
// Produced when frames arrived since the previous pump(), Full while there is nothing for the
// caller to do (queue full or a worker on it) — and wakes a worker when the queue has room.
// pump() never blocks on inference either way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "wv/frame_queue.h"
#include "wv/result.h"

namespace wv {

struct SourceInfo {
  std::string kind;         // "toyworld", "rollout", "video", "remote"
  std::string description;  // for people: the prompt, the file name, ...
  int32_t width = 0;        // size of the frames it produces, in pixels
  int32_t height = 0;
  double fps = 30.0;          // nominal frame rate; pts_s of frame i is i / fps unless stated
  int64_t frame_count = -1;   // -1: endless
  bool seekable = false;
};

enum class PumpResult {
  Produced,  // one frame went into frames()
  Full,      // frames() has no room: nothing to do until the consumer takes one
  Paused,    // not playing: nothing produced
  Ended,     // no more frames (end of file, end of a finite rollout)
  Failed,    // the source broke; error() says why. Other panels are unaffected.
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  virtual const SourceInfo& info() const = 0;

  // Frames produced and not yet taken by the consumer.
  virtual FrameQueue& frames() = 0;

  // Produces at most one frame into frames(), if playing and there is room (or reports what a
  // source's own workers did, see above).
  virtual PumpResult pump() = 0;

  virtual void set_playing(bool playing) = 0;
  virtual bool playing() const = 0;

  // Drops queued frames; the next pump() produces frame_index. Fails when not seekable or out
  // of range.
  virtual Status seek(int64_t frame_index) = 0;
  // Seeks to the frame on screen at source time source_s (seconds on the source's timeline).
  // Sources with variable frame timing (video files) override it; others map time to a frame
  // through their nominal rate.
  virtual Status seek_to_time(double source_s) {
    return seek(int64_t(source_s * info().fps + 1e-6));
  }

  // Why the source stopped, once pump() returned Failed.
  virtual std::optional<Error> error() const = 0;

  // The render thread shows `frame`, taken from frames(). Sources that keep latency telemetry
  // note the moment (a tethered rollout: its display stage); others need not. Never blocks.
  virtual void shown(const Frame& frame) { (void)frame; }
};

}  // namespace wv
